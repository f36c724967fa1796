"""Issue 11, items 7 and 11: Results and Intelligence take rank and recommendation from the source that really
has them, never cut them off, and open on the most recent hackathon that has results. Against the default
(faithful) stand-in: the leaderboard's recommendation is a placeholder and no scorecard carries a rank."""

from __future__ import annotations

from typing import Any

import pytest
from conftest import Standin, tables, texts
from streamlit.testing.v1 import AppTest
from test_dashboard_pages import INTEL, RESULTS, button, choose_hackathon, ok, select

from standin_api import DEMO_API_KEY

SPRING = "Spring Hackathon 2025"


def api(standin: Standin) -> Any:
    from components.api_client import ApiClient

    return ApiClient(standin.base_url, DEMO_API_KEY)


@pytest.fixture
def steady(ui_env: Standin) -> Standin:
    """The running analysis of "Serverless Sprint 2026" scores nobody while a test looks."""
    ui_env.faults(seconds_per_submission=600)
    return ui_env


def shown_leaderboard(at: AppTest) -> dict[str, dict[str, str]]:
    table = tables(at)[0]
    return {
        team: {"rank": int(rank), "recommendation": recommendation}
        for team, rank, recommendation in zip(table["Team"], table["Rank"], table["Recommendation"], strict=True)
    }


def open_scorecard(at: AppTest, sub_id: str) -> AppTest:
    ok(next(s for s in at.selectbox if s.label == "Team").set_value(sub_id).run())
    return ok(button(at, "View details").click().run())


def shown_recommendation(at: AppTest) -> str:
    return next(m for m in texts(at.markdown) if m.startswith("**Recommendation:**")).removeprefix(
        "**Recommendation:** "
    )


def test_item_7_the_leaderboard_shows_each_teams_real_recommendation_not_the_placeholder(app, steady) -> None:
    raw = api(steady).leaderboard(steady.hackathon_id(SPRING))["leaderboard"]
    assert {e["recommendation"] for e in raw} == {"solid_submission"}  # GIVEN the backend's placeholder
    at = ok(app(page=RESULTS))
    choose_hackathon(at, steady, SPRING)
    board = shown_leaderboard(at)
    from components import formatters

    for entry in (raw[0], raw[len(raw) // 2], raw[-1]):
        card = api(steady).scorecard(entry["sub_id"])
        assert board[entry["team_name"]]["recommendation"] == formatters.recommendation(card["recommendation"])
    assert len({row["recommendation"] for row in board.values()}) > 1


def test_item_7_the_scorecard_shows_the_leaderboards_rank_and_its_own_recommendation(app, steady) -> None:
    raw = api(steady).leaderboard(steady.hackathon_id(SPRING))["leaderboard"]
    top = raw[0]
    assert api(steady).scorecard(top["sub_id"])["rank"] is None  # GIVEN: the API stores no rank
    at = ok(app(page=RESULTS))
    choose_hackathon(at, steady, SPRING)
    row = shown_leaderboard(at)[top["team_name"]]
    open_scorecard(at, top["sub_id"])
    assert {m.label: m.value for m in at.metric}["Rank"] == f"{row['rank']} of {len(raw)}"
    assert shown_recommendation(at) == row["recommendation"]


def test_item_7_the_recommendation_is_shown_as_text_that_a_metric_would_cut_off(app, steady) -> None:
    raw = api(steady).leaderboard(steady.hackathon_id(SPRING))["leaderboard"]
    at = ok(app(page=RESULTS))
    choose_hackathon(at, steady, SPRING)
    open_scorecard(at, raw[0]["sub_id"])
    assert "Recommendation" not in [m.label for m in at.metric]
    assert shown_recommendation(at) in ("Strong contender", "Solid submission", "Needs improvement", "Concerns flagged")


@pytest.mark.parametrize("page", [RESULTS, INTEL])
def test_item_11_results_and_intelligence_open_on_the_newest_hackathon_with_results(app, steady, page: str) -> None:
    hackathons = sorted(api(steady).list_hackathons(), key=lambda h: h["hack_id"], reverse=True)
    with_results = [h for h in hackathons if api(steady).leaderboard(h["hack_id"]) is not None]
    assert hackathons[0]["hack_id"] != with_results[0]["hack_id"]  # GIVEN the newest has nothing to show
    at = ok(app(page=page))
    assert select(at, "Hackathon").value == with_results[0]["hack_id"]
    assert not at.main.info


def test_item_11_an_explicit_choice_is_kept_across_pages(app, steady) -> None:
    at = ok(app(page=RESULTS))
    choose_hackathon(at, steady, SPRING)
    ok(at.switch_page(f"views/{INTEL}").run())
    assert select(at, "Hackathon").value == steady.hackathon_id(SPRING)
