"""The stand-in API's routes: seeded data, the backend's answers and quirks by default, and the switch that
turns each quirk into the documented behaviour (contract: shared/api-contract.md)."""

from __future__ import annotations

import re
from typing import Any

import pytest
from conftest import Standin
from standin_client import Reply, call

from standin_api import DEMO_API_KEY, OTHER_API_KEY, StandinServer

KEY_RE = re.compile(r"^vj_(live|test)_[A-Za-z0-9+/]{32}$")
ULID_RE = re.compile(r"^[0-9A-HJKMNP-TV-Z]{26}$")


def api(standin: Standin, method: str, path: str, body: Any = None, key: str | None = DEMO_API_KEY) -> Reply:
    return call(standin.base_url, method, path, body, key)


def new_hackathon(standin: Standin, **fields: Any) -> str:
    body = {
        "name": "Test Jam",
        "rubric": {"dimensions": [{"name": "Code Quality", "weight": 1.0, "agent": "bug_hunter"}]},
        "agents_enabled": ["bug_hunter"],
        **fields,
    }
    reply = api(standin, "POST", "/hackathons", body)
    assert reply.status == 201, reply.body
    return reply.body["hack_id"]


def add_teams(standin: Standin, hack_id: str, *teams: str) -> Reply:
    items = [{"team_name": t, "repo_url": f"https://github.com/{t.lower()}/app"} for t in teams]
    return api(standin, "POST", f"/hackathons/{hack_id}/submissions", {"submissions": items})


# --- seed ----------------------------------------------------------------------------------------------
def test_the_demo_key_matches_the_contracts_key_format() -> None:
    assert KEY_RE.match(DEMO_API_KEY)


def test_two_servers_seed_identical_data() -> None:
    first, second = StandinServer(port=0), StandinServer(port=0)
    try:
        assert sorted(first.store.submissions) == sorted(second.store.submissions)
        assert sorted(first.store.hackathons) == sorted(second.store.hackathons)
    finally:
        first.close()
        second.close()


def test_the_seeded_hackathons_have_their_true_state_in_the_detail_record(standin: Standin) -> None:
    details = {}
    for item in api(standin, "GET", "/hackathons").body["hackathons"]:
        assert ULID_RE.match(item["hack_id"])
        details[item["name"]] = api(standin, "GET", f"/hackathons/{item['hack_id']}").body
    assert {n: (d["status"], d["submission_count"]) for n, d in details.items()} == {
        "Winter Build Week 2024": ("archived", 6),
        "Spring Hackathon 2025": ("completed", 24),
        "AWS Bedrock Builders 2026": ("configured", 14),
        "Serverless Sprint 2026": ("analyzing", 10),
        "Campus Code Jam": ("draft", 0),
    }


def test_the_seed_has_a_failed_and_a_disqualified_submission(standin: Standin) -> None:
    spring = standin.hackathon_id("Spring Hackathon 2025")
    subs = api(standin, "GET", f"/hackathons/{spring}/submissions").body["submissions"]
    statuses = [s["status"] for s in subs]
    assert (len(statuses), statuses.count("failed"), statuses.count("disqualified")) == (24, 1, 1)
    failed = next(s for s in subs if s["status"] == "failed")
    assert failed["error_message"] == "Repository not accessible (404)"


def test_a_scorecard_has_agents_evidence_team_dynamics_strategy_and_feedback(standin: Standin) -> None:
    spring = standin.hackathon_id("Spring Hackathon 2025")
    board = api(standin, "GET", f"/hackathons/{spring}/leaderboard").body
    card = api(standin, "GET", f"/submissions/{board['leaderboard'][0]['sub_id']}/scorecard").body
    assert [a["agent_name"] for a in card["agent_scores"]] == [
        "bug_hunter",
        "performance",
        "innovation",
        "ai_detection",
    ]
    assert all(a["evidence"] for a in card["agent_scores"])
    assert card["team_dynamics"]["individual_scorecards"]
    assert card["strategy_analysis"]["test_strategy"]
    assert card["actionable_feedback"][0]["priority"] == 1
    assert card["recommendation"] in {"strong_contender", "solid_submission", "needs_improvement", "concerns_flagged"}
    weighted = sum(v["weighted"] for v in card["weighted_scores"].values())
    assert card["overall_score"] == pytest.approx(weighted, abs=0.06)


def test_the_running_analysis_progresses_with_the_clock_and_completes(standin: Standin) -> None:
    hack_id = standin.hackathon_id("Serverless Sprint 2026")
    standin.advance(3 * 6 + 3)  # 3 s of slack for a slow machine before the 4th would finish
    job = api(standin, "GET", f"/hackathons/{hack_id}/analyze/status").body
    assert job["status"] == "running"
    assert job["progress"]["completed"] + job["progress"]["failed"] == 3
    standin.advance(600)
    job = api(standin, "GET", f"/hackathons/{hack_id}/analyze/status").body
    assert job["status"] == "completed"
    assert job["progress"] == {
        "total_submissions": 10,
        "completed": 9,
        "failed": 1,
        "remaining": 0,
        "percent_complete": 90.0,
    }


def test_registration_issues_a_free_key_in_the_contracts_format_shown_once(standin: Standin) -> None:
    reply = api(
        standin, "POST", "/organizers", {"email": "new@example.org", "name": "New", "password": "ignored"}, key=None
    )
    assert reply.status == 201
    assert KEY_RE.match(reply.body["api_key"])
    assert (reply.body["tier"], reply.body["hackathon_count"]) == ("free", 0)
    me = api(standin, "GET", "/organizers/me", key=reply.body["api_key"]).body
    assert "api_key" not in me
    assert me["email"] == "new@example.org"


def test_a_duplicate_registration_is_400_not_the_docs_409(standin: Standin) -> None:
    reply = api(standin, "POST", "/organizers", {"email": "demo@vibejudge.example", "name": "Again"}, key=None)
    assert (reply.status, reply.body) == (400, {"detail": "Email demo@vibejudge.example is already registered"})


def test_the_profile_is_also_served_at_the_accidental_double_path(standin: Standin) -> None:
    assert api(standin, "GET", "/organizers/organizers/me").body == api(standin, "GET", "/organizers/me").body


# --- quirks by default, and their switches ------------------------------------------------------------------
def test_the_hackathon_list_is_a_stale_index_only_activation_updates(standin: Standin) -> None:
    listed = {h["name"]: h for h in api(standin, "GET", "/hackathons").body["hackathons"]}
    assert {n: (h["status"], h["submission_count"]) for n, h in listed.items()} == {
        "Winter Build Week 2024": ("configured", 0),
        "Spring Hackathon 2025": ("configured", 0),
        "AWS Bedrock Builders 2026": ("configured", 0),
        "Serverless Sprint 2026": ("configured", 0),
        "Campus Code Jam": ("draft", 0),
    }
    assert set(listed["Spring Hackathon 2025"]) == {"hack_id", "name", "status", "submission_count", "created_at"}
    draft = listed["Campus Code Jam"]["hack_id"]
    assert api(standin, "POST", f"/hackathons/{draft}/activate").status == 200
    assert add_teams(standin, draft, "Alpha").status == 201
    assert api(standin, "DELETE", f"/hackathons/{draft}").status == 204
    item = next(h for h in api(standin, "GET", "/hackathons").body["hackathons"] if h["hack_id"] == draft)
    assert (item["status"], item["submission_count"]) == ("configured", 0)
    assert api(standin, "GET", f"/hackathons/{draft}").body["status"] == "archived"


def test_fresh_list_shows_each_hackathons_true_status_and_count(standin: Standin) -> None:
    standin.faults(fresh_list=True)
    listed = {
        h["name"]: (h["status"], h["submission_count"]) for h in api(standin, "GET", "/hackathons").body["hackathons"]
    }
    assert listed["Winter Build Week 2024"] == ("archived", 6)
    assert listed["Serverless Sprint 2026"] == ("analyzing", 10)


def test_stats_verified_and_participant_counts_are_always_zero(standin: Standin) -> None:
    spring = standin.hackathon_id("Spring Hackathon 2025")
    assert api(standin, "GET", f"/hackathons/{spring}/stats").body == {
        "submission_count": 24,
        "verified_count": 0,
        "pending_count": 0,
        "participant_count": 0,
        "hackathon_status": "completed",
    }


def test_real_counts_fills_verified_and_participants(standin: Standin) -> None:
    standin.faults(real_counts=True)
    stats = api(standin, "GET", f"/hackathons/{standin.hackathon_id('Spring Hackathon 2025')}/stats").body
    assert stats["verified_count"] == 22
    assert stats["participant_count"] > 0


def test_a_second_analysis_is_the_backends_500(standin: Standin) -> None:
    hack_id = standin.hackathon_id("Serverless Sprint 2026")
    reply = api(standin, "POST", f"/hackathons/{hack_id}/analyze", {})
    assert (reply.status, reply.body) == (500, {"detail": "Failed to trigger analysis: Analysis already in progress"})


def test_docs_status_codes_makes_a_second_analysis_409(standin: Standin) -> None:
    standin.faults(docs_status_codes=True)
    reply = api(standin, "POST", f"/hackathons/{standin.hackathon_id('Serverless Sprint 2026')}/analyze", {})
    assert (reply.status, reply.body) == (409, {"detail": "Analysis already in progress for this hackathon"})


def test_an_analysis_over_the_hackathon_budget_is_the_backends_500(standin: Standin) -> None:
    hack_id = new_hackathon(standin, budget_limit_usd=0.1)
    add_teams(standin, hack_id, "Alpha", "Beta")  # 2 x $0.053 = $0.106
    reply = api(standin, "POST", f"/hackathons/{hack_id}/analyze", {})
    assert (reply.status, reply.body) == (
        500,
        {"detail": "Failed to trigger analysis: Estimated cost $0.11 exceeds budget limit $0.10"},
    )


def test_docs_status_codes_makes_an_over_budget_analysis_402(standin: Standin) -> None:
    standin.faults(docs_status_codes=True)
    hack_id = new_hackathon(standin, budget_limit_usd=0.1)
    add_teams(standin, hack_id, "Alpha", "Beta")
    reply = api(standin, "POST", f"/hackathons/{hack_id}/analyze", {})
    assert reply.status == 402
    assert (reply.body["error"], reply.body["level"]) == ("Budget limit exceeded", "hackathon")
    assert reply.body["details"]["budget_limit_usd"] == 0.1


def test_analysis_status_returns_the_oldest_job(standin: Standin) -> None:
    hack_id = standin.hackathon_id("Serverless Sprint 2026")
    seeded = api(standin, "GET", f"/hackathons/{hack_id}/analyze/status").body["job_id"]
    standin.advance(600)
    add_teams(standin, hack_id, "Latecomers")
    started = api(standin, "POST", f"/hackathons/{hack_id}/analyze", {}).body
    status = api(standin, "GET", f"/hackathons/{hack_id}/analyze/status").body
    assert started["job_id"] != seeded
    assert (status["job_id"], status["status"]) == (seeded, "completed")


def test_newest_job_status_returns_the_job_just_started(standin: Standin) -> None:
    standin.faults(newest_job_status=True)
    hack_id = standin.hackathon_id("Serverless Sprint 2026")
    standin.advance(600)
    add_teams(standin, hack_id, "Latecomers")
    started = api(standin, "POST", f"/hackathons/{hack_id}/analyze", {}).body
    assert api(standin, "GET", f"/hackathons/{hack_id}/analyze/status").body["job_id"] == started["job_id"]


def test_the_job_status_never_names_the_current_submission_cost_or_errors(standin: Standin) -> None:
    hack_id = standin.hackathon_id("Serverless Sprint 2026")
    standin.advance(5 * 6 + 3)  # the seeded failing repository is the 4th
    job = api(standin, "GET", f"/hackathons/{hack_id}/analyze/status").body
    assert job["progress"]["failed"] == 1
    assert (job["current_submission"], job["cost_so_far"], job["errors"]) == (None, None, [])


def test_the_leaderboard_has_placeholder_dimension_scores_and_recommendation(standin: Standin) -> None:
    board = api(standin, "GET", f"/hackathons/{standin.hackathon_id('Spring Hackathon 2025')}/leaderboard").body
    assert {(e["recommendation"], str(e["dimension_scores"])) for e in board["leaderboard"]} == {
        ("solid_submission", "{}")
    }
    assert [e["rank"] for e in board["leaderboard"]] == list(range(1, 23))


def test_real_recommendations_fills_them_from_the_scores(standin: Standin) -> None:
    standin.faults(real_recommendations=True)
    board = api(standin, "GET", f"/hackathons/{standin.hackathon_id('Spring Hackathon 2025')}/leaderboard").body
    first = board["leaderboard"][0]
    card = api(standin, "GET", f"/submissions/{first['sub_id']}/scorecard").body
    assert first["recommendation"] == card["recommendation"]
    assert set(first["dimension_scores"]) == {"Code Quality", "Architecture", "Innovation", "Authenticity"}


def test_a_rank_is_never_stored_on_a_submission(standin: Standin) -> None:
    spring = standin.hackathon_id("Spring Hackathon 2025")
    subs = api(standin, "GET", f"/hackathons/{spring}/submissions").body["submissions"]
    scored = next(s for s in subs if s["overall_score"] is not None)
    assert {s["rank"] for s in subs} == {None}
    assert api(standin, "GET", f"/submissions/{scored['sub_id']}/scorecard").body["rank"] is None


def test_nothing_pending_starts_a_job_with_no_submissions(standin: Standin) -> None:
    reply = api(standin, "POST", f"/hackathons/{standin.hackathon_id('Campus Code Jam')}/analyze", {})
    assert reply.status == 202
    assert (reply.body["total_submissions"], reply.body["estimated_cost_usd"], reply.body["status"]) == (
        0,
        0.0,
        "queued",
    )


def test_starting_an_analysis_answers_202_with_the_cost_of_n_times_0_053(standin: Standin) -> None:
    hack_id = standin.hackathon_id("AWS Bedrock Builders 2026")
    reply = api(standin, "POST", f"/hackathons/{hack_id}/analyze", {})
    assert reply.status == 202
    assert (reply.body["total_submissions"], reply.body["estimated_cost_usd"]) == (8, 0.424)
    assert (reply.body["started_at"], reply.body["estimated_duration_minutes"]) == (None, None)


def test_an_analysis_does_not_change_the_hackathons_status(standin: Standin) -> None:
    hack_id = standin.hackathon_id("AWS Bedrock Builders 2026")
    api(standin, "POST", f"/hackathons/{hack_id}/analyze", {})
    standin.advance(600)
    assert api(standin, "GET", f"/hackathons/{hack_id}").body["status"] == "configured"


def test_stuck_jobs_stay_queued_without_a_start_forever(standin: Standin) -> None:
    standin.faults(stuck_jobs=True, newest_job_status=True)
    hack_id = standin.hackathon_id("AWS Bedrock Builders 2026")
    api(standin, "POST", f"/hackathons/{hack_id}/analyze", {})
    standin.advance(24 * 3600)
    job = api(standin, "GET", f"/hackathons/{hack_id}/analyze/status").body
    assert (job["status"], job["started_at"], job["progress"]["completed"]) == ("queued", None, 0)
    assert api(standin, "POST", f"/hackathons/{hack_id}/analyze", {}).status == 500  # it blocks new analyses


def test_the_estimate_reads_no_body_and_counts_every_pending_submission(standin: Standin) -> None:
    hack_id = standin.hackathon_id("AWS Bedrock Builders 2026")
    one = api(standin, "GET", f"/hackathons/{hack_id}/submissions").body["submissions"][-1]["sub_id"]
    estimate = api(standin, "POST", f"/hackathons/{hack_id}/analyze/estimate", {"submission_ids": [one]}).body
    assert estimate["submission_count"] == 8
    assert estimate["estimate"]["per_submission_cost_usd"]["expected"] == pytest.approx(0.1759, abs=0.0001)
    assert estimate["budget_check"]["budget_limit_usd"] == 20.0


def test_login_revokes_every_other_key_of_the_organizer(standin: Standin) -> None:
    reply = api(standin, "POST", "/organizers/login", {"email": "demo@vibejudge.example", "password": "x"}, key=None)
    assert reply.status == 200
    assert api(standin, "GET", "/hackathons").body == {"error": "API key inactive"}
    assert api(standin, "GET", "/hackathons", key=reply.body["api_key"]).status == 200


def test_login_for_an_unknown_email_is_404(standin: Standin) -> None:
    reply = api(standin, "POST", "/organizers/login", {"email": "nobody@example.org"}, key=None)
    assert (reply.status, reply.body) == (404, {"detail": "Organizer not found"})


def test_pagination_parameters_are_validated_then_ignored(standin: Standin) -> None:
    page = api(standin, "GET", "/hackathons?limit=1&cursor=anything").body
    assert (len(page["hackathons"]), page["next_cursor"], page["has_more"]) == (5, None, False)
    assert api(standin, "GET", "/hackathons?limit=101").body["detail"][0]["loc"] == ["query", "limit"]
    spring = standin.hackathon_id("Spring Hackathon 2025")
    assert len(api(standin, "GET", f"/hackathons/{spring}/submissions?limit=2").body["submissions"]) == 24


def test_the_submissions_of_an_unknown_hackathon_are_an_empty_list(standin: Standin) -> None:
    assert api(standin, "GET", "/hackathons/01NOSUCHHACKATHON000000000/submissions").body["submissions"] == []


def test_activating_a_non_draft_is_400_with_the_servers_wording(standin: Standin) -> None:
    reply = api(standin, "POST", f"/hackathons/{standin.hackathon_id('Spring Hackathon 2025')}/activate")
    assert (reply.status, reply.body) == (
        400,
        {"detail": "Cannot activate hackathon in completed status. Only DRAFT hackathons can be activated."},
    )


def test_a_duplicate_repository_is_the_servers_500(standin: Standin) -> None:
    hack_id = standin.hackathon_id("AWS Bedrock Builders 2026")
    repo = api(standin, "GET", f"/hackathons/{hack_id}/submissions").body["submissions"][0]["repo_url"]
    reply = api(
        standin,
        "POST",
        f"/hackathons/{hack_id}/submissions",
        {
            "submissions": [
                {"team_name": "X", "repo_url": repo.upper().replace("HTTPS://GITHUB.COM", "https://github.com")}
            ]
        },
    )
    assert reply.status == 500
    assert reply.body["detail"].startswith("Failed to create submissions: Duplicate submission: Repository")


def test_archiving_is_a_soft_delete_with_204(standin: Standin) -> None:
    hack_id = standin.hackathon_id("AWS Bedrock Builders 2026")
    assert api(standin, "DELETE", f"/hackathons/{hack_id}").status == 204
    assert api(standin, "GET", f"/hackathons/{hack_id}").body["status"] == "archived"


def test_a_hackathons_description_defaults_to_empty(standin: Standin) -> None:
    hack_id = new_hackathon(standin)
    detail = api(standin, "GET", f"/hackathons/{hack_id}").body
    assert (detail["description"], detail["status"], detail["ai_policy_mode"]) == ("", "draft", "ai_assisted")


def test_naive_client_dates_are_echoed_as_sent(standin: Standin) -> None:
    hack_id = new_hackathon(standin, start_date="2026-05-01T00:00:00", end_date="2026-05-02T23:59:59.999999")
    detail = api(standin, "GET", f"/hackathons/{hack_id}").body
    assert (detail["start_date"], detail["end_date"]) == ("2026-05-01T00:00:00", "2026-05-02T23:59:59.999999")


def test_deleting_a_submission_is_204_and_lowers_the_true_count(standin: Standin) -> None:
    hack_id = standin.hackathon_id("Spring Hackathon 2025")
    sub_id = api(standin, "GET", f"/hackathons/{hack_id}/submissions").body["submissions"][0]["sub_id"]
    assert api(standin, "DELETE", f"/submissions/{sub_id}").status == 204
    assert api(standin, "GET", f"/hackathons/{hack_id}").body["submission_count"] == 23
    assert api(standin, "GET", f"/submissions/{sub_id}/scorecard").status == 404


def test_another_organizers_submission_cannot_be_deleted(standin: Standin) -> None:
    hack_id = standin.hackathon_id("Other Org Private Jam", key=OTHER_API_KEY)
    sub_id = api(standin, "GET", f"/hackathons/{hack_id}/submissions").body["submissions"][0]["sub_id"]
    reply = api(standin, "DELETE", f"/submissions/{sub_id}")
    assert (reply.status, reply.body) == (403, {"detail": "You do not have permission to delete this submission"})


def test_ownership_is_checked_on_the_hackathon_but_not_on_its_stats(standin: Standin) -> None:
    hack_id = standin.hackathon_id("Other Org Private Jam", key=OTHER_API_KEY)
    reply = api(standin, "GET", f"/hackathons/{hack_id}")
    assert (reply.status, reply.body) == (403, {"detail": "You do not have permission to access this hackathon"})
    assert api(standin, "GET", f"/hackathons/{hack_id}/stats").status == 200


def test_the_public_list_shows_every_organizers_configured_hackathons_without_a_key(standin: Standin) -> None:
    reply = api(standin, "GET", "/public/hackathons", key=None)
    assert reply.status == 200
    assert {h["name"] for h in reply.body["hackathons"]} == {"AWS Bedrock Builders 2026", "Other Org Private Jam"}
    assert set(reply.body["hackathons"][0]) == {
        "hack_id",
        "name",
        "description",
        "start_date",
        "end_date",
        "submission_count",
    }


def test_a_public_submission_needs_a_configured_hackathon(standin: Standin) -> None:
    body = {"submissions": [{"team_name": "Walk In", "repo_url": "https://github.com/walk-in/app"}]}
    spring = standin.hackathon_id("Spring Hackathon 2025")
    refused = call(standin.base_url, "POST", f"/public/hackathons/{spring}/submissions", body, key=None)
    assert (refused.status, refused.body) == (
        400,
        {"detail": "Hackathon is not accepting submissions (status: completed)"},
    )
    bedrock = standin.hackathon_id("AWS Bedrock Builders 2026")
    assert call(standin.base_url, "POST", f"/public/hackathons/{bedrock}/submissions", body, key=None).status == 201


def test_the_costs_of_a_submission_are_split_by_agent(standin: Standin) -> None:
    spring = standin.hackathon_id("Spring Hackathon 2025")
    sub = next(
        s for s in api(standin, "GET", f"/hackathons/{spring}/submissions").body["submissions"] if s["total_cost_usd"]
    )
    costs = api(standin, "GET", f"/submissions/{sub['sub_id']}/costs").body
    assert sum(a["total_cost_usd"] for a in costs["agents"]) == pytest.approx(sub["total_cost_usd"], abs=0.0001)


def test_intelligence_is_computed_from_the_analyzed_submissions(standin: Standin) -> None:
    intel = api(standin, "GET", f"/hackathons/{standin.hackathon_id('Spring Hackathon 2025')}/intelligence").body
    assert intel["total_submissions"] == 24
    assert len(intel["top_performers"]) == 10
    assert intel["hiring_intelligence"]["must_interview"]


# --- validation: pydantic's own 422 -------------------------------------------------------------------------
def test_a_bad_hackathon_is_pydantics_422_list_with_type_loc_msg_input_ctx(standin: Standin) -> None:
    body = {
        "name": "",
        "rubric": {"dimensions": [{"name": "Code Quality", "weight": 0.9, "agent": "bug_hunter"}]},
        "agents_enabled": ["bug_hunter"],
        "ai_policy_mode": "no_ai",
    }
    reply = api(standin, "POST", "/hackathons", body)
    assert reply.status == 422
    by_loc = {tuple(e["loc"]): e for e in reply.body["detail"]}
    assert by_loc[("body", "name")] == {
        "type": "string_too_short",
        "loc": ["body", "name"],
        "msg": "String should have at least 1 character",
        "input": "",
        "ctx": {"min_length": 1},
    }
    assert (
        by_loc[("body", "rubric", "dimensions")]["msg"] == "Value error, Dimension weights must sum to 1.0, got 0.9000"
    )
    assert by_loc[("body", "ai_policy_mode")]["type"] == "enum"


def test_rubric_agents_must_be_enabled(standin: Standin) -> None:
    body = {
        "name": "X",
        "rubric": {"dimensions": [{"name": "Innovation", "weight": 1.0, "agent": "innovation"}]},
        "agents_enabled": ["bug_hunter"],
    }
    detail = api(standin, "POST", "/hackathons", body).body["detail"]
    assert detail[0]["msg"] == "Value error, Rubric references agents not in agents_enabled: {'innovation'}"


def test_an_end_date_before_the_start_is_422(standin: Standin) -> None:
    reply = api(
        standin,
        "POST",
        "/hackathons",
        {
            "name": "X",
            "start_date": "2026-05-02T00:00:00",
            "end_date": "2026-05-01T00:00:00",
            "rubric": {"dimensions": [{"name": "Q", "weight": 1.0, "agent": "bug_hunter"}]},
            "agents_enabled": ["bug_hunter"],
        },
    )
    assert reply.body["detail"][0]["msg"] == "Value error, end_date must be after start_date"


def test_a_bad_email_is_422_from_email_validation(standin: Standin) -> None:
    reply = api(standin, "POST", "/organizers", {"email": "not-an-email", "name": "X"}, key=None)
    assert reply.status == 422
    assert reply.body["detail"][0]["loc"] == ["body", "email"]
    assert reply.body["detail"][0]["msg"].startswith("value is not a valid email address")


def test_a_body_that_is_not_json_is_422_json_invalid(standin: Standin) -> None:
    reply = call(standin.base_url, "POST", "/hackathons", raw=b"{not json")
    assert reply.status == 422
    assert reply.body["detail"][0]["type"] == "json_invalid"


def test_starting_an_analysis_needs_a_json_object_body(standin: Standin) -> None:
    reply = api(standin, "POST", f"/hackathons/{standin.hackathon_id('AWS Bedrock Builders 2026')}/analyze")
    assert reply.status == 422
    assert reply.body["detail"][0] == {"type": "missing", "loc": ["body"], "msg": "Field required", "input": None}


def test_submission_names_and_repository_urls_follow_the_patterns(standin: Standin) -> None:
    hack_id = standin.hackathon_id("AWS Bedrock Builders 2026")
    body = {"submissions": [{"team_name": "Bad/Name", "repo_url": "https://gitlab.com/a/b", "team_members": ["x"]}]}
    detail = api(standin, "POST", f"/hackathons/{hack_id}/submissions", body).body["detail"]
    assert [(e["loc"][-1], e["type"]) for e in detail] == [
        ("team_name", "string_pattern_mismatch"),
        ("repo_url", "string_pattern_mismatch"),
    ]
