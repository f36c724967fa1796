"""serve.py: the dashboard's launcher keeps idle HTTP connections open longer than the ALB's idle timeout."""

from __future__ import annotations

import http.client
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
import serve

ROOT = Path(__file__).resolve().parents[2]
IDLE_SECONDS = 7  # longer than uvicorn's own 5 s keep-alive, which serve.py replaces


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_the_keep_alive_defaults_to_the_alb_idle_timeout_plus_five_seconds() -> None:
    assert serve.keep_alive_seconds({}) == 3605


def test_the_keep_alive_can_be_set_from_the_environment() -> None:
    assert serve.keep_alive_seconds({"DASHBOARD_KEEP_ALIVE_SECONDS": "75"}) == 75


@pytest.mark.parametrize("raw", ["0", "-5", "1.5", "soon"])
def test_a_keep_alive_that_is_not_a_positive_whole_number_stops_with_one_sentence(raw: str) -> None:
    with pytest.raises(SystemExit) as exc:
        serve.keep_alive_seconds({"DASHBOARD_KEEP_ALIVE_SECONDS": raw})
    assert str(exc.value) == (
        f"DASHBOARD_KEEP_ALIVE_SECONDS '{raw}' is not valid; allowed: a whole number of seconds >= 1."
    )


def test_an_idle_keep_alive_connection_still_serves_after_uvicorns_default_timeout() -> None:
    port = _free_port()
    env = {**os.environ, "API_BASE_URL": "http://127.0.0.1:9/api/v1"}
    process = subprocess.Popen(
        [sys.executable, "serve.py", "--server.port", str(port), "--server.address", "127.0.0.1"],
        cwd=ROOT / "streamlit_ui",
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2):
                    break
            except OSError:
                assert process.poll() is None, f"serve.py exited with {process.returncode}"
                assert time.monotonic() < deadline, "serve.py did not answer /_stcore/health within 60 s"
                time.sleep(0.25)
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
        connection.request("GET", "/_stcore/health")
        first = connection.getresponse()
        first.read()
        time.sleep(IDLE_SECONDS)
        # The same TCP connection, as a load balancer would reuse it.
        connection.request("GET", "/_stcore/health")
        second = connection.getresponse()
        assert (first.status, second.status, second.read()) == (200, 200, b"ok")
        connection.close()
    finally:
        process.terminate()
        process.wait(timeout=15)


@pytest.mark.parametrize(
    ("path", "base", "expected"),
    [
        ("/results", "", True),
        ("/live-dashboard", "", True),
        ("/", "", False),
        ("/favicon.png", "", False),
        ("/_stcore/health", "", False),
        ("/static/js/index.js", "", False),
        ("/results/_stcore/health", "", False),
        ("/dash/results", "dash", True),
        ("/dash/", "/dash/", False),
        ("/results", "dash", False),
    ],
)
def test_only_one_segment_page_urls_below_the_servers_root_get_the_base_hint(
    path: str, base: str, expected: bool
) -> None:
    assert serve.is_page_path(path, base) is expected


def _call(app: serve.DeepLinkBaseHint, path: str) -> tuple[list[dict], list[tuple[bytes, bytes]]]:
    """Run one GET through ``app``; the messages it sent and the request headers the inner app saw."""
    import asyncio

    sent: list[dict] = []
    seen: list[tuple[bytes, bytes]] = []

    async def receive() -> dict:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict) -> None:
        sent.append(message)

    scope = {"type": "http", "method": "GET", "path": path, "headers": [(b"accept-encoding", b"gzip")]}
    app.app.seen = seen  # type: ignore[attr-defined]
    asyncio.run(app(scope, receive, send))
    return sent, seen


class _Page:
    """A stand-in for Streamlit's static files: index.html in two chunks, or a 404 for ``/x/_stcore/health``."""

    async def __call__(self, scope: dict, receive: object, send: object) -> None:
        self.seen.extend(scope["headers"])
        if scope["path"].endswith("health"):
            await send({"type": "http.response.start", "status": 404, "headers": [(b"content-length", b"9")]})
            await send({"type": "http.response.body", "body": b"Not Found"})
            return
        html = b"<html><head><title>x</title></head></html>"
        headers = [(b"content-type", b"text/html; charset=utf-8"), (b"content-length", str(len(html)).encode())]
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        await send({"type": "http.response.body", "body": html[:10], "more_body": True})
        await send({"type": "http.response.body", "body": html[10:]})


def test_a_page_urls_html_says_where_the_server_is_so_the_frontend_probes_no_wrong_path() -> None:
    # GIVEN the middleware around a server that answers a page URL with its HTML
    app = serve.DeepLinkBaseHint(_Page())
    # WHEN a browser opens /results
    sent, seen = _call(app, "/results")
    # THEN the HTML carries the hint right after <head>, with a matching length, and was asked for uncompressed
    body = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")
    assert body.startswith(b"<html><head>" + serve.BASE_HINT_SCRIPT + b"<title>")
    assert dict(sent[0]["headers"])[b"content-length"] == str(len(body)).encode()
    assert b"accept-encoding" not in dict(seen)


def test_the_home_page_and_other_answers_pass_through_unchanged() -> None:
    # "/missing-health" is shaped like a page URL but answered 404: only a 200 HTML page is edited
    for path in ("/", "/results/_stcore/health", "/missing-health"):
        app = serve.DeepLinkBaseHint(_Page())
        sent, seen = _call(app, path)
        assert serve.BASE_HINT_SCRIPT not in b"".join(m.get("body", b"") for m in sent)
        # a request that is not for a page keeps its Accept-Encoding (a page-shaped one cannot: its answer is unknown)
        assert ((b"accept-encoding", b"gzip") in seen) is (path != "/missing-health")


def test_no_page_needs_streamlit_magic_which_the_config_turns_off() -> None:
    # GIVEN the entry point and every page script
    import ast
    import tomllib

    ui = ROOT / "streamlit_ui"
    config = tomllib.loads((ui / ".streamlit" / "config.toml").read_text())
    shown: list[str] = []
    for script in [ui / "app.py", *sorted((ui / "views").glob("*.py"))]:
        for node in ast.walk(ast.parse(script.read_text())):
            for field in ("body", "orelse", "finalbody"):
                statements = getattr(node, field, None)
                for index, child in enumerate(statements if isinstance(statements, list) else []):
                    docstring = index == 0 and isinstance(child, ast.Expr) and isinstance(child.value, ast.Constant)
                    # WHEN a statement is a bare expression that is not a call or a docstring (what magic would write)
                    if isinstance(child, ast.Expr) and not isinstance(child.value, ast.Call) and not docstring:
                        shown.append(f"{script.name}:{child.lineno}")
    # THEN there is none, so magic (an AST rewrite of each script when it is compiled) can stay off
    assert config["runner"]["magicEnabled"] is False
    assert shown == []
