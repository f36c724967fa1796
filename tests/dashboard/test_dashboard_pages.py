"""AppTest per page and behaviour, against the stand-in. Every test asserts that no exception reached the page."""

from __future__ import annotations

from typing import Any

import pytest
from conftest import Standin, button, link_url, ok, tables, texts
from streamlit.testing.v1 import AppTest

from standin_api import DEMO_API_KEY, EMPTY_API_KEY

LIVE = "2_📊_Live_Dashboard.py"
RESULTS = "3_🏆_Results.py"
INTEL = "4_💡_Intelligence.py"
CREATE = "1_🎯_Create_Hackathon.py"
MANAGE = "5_🗂_Manage_Hackathons.py"
REGISTER = "0_📝_Register.py"


def submit(at: AppTest, label: str) -> Any:
    matches = [b for b in at.get("form_submit_button") if b.label == label]
    assert matches, f"no submit button {label!r}"
    return matches[0]


def select(at: AppTest, label: str) -> Any:
    return next(s for s in at.selectbox if s.label == label)


def choose_hackathon(at: AppTest, standin: Standin, name: str, label: str = "Hackathon") -> AppTest:
    return ok(select(at, label).set_value(standin.hackathon_id(name)).run())


# --- sign-in --------------------------------------------------------------------------------------------
def test_signed_out_the_app_shows_only_the_sign_in_page(app) -> None:
    at = ok(app(key=None))
    assert texts(at.title) == ["⚖️ VibeJudge AI: Organizer Dashboard"]
    assert [t.label for t in at.tabs] == ["🔑 API key", "✉️ E-mail"]
    assert texts(at.sidebar.info) == ["Not signed in"]


def test_signing_in_with_a_valid_key_opens_the_overview(app) -> None:
    at = ok(app(key=None))
    at.text_input[0].input(DEMO_API_KEY)
    ok(submit(at, "Sign in with API key").click().run())
    assert "Hackathons" in [m.label for m in at.metric]
    assert at.metric[0].value == "5"
    assert at.session_state["vj_api_key"] == DEMO_API_KEY


def test_a_key_in_the_wrong_format_is_refused_before_any_call(app, ui_env: Standin) -> None:
    at = ok(app(key=None))
    ui_env.clear_requests()
    at.text_input[0].input("not-a-key")
    ok(submit(at, "Sign in with API key").click().run())
    assert texts(at.main.error) == [
        "API key does not look like a VibeJudge key; it must be vj_live_ or vj_test_ followed by 32 letters, digits, + or /."
    ]
    assert ui_env.requests() == []


def test_an_unknown_key_is_reported_as_not_valid(app) -> None:
    at = ok(app(key=None))
    at.text_input[0].input("vj_live_" + "Z" * 32)
    ok(submit(at, "Sign in with API key").click().run())
    assert texts(at.main.error) == ["This API key is not valid (Invalid API key); sign in again with a current key."]


def test_an_unreachable_api_is_reported_on_sign_in(app, ui_env: Standin) -> None:
    ui_env.faults(down=True)
    at = ok(app(key=None))
    at.text_input[0].input(DEMO_API_KEY)
    ok(submit(at, "Sign in with API key").click().run())
    assert texts(at.main.error)[0].startswith(f"Unable to connect to the API at {ui_env.base_url} after 4 attempts")


def test_a_malformed_base_url_override_is_explained(app) -> None:
    at = ok(app(key=None))
    at.text_input[0].input(DEMO_API_KEY)
    at.text_input[1].input("http://localhost:8000")
    ok(submit(at, "Sign in with API key").click().run())
    assert texts(at.main.error) == [
        "API base URL 'http://localhost:8000' does not end in /api/v1; every VibeJudge route lives under /api/v1 "
        "(try http://localhost:8000/api/v1)."
    ]


def test_a_missing_api_base_url_is_a_message_not_a_crash(app, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("API_BASE_URL")
    at = ok(app(key=None))
    assert texts(at.main.error) == [
        "API_BASE_URL is not set; set it to the VibeJudge API base including /api/v1 "
        "(e.g. http://localhost:8000/api/v1). You can enter the API base URL below instead."
    ]


def test_an_api_base_url_without_a_scheme_is_a_message_not_a_crash(app, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("API_BASE_URL", "localhost:8000/api/v1")
    at = ok(app(key=None))
    assert texts(at.main.error)[0].startswith("API_BASE_URL 'localhost:8000/api/v1' has no http:// or https:// scheme")


def test_the_override_field_works_when_api_base_url_is_missing(app, ui_env: Standin, monkeypatch) -> None:
    monkeypatch.delenv("API_BASE_URL")
    at = ok(app(key=None))
    at.text_input[0].input(DEMO_API_KEY)
    at.text_input[1].input(ui_env.base_url)
    ok(submit(at, "Sign in with API key").click().run())
    assert at.session_state["vj_base_url"] == ui_env.base_url
    assert next(m.label for m in at.metric) == "Hackathons"


def test_email_sign_in_issues_a_new_key_and_says_it_replaces_the_old_one(app) -> None:
    at = ok(app(key=None))
    assert any("revokes your previous keys" in c for c in texts(at.caption))
    at.text_input[2].input("demo@vibejudge.example")
    ok(submit(at, "Sign in with e-mail").click().run())
    assert at.session_state["vj_api_key"].startswith("vj_live_")
    assert at.session_state["vj_api_key"] != DEMO_API_KEY


def test_email_sign_in_for_an_unknown_address_suggests_registering(app) -> None:
    at = ok(app(key=None))
    at.text_input[2].input("nobody@example.com")
    ok(submit(at, "Sign in with e-mail").click().run())
    assert texts(at.main.error) == [
        "No organizer is registered with nobody@example.com; use the Register page to create one."
    ]


def test_autologin_signs_a_new_session_in_for_local_development(app) -> None:
    at = ok(app(key=DEMO_API_KEY))
    assert texts(at.sidebar.success) == ["Signed in"]
    assert any("DASHBOARD_AUTOLOGIN_API_KEY is set" in c for c in texts(at.sidebar.caption))


def test_a_bad_autologin_key_leaves_the_user_signed_out_with_the_reason(app) -> None:
    at = ok(app(key="vj_live_" + "Q" * 32))
    assert texts(at.main.warning) == [
        "Automatic sign-in (DASHBOARD_AUTOLOGIN_API_KEY) failed: This API key is not valid (Invalid API key); "
        "sign in again with a current key."
    ]


def test_logout_in_the_sidebar_returns_to_the_sign_in_form(app) -> None:
    at = ok(app(page=RESULTS))
    ok(button(at, "Log out").click().run())
    assert [t.label for t in at.tabs] == ["🔑 API key", "✉️ E-mail"]
    assert texts(at.sidebar.info) == ["Not signed in"]


def _sidebar_script(key: str, base: str) -> None:
    import streamlit as st

    from components import auth, ui

    if "vj_autologin_done" not in st.session_state:  # logout keeps this marker
        auth.sign_in_with_key(key, base)
        st.session_state["vj_autologin_done"] = True
    ui.sidebar()


def test_logout_clears_the_session(ui_env: Standin) -> None:
    # The sidebar on its own: logging out must also drop the key from the session.
    at = ok(AppTest.from_function(_sidebar_script, args=(DEMO_API_KEY, ui_env.base_url), default_timeout=30).run())
    assert texts(at.sidebar.success) == ["Signed in"]
    ok(button(at, "Log out").click().run())
    assert texts(at.sidebar.info) == ["Not signed in"]
    assert "vj_api_key" not in at.session_state


def test_a_key_revoked_mid_session_signs_the_user_out_with_the_reason(app, ui_env: Standin) -> None:
    from components.api_client import ApiClient

    at = ok(app(page=LIVE))
    ApiClient(ui_env.base_url).login("demo@vibejudge.example")  # revokes the key this session holds
    at.session_state["vj_cache_generation"] = 99
    ok(at.run())
    assert any("API key inactive" in e for e in texts(at.main.error))
    assert "vj_api_key" not in at.session_state


@pytest.mark.parametrize("page", [CREATE, LIVE, RESULTS, INTEL, MANAGE])
def test_every_page_shows_the_sign_in_form_instead_of_its_content_when_signed_out(app, page: str) -> None:
    at = ok(app(page=page, key=None))
    assert texts(at.main.info) == ["Sign in to open this page."]
    assert [t.label for t in at.tabs] == ["🔑 API key", "✉️ E-mail"]
    assert not at.metric


def test_signing_in_on_a_deep_linked_page_opens_that_page(app) -> None:
    at = ok(app(page=RESULTS, key=None))
    at.text_input[0].input(DEMO_API_KEY)
    ok(submit(at, "Sign in with API key").click().run())
    assert texts(at.title) == ["🏆 Results"]


# --- register -------------------------------------------------------------------------------------------
def test_register_validates_every_field_next_to_it(app) -> None:
    at = ok(app(page=REGISTER, key=None))
    ok(submit(at, "Create account").click().run())
    assert texts(at.main.error) == [
        "E-mail '(empty)' is not a valid address; use the form name@example.com.",
        "Full name must be 1 to 100 characters (got 0).",
        "Password must be at least 8 characters (got 0).",
        "Organization must be 1 to 200 characters (got 0).",
        "Accept the terms of service to register.",
    ]


def fill_registration(at: AppTest, email: str) -> None:
    at.text_input[0].input(email)
    at.text_input[1].input("Grace Hopper")
    at.text_input[2].input("longenough")
    at.text_input[3].input("Navy")
    at.checkbox[0].check()


def test_register_shows_the_key_once_with_a_warning_and_signs_in(app) -> None:
    at = ok(app(page=REGISTER, key=None))
    fill_registration(at, "grace@example.com")
    ok(submit(at, "Create account").click().run())
    assert at.code[0].value.startswith("vj_live_")
    assert "Save this API key now." in texts(at.main.error)[0]
    assert at.session_state["vj_api_key"] == at.code[0].value
    ok(button(at, "I have saved my key").click().run())
    assert not at.code


def test_register_with_a_known_email_points_to_sign_in(app) -> None:
    at = ok(app(page=REGISTER, key=None))
    fill_registration(at, "demo@vibejudge.example")
    ok(submit(at, "Create account").click().run())
    assert texts(at.main.error) == [
        "Email demo@vibejudge.example is already registered. Sign in with that e-mail instead. Use the Sign in page."
    ]


# --- create hackathon -----------------------------------------------------------------------------------
def test_create_hackathon_validates_before_sending(app, ui_env: Standin) -> None:
    at = ok(app(page=CREATE))
    at.number_input(key="weight_bug_hunter").set_value(0.5)
    ui_env.clear_requests()
    ok(submit(at, "Create hackathon").click().run())
    assert texts(at.main.error) == [
        "Name is required (1 to 200 characters).",
        "The enabled agents' weights add up to 1.20; they must add up to 1.00.",
    ]
    assert ui_env.requests() == []


def test_item_9_a_hackathon_can_be_created_without_a_description_as_the_api_allows(app, ui_env: Standin) -> None:
    at = ok(app(page=CREATE))
    assert "Description (optional)" in [t.label for t in at.text_area]
    at.text_input[0].input("No Words Jam")
    ok(submit(at, "Create hackathon").click().run())
    assert "Created **No Words Jam**" in texts(at.main.success)[0]
    from components.api_client import ApiClient

    created = ApiClient(ui_env.base_url, DEMO_API_KEY).get_hackathon(ui_env.hackathon_id("No Words Jam"))
    assert created["description"] == ""


def test_create_hackathon_refuses_an_end_date_before_the_start(app) -> None:
    import datetime

    at = ok(app(page=CREATE))
    at.text_input[0].input("Jam")
    at.text_area[0].input("A jam")
    at.date_input[0].set_value(datetime.date(2026, 5, 10))
    at.date_input[1].set_value(datetime.date(2026, 5, 1))
    ok(submit(at, "Create hackathon").click().run())
    assert texts(at.main.error) == ["End date 2026-05-01 is before start date 2026-05-10; it must be on or after it."]


def test_create_hackathon_shows_the_servers_422_next_to_the_field(app, monkeypatch: pytest.MonkeyPatch) -> None:
    from components import validators

    monkeypatch.setattr(validators, "validate_hackathon", lambda form: validators.FormErrors())
    at = ok(app(page=CREATE))
    at.text_input[0].input("Jam")
    at.text_area[0].input("A jam")
    at.number_input(key="weight_bug_hunter").set_value(0.5)
    ok(submit(at, "Create hackathon").click().run())
    (error,) = texts(at.main.error)  # the server's own message, next to the rubric
    assert error.startswith("Dimension weights must sum to 1.0, got 1.2")


def test_creating_a_hackathon_says_it_is_a_draft_and_refreshes_the_lists(app) -> None:
    at = ok(app(page=CREATE))
    at.text_input[0].input("Autumn Agents Hack")
    at.text_area[0].input("Build agents.")
    ok(submit(at, "Create hackathon").click().run())
    assert "status **DRAFT**" in texts(at.main.success)[0]
    assert "activate it on the Manage Hackathons page" in texts(at.main.info)[0]
    at.switch_page(f"views/{MANAGE}").run()
    ok(at)
    assert "Autumn Agents Hack" in list(tables(at)[0]["Name"])


def test_a_failed_create_offers_retry_that_resends(app, ui_env: Standin) -> None:
    at = ok(app(page=CREATE))
    at.text_input[0].input("Retry Jam")
    at.text_area[0].input("x")
    ui_env.faults(always_5xx=True, status_5xx=500)
    ok(submit(at, "Create hackathon").click().run())
    assert texts(at.main.error) == [
        "The API had an internal error (HTTP 500): Stand-in fault: injected HTTP 500; press Retry."
    ]
    ui_env.faults(always_5xx=False)
    ok(button(at, "Retry").click().run())
    assert "Retry Jam" in texts(at.main.success)[0]


# --- live dashboard (its behaviour is in test_live_dashboard.py) ---------------------------------------
def test_live_dashboard_lists_only_configured_analyzing_and_completed_hackathons(app, ui_env: Standin) -> None:
    at = ok(app(page=LIVE))
    options = select(at, "Hackathon").options
    assert len(options) == 3
    assert not any("draft" in o or "archived" in o for o in options)


def test_a_bad_retry_base_in_the_environment_is_shown_on_sign_in(app, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DASHBOARD_RETRY_BASE_SECONDS", "fast")
    at = ok(app(key=None))
    at.text_input[0].input(DEMO_API_KEY)
    ok(submit(at, "Sign in with API key").click().run())
    assert texts(at.main.error) == ["DASHBOARD_RETRY_BASE_SECONDS 'fast' is not a number of seconds >= 0."]


# --- results --------------------------------------------------------------------------------------------
def test_results_shows_the_ranked_leaderboard(app, ui_env: Standin) -> None:
    at = ok(app(page=RESULTS))
    choose_hackathon(at, ui_env, "Spring Hackathon 2025")
    board = tables(at)[0]
    assert list(board["Rank"]) == [str(rank) for rank in range(1, 23)]
    scores = [float(s) for s in board["Score"]]
    assert scores == sorted(scores, reverse=True)
    assert {m.label: m.value for m in at.metric}["Analyzed"] == "22"


def test_results_search_filters_by_team_name_case_insensitively(app, ui_env: Standin) -> None:
    at = ok(app(page=RESULTS))
    choose_hackathon(at, ui_env, "Spring Hackathon 2025")
    ok(at.text_input(key="results_search").input("team").run())
    assert sorted(tables(at)[0]["Team"]) == ["Team Dynamo", "Team Lambda", "Team Nova"]


def test_results_search_without_matches_says_so(app, ui_env: Standin) -> None:
    at = ok(app(page=RESULTS))
    choose_hackathon(at, ui_env, "Spring Hackathon 2025")
    ok(at.text_input(key="results_search").input("zzz").run())
    assert texts(at.main.info) == ["No team name contains 'zzz'."]


def test_results_sort_by_name(app, ui_env: Standin) -> None:
    at = ok(app(page=RESULTS))
    choose_hackathon(at, ui_env, "Spring Hackathon 2025")
    ok(select(at, "Sort by").set_value("Team name (A to Z)").run())
    teams = list(tables(at)[0]["Team"])
    assert teams == sorted(teams, key=str.lower)


def test_results_pages_fifty_rows_at_a_time(app, ui_env: Standin) -> None:
    from components.api_client import ApiClient

    client = ApiClient(ui_env.base_url, DEMO_API_KEY)
    hack_id = ui_env.hackathon_id("Campus Code Jam")
    client.activate_hackathon(hack_id)
    client.add_submissions(
        hack_id, [{"team_name": f"Team {i:03d}", "repo_url": f"https://github.com/t/r{i}"} for i in range(120)]
    )
    ui_env.faults(max_cost_per_request_usd=100.0, seconds_per_submission=0.001)
    client.start_analysis(hack_id)
    ui_env.advance(10)
    at = ok(app(page=RESULTS))
    choose_hackathon(at, ui_env, "Campus Code Jam")
    assert len(tables(at)[0]) == 50
    assert "Page **1** of **3** · 120 team(s)" in texts(at.markdown)
    ok(button(at, "Next ▶").click().run())
    assert next(iter(tables(at)[0]["Rank"])) == "51"
    ok(button(at, "Last ⏭").click().run())
    assert len(tables(at)[0]) == 20
    ok(at.text_input(key="results_search").input("Team 00").run())
    assert "Page **1** of **1** · 10 team(s)" in texts(at.markdown)


def test_results_offers_the_leaderboard_as_csv(app, ui_env: Standin) -> None:
    at = ok(app(page=RESULTS))
    choose_hackathon(at, ui_env, "Spring Hackathon 2025")
    assert [b.label for b in at.get("download_button")] == ["Download leaderboard (CSV)"]


def test_results_without_scored_submissions_shows_an_empty_state(app, ui_env: Standin) -> None:
    at = ok(app(page=RESULTS))
    choose_hackathon(at, ui_env, "Serverless Sprint 2026")
    assert texts(at.main.info) == ["No scored submissions yet: results appear here once an analysis has completed."]


def test_the_scorecard_view_has_four_tabs_with_charts_and_a_back_button(app, ui_env: Standin) -> None:
    at = ok(app(page=RESULTS))
    choose_hackathon(at, ui_env, "Spring Hackathon 2025")
    ok(button(at, "View details").click().run())
    assert [t.label for t in at.tabs] == ["Overview", "Agents", "Repository", "Team"]
    assert at.get("plotly_chart")
    at.session_state["results_scorecard_tab"] = "Team"
    ok(at.run())
    assert "Team grade" in [m.label for m in at.metric]
    assert any(e.label.startswith("How to fix (15 min") for e in at.expander)
    ok(button(at, "← Back to the leaderboard").click().run())
    assert tables(at)[0]["Rank"][0] == "1"


def test_a_tab_runs_and_is_drawn_only_when_it_is_open_and_opening_it_calls_no_api(app, ui_env: Standin) -> None:
    at = ok(app(page=RESULTS))
    choose_hackathon(at, ui_env, "Spring Hackathon 2025")
    ok(button(at, "View details").click().run())
    assert "Overall score" in [m.label for m in at.metric]
    assert "Team grade" not in [m.label for m in at.metric]  # the Team tab is closed: nothing of it was sent
    ui_env.clear_requests()
    at.session_state["results_scorecard_tab"] = "Team"
    ok(at.run())
    assert "Team grade" in [m.label for m in at.metric]
    assert "Overall score" not in [m.label for m in at.metric]
    assert [r for r in ui_env.requests() if "/api/v1/" in r] == []  # the scorecard is read once, then cached
    ok(button(at, "← Back to the leaderboard").click().run())
    ok(button(at, "View details").click().run())
    assert "Overall score" in [m.label for m in at.metric]  # another scorecard opens on its Overview


# --- intelligence ---------------------------------------------------------------------------------------
def test_intelligence_shows_candidates_technologies_and_sponsors(app, ui_env: Standin) -> None:
    at = ok(app(page=INTEL))
    choose_hackathon(at, ui_env, "Spring Hackathon 2025")
    assert [t.label for t in at.tabs][:3] == ["Must-interview candidates", "Technology trends", "Sponsor interest"]
    must = tables(at)[0]
    assert {"Name", "Skills", "Recommended role"} <= set(must.columns)
    assert {"Role", "Candidates", ""} == set(tables(at)[1].columns)  # candidates by role, counts drawn as bars
    assert not at.get("plotly_chart")  # nothing on the landing view waits for Plotly
    at.session_state["intel_tab"] = "Technology trends"
    ok(at.run())
    assert {"Technology", "Teams", ""} == set(tables(at)[0].columns)


def test_intelligence_before_any_analysis_explains_when_insights_appear(app, ui_env: Standin) -> None:
    at = ok(app(page=INTEL))
    choose_hackathon(at, ui_env, "Campus Code Jam")
    assert texts(at.main.info) == ["No insights yet: they appear after an analysis of this hackathon has completed."]


def test_intelligence_errors_are_one_sentence_with_retry(app, ui_env: Standin) -> None:
    at = ok(app(page=INTEL))
    ui_env.faults(down=True)
    ok(button(at, "Refresh").click().run())
    assert texts(at.main.error)[0].startswith("Unable to connect to the API at")
    assert [b.label for b in at.button if b.label == "Retry"] == ["Retry"]


# --- manage ---------------------------------------------------------------------------------------------
def test_activating_a_draft_asks_for_confirmation_first(app, ui_env: Standin) -> None:
    at = ok(app(page=MANAGE))
    choose_hackathon(at, ui_env, "Campus Code Jam", label="Details of")
    ok(button(at, "Activate").click().run())
    assert "**Activate Campus Code Jam?** It will accept submissions from then on." in texts(at.markdown)
    ok(button(at, "Yes, activate").click().run())
    assert texts(at.main.success) == ["Campus Code Jam is now active (configured) and accepts submissions."]
    assert "🟢 configured" in at.subheader[0].value


def test_archiving_asks_for_confirmation_and_cancel_keeps_it(app, ui_env: Standin) -> None:
    at = ok(app(page=MANAGE))
    choose_hackathon(at, ui_env, "AWS Bedrock Builders 2026", label="Details of")
    ok(button(at, "Archive").click().run())
    ui_env.clear_requests()
    ok(button(at, "Cancel").click().run())
    assert not any(r.startswith("DELETE") for r in ui_env.requests())
    ok(button(at, "Archive").click().run())
    ok(button(at, "Yes, archive").click().run())
    assert texts(at.main.success) == ["AWS Bedrock Builders 2026 was archived."]


def test_adding_a_submission_validates_the_repository_url(app, ui_env: Standin) -> None:
    at = ok(app(page=MANAGE))
    choose_hackathon(at, ui_env, "AWS Bedrock Builders 2026", label="Details of")
    inputs = {t.label: t for t in at.text_input}
    inputs["Team name"].input("New Team")
    inputs["GitHub repository URL"].input("https://gitlab.com/x/y")
    ok(submit(at, "Add submission").click().run())
    assert texts(at.main.error) == [
        "Repository URL 'https://gitlab.com/x/y' must look like https://github.com/owner/repo."
    ]
    inputs = {t.label: t for t in at.text_input}
    inputs["GitHub repository URL"].input("https://github.com/new-team/app")
    ok(submit(at, "Add submission").click().run())
    assert texts(at.main.success) == ["Added New Team to AWS Bedrock Builders 2026."]


def test_manage_with_no_hackathons_points_to_create(app) -> None:
    at = ok(app(page=MANAGE, key=EMPTY_API_KEY))
    assert texts(at.main.info) == ["You have no hackathons yet: create one on the Create Hackathon page."]


def test_overview_for_a_new_organizer_says_how_to_start(app) -> None:
    at = ok(app(key=EMPTY_API_KEY))
    assert at.metric[0].value == "0"
    assert texts(at.main.info) == [
        "You have no hackathons yet: create one on the Create Hackathon page, then activate it."
    ]


def test_item_10_the_add_submission_form_empties_after_success_so_a_second_click_adds_nothing(
    app, ui_env: Standin
) -> None:
    at = ok(app(page=MANAGE))
    choose_hackathon(at, ui_env, "AWS Bedrock Builders 2026", label="Details of")
    at.text_input(key="manage_team").input("Once Only")
    at.text_input(key="manage_repo").input("https://github.com/once-only/app")
    ok(submit(at, "Add submission").click().run())
    assert texts(at.main.success) == ["Added Once Only to AWS Bedrock Builders 2026."]
    assert at.text_input(key="manage_team").value == ""
    assert at.text_input(key="manage_repo").value == ""
    ui_env.clear_requests()
    ok(submit(at, "Add submission").click().run())
    assert not any(r.startswith("POST") for r in ui_env.requests())
    teams = list(tables(at)[-1]["Team"])
    assert teams.count("Once Only") == 1


def test_a_search_that_matches_no_hackathon_says_so_without_an_empty_table(app, ui_env: Standin) -> None:
    at = ok(app(page=MANAGE))
    ok(at.text_input(key="manage_search").input("no such hackathon").run())
    assert texts(at.main.info) == ["No hackathon matches the search and status filter."]
    assert not [m for m in texts(at.markdown) if m.startswith("|")]  # not even a table's empty frame


def test_adding_a_repository_twice_says_it_was_already_submitted(app, ui_env: Standin) -> None:
    at = ok(app(page=MANAGE))
    choose_hackathon(at, ui_env, "AWS Bedrock Builders 2026", label="Details of")
    repo = link_url(tables(at)[-1]["Repository"][0])
    at.text_input(key="manage_team").input("Copy Cats")
    at.text_input(key="manage_repo").input(repo)
    ok(submit(at, "Add submission").click().run())
    assert texts(at.main.error) == [
        f"{repo} has already been submitted to AWS Bedrock Builders 2026; it was not added again."
    ]
    assert at.text_input(key="manage_team").value == "Copy Cats"


def test_item_13_deleting_a_submission_asks_first_and_then_removes_it(app, ui_env: Standin) -> None:
    at = ok(app(page=MANAGE))
    choose_hackathon(at, ui_env, "AWS Bedrock Builders 2026", label="Details of")
    before = {m.label: m.value for m in at.metric}["Submissions"]
    victim = select(at, "Submission")
    sub_id = victim.value
    team, repo = victim.format_func(sub_id).split(" · ")
    ok(button(at, "Delete submission").click().run())
    question = next(m for m in texts(at.markdown) if m.startswith(f"**Delete {team}**"))
    assert "the API has no way to undo this" in question
    ui_env.clear_requests()
    ok(button(at, "Cancel").click().run())
    assert not any(r.startswith("DELETE") for r in ui_env.requests())
    ok(button(at, "Delete submission").click().run())
    ok(button(at, "Yes, delete").click().run())
    assert texts(at.main.success) == [f"Deleted {team} from AWS Bedrock Builders 2026."]
    assert [r for r in ui_env.requests() if r.startswith("DELETE")] == [f"DELETE /api/v1/submissions/{sub_id}"]
    assert repo not in [link_url(cell) for cell in tables(at)[-1]["Repository"]]
    assert {m.label: m.value for m in at.metric}["Submissions"] == str(int(before) - 1)
