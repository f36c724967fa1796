"""Browser-measured load time of each dashboard page against the stand-in API (median of 5).

Each sample opens the page's URL in a new tab (a new Streamlit session, signed in through
DASHBOARD_AUTOLOGIN_API_KEY, a local-development switch) and stops the clock when the page's heading is
shown and Streamlit has finished drawing (no script run, no skeletons, every chart rendered).
"cold" tabs open in a fresh browser context (a first visit: the browser cache is empty and every
JavaScript chunk is downloaded); "warm" tabs open in one long-lived context (a returning visitor whose
browser cached Streamlit's static assets).
Prints a markdown table. Usage: .venv/bin/python bench/page_load.py [--runs N]

A sample that fails (an error box, or no heading) prints one sentence naming the page and the cause, saves a
screenshot under test-output/page_load/, and is counted in the table's "failed" column; the run goes on, and
the exit status is 1 when any sample failed. The usual cause on a shared machine is Chromium aborting requests
with net::ERR_NETWORK_CHANGED when Docker adds or removes a container's network interface (see
harness.describe_failed_requests): a lost JavaScript chunk shows "Failed to fetch dynamically imported module",
a lost main bundle leaves a blank page, which is given up 10 s after the failed request instead of after 60 s.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
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
]
TIMEOUT_MS = 60000
# A page whose request failed and that still has no heading this long afterwards will not get one: Streamlit
# does not fetch a lost chunk again.
GIVE_UP_AFTER_FAILED_REQUEST_S = 10.0
SCREENSHOTS = ROOT / "test-output" / "page_load"


class SampleFailed(Exception):
    """One sentence naming the page and why its sample has no time."""


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


def measure(context: Any, url: str, name: str, path: str, heading: str, label: str) -> float:
    """Milliseconds until the page is drawn in a new tab of ``context``; ``SampleFailed`` when it is not."""
    from playwright.sync_api import Error as PlaywrightError

    page = context.new_page()
    failed = harness.watch_failed_requests(page)
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
            return elapsed
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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="samples per page (default 5)")
    args = parser.parse_args()
    if args.runs < 1:
        parser.error(f"--runs {args.runs} is not a positive number")
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
    try:
        with (
            harness.dashboard(api.base_url, {"DASHBOARD_AUTOLOGIN_API_KEY": DEMO_API_KEY}) as url,
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
                warm.new_page().goto(url)
                for run in range(1, args.runs + 1):
                    for name, path, heading in PAGES:
                        for kind in ("cold", "warm"):
                            context = (
                                browser.new_context(viewport={"width": 1400, "height": 1000})
                                if kind == "cold"
                                else warm
                            )
                            try:
                                samples[kind][name].append(measure(context, url, name, path, heading, f"{kind}-{run}"))
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
    failed = sum(failures.values())
    if failed:
        print(f"page_load: {failed} of {2 * args.runs * len(PAGES)} samples failed (see above).", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
