"""Issue 11, item 12: the Settings page (contract E3, E20–E24) against the default (faithful) stand-in: the
profile, the organizer's keys (list, create, rotate, revoke behind confirmations; a secret shown once; the
session's own key handled on rotate and revoke), and usage against the key's quota, never showing numbers the
backend does not fill as measurements. Every AppTest asserts that no exception reached the page."""

from __future__ import annotations

import re
from typing import Any

from conftest import Standin, tables, texts
from streamlit.testing.v1 import AppTest
from test_dashboard_pages import button, ok, submit

from standin_api import DEMO_API_KEY

SETTINGS = "6_⚙️_Settings.py"
KEY_RE = re.compile(r"^vj_live_[A-Za-z0-9+/]{32}$")


def api(standin: Standin, key: str = DEMO_API_KEY) -> Any:
    from components.api_client import ApiClient

    return ApiClient(standin.base_url, key)


def key_table(at: AppTest) -> dict[str, dict[str, Any]]:
    table = tables(at)[0]
    return {row["Key"]: row for row in table.to_dict("records")}


def demo_key_id(standin: Standin) -> str:
    (record,) = api(standin).list_api_keys()
    return record["api_key_id"]


def secret_shown(at: AppTest) -> str:
    (code,) = at.code
    return code.value


def test_item_12_settings_opens_from_the_navigation_with_the_profile(app, ui_env: Standin) -> None:
    at = ok(app(page=SETTINGS))
    assert texts(at.title) == ["⚙️ Settings"]
    metrics = {m.label: m.value for m in at.metric}
    profile = api(ui_env).me()
    assert f"**{profile['name']}** · {profile['email']}" in texts(at.markdown)[0]
    assert metrics["Tier"] == profile["tier"].capitalize()


def test_item_12_settings_costs_three_calls_when_it_opens(app, ui_env: Standin) -> None:
    at = ok(app())
    ui_env.clear_requests()
    ok(at.switch_page(f"views/{SETTINGS}").run())
    assert sorted(r.split("?")[0] for r in ui_env.requests()) == [
        "GET /api/v1/api-keys",
        "GET /api/v1/organizers/me",
        "GET /api/v1/usage/summary",
    ]


def test_item_12_the_keys_are_listed_with_this_sessions_key_marked(app, ui_env: Standin) -> None:
    at = ok(app(page=SETTINGS))
    rows = key_table(at)
    assert rows[demo_key_id(ui_env)]["This session"] == "✔ this session"
    assert rows[demo_key_id(ui_env)]["Requests a day"] == "100"


def test_item_12_the_page_never_offers_a_tier_quota_rate_limit_or_budget(app) -> None:
    at = ok(app(page=SETTINGS))
    labels = [w.label.lower() for kind in ("text_input", "number_input", "selectbox", "slider") for w in at.get(kind)]
    labels += [w.label.lower() for w in at.date_input]
    assert not [label for label in labels if re.search(r"tier|quota|rate|budget|limit", label)], labels


def test_item_12_a_new_key_gets_the_sessions_tier_and_its_secret_is_shown_once_with_save_it_now(
    app, ui_env: Standin
) -> None:
    demo = demo_key_id(ui_env)
    ui_env.set_tier(DEMO_API_KEY, "pro")  # the organizer's effective tier: that of the key it works with
    at = ok(app(page=SETTINGS))
    ok(submit(at, "Create key").click().run())
    secret = secret_shown(at)
    assert KEY_RE.match(secret)
    assert any(e.startswith("**Save this API key now.**") for e in texts(at.main.error))
    created = next(k for k in api(ui_env).list_api_keys() if k["api_key_id"] != demo)
    assert (created["tier"], created["daily_quota"]) == ("pro", 2500)
    assert at.session_state["vj_api_key"] == DEMO_API_KEY  # the session keeps its own key
    assert key_table(at)[created["api_key_id"]]["This session"] == ""
    ok(button(at, "I have saved it").click().run())
    assert not at.code


def test_item_12_rotating_this_sessions_key_switches_the_session_to_the_new_key(app, ui_env: Standin) -> None:
    old_id = demo_key_id(ui_env)
    at = ok(app(page=SETTINGS))
    ok(button(at, "Rotate key").click().run())
    question = next(m for m in texts(at.markdown) if m.startswith("**Rotate key"))
    assert "This is the key this session is signed in with" in question
    ok(button(at, "Yes, rotate").click().run())
    secret = secret_shown(at)
    assert at.session_state["vj_api_key"] == secret != DEMO_API_KEY
    rows = key_table(at)
    assert rows[old_id]["State"] == "deprecated"
    assert [key for key, row in rows.items() if row["This session"] == "✔ this session"] != [old_id]
    assert api(ui_env).list_api_keys()  # the old key keeps working through its grace period
    at.switch_page("views/5_🗂_Manage_Hackathons.py").run()
    ok(at)
    assert not at.error


def test_item_12_revoking_this_sessions_key_asks_first_then_signs_out_with_the_reason(app, ui_env: Standin) -> None:
    at = ok(app(page=SETTINGS))
    ok(button(at, "Revoke key").click().run())
    question = next(m for m in texts(at.markdown) if m.startswith("**Revoke key"))
    assert "**This is the key this session is signed in with:** revoking it signs this session out" in question
    ui_env.clear_requests()
    ok(button(at, "Cancel").click().run())
    assert not any(r.startswith("DELETE") for r in ui_env.requests())
    ok(button(at, "Revoke key").click().run())
    ok(button(at, "Yes, revoke").click().run())
    assert "vj_api_key" not in at.session_state
    assert texts(at.main.warning)[0].startswith("You revoked the API key this session was signed in with")


def test_item_12_revoking_a_key_the_session_might_use_explains_it_and_a_401_then_signs_out(
    app, ui_env: Standin
) -> None:
    demo = demo_key_id(ui_env)
    api(ui_env).create_api_key(tier="free")  # made elsewhere: the dashboard cannot tell the two apart
    at = ok(app(page=SETTINGS))
    assert {r["This session"] for r in key_table(at).values()} == {"?"}
    ok(next(s for s in at.selectbox if s.label == "Key").set_value(demo).run())
    ok(button(at, "Revoke key").click().run())
    assert any("The API does not say whether this session uses it" in m for m in texts(at.markdown))
    ok(button(at, "Yes, revoke").click().run())
    assert "vj_api_key" not in at.session_state
    assert texts(at.main.warning)[0].startswith("You revoked the API key this session was signed in with")


def test_item_12_revoking_a_key_made_here_keeps_the_session(app, ui_env: Standin) -> None:
    at = ok(app(page=SETTINGS))
    ok(submit(at, "Create key").click().run())
    new_id = next(k for k, r in key_table(at).items() if r["This session"] == "")
    ok(button(at, "I have saved it").click().run())
    ok(next(s for s in at.selectbox if s.label == "Key").set_value(new_id).run())
    ok(button(at, "Revoke key").click().run())
    assert any("This session keeps its own key." in m for m in texts(at.markdown))
    ok(button(at, "Yes, revoke").click().run())
    assert texts(at.main.success) == [f"Revoked key `{new_id}`."]
    assert key_table(at)[new_id]["State"] == "revoked"
    assert at.session_state["vj_api_key"] == DEMO_API_KEY


def test_item_12_usage_the_backend_does_not_record_is_not_shown_as_zeros(app) -> None:
    at = ok(app(page=SETTINGS))
    assert any(w.startswith("The API's usage summary records no requests") for w in texts(at.main.warning))
    assert "Requests in range" not in [m.label for m in at.metric]


def test_item_12_when_the_summary_is_empty_todays_use_comes_from_the_apis_quota_counter(app, ui_env: Standin) -> None:
    at = ok(app(page=SETTINGS))
    (bar,) = at.get("progress")
    used = int(re.fullmatch(r"Today \(UTC\): (\d+) of this key's 100 requests a day used, .*", bar.proto.text)[1])
    assert used == ui_env.quota()[DEMO_API_KEY[:16]]["used_today"]


def test_item_12_recorded_usage_shows_today_against_the_keys_daily_quota(app, ui_env: Standin) -> None:
    ui_env.faults(real_usage=True)
    at = ok(app(page=SETTINGS))
    (bar,) = at.get("progress")
    assert re.fullmatch(r"Today \(UTC\): \d+ of this key's 100 requests a day", bar.proto.text)
    assert int({m.label: m.value for m in at.metric}["Requests in range"]) > 0
    daily = tables(at)[1]  # after the key table: a row per day, its requests also drawn as a bar
    assert list(daily.columns) == ["Day (UTC)", "Requests", "Successful", "Failed", "Cost (USD)", ""]
    assert any(cell.startswith(":blue[█") for cell in daily[""])


def test_item_12_the_csv_export_error_text_is_not_offered_as_a_file(app, ui_env: Standin) -> None:
    at = ok(app(page=SETTINGS))
    ok(button(at, "Prepare CSV export (1 API call)").click().run())
    assert any(e.startswith("The API could not export the usage") for e in texts(at.main.error))
    assert not at.get("download_button")


def test_item_12_recorded_usage_can_be_downloaded_as_csv(app, ui_env: Standin) -> None:
    ui_env.faults(real_usage=True)
    at = ok(app(page=SETTINGS))
    ok(button(at, "Prepare CSV export (1 API call)").click().run())
    assert [b.label for b in at.get("download_button")] == ["Download usage CSV"]


def test_item_12_a_start_after_the_end_is_refused_before_any_call(app, ui_env: Standin) -> None:
    import datetime

    at = ok(app(page=SETTINGS))
    today = datetime.datetime.now(datetime.UTC).date()
    dates = {d.label: d for d in at.date_input}
    dates["From (UTC)"].set_value(today)
    dates["To (UTC)"].set_value(today - datetime.timedelta(days=3))
    ui_env.clear_requests()
    ok(submit(at, "Show usage").click().run())
    assert any(e.startswith(f"The start day {today} is after the end day") for e in texts(at.main.error))
    assert not any("/usage/" in r for r in ui_env.requests())
