"""The stand-in's Settings routes (contract E20-E24): API keys and usage, as the backend code answers them."""

from __future__ import annotations

import re
from typing import Any

import pytest
from conftest import Standin
from standin_client import Reply, call

from standin_api import DEMO_API_KEY, OTHER_API_KEY

KEY_RE = re.compile(r"^vj_live_[A-Za-z0-9+/]{32}$")
KEY_FIELDS = {
    "api_key_id",
    "organizer_id",
    "hackathon_id",
    "tier",
    "rate_limit_per_second",
    "daily_quota",
    "budget_limit_usd",
    "active",
    "expires_at",
    "deprecated",
    "deprecated_at",
    "total_requests",
    "total_cost_usd",
    "last_used_at",
    "created_at",
    "updated_at",
}


def api(standin: Standin, method: str, path: str, body: Any = None, key: str | None = DEMO_API_KEY) -> Reply:
    return call(standin.base_url, method, path, body, key)


def demo_key_id(standin: Standin) -> str:
    return api(standin, "GET", "/api-keys").body["api_keys"][0]["api_key_id"]


# --- API keys -------------------------------------------------------------------------------------------
def test_the_key_list_shows_the_organizers_keys_without_their_secrets(standin: Standin) -> None:
    listed = api(standin, "GET", "/api-keys").body
    assert listed["total"] == 1
    assert set(listed["api_keys"][0]) == KEY_FIELDS
    assert (listed["api_keys"][0]["tier"], listed["api_keys"][0]["daily_quota"]) == ("free", 100)


def test_a_new_key_shows_its_secret_once_with_its_tiers_limits(standin: Standin) -> None:
    created = api(standin, "POST", "/api-keys", {"tier": "starter"})
    assert created.status == 201
    assert KEY_RE.match(created.body["api_key"])
    assert (created.body["rate_limit_per_second"], created.body["daily_quota"], created.body["budget_limit_usd"]) == (
        20,
        500,
        50.0,
    )
    assert api(standin, "GET", "/organizers/me", key=created.body["api_key"]).header("X-Quota-Limit") == "500"
    assert all("api_key" not in k for k in api(standin, "GET", "/api-keys").body["api_keys"])


def test_any_caller_may_choose_a_new_keys_tier_and_limits(standin: Standin) -> None:
    created = api(standin, "POST", "/api-keys", {"tier": "enterprise", "daily_quota": 5, "budget_limit_usd": 0}).body
    assert (created["tier"], created["daily_quota"], created["budget_limit_usd"]) == ("enterprise", 5, 0.0)


def test_a_new_key_with_an_expiry_in_the_past_is_422(standin: Standin) -> None:
    reply = api(standin, "POST", "/api-keys", {"expires_at": "2020-01-01T00:00:00Z"})
    assert reply.status == 422
    assert reply.body["detail"][0]["msg"] == "Value error, expires_at must be in the future"


def test_the_backend_never_counts_requests_on_the_key_record(standin: Standin) -> None:
    for _ in range(3):
        api(standin, "GET", "/hackathons")
    record = api(standin, "GET", f"/api-keys/{demo_key_id(standin)}").body
    assert (record["total_requests"], record["total_cost_usd"], record["last_used_at"]) == (0, 0.0, None)


def test_rotating_a_key_deprecates_the_old_one_for_a_seven_day_grace(standin: Standin) -> None:
    old_id = demo_key_id(standin)
    rotated = api(standin, "POST", f"/api-keys/{old_id}/rotate")
    assert rotated.status == 200
    assert rotated.body["api_key"] != DEMO_API_KEY
    old = api(standin, "GET", f"/api-keys/{old_id}").body
    assert (old["deprecated"], old["active"]) == (True, True)
    assert old["expires_at"] is not None
    standin.advance(7 * 24 * 3600 + 1)
    # Past its grace the old record no longer loads: 401 "Invalid API key" and gone from the list.
    assert api(standin, "GET", "/hackathons").body == {"error": "Invalid API key"}
    listed = api(standin, "GET", "/api-keys", key=rotated.body["api_key"]).body
    assert [k["api_key_id"] for k in listed["api_keys"]] == [rotated.body["api_key_id"]]


def test_revoking_a_key_keeps_it_listed_as_inactive(standin: Standin) -> None:
    spare = api(standin, "POST", "/api-keys", {}).body
    assert api(standin, "DELETE", f"/api-keys/{spare['api_key_id']}").status == 204
    listed = {k["api_key_id"]: k["active"] for k in api(standin, "GET", "/api-keys").body["api_keys"]}
    assert listed[spare["api_key_id"]] is False
    assert api(standin, "GET", "/hackathons", key=spare["api_key"]).body == {"error": "API key inactive"}


@pytest.mark.parametrize(("method", "suffix", "verb"), [("POST", "/rotate", "rotate"), ("DELETE", "", "revoke")])
def test_another_organizers_key_is_403_and_an_unknown_one_404(
    standin: Standin, method: str, suffix: str, verb: str
) -> None:
    other_id = api(standin, "GET", "/api-keys", key=OTHER_API_KEY).body["api_keys"][0]["api_key_id"]
    forbidden = api(standin, method, f"/api-keys/{other_id}{suffix}")
    assert (forbidden.status, forbidden.body) == (403, {"detail": f"You do not have permission to {verb} this API key"})
    assert api(standin, method, f"/api-keys/01NOSUCHKEY00000000000000{suffix}").body == {"detail": "API key not found"}


# --- usage ------------------------------------------------------------------------------------------------
def test_the_usage_summary_is_always_empty_as_the_backend_queries_by_organizer_id(standin: Standin) -> None:
    api(standin, "GET", "/hackathons")
    org_id = api(standin, "GET", "/organizers/me").body["org_id"]
    summary = api(standin, "GET", "/usage/summary?start_date=2020-01-01&end_date=2030-12-31").body
    assert summary == {
        "api_key_prefix": org_id[:8],
        "start_date": "2020-01-01",
        "end_date": "2030-12-31",
        "total_requests": 0,
        "successful_requests": 0,
        "failed_requests": 0,
        "total_cost_usd": 0.0,
        "endpoints_used": {},
        "daily_breakdown": [],
        "error": None,
    }


def test_the_usage_summary_without_dates_is_the_backends_500(standin: Standin) -> None:
    reply = api(standin, "GET", "/usage/summary")
    assert (reply.status, reply.body) == (
        500,
        {"detail": "Failed to get usage summary: 'NoneType' object has no attribute 'strftime'"},
    )


@pytest.mark.parametrize(
    ("query", "detail"),
    [
        ("start_date=2026-13-01&end_date=2026-12-31", "Invalid start_date format. Use YYYY-MM-DD: "),
        ("start_date=2026-12-31&end_date=2026-01-01", "start_date must be before end_date"),
    ],
)
def test_a_bad_usage_range_is_400(standin: Standin, query: str, detail: str) -> None:
    reply = api(standin, "GET", f"/usage/summary?{query}")
    assert reply.status == 400
    assert reply.body["detail"].startswith(detail)


def test_real_usage_reports_the_organizers_counted_requests(standin: Standin) -> None:
    standin.faults(real_usage=True, clock_start="2026-06-01T12:00:00Z", clock_scale=1e-9)
    api(standin, "GET", "/hackathons")
    api(standin, "GET", "/hackathons/01NOSUCHHACKATHON000000000")
    summary = api(standin, "GET", "/usage/summary?start_date=2026-06-01&end_date=2026-06-01").body
    assert (summary["total_requests"], summary["successful_requests"], summary["failed_requests"]) == (3, 1, 1)
    assert summary["endpoints_used"]["/api/v1/hackathons"] == 1
    assert summary["daily_breakdown"][0]["date"] == "2026-06-01"


def test_the_usage_export_is_a_csv_attachment_holding_the_backends_error_text(standin: Standin) -> None:
    reply = api(standin, "GET", "/usage/export?start_date=2026-01-01&end_date=2026-01-31")
    assert reply.status == 200
    assert reply.header("Content-Type").startswith("text/csv")
    assert reply.header("Content-Disposition").startswith("attachment; filename=usage_export_")
    assert reply.body == "Error exporting CSV: 'UsageSummary' object is not subscriptable"


def test_real_usage_exports_a_real_csv(standin: Standin) -> None:
    standin.faults(real_usage=True, clock_start="2026-06-01T12:00:00Z", clock_scale=1e-9)
    api(standin, "GET", "/hackathons")
    lines = api(standin, "GET", "/usage/export?start_date=2026-06-01&end_date=2026-06-01").body.splitlines()
    assert (
        lines[0]
        == "date,total_requests,successful_requests,failed_requests,total_cost_usd,top_endpoint,top_endpoint_count"
    )
    assert lines[1].startswith("2026-06-01,2,1,0,0.0000,")
