"""Start the dashboard (``streamlit run``) against a stand-in and drive Debian's Chromium with Playwright.

Used by the browser test and by ``bench/page_load.py``. Every wait is bounded.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
# The browser every test and benchmark launches, read from here only: $CHROMIUM (for example
# /usr/bin/google-chrome on GitHub's Ubuntu runners, whose apt `chromium` is a snap shim), default
# Debian's /usr/bin/chromium.
CHROMIUM = Path(os.environ.get("CHROMIUM") or "/usr/bin/chromium")
CHROMIUM_MISSING = (
    f"{CHROMIUM} is missing: install Debian's chromium package, or set CHROMIUM to a Chromium binary (CI installs it)"
)
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]
STARTUP_TIMEOUT_SECONDS = 60
SCREENSHOTS = ROOT / "test-output" / "browser"
# Every browser test: marked `browser`, and skipped with the reason when the browser is missing.
BROWSER_TEST_MARKS = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(),
        reason=CHROMIUM_MISSING,
    ),
]
PAGES = {
    "Create Hackathon": "🎯 Create Hackathon",
    "Manage Hackathons": "🗂 Manage Hackathons",
    "Live Dashboard": "📊 Live Dashboard",
    "Results": "🏆 Results",
    "Intelligence": "💡 Intelligence",
}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def dashboard(api_base_url: str, extra_env: dict[str, str] | None = None) -> Iterator[str]:
    """Run the dashboard on a free loopback port; yields its URL once ``/_stcore/health`` answers."""
    port = free_port()
    env = {name: value for name, value in os.environ.items() if name != "DASHBOARD_AUTOLOGIN_API_KEY"}
    env.update(
        {
            "API_BASE_URL": api_base_url,
            "DASHBOARD_RETRY_BASE_SECONDS": "0.05",
            "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false",
        }
    )
    env.update(extra_env or {})
    command = [
        sys.executable,
        str(ROOT / "streamlit_ui" / "serve.py"),
        "--server.port",
        str(port),
        "--server.address",
        "127.0.0.1",
        "--server.headless",
        "true",
    ]
    process = subprocess.Popen(
        command, cwd=ROOT / "streamlit_ui", env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + STARTUP_TIMEOUT_SECONDS
        while True:
            if process.poll() is not None:
                raise RuntimeError(
                    f"streamlit exited with {process.returncode}: {process.stderr.read().decode()[-2000:]}"
                )
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"streamlit did not answer /_stcore/health within {STARTUP_TIMEOUT_SECONDS} s")
            time.sleep(0.25)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


@contextmanager
def browser(user_data_dir: Path) -> Iterator[Any]:
    """A fresh persistent Chromium context (Debian's binary) with the project's flags."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(user_data_dir),
            executable_path=str(CHROMIUM),
            headless=True,
            args=CHROMIUM_ARGS,
            viewport={"width": 1400, "height": 1000},
        )
        try:
            yield context
        finally:
            context.close()


def wait_until_idle(page: Any, timeout_ms: int = 30000) -> None:
    """Wait until the script run is over and everything drawn: no skeletons, every Plotly chart has its SVG."""
    page.wait_for_selector('[data-testid="stApp"]', timeout=timeout_ms)
    page.wait_for_function(
        """() => {
            const app = document.querySelector('[data-testid="stApp"]');
            if (!app || app.getAttribute('data-test-script-state') === 'running') return false;
            if (document.querySelector('[data-testid^="stSkeleton"], [data-testid="stAppSkeleton"]')) return false;
            for (const chart of document.querySelectorAll('[data-testid="stPlotlyChart"]')) {
                if (!chart.querySelector('.main-svg')) return false;
            }
            return true;
        }""",
        timeout=timeout_ms,
    )


def open_page(page: Any, link_text: str, heading: str, timeout_ms: int = 30000) -> None:
    page.get_by_role("link", name=link_text).first.click()
    page.get_by_role("heading", name=heading).wait_for(timeout=timeout_ms)
    wait_until_idle(page, timeout_ms)


NETWORK_CHANGED = "net::ERR_NETWORK_CHANGED"


@dataclass(frozen=True)
class FailedRequest:
    at: float  # time.monotonic() when Chromium reported it
    url: str
    error: str  # Chromium's net error, e.g. net::ERR_NETWORK_CHANGED


def watch_failed_requests(page: Any) -> list[FailedRequest]:
    """A list that fills with every request of ``page`` that fails at the network level (no HTTP answer)."""
    failed: list[FailedRequest] = []
    page.on(
        "requestfailed",
        lambda request: failed.append(FailedRequest(time.monotonic(), request.url, request.failure or "unknown error")),
    )
    return failed


def describe_failed_requests(failed: list[FailedRequest]) -> str:
    """One clause naming what went wrong on the network; empty when nothing failed.

    Chromium aborts the requests in flight with ``net::ERR_NETWORK_CHANGED`` whenever the host's network
    configuration changes, even for loopback. On a shared machine that is usually Docker creating or removing
    a container's veth interface. A lost JavaScript chunk leaves Streamlit with "Failed to fetch dynamically
    imported module" in an element, or, for its main bundle, a blank page that never shows its heading.
    """
    if not failed:
        return ""
    errors = sorted({request.error for request in failed})
    first = failed[0].url.split("/", 3)[-1]
    clause = f"Chromium aborted {len(failed)} request(s) with {', '.join(errors)} (first: /{first})"
    if NETWORK_CHANGED in errors:
        clause += " because the host's network configuration changed mid-load (Docker starting or removing a container does that)"
    return clause


def error_boxes(page: Any) -> list[str]:
    """Texts of exception boxes and error alerts on the page."""
    found = page.locator('[data-testid="stException"], [data-testid="stAlertContentError"]')
    return [found.nth(i).inner_text() for i in range(found.count())]


def choose(page: Any, label: str, option_prefix: str, timeout_ms: int = 30000) -> None:
    """Pick the option starting with ``option_prefix`` in the selectbox labelled ``label``."""
    box = page.locator('[data-testid="stSelectbox"]').filter(has_text=label).first
    box.click()
    page.get_by_role("option").filter(has_text=option_prefix).first.click()
    wait_until_idle(page, timeout_ms)
