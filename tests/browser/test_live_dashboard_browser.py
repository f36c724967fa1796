"""The Live Dashboard in headless Chromium: its fragment refreshes on the browser's own timer, recovers from an
outage with no click, never cuts a slow refresh off, disables an over-budget start, and keeps a free-tier key
within its quota for a whole day on a compressed clock.

The websocket frames the browser sends are decoded with Streamlit's own protobuf classes: a refresh is a
``rerun_script`` BackMsg that names the panel's fragment and is marked as an auto-rerun.
"""

from __future__ import annotations

import re
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from conftest import Standin

sys.path.insert(0, str(Path(__file__).resolve().parent))
import harness

from standin_api import DEMO_API_KEY

pytestmark = harness.BROWSER_TEST_MARKS
UPDATED = re.compile(r"Updated (\d\d:\d\d:\d\d) UTC\.")


@dataclass
class Frames:
    """What the page's websocket carried: the reruns the browser asked for and the timers the server set."""

    reruns: list[tuple[float, str, bool]] = field(default_factory=list)
    """(time, fragment id or "" for a full run, is an auto-rerun)."""
    timers: list[tuple[str, float]] = field(default_factory=list)
    """(fragment id, interval in seconds) of every AutoRerun message."""
    opened: int = 0
    """How many reruns it took to open the Live Dashboard (sign-in, overview, the page itself)."""

    def on_socket(self, socket: Any) -> None:
        from streamlit.proto.BackMsg_pb2 import BackMsg
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        def sent(payload: Any) -> None:
            if isinstance(payload, bytes):
                msg = BackMsg()
                msg.ParseFromString(payload)
                if msg.WhichOneof("type") == "rerun_script":
                    state = msg.rerun_script
                    self.reruns.append((time.monotonic(), state.fragment_id, state.is_auto_rerun))

        def received(payload: Any) -> None:
            if isinstance(payload, bytes):
                msg = ForwardMsg()
                try:
                    msg.ParseFromString(payload)
                except Exception:  # a cached message reference, not a full ForwardMsg
                    return
                if msg.WhichOneof("type") == "auto_rerun":
                    self.timers.append((msg.auto_rerun.fragment_id, msg.auto_rerun.interval))

        socket.on("framesent", sent)
        socket.on("framereceived", received)


@contextmanager
def live_page(
    standin: Standin, tmp_path: Path, extra_env: dict[str, str] | None = None
) -> Iterator[tuple[Any, Frames]]:
    env = {"DASHBOARD_AUTOLOGIN_API_KEY": DEMO_API_KEY, **(extra_env or {})}
    with harness.dashboard(standin.base_url, env) as url, harness.browser(tmp_path / "profile") as context:
        page = context.new_page()
        frames = Frames()
        page.on("websocket", frames.on_socket)
        open_live_dashboard(page, url)
        frames.opened = len(frames.reruns)
        yield page, frames


def open_live_dashboard(page: Any, url: str) -> None:
    # Through the navigation, not the /live-dashboard URL: the first deep link a fresh Streamlit process serves
    # shows "Page not found" over the page (it has not run st.navigation yet), which makes the page inert.
    page.goto(url)
    page.get_by_text("The four AI agents").wait_for(timeout=30000)
    harness.open_page(page, "Live Dashboard", "📊 Live Dashboard")


def schedule_line(page: Any) -> str:
    captions = page.locator('[data-testid="stCaptionContainer"]').all_inner_texts()
    return next((c for c in captions if c.startswith(("🔄", "⏸️"))), "")


def updated(page: Any) -> str | None:
    match = UPDATED.search(schedule_line(page))
    return match.group(1) if match else None


def warnings(page: Any) -> list[str]:
    return page.locator('[data-testid="stAlertContentWarning"]').all_inner_texts()


def wait_for(condition: Any, timeout_s: float, what: str) -> Any:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.25)
    raise AssertionError(f"gave up after {timeout_s:.0f} s waiting for {what}")


def test_the_page_refreshes_with_a_fragment_and_recovers_from_an_outage_with_no_click(
    standin: Standin, tmp_path: Path
) -> None:
    standin.set_tier(DEMO_API_KEY, "enterprise")  # room for the chosen 5 s
    with live_page(standin, tmp_path) as (page, frames):
        first = updated(page)
        assert first is not None, schedule_line(page)
        wait_for(lambda: updated(page) not in (None, first), 20, "a refresh")
        panel = [fid for fid, interval in frames.timers if 5 <= interval < 6]
        assert panel, frames.timers
        since_open = frames.reruns[frames.opened :]
        assert any(fid == panel[-1] and auto for _, fid, auto in since_open), (
            "the refresh was not a fragment auto-rerun"
        )
        assert all(fid for _, fid, _ in since_open), "a full rerun of the page happened while all was well"

        standin.faults(down=True)
        failed = wait_for(
            lambda: next((w for w in warnings(page) if w.startswith("The last refresh failed")), None), 30, "the outage"
        )
        assert "tries again in" in failed
        assert harness.error_boxes(page) == []

        standin.faults(down=False)
        recovered_at = updated(page)
        wait_for(
            lambda: (
                not any(w.startswith("The last refresh failed") for w in warnings(page))
                and updated(page) not in (None, recovered_at)
            ),
            45,
            "the page to recover by itself",
        )
        assert schedule_line(page).startswith(("🔄 Refreshing every 5.", "🔄 Refreshing every 6.0 s"))
        page.screenshot(path=str(harness.SCREENSHOTS / "live-recovered.png"), full_page=True)


def test_a_refresh_slower_than_the_interval_is_never_cut_off_by_the_next_tick(standin: Standin, tmp_path: Path) -> None:
    standin.set_tier(DEMO_API_KEY, "enterprise")
    standin.faults(seconds_per_submission=600)  # the job keeps running: every refresh asks stats and status
    with live_page(standin, tmp_path) as (page, _frames):
        hack_id = standin.hackathon_id("Serverless Sprint 2026")
        standin.faults(latency_ms=3500)  # two calls: 7 s per refresh, the interval is 5 s
        standin.clear_requests()
        seen = {updated(page)}
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            seen.add(updated(page))
            time.sleep(0.5)
        standin.faults(latency_ms=0)
        calls = [r.rsplit("/", 1)[-1] for r in standin.requests() if f"/hackathons/{hack_id}/" in r]
    # Every refresh that started also asked for the status: none was abandoned after its first call.
    pairs = "".join("S" if c == "stats" else "T" if c == "status" else "" for c in calls)
    assert len(pairs) >= 4, calls
    assert re.fullmatch(r"T?(ST)+S?", pairs), calls  # (a refresh may be under way at either end)
    assert len(seen - {None}) >= 3  # and the page showed each one


def test_an_over_budget_estimate_disables_start_and_says_what_to_change_in_the_browser(
    standin: Standin, tmp_path: Path
) -> None:
    from components.api_client import ApiClient

    client = ApiClient(standin.base_url, DEMO_API_KEY)
    dims = [("Code Quality", "bug_hunter"), ("Architecture", "performance"), ("Innovation", "innovation")]
    hack_id = client.create_hackathon(
        {
            "name": "Budget Jam",
            "rubric": {
                "dimensions": [
                    {"name": n, "weight": w, "agent": a} for (n, a), w in zip(dims, (0.3, 0.3, 0.4), strict=True)
                ]
            },
            "agents_enabled": [a for _, a in dims],
            "budget_limit_usd": 1.0,
        }
    )["hack_id"]
    client.activate_hackathon(hack_id)
    client.add_submissions(
        hack_id, [{"team_name": f"Team {i}", "repo_url": f"https://github.com/team-{i}/app"} for i in range(8)]
    )
    with live_page(standin, tmp_path) as (page, _frames):
        harness.choose(page, "Hackathon", "Budget Jam")
        page.get_by_role("button", name="Analyze all pending (8)").click()
        refusal = page.get_by_text("The hackathon's budget of $1.00 does not cover this analysis")
        refusal.wait_for(timeout=30000)
        assert "Analyze fewer submissions at a time" in refusal.inner_text()
        assert page.get_by_role("button", name="Start analysis").is_disabled()
        page.screenshot(path=str(harness.SCREENSHOTS / "live-over-budget.png"), full_page=True)


DAY_SCALE = 480  # 12 hours in 90 seconds


def test_a_free_tier_key_watching_from_8_to_20_utc_never_exceeds_its_quota_and_leaves_the_reserve(
    standin: Standin, tmp_path: Path
) -> None:
    clock = {"DASHBOARD_CLOCK_START": "2026-03-02T08:00:00Z", "DASHBOARD_CLOCK_SCALE": str(DAY_SCALE)}
    with harness.dashboard(standin.base_url, {"DASHBOARD_AUTOLOGIN_API_KEY": DEMO_API_KEY, **clock}) as url:
        standin.faults(clock_start="2026-03-02T08:00:00Z", clock_scale=DAY_SCALE)
        with harness.browser(tmp_path / "profile") as context:
            page = context.new_page()
            open_live_dashboard(page, url)
            lines: set[str] = set()
            deadline = time.monotonic() + 12 * 3600 / DAY_SCALE + 60
            while standin.clock()["now"][11:16] < "20:00":
                assert time.monotonic() < deadline, "the stand-in's clock did not reach 20:00 UTC"
                assert not any("quota of this API key is used up" in w for w in warnings(page))
                lines.add(schedule_line(page))
                time.sleep(1)
            quota = standin.quota()[DEMO_API_KEY[:16]]
            last_update = updated(page)
    assert quota["daily_quota"] == 100
    assert quota["used_today"] <= 100 - 20, quota  # the reserve of max(20, 20 %) is left
    assert quota["used_today"] >= 20, quota  # it kept refreshing (about every 13 min of the day) ...
    assert last_update is not None
    assert last_update >= "19:00", last_update  # ... until the evening
    paced = [line for line in lines if "to last the day" in line]
    assert paced, lines
    print(f"free-tier day 08:00-20:00 UTC: {quota['used_today']} of 100 requests used")
