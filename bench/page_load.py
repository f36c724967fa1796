"""Browser-measured load time of each dashboard page against the stand-in API (median of 5).

Each sample opens the page's URL in a new tab (a new Streamlit session, signed in through
DASHBOARD_AUTOLOGIN_API_KEY, a local-development switch) and stops the clock when the page's heading is
shown and Streamlit has finished drawing (no script run, no skeletons, every chart rendered).
"cold" tabs open in a fresh browser context (a first visit: the browser cache is empty and every
JavaScript chunk is downloaded); "warm" tabs open in one long-lived context (a returning visitor whose
browser cached Streamlit's static assets).
Prints a markdown table. Usage: .venv/bin/python bench/page_load.py [--runs N]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="samples per page (default 5)")
    args = parser.parse_args()
    if args.runs < 1:
        parser.error(f"--runs {args.runs} is not a positive number")
    if not harness.CHROMIUM.exists():
        print(f"page_load: {harness.CHROMIUM} is missing; install Debian's chromium package", file=sys.stderr)
        return 2

    from playwright.sync_api import sync_playwright

    api = StandinServer("127.0.0.1", 0, Faults(seconds_per_submission=600)).start()
    samples: dict[str, dict[str, list[float]]] = {
        "cold": {n: [] for n, _, _ in PAGES},
        "warm": {n: [] for n, _, _ in PAGES},
    }
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

                def measure(context: object, name: str, path: str, heading: str) -> str | None:
                    page = context.new_page()  # type: ignore[attr-defined]
                    start = time.perf_counter()
                    page.goto(f"{url}/{path}")
                    page.get_by_role("heading", name=heading).first.wait_for(timeout=TIMEOUT_MS)
                    harness.wait_until_idle(page, TIMEOUT_MS)
                    elapsed = (time.perf_counter() - start) * 1000
                    errors = harness.error_boxes(page)
                    page.close()
                    return errors[0] if errors else str(elapsed)

                for _ in range(args.runs):
                    for name, path, heading in PAGES:
                        for kind in ("cold", "warm"):
                            context = (
                                browser.new_context(viewport={"width": 1400, "height": 1000})
                                if kind == "cold"
                                else warm
                            )
                            result = measure(context, name, path, heading)
                            if kind == "cold":
                                context.close()
                            try:
                                samples[kind][name].append(float(result or ""))
                            except ValueError:
                                print(f"page_load: {name} showed an error: {result}", file=sys.stderr)
                                return 1
                warm.close()
            finally:
                browser.close()
    finally:
        api.stop()

    print("| Page | cold median (ms) | cold max (ms) | warm median (ms) | warm max (ms) | runs |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, _, _ in PAGES:
        cold, warm_values = samples["cold"][name], samples["warm"][name]
        print(
            f"| {name} | {statistics.median(cold):.0f} | {max(cold):.0f} | "
            f"{statistics.median(warm_values):.0f} | {max(warm_values):.0f} | {len(cold)} |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
