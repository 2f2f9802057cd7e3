"""What `mkdocs serve` adds for authors, and only there.

- Live reload under the course's strict Content-Security-Policy: MkDocs injects
  an inline `<script>` (which `script-src 'self'` blocks); we have the server
  inject a same-origin file instead (assets/dev/livereload.js), so the page
  keeps exactly the policy readers get.
- Errors in the browser: a broken bank does not stop the preview; its
  `file:line: what to fix` messages appear where the widget would be (with a link
  to them at the page's top), and every other page lists the course's problems at its top.
- What `check` would say about a page (quizkit/authoring/preview.py), as a notice at its top.
- Every error printed every time: MkDocs drops a log message it has already
  printed once, so the second identical mistake would show no reason at all.
"""
from __future__ import annotations

import html
import logging
import time

from quizkit.resources import ASSETS_URL, read_bytes

RELOAD_SCRIPT = "livereload.js"
RELOAD_URL = ASSETS_URL + RELOAD_SCRIPT


def reload_client() -> bytes:
    return read_bytes("assets", "dev", RELOAD_SCRIPT)


def use_same_origin_reload(server) -> bool:
    """Make MkDocs' live-reload server inject `<script src=…>` rather than an inline script.

    Returns False (and changes nothing) if this MkDocs has no such hook; the
    page then simply does not reload by itself.
    """
    if not callable(getattr(server, "_inject_js_into_html", None)):
        return False
    src = "/" + (getattr(server, "mount_path", "/").strip("/") + "/" + RELOAD_URL).lstrip("/")

    def inject(content: bytes, epoch: int) -> bytes:
        tag = (f'<script src="{html.escape(src)}" data-epoch="{int(epoch)}" '
               f'data-request-id="{round(time.monotonic() * 1000)}"></script>').encode()
        at = content.rfind(b"</body>")
        at = len(content) if at < 0 else at
        return content[:at] + tag + content[at:]

    server._inject_js_into_html = inject
    return True


def reprint_repeated_messages() -> None:
    """Forget what MkDocs has printed, so a build repeats every message (its DuplicateFilter hides repeats)."""
    for name in ("mkdocs.commands.build", "mkdocs"):
        for f in logging.getLogger(name).filters:
            if hasattr(f, "msgs") and isinstance(f.msgs, set):
                f.msgs.clear()


BANK_ERRORS_ID = "qz-bank-errors"


def error_box(messages: list[str], title: str, box_id: str = "") -> str:
    """Material's 'failure' admonition (its own stylesheet, nothing inline), read out when the page loads."""
    items = "".join(f"<li><code>{_lines(m)}</code></li>" for m in messages)
    ident = f' id="{box_id}"' if box_id else ""
    return (f'<div{ident} class="admonition failure qz-build-errors" role="alert">'
            f'<p class="admonition-title">{html.escape(title)}</p><ul>{items}</ul>'
            '<p>Save the file again after fixing it: this page reloads by itself. '
            'Until then <code>make build</code> fails, and so would publishing.</p></div>')


def _lines(message: str) -> str:
    """A message's lines (a suggested fix is a line of YAML of its own), indentation kept."""
    return "<br>".join(html.escape(line).replace("  ", "&nbsp;&nbsp;") for line in message.split("\n"))


def show_errors(output: str, own: list[str], others: list[str], slot: str | None = None) -> str:
    """Put this page's bank errors where its widget goes (its marker, else before Sources), the rest at the top;
    a long lesson also gets a link at its top down to its own box."""
    top = ('<div class="admonition failure qz-build-errors-link"><p class="admonition-title">'
           f'<a href="#{BANK_ERRORS_ID}">The questions for this page could not be built: see why below</a></p></div>'
           if own else "")
    if own:
        box = error_box(own, "The questions for this page could not be built", BANK_ERRORS_ID)
        if slot and slot in output:
            output = output.replace(slot, box, 1)
            own = []
    if own:
        at = output.find('<h2 id="sources"')
        at = at if at >= 0 else output.rfind("</article>")
        if at >= 0:
            output = output[:at] + box + output[at:]
    box = top + (error_box(others, "The course has problems to fix") if others else "")
    opening = output.find("<article")
    end = output.find(">", opening) + 1 if opening >= 0 else -1
    if box and end > 0:
        output = output[:end] + box + output[end:]
    return output


def show_notes(output: str, notes: list[str]) -> str:
    """`check`'s findings for this page, at the top of its content: a notice, not an error (the preview builds)."""
    items = "".join(f"<li><code>{_lines(m)}</code></li>" for m in notes)
    box = ('<div class="admonition warning qz-check-notes" role="note">'
           '<p class="admonition-title">What <code>make check</code> says about this page</p>'
           f'<ul>{items}</ul><p>Only this preview shows this box. <code>make check</code>, '
           '<code>make build</code> and publishing stop at it until it is fixed (a <code>[widget-words]</code> line is only a warning).</p></div>')
    opening = output.find("<article")
    end = output.find(">", opening) + 1 if opening >= 0 else -1
    return output[:end] + box + output[end:] if end > 0 else output
