"""Browser-measured load time of every dashboard page against the stand-in API (median of ``--runs``).

Each sample opens the page's URL in a new tab (a new Streamlit session, signed in through
DASHBOARD_AUTOLOGIN_API_KEY, a local-development switch; the sign-in and register pages on a second dashboard
without it) and stops the clock when the page's heading is shown and Streamlit has finished drawing (no script
run, no skeletons, every chart rendered).
"cold" tabs open in a fresh browser context (a first visit: the browser cache is empty and every
JavaScript chunk is downloaded); "warm" tabs open in one long-lived context (a returning visitor whose
browser cached Streamlit's static assets).

Where a warm load's time goes (a second table, medians of the warm samples), from the tab's websocket frames:
"before the run" (the HTML, Streamlit's JavaScript starting, health and host-config, the websocket: until the
first ``rerun_script`` is sent), "script run" (until the server's ``script_finished``: the page's Python,
its API calls, sending the elements) and "drawing after it" (until the page is drawn). "API calls" is what
the stand-in received for one load (sign-in included), for the page's first load (the dashboard's caches
empty) and the most common count: each counts against the organizer's daily quota, so
the demo key is put on the ``enterprise`` tier when the stand-in has tiers, or every sample after the
free tier's 100th request would measure the "quota used up" page.
Prints markdown tables. Usage: .venv/bin/python bench/page_load.py [--runs N] [--env NAME=VALUE ...]
(``--env STREAMLIT_RUNNER_POST_SCRIPT_GC=false`` compares a Streamlit setting without editing the app).

A sample that fails (an error box, or no heading) prints one sentence naming the page and the cause, saves a
screenshot under test-output/page_load/, and is counted in the table's "failed" column; the run goes on, and
the exit status is 1 when any sample failed. The usual cause on a shared machine is Chromium aborting requests
with net::ERR_NETWORK_CHANGED when Docker adds or removes a container's network interface (see
harness.describe_failed_requests): a lost JavaScript chunk shows "Failed to fetch dynamically imported module",
a lost main bundle leaves a blank page, which is given up 10 s after the failed request instead of after 60 s.
"""

from __future__ import annotations

import argparse
import json
import signal
import statistics
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "browser")]

import harness  # noqa: E402

from standin_api import DEMO_API_KEY, Faults, StandinServer  # noqa: E402

PAGES = [
    ("Overview", "", "VibeJudge AI: Organizer Dashboard"),
    ("Create Hackathon", "create-hackathon", "🎯 Create Hackathon"),
    ("Manage Hackathons", "manage-hackathons", "🗂 Manage Hackathons"),
    ("Live Dashboard", "live-dashboard", "📊 Live Dashboard"),
    ("Results", "results", "🏆 Results"),
    ("Intelligence", "intelligence", "💡 Intelligence"),
    ("Settings", "settings", "⚙️ Settings"),
    ("Sign in", "", "VibeJudge AI: Organizer Dashboard"),
    ("Register", "register", "📝 Register as an organizer"),
]
SIGNED_OUT = {"Sign in", "Register"}
"""Pages a visitor sees before signing in: measured on a second dashboard without the autologin switch."""
TIMEOUT_MS = 60000
# A page whose request failed and that still has no heading this long afterwards will not get one: Streamlit
# does not fetch a lost chunk again.
GIVE_UP_AFTER_FAILED_REQUEST_S = 10.0
SCREENSHOTS = ROOT / "test-output" / "page_load"


TIER = "enterprise"
LOOPBACK = urllib.request.build_opener(urllib.request.ProxyHandler({}))


class SampleFailed(Exception):
    """One sentence naming the page and why its sample has no time."""


@dataclass
class Sample:
    """One page load: the total and where it went (milliseconds), and the API calls it made."""

    total_ms: float
    before_run_ms: float
    script_ms: float
    api_calls: int

    @property
    def after_ms(self) -> float:
        return self.total_ms - self.before_run_ms - self.script_ms


class RunTimes:
    """From a tab's websocket frames: when the first rerun was sent and the first full run finished."""

    def __init__(self, page: Any) -> None:
        self.sent: float | None = None
        self.finished: float | None = None
        page.on("websocket", self._attach)

    def _attach(self, ws: Any) -> None:
        ws.on("framesent", self._sent)
        ws.on("framereceived", self._received)

    def _sent(self, payload: bytes | str) -> None:
        if self.sent is None and isinstance(payload, bytes):
            self.sent = time.perf_counter()

    def _received(self, payload: bytes | str) -> None:
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        if self.finished is not None or not isinstance(payload, bytes):
            return
        message = ForwardMsg()
        message.ParseFromString(payload)
        if (
            message.WhichOneof("type") == "script_finished"
            and message.script_finished == ForwardMsg.FINISHED_SUCCESSFULLY
        ):
            self.finished = time.perf_counter()


def _admin(origin: str, method: str, path: str, body: dict[str, Any] | None = None) -> tuple[int, Any]:
    request = urllib.request.Request(
        f"{origin}{path}",
        data=json.dumps(body).encode() if body is not None else None,
        method=method,
        headers={"Content-Type": "application/json"},
    )
    try:
        with LOOPBACK.open(request, timeout=10) as answer:
            raw = answer.read()
            return answer.status, json.loads(raw) if raw else None
    except urllib.error.HTTPError as err:
        return err.code, None


def give_room(origin: str) -> str:
    """The demo key on a tier with room for every sample; what the stand-in allows, in words."""
    status, switches = _admin(origin, "GET", "/__admin/faults")
    if status != 200 or "default_tier" not in (switches or {}):
        return "a stand-in without quotas"
    status, _ = _admin(origin, "POST", "/__admin/tier", {"api_key": DEMO_API_KEY, "tier": TIER})
    if status != 200:
        raise SystemExit(f"page_load: the stand-in refused tier {TIER} for the demo key ({status})")
    return f"the demo key on the `{TIER}` tier"


def api_calls(origin: str) -> int:
    """API requests the stand-in received since the last call (then forgets them)."""
    _, answer = _admin(origin, "GET", "/__admin/requests")
    _admin(origin, "DELETE", "/__admin/requests")
    return len((answer or {}).get("requests", []))


def _wait_for_heading(page: Any, heading: str, failed: list[harness.FailedRequest], deadline: float) -> str | None:
    """Wait for the heading; the reason it cannot come (a failed request, the timeout) when it does not."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

    locator = page.get_by_role("heading", name=heading).first
    while True:
        try:
            locator.wait_for(timeout=500)
            return None
        except PlaywrightTimeoutError:
            now = time.monotonic()
            if failed and now - failed[0].at > GIVE_UP_AFTER_FAILED_REQUEST_S:
                return f"no heading {GIVE_UP_AFTER_FAILED_REQUEST_S:.0f} s after the failed request"
            if now > deadline:
                return f"no heading within {TIMEOUT_MS / 1000:.0f} s"


def measure(
    context: Any, url: str, name: str, path: str, heading: str, label: str, api_origin: str | None = None
) -> Sample:
    """The load of the page in a new tab of ``context``; ``SampleFailed`` when it is not drawn."""
    from playwright.sync_api import Error as PlaywrightError

    page = context.new_page()
    failed = harness.watch_failed_requests(page)
    runs = RunTimes(page)
    if api_origin is not None:
        api_calls(api_origin)
    try:
        start = time.perf_counter()
        deadline = time.monotonic() + TIMEOUT_MS / 1000
        problem: str | None
        try:
            page.goto(f"{url}/{path}", timeout=TIMEOUT_MS)
            problem = _wait_for_heading(page, heading, failed, deadline)
            if problem is None:
                harness.wait_until_idle(page, TIMEOUT_MS)
                elapsed = (time.perf_counter() - start) * 1000
                errors = harness.error_boxes(page)
                problem = f"it showed the error '{errors[0].splitlines()[0]}'" if errors else None
        except PlaywrightError as err:
            problem = f"Playwright gave up ({str(err).splitlines()[0]})"
        if problem is None:
            sent = runs.sent if runs.sent is not None else start
            finished = runs.finished if runs.finished is not None else sent
            return Sample(
                total_ms=elapsed,
                before_run_ms=(sent - start) * 1000,
                script_ms=(finished - sent) * 1000,
                api_calls=api_calls(api_origin) if api_origin is not None else 0,
            )
        network = harness.describe_failed_requests(failed)
        cause = f"{network}, and {problem}" if network else problem
        screenshot = SCREENSHOTS / f"{label}-{path or 'overview'}.png"
        try:
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(screenshot))
            where = f" (screenshot: {screenshot.relative_to(ROOT)})"
        except PlaywrightError:
            where = ""
        raise SampleFailed(f"{name} ({label}) failed: {cause}{where}.")
    finally:
        page.close()


def table(samples: dict[str, dict[str, list[float]]], failures: dict[str, int], runs: int) -> list[str]:
    """The markdown table: medians and maxima of the samples that finished; runs per kind; failed samples."""

    def cell(values: list[float], statistic: Any) -> str:
        return f"{statistic(values):.0f}" if values else "—"

    lines = [
        "| Page | cold median (ms) | cold max (ms) | warm median (ms) | warm max (ms) | runs | failed |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for name, _, _ in PAGES:
        cold, warm = samples["cold"][name], samples["warm"][name]
        lines.append(
            f"| {name} | {cell(cold, statistics.median)} | {cell(cold, max)} | "
            f"{cell(warm, statistics.median)} | {cell(warm, max)} | {runs} | {failures[name]} |"
        )
    return lines


def breakdown(details: dict[str, list[Sample]], calls: dict[str, list[int]]) -> list[str]:
    """Where a warm load's time goes (medians of the warm samples) and the API calls of its loads."""

    def cell(values: list[float]) -> str:
        return f"{statistics.median(values):.0f}" if values else "—"

    lines = [
        "| Page | warm total (ms) | before the run (ms) | script run (ms) | drawing after it (ms) | "
        "API calls per load: first / most |",
        "|---|---:|---:|---:|---:|---|",
    ]
    for name, _, _ in PAGES:
        found, counts = details[name], calls[name]
        lines.append(
            f"| {name} | {cell([s.total_ms for s in found])} | {cell([s.before_run_ms for s in found])} | "
            f"{cell([s.script_ms for s in found])} | {cell([s.after_ms for s in found])} | "
            f"{f'{counts[0]} / {statistics.mode(counts)}' if counts else '—'} |"
        )
    return lines


def _interrupt(signum: int, frame: Any) -> None:
    raise KeyboardInterrupt


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="samples per page (default 5)")
    parser.add_argument("--env", action="append", default=[], help="NAME=VALUE for the dashboard (repeatable)")
    args = parser.parse_args()
    signal.signal(signal.SIGTERM, _interrupt)  # a timeout or kill ends the run like Ctrl-C: `finally` cleans up
    if not 1 <= args.runs <= 50:
        parser.error(f"--runs {args.runs} is not a number from 1 to 50")
    extra_env = {}
    for item in args.env:
        name, sep, value = item.partition("=")
        if not sep or not name:
            parser.error(f"--env '{item}' is not NAME=VALUE")
        extra_env[name] = value
    if not harness.CHROMIUM.exists():
        print(f"page_load: {harness.CHROMIUM_MISSING}", file=sys.stderr)
        return 2

    from playwright.sync_api import sync_playwright

    api = StandinServer("127.0.0.1", 0, Faults(seconds_per_submission=600)).start()
    samples: dict[str, dict[str, list[float]]] = {
        "cold": {n: [] for n, _, _ in PAGES},
        "warm": {n: [] for n, _, _ in PAGES},
    }
    failures = {n: 0 for n, _, _ in PAGES}
    details: dict[str, list[Sample]] = {n: [] for n, _, _ in PAGES}
    calls: dict[str, list[int]] = {n: [] for n, _, _ in PAGES}
    room = give_room(api.origin)
    try:
        with (
            harness.dashboard(api.base_url, {"DASHBOARD_AUTOLOGIN_API_KEY": DEMO_API_KEY, **extra_env}) as signed_in,
            harness.dashboard(api.base_url, extra_env) as signed_out,
            sync_playwright() as playwright,
        ):
            browser = playwright.chromium.launch(
                executable_path=str(harness.CHROMIUM),
                headless=True,
                args=harness.CHROMIUM_ARGS,
            )
            try:
                # One unmeasured load warms Streamlit's script cache, as any running server would be.
                warm = browser.new_context(viewport={"width": 1400, "height": 1000})
                warm.new_page().goto(signed_in)
                warm.new_page().goto(signed_out)
                for run in range(1, args.runs + 1):
                    for name, path, heading in PAGES:
                        url = signed_out if name in SIGNED_OUT else signed_in
                        for kind in ("cold", "warm"):
                            context = (
                                browser.new_context(viewport={"width": 1400, "height": 1000})
                                if kind == "cold"
                                else warm
                            )
                            try:
                                sample = measure(context, url, name, path, heading, f"{kind}-{run}", api.origin)
                                samples[kind][name].append(sample.total_ms)
                                calls[name].append(sample.api_calls)
                                if kind == "warm":
                                    details[name].append(sample)
                            except SampleFailed as failure:
                                failures[name] += 1
                                print(f"page_load: {failure}", file=sys.stderr)
                            finally:
                                if kind == "cold":
                                    context.close()
                warm.close()
            finally:
                browser.close()
    finally:
        api.stop()

    print("\n".join(table(samples, failures, args.runs)))
    print()
    print("\n".join(breakdown(details, calls)))
    settings = ", ".join(f"`{item}`" for item in args.env) or "none"
    print(f"\nStand-in: {room}. Extra dashboard settings: {settings}.")
    failed = sum(failures.values())
    if failed:
        print(f"page_load: {failed} of {2 * args.runs * len(PAGES)} samples failed (see above).", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
