"""Validators, formatters and charts: pure functions, one guarantee each."""

from __future__ import annotations

from datetime import date

import pytest

from components import charts, formatters
from components.validators import (
    HackathonForm,
    InputError,
    hackathon_payload,
    validate_api_key,
    validate_base_url,
    validate_hackathon,
    validate_submission,
)


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (
            None,
            "API_BASE_URL is not set; set it to the VibeJudge API base including /api/v1 (e.g. http://localhost:8000/api/v1).",
        ),
        (
            "ftp://x/api/v1",
            "API_BASE_URL 'ftp://x/api/v1' has no http:// or https:// scheme; use a full URL (e.g. http://localhost:8000/api/v1).",
        ),
        (
            "http:///api/v1",
            "API_BASE_URL 'http:///api/v1' has no host name; use a full URL (e.g. http://localhost:8000/api/v1).",
        ),
        (
            "https://api.example.com/prod",
            "API_BASE_URL 'https://api.example.com/prod' does not end in /api/v1; every VibeJudge route lives under /api/v1 (try https://api.example.com/prod/api/v1).",
        ),
        (
            "https://x/api/v1?a=1",
            "API_BASE_URL 'https://x/api/v1?a=1' must not contain a query or fragment (e.g. http://localhost:8000/api/v1).",
        ),
    ],
)
def test_a_bad_base_url_is_one_sentence_saying_what_is_wrong(raw: str | None, message: str) -> None:
    with pytest.raises(InputError) as err:
        validate_base_url(raw)
    assert str(err.value) == message


def test_a_base_url_with_a_stage_prefix_and_trailing_slash_is_accepted() -> None:
    assert validate_base_url(" https://abc.execute-api.us-east-1.amazonaws.com/prod/api/v1/ ") == (
        "https://abc.execute-api.us-east-1.amazonaws.com/prod/api/v1"
    )


def test_an_empty_api_key_is_refused_with_a_hint() -> None:
    with pytest.raises(InputError, match=r"^API key is empty; paste the key that starts with vj_live_\.$"):
        validate_api_key("  ")


def form(**changes) -> HackathonForm:
    values = {
        "name": "Jam",
        "description": "A jam",
        "start_date": date(2026, 5, 1),
        "end_date": date(2026, 5, 3),
        "budget_usd": None,
        "agents": {"bug_hunter": 0.3, "performance": 0.3, "innovation": 0.3, "ai_detection": 0.1},
    }
    values.update(changes)
    return HackathonForm(**values)


def test_the_default_form_is_valid_and_builds_the_contracts_payload() -> None:
    assert not validate_hackathon(form())
    body = hackathon_payload(form(budget_usd=20.0))
    assert body["rubric"]["dimensions"][0] == {
        "name": "Code Quality",
        "weight": 0.3,
        "agent": "bug_hunter",
        "description": "Code quality, security and testing",
    }
    assert body["agents_enabled"] == ["bug_hunter", "performance", "innovation", "ai_detection"]
    assert body["start_date"] == "2026-05-01T00:00:00"
    assert body["end_date"] == "2026-05-03T23:59:59.999999"
    assert body["budget_limit_usd"] == 20.0


def test_no_budget_means_the_field_is_not_sent() -> None:
    assert "budget_limit_usd" not in hackathon_payload(form())


def test_at_least_one_agent_must_be_enabled() -> None:
    assert validate_hackathon(form(agents={})).fields == {"agents_enabled": "Enable at least one agent."}


def test_weights_are_held_to_the_servers_tolerance_not_the_old_uis() -> None:
    errors = validate_hackathon(form(agents={"bug_hunter": 0.995}))
    assert errors.fields == {"rubric": "The enabled agents' weights add up to 0.99; they must add up to 1.00."}


def test_an_unknown_ai_policy_from_the_old_ui_is_refused() -> None:
    assert validate_hackathon(form(ai_policy_mode="no_ai")).fields == {
        "ai_policy_mode": "AI policy 'no_ai' is not one of ai_assisted, full_vibe, traditional, custom."
    }


def test_an_overlong_name_is_reported_with_its_length() -> None:
    assert validate_hackathon(form(name="x" * 201)).fields == {
        "name": "Name has 201 characters; at most 200 are allowed."
    }


def test_a_team_name_with_punctuation_is_refused() -> None:
    assert validate_submission("Team!", "https://github.com/a/b").fields == {
        "team_name": "Team name 'Team!' must be 1 to 50 letters, digits, spaces, _ or -."
    }


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2026-03-02T09:00:00.000000Z", "2026-03-02 09:00 UTC"),
        ("2026-03-02T09:00:00", "2026-03-02 09:00 UTC"),
        (None, "—"),
        ("garbage", "garbage"),
    ],
)
def test_server_times_are_shown_in_utc_whether_or_not_they_carry_an_offset(value, expected) -> None:
    assert formatters.timestamp(value) == expected


def test_missing_scores_show_a_dash_and_present_ones_one_decimal() -> None:
    assert (formatters.score(None), formatters.score(82.456), formatters.usd(0.17592, 4)) == ("—", "82.5", "$0.1759")


def test_recommendations_read_as_text_and_null_as_a_dash() -> None:
    assert formatters.recommendation("strong_contender") == "Strong contender"
    assert formatters.recommendation(None) == "—"


def test_the_leaderboard_csv_has_a_header_and_one_row_per_team_in_order() -> None:
    rows = [
        {
            "rank": 1,
            "team_name": "Team Nova",
            "overall_score": 91.2,
            "recommendation": "strong_contender",
            "sub_id": "A",
        },
        {
            "rank": 2,
            "team_name": "Team, Comma",
            "overall_score": 80.0,
            "recommendation": "solid_submission",
            "sub_id": "B",
        },
    ]
    assert formatters.leaderboard_csv(rows) == (
        "rank,team_name,overall_score,recommendation,sub_id\n"
        "1,Team Nova,91.2,strong_contender,A\n"
        '2,"Team, Comma",80.0,solid_submission,B\n'
    )


def test_technology_chart_reads_the_servers_list_of_pairs() -> None:
    table = charts.technology_usage([["Python", 9], ["Go", 3]])
    assert table.rows == [{"Technology": "Python", "Teams": 9}, {"Technology": "Go", "Teams": 3}]
    assert table.maximum == 9  # the bars' full length


def test_the_score_distribution_lists_the_bands_lowest_first() -> None:
    table = charts.score_distribution({"score_distribution": {"90-100": 1, "0-59": 2, "70-79": 4}})
    assert [(r["Score band"], r["Teams"]) for r in table.rows] == [("0-59", 2), ("70-79", 4), ("90-100", 1)]


def test_charts_return_none_when_there_is_nothing_to_draw() -> None:
    assert charts.dimension_scores(None) is None
    assert charts.agent_radar([]) is None
    assert charts.score_distribution({}) is None
    assert charts.technology_usage([]) is None
    assert charts.workload({}) is None
    assert charts.candidates_by_role({}) is None
