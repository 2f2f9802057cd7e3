"""A static file server on 127.0.0.1 for browser tests, optionally under a subpath."""
from __future__ import annotations

import contextlib
import functools
import http.server
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


@contextlib.contextmanager
def serve(directory: Path, prefix: str = "", headers: dict[str, str] | None = None):
    """Serve `directory` at http://127.0.0.1:<free port><prefix>/; yields that base URL."""
    handler = type("Handler", (_Handler,), {"prefix": prefix.rstrip("/"), "headers_to_add": dict(headers or {})})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(directory)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{prefix.rstrip('/')}/"
    finally:
        server.shutdown()
        server.server_close()
