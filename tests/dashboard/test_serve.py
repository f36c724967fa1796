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
