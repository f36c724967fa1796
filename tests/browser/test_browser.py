"""Headless Chromium (Debian's package) signs in and opens every page against the stand-in.

Each page must show its content and no exception or error box; a screenshot of each lands in
``test-output/browser/``.
"""

from __future__ import annotations

import sys
from pathlib import Path

from conftest import Standin

sys.path.insert(0, str(Path(__file__).resolve().parent))
import harness

from standin_api import DEMO_API_KEY

pytestmark = harness.BROWSER_TEST_MARKS
SCREENSHOTS = harness.SCREENSHOTS


def test_a_browser_signs_in_and_every_page_shows_content_without_errors(standin: Standin, tmp_path: Path) -> None:
    # A slow analysis keeps the Live Dashboard's running job steady while the test looks at it.
    standin.faults(seconds_per_submission=600)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    with harness.dashboard(standin.base_url) as url, harness.browser(tmp_path / "profile") as context:
        page = context.new_page()
        page.goto(url)
        page.get_by_role("heading", name="VibeJudge AI: Organizer Dashboard").wait_for(timeout=30000)
        page.screenshot(path=str(SCREENSHOTS / "0-sign-in.png"), full_page=True)
        page.get_by_label("API key", exact=True).fill(DEMO_API_KEY)
        page.get_by_role("button", name="Sign in with API key").click()
        page.get_by_text("The four AI agents").wait_for(timeout=30000)
        harness.wait_until_idle(page)
        assert harness.error_boxes(page) == []
        page.screenshot(path=str(SCREENSHOTS / "1-overview.png"), full_page=True)

        expected_text = {
            "Create Hackathon": "Agents and rubric weights",
            "Manage Hackathons": "Search by name",
            "Live Dashboard": "Analyze all pending",
            "Results": "Download leaderboard (CSV)",
            "Intelligence": "Must-interview candidates",
        }
        for index, (link, heading) in enumerate(harness.PAGES.items(), start=2):
            harness.open_page(page, link, heading)
            if link == "Results":
                harness.choose(page, "Hackathon", "Spring Hackathon 2025")
            page.get_by_text(expected_text[link]).first.wait_for(timeout=30000)
            assert harness.error_boxes(page) == [], f"{link} shows an error"
            page.screenshot(path=str(SCREENSHOTS / f"{index}-{link.lower().replace(' ', '-')}.png"), full_page=True)

        page.get_by_role("button", name="Log out").click()
        page.get_by_role("button", name="Sign in with API key").wait_for(timeout=30000)
