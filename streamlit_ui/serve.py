"""Start the dashboard: ``python serve.py`` behaves like ``streamlit run app.py``, with two differences.

First, Streamlit's web server (uvicorn) closes idle HTTP keep-alive connections after 5 s.
Behind an Application Load Balancer, which reuses its connections to a target for up to its idle
timeout, that races: the load balancer sends a request on a connection the task is closing and the
visitor gets a 502 (in a browser: "Failed to fetch dynamically imported module"). AWS's guidance is a
target keep-alive longer than the load balancer's idle timeout, so this launcher gives uvicorn one
(``DASHBOARD_KEEP_ALIVE_SECONDS``, default 3605 s: the stack's ALB idle timeout of 3600 s plus 5 s).
Streamlit has no setting for it, so the default is set on ``uvicorn.Config`` before Streamlit builds it.

Second, a page opened by its own URL (``/results``, a bookmark or a reload) connects at once. Streamlit's
frontend does not know where the server's root is, so on such a URL it first asks for
``/results/_stcore/health`` and ``/results/_stcore/host-config``, gets 404s, waits 100 ms and only then tries
``/_stcore/...``: about 130 ms of every deep-linked load spent before the first script run
(``bench/page_load.py``). The frontend reads ``window.__streamlit.BACKEND_BASE_URL`` at start (a setting for
hosts that embed Streamlit) and then tries only that address; ``DeepLinkBaseHint`` sets it in the HTML of
one-segment page URLs, computed in the browser as the page URL's parent, so a proxy that adds a path prefix
keeps working. The home page (``/``) and everything else pass through untouched. Should a Streamlit upgrade
stop reading it, the only effect is the probe again (``tests/browser/test_deep_link.py`` says so).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

# ASGI callables (scope, receive, send); typed loosely to keep the launcher free of Starlette imports.
Scope = dict[str, Any]

KEEP_ALIVE_ENV = "DASHBOARD_KEEP_ALIVE_SECONDS"
DEFAULT_KEEP_ALIVE_SECONDS = 3605


def keep_alive_seconds(environ: dict[str, str] | os._Environ[str] = os.environ) -> int:
    """The keep-alive timeout from the environment; one sentence when it is not a whole number >= 1."""
    raw = environ.get(KEEP_ALIVE_ENV, "").strip()
    if not raw:
        return DEFAULT_KEEP_ALIVE_SECONDS
    if not raw.isdigit() or int(raw) < 1:
        raise SystemExit(f"{KEEP_ALIVE_ENV} '{raw}' is not valid; allowed: a whole number of seconds >= 1.")
    return int(raw)


def install_keep_alive(seconds: int) -> None:
    """Make every ``uvicorn.Config`` that does not set ``timeout_keep_alive`` use ``seconds``."""
    import uvicorn

    original_init = uvicorn.Config.__init__
    if getattr(original_init, "_dashboard_keep_alive", None) is not None:
        return

    def init_with_keep_alive(self: Any, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("timeout_keep_alive", seconds)
        original_init(self, *args, **kwargs)

    init_with_keep_alive._dashboard_keep_alive = seconds  # type: ignore[attr-defined]
    uvicorn.Config.__init__ = init_with_keep_alive  # type: ignore[method-assign]


# The parent of the page's URL (query and fragment dropped), e.g. http://host/prefix/ for http://host/prefix/results.
BASE_HINT_SCRIPT = b"<script>window.__streamlit={BACKEND_BASE_URL:new URL('.',location.href).href};</script>"


def is_page_path(path: str, base_url_path: str = "") -> bool:
    """Whether ``path`` is a page URL below the server's root: one segment, not a file, not Streamlit's own."""
    prefix = "/" + base_url_path.strip("/") if base_url_path.strip("/") else ""
    if prefix and not path.startswith(prefix + "/"):
        return False
    rest = path[len(prefix) :].strip("/")
    return bool(rest) and "/" not in rest and "." not in rest and not rest.startswith("_")


class DeepLinkBaseHint:
    """ASGI middleware: the HTML answer to a page URL carries ``BASE_HINT_SCRIPT`` right after ``<head>``.

    Such a request is sent on without ``Accept-Encoding`` (a 2-3 KB page, so the body can be edited); every
    other request and every answer that is not a 200 HTML page is passed through as it is.
    """

    def __init__(self, app: Any, base_url_path: str = "") -> None:
        self.app = app
        self.base_url_path = base_url_path

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        if (
            scope["type"] != "http"
            or scope.get("method") != "GET"
            or not is_page_path(scope.get("path", ""), self.base_url_path)
        ):
            await self.app(scope, receive, send)
            return
        headers = [(name, value) for name, value in scope.get("headers", []) if name.lower() != b"accept-encoding"]
        start: dict[str, Any] = {}
        body: list[bytes] = []

        async def send_with_hint(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                response_headers = {name.lower(): value for name, value in message.get("headers", [])}
                if (
                    message.get("status") == 200
                    and response_headers.get(b"content-type", b"").startswith(b"text/html")
                    and b"content-encoding" not in response_headers
                ):
                    start.update(message)  # held back until the whole body is here
                    return
                await send(message)
            elif message["type"] == "http.response.body" and start:
                body.append(message.get("body", b""))
                if message.get("more_body", False):
                    return
                html = b"".join(body).replace(b"<head>", b"<head>" + BASE_HINT_SCRIPT, 1)
                kept = [(n, v) for n, v in start.get("headers", []) if n.lower() != b"content-length"]
                await send({**start, "headers": [*kept, (b"content-length", str(len(html)).encode())]})
                await send({"type": "http.response.body", "body": html})
            else:
                await send(message)

        await self.app({**scope, "headers": headers}, receive, send_with_hint)


def install_deep_link_base_hint() -> None:
    """Wrap the app of every ``uvicorn.Config`` in ``DeepLinkBaseHint`` (with Streamlit's ``server.baseUrlPath``)."""
    import uvicorn

    original_init = uvicorn.Config.__init__
    if getattr(original_init, "_dashboard_base_hint", False):
        return

    def init_with_hint(self: Any, app: Any, *args: Any, **kwargs: Any) -> None:
        from streamlit import config

        original_init(self, DeepLinkBaseHint(app, config.get_option("server.baseUrlPath") or ""), *args, **kwargs)

    init_with_hint._dashboard_base_hint = True  # type: ignore[attr-defined]
    uvicorn.Config.__init__ = init_with_hint  # type: ignore[method-assign]


def main(argv: list[str]) -> int:
    install_keep_alive(keep_alive_seconds())
    install_deep_link_base_hint()
    from streamlit.web import cli

    app = str(Path(__file__).resolve().parent / "app.py")
    sys.argv = ["streamlit", "run", app, *argv]
    return cli.main()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
