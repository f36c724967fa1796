"""The stand-in's enforcement layers (contract §1.4-§1.7): keys, tiers, per-second limits, daily quotas,
their headers and 429s, the budget middleware, the order the layers run in, exempt paths, and the
stand-in's clock that the quota day and rate windows follow."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from conftest import Standin
from standin_client import Reply, call

from standin_api import DEMO_API_KEY, EMPTY_API_KEY, OTHER_API_KEY

# A clock that barely moves: every request of a test falls into the same rate-limit second.
FROZEN = {"clock_scale": 1e-9}


def api(standin: Standin, method: str, path: str, body: Any = None, key: str | None = DEMO_API_KEY) -> Reply:
    return call(standin.base_url, method, path, body, key)


def quota_of(standin: Standin, key: str) -> dict[str, Any]:
    return standin.quota()[key[:16]]


def register(standin: Standin, email: str) -> str:
    reply = api(standin, "POST", "/organizers", {"email": email, "name": "Someone"}, key=None)
    assert reply.status == 201, reply.body
    return reply.body["api_key"]


# --- keys (401 from the rate limiter, before any route) -----------------------------------------------------
@pytest.mark.parametrize(
    ("key", "message"),
    [(None, "Missing X-API-Key header"), ("vj_live_" + "x" * 32, "Invalid API key")],
)
def test_a_missing_or_unknown_key_is_the_rate_limiters_401(standin: Standin, key: str | None, message: str) -> None:
    reply = api(standin, "GET", "/hackathons", key=key)
    assert (reply.status, reply.body) == (401, {"error": message})
    assert reply.header("WWW-Authenticate") is None


def test_a_revoked_key_is_401_inactive(standin: Standin) -> None:
    key_id = api(standin, "GET", "/api-keys").body["api_keys"][0]["api_key_id"]
    assert api(standin, "DELETE", f"/api-keys/{key_id}").status == 204
    assert api(standin, "GET", "/hackathons").body == {"error": "API key inactive"}


def test_a_missing_key_on_an_analyze_path_is_401_before_the_budget_402(standin: Standin) -> None:
    spring = standin.hackathon_id("Spring Hackathon 2025")  # 24 submissions: 402 with a key
    assert api(standin, "POST", f"/hackathons/{spring}/analyze", {}).status == 402
    assert api(standin, "POST", f"/hackathons/{spring}/analyze", {}, key=None).status == 401


def test_an_unknown_route_without_a_key_is_401_and_with_one_404_or_405(standin: Standin) -> None:
    assert api(standin, "GET", "/nothing-here", key=None).status == 401
    assert (api(standin, "GET", "/nothing-here").status, api(standin, "GET", "/nothing-here").body) == (
        404,
        {"detail": "Not Found"},
    )
    assert api(standin, "PUT", "/hackathons").body == {"detail": "Method Not Allowed"}


# --- exempt paths -----------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("method", "path"), [("GET", "/health"), ("GET", "/docs"), ("GET", "/openapi.json"), ("GET", "/redoc")]
)
def test_exempt_paths_answer_without_a_key_and_are_not_counted(standin: Standin, method: str, path: str) -> None:
    reply = call(standin.origin, method, path, key=DEMO_API_KEY)
    assert reply.status == 200
    assert reply.header("X-Quota-Limit") is None
    assert quota_of(standin, DEMO_API_KEY)["used_today"] == 0
    assert call(standin.origin, method, path, key=None).status == 200


def test_registration_login_and_public_routes_are_exempt(standin: Standin) -> None:
    register(standin, "exempt@example.org")
    api(standin, "POST", "/organizers/login", {"email": "exempt@example.org"}, key=None)
    api(standin, "GET", "/public/hackathons", key=None)
    bedrock = standin.hackathon_id("AWS Bedrock Builders 2026")
    body = {"submissions": [{"team_name": "Walk In", "repo_url": "https://github.com/walk-in/app"}]}
    assert api(standin, "POST", f"/public/hackathons/{bedrock}/submissions", body, key=None).status == 201
    assert quota_of(standin, DEMO_API_KEY)["used_today"] == 0


def test_exempt_paths_match_exactly_so_the_profile_needs_a_key(standin: Standin) -> None:
    assert api(standin, "GET", "/organizers/me", key=None).body == {"error": "Missing X-API-Key header"}


def test_the_exempt_api_v1_health_has_no_route(standin: Standin) -> None:
    assert api(standin, "GET", "/health", key=None).body == {"detail": "Not Found"}


# --- tiers, counting and headers ------------------------------------------------------------------------
def test_every_seeded_organizer_is_on_the_free_tier(standin: Standin) -> None:
    report = standin.quota()
    for key in (DEMO_API_KEY, EMPTY_API_KEY, OTHER_API_KEY):
        assert (
            report[key[:16]]["tier"],
            report[key[:16]]["daily_quota"],
            report[key[:16]]["rate_limit_per_second"],
        ) == (
            "free",
            100,
            10,
        )


def test_a_new_organizer_is_on_the_free_tier(standin: Standin) -> None:
    key = register(standin, "fresh@example.org")
    me = api(standin, "GET", "/organizers/me", key=key)
    assert me.body["tier"] == "free"
    assert (me.header("X-Quota-Limit"), me.header("X-RateLimit-Limit")) == ("100", "10")


def test_a_successful_response_carries_the_rate_and_quota_headers(standin: Standin) -> None:
    standin.faults(**FROZEN)
    first, second = api(standin, "GET", "/hackathons"), api(standin, "GET", "/hackathons")
    now = int(datetime.fromisoformat(standin.clock()["now"].replace("Z", "+00:00")).timestamp())
    assert [first.header("X-RateLimit-Remaining"), second.header("X-RateLimit-Remaining")] == ["9", "8"]
    assert [first.header("X-Quota-Remaining"), second.header("X-Quota-Remaining")] == ["99", "98"]
    assert (second.header("X-RateLimit-Limit"), second.header("X-Quota-Limit")) == ("10", "100")
    assert second.header("X-RateLimit-Reset") == str(now + 1)
    assert second.header("X-Quota-Reset") is None


def test_route_errors_and_the_budget_402_carry_the_headers_too(standin: Standin) -> None:
    not_found = api(standin, "GET", "/hackathons/01NOSUCHHACKATHON000000000")
    refused = api(standin, "POST", f"/hackathons/{standin.hackathon_id('Spring Hackathon 2025')}/analyze", {})
    assert (not_found.status, refused.status) == (404, 402)
    assert not_found.header("X-Quota-Remaining") == "99"
    assert refused.header("X-Quota-Remaining") == "98"


def test_every_request_let_through_counts_whatever_it_answered(standin: Standin) -> None:
    api(standin, "GET", "/hackathons")
    api(standin, "GET", "/hackathons/01NOSUCHHACKATHON000000000")
    api(standin, "POST", "/hackathons", {"name": ""})
    assert quota_of(standin, DEMO_API_KEY)["used_today"] == 3


def test_each_key_has_its_own_counters(standin: Standin) -> None:
    api(standin, "GET", "/hackathons")
    assert quota_of(standin, DEMO_API_KEY)["used_today"] == 1
    assert quota_of(standin, OTHER_API_KEY)["used_today"] == 0


def test_the_quota_429_after_100_requests_has_the_contract_body_and_no_retry_after(standin: Standin) -> None:
    standin.faults(unlimited_rate=True)
    statuses = [api(standin, "GET", "/organizers/me").status for _ in range(100)]
    spent = api(standin, "GET", "/organizers/me")
    midnight = datetime.fromtimestamp(standin.clock()["quota_reset"], UTC)
    assert set(statuses) == {200}
    assert (spent.status, spent.body) == (
        429,
        {"error": "Daily quota exceeded. Resets at midnight UTC", "quota_reset": int(midnight.timestamp())},
    )
    assert (spent.header("X-Quota-Limit"), spent.header("X-Quota-Remaining")) == ("100", "0")
    assert spent.header("X-Quota-Reset") == str(int(midnight.timestamp()))
    assert spent.header("Retry-After") is None
    assert (midnight.hour, midnight.minute) == (0, 0)


def test_a_quota_429_does_not_count_against_the_quota(standin: Standin) -> None:
    standin.faults(daily_quota=2)
    for _ in range(5):
        api(standin, "GET", "/organizers/me")
    assert quota_of(standin, DEMO_API_KEY)["used_today"] == 2


def test_the_rate_limit_429_has_retry_after_and_the_rate_headers(standin: Standin) -> None:
    standin.faults(rate_limit=2, **FROZEN)
    replies = [api(standin, "GET", "/organizers/me") for _ in range(3)]
    limited = replies[2]
    assert [r.status for r in replies] == [200, 200, 429]
    assert limited.body == {"error": "Rate limit exceeded: 2 req/sec", "retry_after": 1}
    assert (
        limited.header("Retry-After"),
        limited.header("X-RateLimit-Limit"),
        limited.header("X-RateLimit-Remaining"),
    ) == (
        "1",
        "2",
        "0",
    )


def test_a_rate_limit_429_does_not_count_against_the_quota(standin: Standin) -> None:
    standin.faults(rate_limit=1, **FROZEN)
    statuses = [api(standin, "GET", "/organizers/me").status for _ in range(4)]
    assert statuses == [200, 429, 429, 429]
    assert quota_of(standin, DEMO_API_KEY)["used_today"] == 1


def test_the_free_tiers_rate_limit_is_10_requests_a_second(standin: Standin) -> None:
    standin.faults(**FROZEN)
    statuses = [api(standin, "GET", "/organizers/me").status for _ in range(11)]
    assert statuses == [200] * 10 + [429]


def test_the_rate_window_is_one_second_of_the_stand_ins_clock(standin: Standin) -> None:
    standin.faults(rate_limit=1, **FROZEN)
    assert [api(standin, "GET", "/organizers/me").status for _ in range(2)] == [200, 429]
    standin.advance(1)
    assert api(standin, "GET", "/organizers/me").status == 200


def test_the_quota_day_is_the_utc_day_of_the_stand_ins_clock(standin: Standin) -> None:
    standin.faults(daily_quota=1, clock_start="2026-06-01T23:59:00Z", **FROZEN)
    assert [api(standin, "GET", "/organizers/me").status for _ in range(2)] == [200, 429]
    assert standin.clock()["quota_reset"] == int(datetime(2026, 6, 2, tzinfo=UTC).timestamp())
    standin.advance(60)
    assert api(standin, "GET", "/organizers/me").status == 200
    assert standin.clock()["quota_day"] == "2026-06-02"


def test_throttle_next_answers_the_rate_limiters_429_with_retry_after_seconds(standin: Standin) -> None:
    standin.faults(throttle_next=1, retry_after_seconds=7)
    limited, after = api(standin, "GET", "/organizers/me"), api(standin, "GET", "/organizers/me")
    assert (limited.status, limited.body, limited.header("Retry-After")) == (
        429,
        {"error": "Rate limit exceeded: 10 req/sec", "retry_after": 7},
        "7",
    )
    assert after.status == 200


# --- switches on the limits -------------------------------------------------------------------------------
def test_unlimited_quota_lifts_the_quota_and_drops_its_headers(standin: Standin) -> None:
    standin.faults(unlimited_quota=True, unlimited_rate=True)
    statuses = {api(standin, "GET", "/organizers/me").status for _ in range(105)}
    last = api(standin, "GET", "/organizers/me")
    assert statuses == {200}
    assert (last.header("X-Quota-Limit"), last.header("X-RateLimit-Limit")) == (None, None)


def test_daily_quota_sets_one_quota_for_every_key(standin: Standin) -> None:
    standin.faults(daily_quota=1)
    for key in (DEMO_API_KEY, OTHER_API_KEY):
        assert [api(standin, "GET", "/organizers/me", key=key).status for _ in range(2)] == [200, 429]


def test_rate_limit_sets_one_limit_for_every_key(standin: Standin) -> None:
    standin.faults(rate_limit=3, **FROZEN)
    assert api(standin, "GET", "/organizers/me", key=OTHER_API_KEY).header("X-RateLimit-Limit") == "3"


def test_admin_tier_gives_a_key_that_tiers_limits(standin: Standin) -> None:
    standin.set_tier(DEMO_API_KEY, "pro")
    reply = api(standin, "GET", "/organizers/me")
    assert (reply.header("X-RateLimit-Limit"), reply.header("X-Quota-Limit")) == ("50", "2500")
    assert quota_of(standin, DEMO_API_KEY)["budget_limit_usd"] == 250.0


def test_default_tier_applies_to_organizers_registered_from_then_on(standin: Standin) -> None:
    standin.faults(default_tier="starter")
    key = register(standin, "starter@example.org")
    reply = api(standin, "GET", "/organizers/me", key=key)
    assert reply.body["tier"] == "starter"
    assert (reply.header("X-RateLimit-Limit"), reply.header("X-Quota-Limit")) == ("20", "500")
    assert api(standin, "GET", "/organizers/me").body["tier"] == "free"


# --- the budget middleware ---------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("method", "suffix"), [("POST", "/analyze"), ("GET", "/analyze/status"), ("POST", "/analyze/estimate")]
)
def test_every_analyze_path_is_402_once_a_hackathon_has_16_submissions(
    standin: Standin, method: str, suffix: str
) -> None:
    spring = standin.hackathon_id("Spring Hackathon 2025")  # 24 x $0.063 = $1.512 > $1.00
    reply = api(standin, method, f"/hackathons/{spring}{suffix}", {} if method == "POST" else None)
    assert (reply.status, reply.body) == (
        402,
        {
            "error": "Budget limit exceeded",
            "level": "submission",
            "message": "Per-submission cost limit exceeded. Estimated: $1.5120, Limit: $1.0000",
            "details": {
                "estimated_cost_usd": 1.512,
                "current_spend_usd": 1.512,
                "budget_limit_usd": 1.0,
                "remaining_budget_usd": -0.512,
            },
        },
    )


def test_fifteen_submissions_pass_the_budget_middleware(standin: Standin) -> None:
    hack_id = standin.hackathon_id("AWS Bedrock Builders 2026")  # 14 submissions
    items = [{"team_name": "Fifteen", "repo_url": "https://github.com/fifteen/app"}]
    api(standin, "POST", f"/hackathons/{hack_id}/submissions", {"submissions": items})
    assert api(standin, "POST", f"/hackathons/{hack_id}/analyze/estimate", {}).status == 200
    items = [{"team_name": "Sixteen", "repo_url": "https://github.com/sixteen/app"}]
    api(standin, "POST", f"/hackathons/{hack_id}/submissions", {"submissions": items})
    assert api(standin, "POST", f"/hackathons/{hack_id}/analyze/estimate", {}).status == 402


def test_budget_check_trigger_only_limits_the_402_to_starting_an_analysis(standin: Standin) -> None:
    standin.faults(budget_check_trigger_only=True)
    spring = standin.hackathon_id("Spring Hackathon 2025")
    assert api(standin, "GET", f"/hackathons/{spring}/analyze/status").status == 200
    assert api(standin, "POST", f"/hackathons/{spring}/analyze/estimate", {}).status == 400  # nothing pending
    assert api(standin, "POST", f"/hackathons/{spring}/analyze", {}).status == 402


def test_budget_spend_tracking_spends_the_keys_budget_on_every_analyze_path_request(standin: Standin) -> None:
    standin.faults(budget_spend_tracking=True, unlimited_rate=True)
    hack_id = standin.hackathon_id("Serverless Sprint 2026")  # 10 x $0.063 = $0.63 per request; key budget $10
    statuses = [api(standin, "GET", f"/hackathons/{hack_id}/analyze/status").status for _ in range(16)]
    assert statuses == [200] * 15 + [402]
    refused = api(standin, "GET", f"/hackathons/{hack_id}/analyze/status").body
    assert (refused["level"], refused["details"]["budget_limit_usd"]) == ("api_key", 10.0)
    assert quota_of(standin, DEMO_API_KEY)["spend_usd"] == pytest.approx(15 * 0.63)


# --- the clock ---------------------------------------------------------------------------------------------
def test_clock_start_sets_the_time_the_stand_in_shows(standin: Standin) -> None:
    standin.faults(clock_start="2026-06-01T08:00:00Z", **FROZEN)
    assert standin.clock()["now"] == "2026-06-01T08:00:00Z"
    created = api(standin, "POST", "/organizers", {"email": "early@example.org", "name": "Early"}, key=None).body
    assert created["created_at"].startswith("2026-06-01T08:00:00")


def test_clock_scale_runs_the_clock_faster_than_real_time(standin: Standin) -> None:
    standin.faults(clock_start="2026-06-01T08:00:00Z", clock_scale=3600)
    real_start = time.monotonic()
    time.sleep(0.2)
    virtual = datetime.fromisoformat(standin.clock()["now"].replace("Z", "+00:00"))
    elapsed = time.monotonic() - real_start
    assert virtual - datetime(2026, 6, 1, 8, tzinfo=UTC) >= timedelta(seconds=0.2 * 3600 * 0.99)
    assert virtual - datetime(2026, 6, 1, 8, tzinfo=UTC) <= timedelta(seconds=(elapsed + 1) * 3600)


def test_a_compressed_day_spends_a_small_quota_and_the_next_day_gives_it_back(standin: Standin) -> None:
    standin.faults(clock_start="2026-06-01T20:00:00Z", clock_scale=1e-9, daily_quota=3)
    assert [api(standin, "GET", "/organizers/me").status for _ in range(4)] == [200, 200, 200, 429]
    standin.advance(4 * 3600)  # 00:00 next day
    assert api(standin, "GET", "/organizers/me").header("X-Quota-Remaining") == "2"


def test_advance_moves_the_clock_forward(standin: Standin) -> None:
    standin.faults(clock_start="2026-06-01T08:00:00Z", **FROZEN)
    standin.advance(3600)
    assert standin.clock()["now"] == "2026-06-01T09:00:00Z"


def test_reset_restores_the_clock_switches_and_counters(standin: Standin) -> None:
    standin.faults(clock_start="2020-01-01T00:00:00Z", daily_quota=1, **FROZEN)
    api(standin, "GET", "/organizers/me")
    standin.reset()
    assert standin.clock()["now"] > "2026"
    assert standin.clock()["scale"] == 1.0
    assert quota_of(standin, DEMO_API_KEY)["used_today"] == 0
    assert quota_of(standin, DEMO_API_KEY)["daily_quota"] == 100
