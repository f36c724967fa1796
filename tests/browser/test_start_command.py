"""The README's main command (`npm start` = scripts/start.sh) shows the signed-in dashboard with data.

It runs the real script on free loopback ports, opens the dashboard in headless Chromium, and checks
that the visitor is signed in as the stand-in's demo organizer and sees seeded data; then Ctrl-C
(SIGINT) stops the script and both local servers.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from conftest import ROOT

sys.path.insert(0, str(Path(__file__).resolve().parent))
import harness

pytestmark = harness.BROWSER_TEST_MARKS
SCREENSHOTS = harness.SCREENSHOTS
READY_TIMEOUT_SECONDS = 240


def _wait_for_line(process: subprocess.Popen[str], marker: str, timeout_seconds: float) -> list[str]:
    """Read the script's output until a line contains ``marker``; fail on exit or timeout."""
    seen: list[str] = []
    deadline = time.monotonic() + timeout_seconds
    assert process.stdout is not None
    os.set_blocking(process.stdout.fileno(), False)
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if line:
            seen.append(line.rstrip())
            if marker in line:
                return seen
            continue
        if process.poll() is not None:
            pytest.fail(f"start.sh exited with {process.returncode} before '{marker}':\n" + "\n".join(seen[-40:]))
        time.sleep(0.2)
    pytest.fail(f"start.sh printed no '{marker}' within {timeout_seconds} s:\n" + "\n".join(seen[-40:]))


def _port_closed(port: int) -> bool:
    import socket

    with socket.socket() as sock:
        sock.settimeout(1)
        return sock.connect_ex(("127.0.0.1", port)) != 0


def test_npm_start_shows_the_signed_in_dashboard_with_data_and_stops_on_ctrl_c(tmp_path: Path) -> None:
    dashboard_port, standin_port = harness.free_port(), harness.free_port()
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith("DASHBOARD_") and name not in ("API_BASE_URL",)
    }
    # STANDIN_ARGS reaches the stand-in's command line (a 1 ms latency changes nothing the test checks).
    env.update(
        {"DASHBOARD_PORT": str(dashboard_port), "STANDIN_PORT": str(standin_port), "STANDIN_ARGS": "--latency-ms 1"}
    )
    process = subprocess.Popen(
        ["bash", str(ROOT / "scripts" / "start.sh")],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    try:
        output = _wait_for_line(process, "Dashboard:", READY_TIMEOUT_SECONDS)
        assert any("vibejudge-dashboard-prod" in line for line in output), "the synth summary lists the prod stack"
        with urllib.request.urlopen(f"http://127.0.0.1:{standin_port}/__admin/faults", timeout=10) as response:
            assert json.loads(response.read())["latency_ms"] == 1, "STANDIN_ARGS reaches the stand-in"
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        with harness.browser(tmp_path / "profile") as context:
            page = context.new_page()
            page.goto(f"http://127.0.0.1:{dashboard_port}/")
            # Signed in without typing anything: the overview, not the sign-in form.
            page.get_by_text("The four AI agents").wait_for(timeout=60000)
            harness.open_page(page, "Results", harness.PAGES["Results"])
            harness.choose(page, "Hackathon", "Spring Hackathon 2025")
            page.get_by_text("Download leaderboard (CSV)").first.wait_for(timeout=30000)
            assert harness.error_boxes(page) == []
            page.screenshot(path=str(SCREENSHOTS / "npm-start-results.png"), full_page=True)
        os.killpg(process.pid, signal.SIGINT)
        # start.sh turns Ctrl-C into exit status 130 after stopping both servers.
        assert process.wait(timeout=30) == 130
        assert _port_closed(dashboard_port), "Ctrl-C stops the dashboard"
        assert _port_closed(standin_port), "Ctrl-C stops the stand-in API"
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)
