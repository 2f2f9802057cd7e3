"""A static file server on 127.0.0.1 for browser tests, optionally under a subpath."""
from __future__ import annotations

import contextlib
import functools
import http.server
import socket
import sys
import threading
from pathlib import Path


class _Handler(http.server.SimpleHTTPRequestHandler):
    prefix = ""
    headers_to_add: dict[str, str] = {}

    def translate_path(self, path):
        if self.prefix:
            if not path.startswith(self.prefix):
                return str(Path(self.directory) / "__outside_prefix__")
            path = "/" + path[len(self.prefix):].lstrip("/")
        return super().translate_path(path)

    def send_error(self, code, message=None, explain=None):
        """A missing page gets the site's own 404.html, as GitHub Pages serves it."""
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def end_headers(self):
        for name, value in self.headers_to_add.items():
            self.send_header(name, value)
        super().end_headers()

    def log_message(self, *args):  # keep test output quiet
        pass


class _Server(http.server.ThreadingHTTPServer):
    request_queue_size = 64  # a browser opens several connections at once; 5 (the default) overflows under load

    def handle_error(self, request, client_address):
        # A page that moves on before a response is sent closes its connection: not an error of the test.
        if not isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            super().handle_error(request, client_address)


class _SharedPortServer(_Server):
    """Binds with SO_REUSEPORT: each pytest-xdist worker serves the one shared build on the one port
    it was built for (Material's instant navigation follows only the sitemap's host, port and path).

    The kernel hands each new connection to one of the workers' sockets. A socket that stops accepting
    resets the connections waiting on it, so a worker that is done keeps serving until its process ends."""

    def server_bind(self):
        self.socket.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
        super().server_bind()


@contextlib.contextmanager
def serve(directory: Path, prefix: str = "", headers: dict[str, str] | None = None, port: int = 0,
          shared: bool = False):
    """Serve `directory` at http://127.0.0.1:<port, else a free one><prefix>/; yields that base URL.
    `shared`: other processes may serve the same port too (they must say `shared` as well)."""
    handler = type("Handler", (_Handler,), {"prefix": prefix.rstrip("/"), "headers_to_add": dict(headers or {})})
    kind = _SharedPortServer if shared else _Server
    server = kind(("127.0.0.1", port), functools.partial(handler, directory=str(directory)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{prefix.rstrip('/')}/"
    finally:
        if not shared:  # a shared one serves the other workers until this process exits (see above)
            server.shutdown()
            server.server_close()
