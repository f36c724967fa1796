"""Issue 11, items 1 and 12 in headless Chromium against the default (faithful) stand-in.

Item 1: after the organizer archives a hackathon on Manage, the Overview counts it as archived and neither the
Live Dashboard nor Results offers it, although the API's list still says "configured".
Item 12: the Settings page at /settings creates a key and shows its secret once with "save it now", rotates
the session's own key and keeps working on the new one, and revoking that key signs the session out with the
reason. Screenshots land in ``test-output/browser/``.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from conftest import Standin

sys.path.insert(0, str(Path(__file__).resolve().parent))
import harness

from standin_api import DEMO_API_KEY

pytestmark = harness.BROWSER_TEST_MARKS
SCREENSHOTS = harness.SCREENSHOTS
KEY_RE = re.compile(r"vj_live_[A-Za-z0-9+/]{32}")


def sign_in(page, url: str) -> None:
    page.goto(url)
    page.get_by_label("API key", exact=True).fill(DEMO_API_KEY)
    page.get_by_role("button", name="Sign in with API key").click()
    page.get_by_text("The four AI agents").wait_for(timeout=30000)
    harness.wait_until_idle(page)


def options_of(page, label: str) -> list[str]:
    """The option texts of the selectbox labelled ``label`` (opened, read, closed)."""
    box = page.locator('[data-testid="stSelectbox"]').filter(has_text=label).first
    box.click()
    options = page.get_by_role("option")
    options.first.wait_for(timeout=30000)
    texts = [options.nth(i).inner_text() for i in range(options.count())]
    page.keyboard.press("Escape")
    return texts


def test_item_1_an_archived_hackathon_leaves_every_picker_and_counts_as_archived_at_once(
    standin: Standin, tmp_path: Path
) -> None:
    standin.faults(seconds_per_submission=600)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    with harness.dashboard(standin.base_url) as url, harness.browser(tmp_path / "profile") as context:
        page = context.new_page()
        sign_in(page, url)
        harness.open_page(page, "Manage Hackathons", "🗂 Manage Hackathons")
        harness.choose(page, "Details of", "AWS Bedrock Builders 2026")
        page.get_by_role("button", name="Archive", exact=True).click()
        page.get_by_role("button", name="Yes, archive").click()
        page.get_by_text("AWS Bedrock Builders 2026 was archived.").wait_for(timeout=30000)
        harness.wait_until_idle(page)
        page.screenshot(path=str(SCREENSHOTS / "item-1-archived.png"), full_page=True)

        harness.open_page(page, "Live Dashboard", "📊 Live Dashboard")
        assert not [o for o in options_of(page, "Hackathon") if "AWS Bedrock Builders 2026" in o]
        harness.open_page(page, "Results", "🏆 Results")
        assert not [o for o in options_of(page, "Hackathon") if "AWS Bedrock Builders 2026" in o]
        page.get_by_role("link", name="Overview").first.click()
        page.get_by_text("The four AI agents").wait_for(timeout=30000)
        harness.wait_until_idle(page)
        archived = page.locator('[data-testid="stMetric"]').filter(has_text="Archived")
        assert archived.locator('[data-testid="stMetricValue"]').inner_text().strip() == "2"
        assert harness.error_boxes(page) == []
    # The API's own list still says configured: the pages above did not just follow it.
    listed = {h["name"]: h["status"] for h in _list(standin)}
    assert listed["AWS Bedrock Builders 2026"] == "configured"


def _list(standin: Standin) -> list[dict]:
    from components.api_client import ApiClient

    return ApiClient(standin.base_url, DEMO_API_KEY).list_hackathons()


def test_item_12_settings_creates_and_rotates_keys_and_revoking_the_sessions_key_signs_out(
    standin: Standin, tmp_path: Path
) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    with harness.dashboard(standin.base_url) as url, harness.browser(tmp_path / "profile") as context:
        page = context.new_page()
        sign_in(page, url)
        harness.open_page(page, "Settings", "⚙️ Settings")
        assert page.url == f"{url}/settings"  # the page's stable url_path
        assert harness.error_boxes(page) == []

        page.get_by_role("button", name="Create key").click()
        page.get_by_text("Save this API key now.").wait_for(timeout=30000)
        harness.wait_until_idle(page)
        created = page.locator('[data-testid="stCode"]').inner_text().strip()
        assert KEY_RE.fullmatch(created)
        page.screenshot(path=str(SCREENSHOTS / "item-12-created.png"), full_page=True)
        page.get_by_role("button", name="I have saved it").click()
        page.get_by_text("Save this API key now.").first.wait_for(state="detached", timeout=30000)
        harness.wait_until_idle(page)

        harness.choose(page, "Key", "this session")
        page.get_by_role("button", name="Rotate key").click()
        page.get_by_text("This is the key this session is signed in with").wait_for(timeout=30000)
        page.get_by_role("button", name="Yes, rotate").click()
        page.get_by_text("This session now uses the new key.").wait_for(timeout=30000)
        harness.wait_until_idle(page)
        rotated = page.locator('[data-testid="stCode"]').inner_text().strip()
        assert KEY_RE.fullmatch(rotated)
        assert rotated not in (created, DEMO_API_KEY)
        page.screenshot(path=str(SCREENSHOTS / "item-12-rotated.png"), full_page=True)
        page.get_by_role("button", name="I have saved it").click()
        harness.wait_until_idle(page)

        harness.open_page(page, "Manage Hackathons", "🗂 Manage Hackathons")  # the session works on the new key
        assert harness.error_boxes(page) == []
        harness.open_page(page, "Settings", "⚙️ Settings")

        harness.choose(page, "Key", "this session")
        page.get_by_role("button", name="Revoke key").click()
        page.get_by_text("revoking it signs this session out").wait_for(timeout=30000)
        page.get_by_role("button", name="Yes, revoke").click()
        page.get_by_text("You revoked the API key this session was signed in with").wait_for(timeout=30000)
        page.get_by_role("button", name="Sign in with API key").wait_for(timeout=30000)
        page.screenshot(path=str(SCREENSHOTS / "item-12-revoked.png"), full_page=True)
