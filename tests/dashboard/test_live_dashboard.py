"""AppTest of the Live Dashboard against the faithful stand-in (free tier, stale list, 500s, oldest job).

AppTest runs the whole page each time, the panel fragment inline; a "tick" here is a run after the dashboard's
clock (``manual_clock``) moved on by the interval the page registered, which is what the fragment's timer does
in a browser (tests/browser/test_live_dashboard_browser.py watches the real timer). Requests are counted at the stand-in.
"""

from __future__ import annotations

import re
import socket
from typing import Any

import pytest
from conftest import ManualClock, Standin, button, link_url, ok, tables, texts
from streamlit.testing.v1 import AppTest

from components.api_client import ApiClient
from components.budget import BudgetRegistry
from standin_api import DEMO_API_KEY, EMPTY_API_KEY, OTHER_API_KEY, Faults, StandinServer

LIVE = "2_📊_Live_Dashboard.py"


def select(at: AppTest, label: str) -> Any:
    return next(s for s in at.selectbox if s.label == label)


def open_live(app, standin: Standin, name: str | None = None, key: str = DEMO_API_KEY) -> AppTest:
    at = ok(app(page=LIVE, key=key))
    if name is not None:
        ok(select(at, "Hackathon").set_value(standin.hackathon_id(name)).run())
    return at


def state(at: AppTest) -> Any:
    return at.session_state["vj_live_state"]


def tick(at: AppTest, clock: ManualClock, standin: Standin | None = None) -> AppTest:
    """What the panel's timer does: one refresh after the interval the page registered (with ``standin``, the
    stand-in's clock moves on by as much, so both agree on the quota day).

    AppTest runs the whole page, which registers the interval it wants before the panel looks at the time; a
    first run (too early to refresh: no call) makes that the interval, then the clock moves on by it.
    """
    ok(at.run())
    interval = state(at).registered_interval
    clock.advance(interval)
    if standin is not None:
        standin.advance(interval)
    return ok(at.run())


def schedule_line(at: AppTest) -> str:
    return next((c for c in texts(at.caption) if c.startswith(("🔄", "⏸️"))), "")


def warnings(at: AppTest) -> list[str]:
    return [w for w in texts(at.main.warning) if " failed: " not in w or "last refresh" in w]


def metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def new_hackathon(standin: Standin, *, budget: float | None, teams: int, name: str = "Budget Jam") -> str:
    client = ApiClient(standin.base_url, DEMO_API_KEY)
    body: dict[str, Any] = {
        "name": name,
        "description": "test",
        "rubric": {
            "dimensions": [
                {"name": "Code Quality", "weight": 0.3, "agent": "bug_hunter"},
                {"name": "Architecture", "weight": 0.3, "agent": "performance"},
                {"name": "Innovation", "weight": 0.3, "agent": "innovation"},
                {"name": "Authenticity", "weight": 0.1, "agent": "ai_detection"},
            ]
        },
        "agents_enabled": ["bug_hunter", "performance", "innovation", "ai_detection"],
    }
    if budget is not None:
        body["budget_limit_usd"] = budget
    hack_id = client.create_hackathon(body)["hack_id"]
    client.activate_hackathon(hack_id)
    add_teams(standin, hack_id, range(teams))
    return hack_id


def spend_quota(standin: Standin, *, limit: int, leave: int) -> None:
    """Make the demo key's quota ``limit`` a day and spend all but ``leave`` requests of it elsewhere (another
    client of the same key: the page learns it from the API's next answer)."""
    standin.faults(daily_quota=limit, unlimited_rate=True)
    elsewhere = ApiClient(standin.base_url, DEMO_API_KEY, budget_registry=BudgetRegistry())
    for _ in range(limit - leave - standin.quota()[DEMO_API_KEY[:16]]["used_today"]):
        elsewhere.me()
    standin.faults(unlimited_rate=False)


def add_teams(standin: Standin, hack_id: str, numbers: Any) -> None:
    ApiClient(standin.base_url, DEMO_API_KEY).add_submissions(
        hack_id, [{"team_name": f"Team {i}", "repo_url": f"https://github.com/team-{i}/app"} for i in numbers]
    )


# --- the schedule ----------------------------------------------------------------------------------------
def test_live_dashboard_without_active_hackathons_shows_a_hint(app) -> None:
    at = ok(app(page=LIVE, key=EMPTY_API_KEY))
    assert texts(at.main.info)[0].startswith("No hackathon to monitor")


def test_a_free_tier_key_refreshes_at_the_interval_that_lasts_the_day_and_the_page_says_why(
    app, ui_env: Standin
) -> None:
    at = open_live(app, ui_env)
    line = schedule_line(at)
    assert re.fullmatch(
        r"🔄 Refreshing every [\d.]+ (s|min|h( \d+ min)?) to last the day: (\d+) requests left, resets 00:00 UTC; "
        r"20 kept for your own actions\. Updated \d\d:\d\d:\d\d UTC\.",
        line,
    ), line
    left = int(re.search(r"(\d+) requests left", line).group(1))
    assert left == ui_env.quota()[DEMO_API_KEY[:16]]["remaining_today"]


def test_a_tier_with_room_refreshes_at_the_chosen_interval(app, ui_env: Standin) -> None:
    ui_env.set_tier(DEMO_API_KEY, "enterprise")
    at = open_live(app, ui_env)
    assert re.fullmatch(r"🔄 Refreshing every (5\.\d|6\.0) s as chosen \([\d,]+ requests left, .*", schedule_line(at))
    assert 5 <= state(at).registered_interval < 6


def test_the_sidebar_shows_the_requests_left_and_when_they_reset(app, ui_env: Standin) -> None:
    at = open_live(app, ui_env)
    at = ok(at.run())  # the sidebar is drawn before the page: it shows what the API said up to the last run
    left = ui_env.quota()[DEMO_API_KEY[:16]]["remaining_today"]
    assert f"API quota: {left} requests left, resets 00:00 UTC" in texts(at.sidebar.caption)


def test_the_refresh_interval_comes_from_the_environment(app, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DASHBOARD_REFRESH_SECONDS", "30")
    at = ok(app(page=LIVE))
    assert select(at, "Every").value == 30


def test_a_bad_refresh_interval_is_one_sentence_and_falls_back_to_5_s(app, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DASHBOARD_REFRESH_SECONDS", "2")
    at = ok(app(page=LIVE))
    assert "DASHBOARD_REFRESH_SECONDS '2' is not one of 5, 10, 30, 60; refreshing every 5 s." in texts(at.main.warning)
    assert select(at, "Every").value == 5


def test_auto_refresh_can_be_switched_off(app, ui_env: Standin) -> None:
    at = open_live(app, ui_env)
    ok(at.toggle(key="live_auto").set_value(False).run())
    assert schedule_line(at).startswith("⏸️ Auto-refresh is off; press Refresh now to update.")
    assert state(at).registered_interval is None


# --- calls per refresh, counted at the stand-in ------------------------------------------------------------
def test_an_idle_hackathon_costs_one_call_per_refresh(app, ui_env: Standin, manual_clock: ManualClock) -> None:
    at = open_live(app, ui_env, "AWS Bedrock Builders 2026")
    hack_id = ui_env.hackathon_id("AWS Bedrock Builders 2026")
    ui_env.clear_requests()
    tick(at, manual_clock)
    tick(at, manual_clock)
    assert ui_env.requests() == [f"GET /api/v1/hackathons/{hack_id}/stats"] * 2


def test_while_a_job_runs_a_refresh_asks_its_status_and_the_submissions_only_when_it_progressed(
    app, ui_env: Standin, manual_clock: ManualClock
) -> None:
    ui_env.set_tier(DEMO_API_KEY, "enterprise")  # a 5 s interval: the job hardly moves between two refreshes
    ui_env.faults(seconds_per_submission=600)
    at = open_live(app, ui_env, "Serverless Sprint 2026")
    hack_id = ui_env.hackathon_id("Serverless Sprint 2026")
    ui_env.clear_requests()
    tick(at, manual_clock, ui_env)
    assert ui_env.requests() == [
        f"GET /api/v1/hackathons/{hack_id}/stats",
        f"GET /api/v1/hackathons/{hack_id}/analyze/status",
    ]
    ui_env.advance(1200)  # two submissions done
    ui_env.clear_requests()
    tick(at, manual_clock, ui_env)
    assert ui_env.requests() == [
        f"GET /api/v1/hackathons/{hack_id}/stats",
        f"GET /api/v1/hackathons/{hack_id}/analyze/status",
        f"GET /api/v1/hackathons/{hack_id}/submissions",
    ]


def test_two_sessions_of_one_key_share_their_reads_and_sessions_of_another_key_do_not(
    app, ui_env: Standin, manual_clock: ManualClock
) -> None:
    first = open_live(app, ui_env, "AWS Bedrock Builders 2026")
    second = open_live(app, ui_env, "AWS Bedrock Builders 2026")
    ok(second.run())  # registers its interval, like the first one's tick below
    ui_env.clear_requests()
    tick(first, manual_clock)
    ok(second.run())  # its own refresh, at the same moment
    hack_id = ui_env.hackathon_id("AWS Bedrock Builders 2026")
    assert ui_env.requests() == [f"GET /api/v1/hackathons/{hack_id}/stats"]
    assert state(second).refreshes == state(first).refreshes  # both refreshed, one call between them
    assert metrics(second)["Submissions"] == "14"
    other = open_live(app, ui_env, key=OTHER_API_KEY)
    assert metrics(other)["Submissions"] == "2"  # its own reads, never the demo key's


def test_a_run_that_comes_before_the_interval_makes_no_call(app, ui_env: Standin) -> None:
    at = open_live(app, ui_env, "AWS Bedrock Builders 2026")
    ui_env.clear_requests()
    ok(at.run())
    assert ui_env.requests() == []


# --- the quota -----------------------------------------------------------------------------------------------
def test_the_quota_spent_state_is_said_once_with_what_to_do_and_refreshing_stops(
    app, ui_env: Standin, manual_clock: ManualClock
) -> None:
    at = open_live(app, ui_env, "AWS Bedrock Builders 2026")
    hack_id = ui_env.hackathon_id("AWS Bedrock Builders 2026")
    spend_quota(ui_env, limit=40, leave=0)  # spent by another tab or script of this key
    ok(button(at, "Refresh now").click().run())  # the API answers the quota 429
    boxes = texts(at.main.warning)
    assert len(boxes) == 1, boxes
    assert boxes[0].startswith("The daily request quota of this API key is used up (40 requests a day).")
    assert "starts again by itself after the reset at 00:00 UTC" in boxes[0]
    assert "revokes your previous keys, this one included" in boxes[0]
    assert not at.main.error
    assert metrics(at)["Submissions"] == "14"  # what the page knew stays on screen
    ui_env.clear_requests()
    manual_clock.advance(600)
    ui_env.advance(600)
    ok(at.run())
    assert ui_env.requests() == []
    assert len(texts(at.main.warning)) == 1
    tick(at, manual_clock, ui_env)  # its timer wakes the page after the reset
    assert ui_env.requests() == [f"GET /api/v1/hackathons/{hack_id}/stats"]
    assert texts(at.main.warning) == []
    assert schedule_line(at).startswith("🔄 Refreshing every")


def test_a_quota_refused_minutes_before_midnight_refreshes_right_after_the_reset(
    app, ui_env: Standin, manual_clock: ManualClock
) -> None:
    # the new day's interval (a day / 20 usable requests = 72 min) is longer than the 10 min since the refusal
    manual_clock.advance(11 * 3600 + 50 * 60)  # 23:50 UTC
    ui_env.advance(11 * 3600 + 50 * 60)
    at = open_live(app, ui_env, "AWS Bedrock Builders 2026")
    hack_id = ui_env.hackathon_id("AWS Bedrock Builders 2026")
    spend_quota(ui_env, limit=40, leave=0)
    ok(button(at, "Refresh now").click().run())
    assert texts(at.main.warning)[0].startswith("The daily request quota of this API key is used up")
    ui_env.clear_requests()
    tick(at, manual_clock, ui_env)  # the timer set for the reset wakes the page at 00:00:05
    assert manual_clock.now().strftime("%H:%M") < "00:03"  # (10 min + 5 s) × up to 20 % jitter
    assert ui_env.requests() == [f"GET /api/v1/hackathons/{hack_id}/stats"]
    assert texts(at.main.warning) == []


def test_auto_refresh_stops_at_the_reserve_and_leaves_it_for_the_organizers_own_actions(
    app, ui_env: Standin, manual_clock: ManualClock
) -> None:
    at = open_live(app, ui_env, "AWS Bedrock Builders 2026")
    spend_quota(ui_env, limit=40, leave=21)  # one refresh, then only the reserve of 20 is left
    tick(at, manual_clock)
    assert schedule_line(at).startswith("⏸️ Auto-refresh waits for the quota reset at 00:00 UTC")
    ui_env.clear_requests()
    manual_clock.advance(600)
    ok(at.run())
    assert ui_env.requests() == []
    ok(button(at, "Refresh now").click().run())
    assert len(ui_env.requests()) == 1  # the organizer may spend the reserve


# --- failures and recovery ------------------------------------------------------------------------------------
def test_an_api_outage_shows_one_sentence_and_the_refresh_backs_off(
    app, ui_env: Standin, manual_clock: ManualClock
) -> None:
    ui_env.set_tier(DEMO_API_KEY, "enterprise")  # chosen interval: 5 s
    at = open_live(app, ui_env, "AWS Bedrock Builders 2026")
    ui_env.faults(down=True)
    waits = []
    for _ in range(5):
        tick(at, manual_clock)
        boxes = warnings(at)
        assert len(boxes) == 1, boxes
        assert boxes[0].startswith("The last refresh failed: Unable to connect to the API at")
        waits.append(round(state(at).registered_interval / (1 + state(at).jitter)))
    assert waits == [5, 10, 20, 40, 60]
    assert metrics(at)["Submissions"] == "14"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_the_page_recovers_by_itself_after_the_api_is_stopped_and_started_again(
    app, ui_env: Standin, manual_clock: ManualClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    port = _free_port()
    quick = Faults(seconds_per_submission=0.001)  # its seeded job is over before the page opens
    server = StandinServer("127.0.0.1", port, quick).start()
    base_url = server.base_url
    try:
        monkeypatch.setenv("API_BASE_URL", base_url)
        at = ok(app(page=LIVE))
        assert metrics(at)["Submissions"] == "10"
        server.stop()
        tick(at, manual_clock)
        tick(at, manual_clock)
        assert warnings(at)[0].startswith(f"The last refresh failed: Unable to connect to the API at {base_url}")
        server = StandinServer("127.0.0.1", port, quick).start()
        tick(at, manual_clock)
        assert warnings(at) == []
        assert metrics(at)["Submissions"] == "10"
        assert state(at).failures == 0
        assert schedule_line(at).startswith("🔄 Refreshing every")
    finally:
        server.stop()


def test_a_page_stopped_by_a_failed_hackathon_list_sets_up_its_retry_first(app, ui_env: Standin) -> None:
    at = ok(app())  # signed in on the overview
    ui_env.faults(down=True)
    at.session_state["vj_cache_generation"] = 50  # the cached hackathon list has expired
    at.switch_page(f"views/{LIVE}").run()
    ok(at)
    assert texts(at.main.error)[0].startswith("Unable to connect to the API at")
    assert any(re.fullmatch(r"The page tries again by itself every [\d.]+ (s|min)\.", c) for c in texts(at.caption))
    live_state = state(at)
    assert live_state.completed_run != live_state.full_run  # stopped before the panel, but ...
    assert live_state.keeper_interval(live_state.with_jitter(5.0)) == pytest.approx(5.0 * (1 + live_state.jitter))
    ui_env.faults(down=False)
    live_state.keeper_seen = live_state.full_run  # what the keeper's timer does: re-run the page
    ok(at.run())
    assert metrics(at)["Submissions"] == "10"


# --- analysis ----------------------------------------------------------------------------------------------
def test_analysis_buttons_are_disabled_while_a_job_runs(app, ui_env: Standin) -> None:
    ui_env.faults(seconds_per_submission=600)
    at = open_live(app, ui_env, "Serverless Sprint 2026")
    assert button(at, "Analyze all pending (10)").disabled
    assert button(at, "Analyze this team").disabled
    assert "New analyses can start when the running job has finished." in texts(at.caption)


def test_a_hackathon_whose_analysis_routes_the_api_refuses_says_so_and_offers_no_analysis(app, ui_env: Standin) -> None:
    at = open_live(app, ui_env, "Spring Hackathon 2025")  # 24 submissions: the budget check refuses /analyze*
    refusal = next(w for w in texts(at.main.warning) if w.startswith("The API refuses the analysis routes"))
    assert "Budget limit exceeded" in refusal
    assert "16 submissions or more" in refusal
    assert button(at, "Analyze all pending (0)").disabled


def test_failed_and_disqualified_rows_expand_to_their_reasons(app, ui_env: Standin) -> None:
    at = open_live(app, ui_env, "Spring Hackathon 2025")
    labels = [e.label for e in at.expander]
    assert any("analysis failed" in label for label in labels)
    assert any("disqualified" in label for label in labels)
    assert "Repository created before hackathon start" in [m.value for m in at.markdown]


def test_verified_and_participants_are_not_presented_as_measurements(app, ui_env: Standin) -> None:
    at = open_live(app, ui_env, "Spring Hackathon 2025")
    assert list(metrics(at))[:4] == ["Submissions", "Pending", "Scored", "Failed"]
    assert "Verified" not in metrics(at)
    assert "Participants" not in metrics(at)
    assert any("always report 0 for both" in c for c in texts(at.caption))
    assert (metrics(at)["Scored"], metrics(at)["Failed"]) == ("22", "1")


def test_the_live_tables_rank_is_the_leaderboards(app, ui_env: Standin) -> None:
    at = open_live(app, ui_env, "Spring Hackathon 2025")
    table = tables(at)[0]  # 24 submissions: the static table
    shown = {team: rank for team, rank in zip(table["Team"], table["Rank"], strict=True) if rank != "—"}
    board = ApiClient(ui_env.base_url, DEMO_API_KEY).leaderboard(ui_env.hackathon_id("Spring Hackathon 2025"))
    assert shown == {entry["team_name"]: str(entry["rank"]) for entry in board["leaderboard"]}


def test_up_to_50_submissions_are_a_static_table_with_linked_repositories_and_more_are_the_grid(
    app, ui_env: Standin
) -> None:
    ui_env.set_tier(DEMO_API_KEY, "enterprise")  # room for the refresh's reads within the same second
    at = open_live(app, ui_env, "AWS Bedrock Builders 2026")
    assert len(at.dataframe) == 0
    table = tables(at)[0]
    assert list(table.columns) == ["Team", "Repository", "Status", "Score", "Rank", "Cost", "Submitted"]
    assert all(link_url(cell).startswith("https://github.com/") for cell in table["Repository"])
    hack_id = ui_env.hackathon_id("AWS Bedrock Builders 2026")
    add_teams(ui_env, hack_id, range(100, 150))  # 64 submissions now
    ok(button(at, "Refresh now").click().run())
    assert [table.shape for table in tables(at)] == [(64, 7)]  # the grid alone
    grid = at.dataframe[0].value
    assert len(grid) == 64
    assert all(str(url).startswith("https://github.com/") for url in grid["Repository"])


def test_analyze_all_shows_the_estimate_and_starts_only_on_confirmation(app, ui_env: Standin) -> None:
    at = open_live(app, ui_env, "AWS Bedrock Builders 2026")
    ok(button(at, "Analyze all pending (8)").click().run())
    assert "**Analyze 8 pending submission(s)?**" in texts(at.markdown)
    assert "Estimated cost **$1.41** (between $1.13 and $1.69)." in texts(at.markdown)
    assert "Within the hackathon's budget of $20.00 (7.0 % of it)." in texts(at.caption)
    assert schedule_line(at).startswith("⏸️ Auto-refresh is paused while the confirmation is open.")
    assert state(at).registered_interval is None
    ui_env.clear_requests()
    ok(button(at, "Start analysis").click().run())
    assert any(r.endswith("/analyze") for r in ui_env.requests())


def test_cancelling_the_confirmation_starts_nothing(app, ui_env: Standin) -> None:
    at = open_live(app, ui_env, "AWS Bedrock Builders 2026")
    ok(button(at, "Analyze all pending (8)").click().run())
    ui_env.clear_requests()
    ok(button(at, "Cancel").click().run())
    assert not any(r.startswith("POST") for r in ui_env.requests())
    assert not any("Analyze 8" in m for m in texts(at.markdown))
    assert state(at).registered_interval is not None


def test_analyzing_one_team_sends_only_its_submission_id(app, ui_env: Standin) -> None:
    at = open_live(app, ui_env, "AWS Bedrock Builders 2026")
    team = select(at, "Pending submission").value
    ok(button(at, "Analyze this team").click().run())
    ok(button(at, "Start analysis").click().run())
    assert "for 1 submission(s)" in texts(at.main.success)[0]
    assert ui_env.server.store.latest_job(ui_env.hackathon_id("AWS Bedrock Builders 2026"))["sub_ids"] == [team]


def test_an_estimate_over_the_budget_disables_start_and_says_what_to_change(app, ui_env: Standin) -> None:
    new_hackathon(ui_env, budget=1.0, teams=8)
    at = open_live(app, ui_env, "Budget Jam")
    ok(button(at, "Analyze all pending (8)").click().run())
    assert texts(at.main.error) == [
        "The hackathon's budget of $1.00 does not cover this analysis: it is estimated at $1.41 (140.7 % of it). "
        "Analyze fewer submissions at a time (one team costs about $0.18) or raise the hackathon's budget."
    ]
    assert button(at, "Start analysis").disabled


def test_the_start_routes_500_exceeds_budget_limit_is_shown_as_a_budget_refusal(app, ui_env: Standin) -> None:
    hack_id = new_hackathon(ui_env, budget=0.5, teams=2)
    at = open_live(app, ui_env, "Budget Jam")
    ok(button(at, "Analyze all pending (2)").click().run())  # estimated $0.35: within $0.50
    add_teams(ui_env, hack_id, range(2, 10))  # meanwhile 8 more arrive: the start counts 10 x $0.053
    ok(button(at, "Start analysis").click().run())
    assert texts(at.main.error) == [
        "Budget limit exceeded: the hackathon's budget of $0.50 does not cover this analysis (the API's start "
        "check counts $0.53, a flat $0.053 per submission). Analyze fewer submissions at a time, or raise the "
        "hackathon's budget."
    ]
    assert "Retry" not in [b.label for b in at.button]
    assert [b.label for b in at.button if b.label in ("Close", "Start analysis")] == ["Close"]


def test_one_teams_estimate_is_checked_against_the_budget_with_that_teams_own_cost(app, ui_env: Standin) -> None:
    new_hackathon(ui_env, budget=0.2, teams=8)
    at = open_live(app, ui_env, "Budget Jam")
    ok(button(at, "Analyze all pending (8)").click().run())
    assert re.search(r"it is estimated at \$1\.41 \(70\d\.\d % of it\)", texts(at.main.error)[0])  # all eight: over
    ok(button(at, "Cancel").click().run())
    ok(button(at, "Analyze this team").click().run())
    assert "Estimated cost **$0.18** (between $0.14 and $0.21)." in texts(at.markdown)
    assert "Within the hackathon's budget of $0.20 (87.9 % of it)." in texts(at.caption)
    assert not button(at, "Start analysis").disabled


def test_the_started_analysis_keeps_the_estimates_cost_and_explains_the_start_answers(app, ui_env: Standin) -> None:
    at = open_live(app, ui_env, "AWS Bedrock Builders 2026")
    ok(button(at, "Analyze all pending (8)").click().run())
    ok(button(at, "Start analysis").click().run())
    started = texts(at.main.success)[0]
    assert re.fullmatch(
        r"You started analysis job `\w{26}` for 8 submission\(s\), estimated at \$1\.41\. The API's start answer "
        r"quotes \$0\.42: that is its own flat \$0\.053 per submission, used for its budget check, not a cost "
        r"forecast\.",
        started,
    ), started


def test_after_a_start_the_older_job_the_status_route_returns_is_never_shown_as_current(
    app, ui_env: Standin, manual_clock: ManualClock
) -> None:
    hack_id = ui_env.hackathon_id("AWS Bedrock Builders 2026")
    old_job = ApiClient(ui_env.base_url, DEMO_API_KEY).analysis_status(hack_id)["job_id"]
    at = open_live(app, ui_env, "AWS Bedrock Builders 2026")
    assert any(old_job in s for s in texts(at.main.success))  # before: the only job there is
    ok(button(at, "Analyze all pending (8)").click().run())
    ok(button(at, "Start analysis").click().run())
    new_job = ui_env.server.store.latest_job(hack_id)["job_id"]
    ui_env.advance(60)
    tick(at, manual_clock)
    shown = " ".join(texts(at.main.success) + texts(at.main.warning) + [str(p.value) for p in at.get("progress")])
    assert new_job in shown
    assert old_job not in shown
    assert any("counted from its submissions' statuses" in c for c in texts(at.caption))
    assert int(metrics(at)["Completed"]) > 0  # progress of the new job, read from its submissions


def test_a_job_that_never_starts_is_reported_after_ten_minutes_with_what_to_do(
    app, ui_env: Standin, manual_clock: ManualClock
) -> None:
    ui_env.faults(stuck_jobs=True)
    at = open_live(app, ui_env, "AWS Bedrock Builders 2026")
    ok(button(at, "Analyze all pending (8)").click().run())
    ok(button(at, "Start analysis").click().run())
    assert not any("without starting" in w for w in texts(at.main.warning))
    manual_clock.advance(11 * 60)
    ui_env.advance(11 * 60)
    ok(at.run())
    stuck = next(w for w in texts(at.main.warning) if "without starting" in w)
    assert re.search(
        r"has been queued since \d{4}-\d\d-\d\d \d\d:\d\d UTC \(more than 10 min\) without starting", stuck
    )
    assert "There is no way to cancel it" in stuck
    assert "Send the job id to the VibeJudge operators" in stuck
