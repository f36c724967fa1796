"""The API client over real HTTP on loopback against the stand-in: status mapping, retries, timeouts, bad bodies.

Retries are urllib3's ``Retry``: the first retry goes at once, the next ones wait ``BASE``, ``2 x BASE`` (the
client's ``retry_base_seconds``); a ``Retry-After`` replaces the backoff.
"""

from __future__ import annotations

import logging
import re
import socket
import time

import pytest
from conftest import Standin

from components.api_client import (
    ApiClient,
    ApiConnectionError,
    ApiTimeoutError,
    BadRequestError,
    BudgetExceededError,
    ConflictError,
    InvalidApiKeyError,
    MalformedResponseError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitedError,
    ServerError,
    ValidationError,
    error_text,
    retry_base_from_env,
)
from components.budget import BudgetRegistry
from standin_api import DEMO_API_KEY, EMPTY_API_KEY, OTHER_API_KEY

BASE = 0.01


class Sleeps(list):
    """Records the delays the client asks for instead of sleeping."""

    def __call__(self, seconds: float) -> None:
        self.append(seconds)


@pytest.fixture
def sleeps() -> Sleeps:
    return Sleeps()


@pytest.fixture
def budgets() -> BudgetRegistry:
    return BudgetRegistry()


@pytest.fixture
def client(standin: Standin, sleeps: Sleeps, budgets: BudgetRegistry) -> ApiClient:
    return ApiClient(standin.base_url, DEMO_API_KEY, retry_base_seconds=BASE, sleep=sleeps, budget_registry=budgets)


def wait_for_abandoned_requests() -> None:
    """The stand-in still serves (and counts) a request the client gave up on after its read timeout: let it
    finish within this test, so it does not count against the next test's quota."""
    time.sleep(0.6)


def new_draft(client: ApiClient, budget: float | None = None, teams: int = 1) -> str:
    body = {
        "name": "Client Test Jam",
        "description": "test",
        "rubric": {"dimensions": [{"name": "Code Quality", "weight": 1.0, "agent": "bug_hunter"}]},
        "agents_enabled": ["bug_hunter"],
    }
    if budget is not None:
        body["budget_limit_usd"] = budget
    hack_id = client.create_hackathon(body)["hack_id"]
    client.activate_hackathon(hack_id)
    if teams:
        client.add_submissions(
            hack_id, [{"team_name": f"Team {i}", "repo_url": f"https://github.com/t{i}/repo"} for i in range(teams)]
        )
    return hack_id


def test_every_call_sends_the_key_in_x_api_key_and_lists_the_seeded_hackathons(client: ApiClient) -> None:
    names = [h["name"] for h in client.list_hackathons()]
    assert names == [
        "Winter Build Week 2024",
        "Spring Hackathon 2025",
        "AWS Bedrock Builders 2026",
        "Serverless Sprint 2026",
        "Campus Code Jam",
    ]


def test_the_key_never_appears_in_the_client_repr(client: ApiClient) -> None:
    assert DEMO_API_KEY not in repr(client)


class _Lines(logging.Handler):
    def __init__(self) -> None:
        super().__init__()
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())


def test_every_call_logs_method_path_status_and_response_time_but_never_the_key(client: ApiClient) -> None:
    lines = _Lines()
    logger = logging.getLogger("vibejudge.api")
    logger.addHandler(lines)
    try:
        client.list_hackathons()
        with pytest.raises(NotFoundError):
            client.get_hackathon("01JN8Q3ZK5V7W9XAB2CDEFGH4M")
    finally:
        logger.removeHandler(lines)
    assert len(lines.lines) == 2
    assert re.fullmatch(
        r"api_request method=GET path=/hackathons status=200 response_time_ms=\d+ attempts=1", lines.lines[0]
    )
    assert "status=404" in lines.lines[1]
    assert all(DEMO_API_KEY not in line for line in lines.lines)


def test_401_from_an_unknown_key_maps_to_invalid_api_key_error(standin: Standin, sleeps: Sleeps) -> None:
    bad = ApiClient(standin.base_url, "vj_live_" + "x" * 32, retry_base_seconds=BASE, sleep=sleeps)
    with pytest.raises(InvalidApiKeyError, match=r"^This API key is not valid \(Invalid API key\); sign in again"):
        bad.list_hackathons()
    assert sleeps == []


def test_401_without_a_key_names_the_missing_header(standin: Standin) -> None:
    with pytest.raises(InvalidApiKeyError, match=r"Missing X-API-Key header"):
        ApiClient(standin.base_url, None, retry_base_seconds=BASE).list_hackathons()


def test_the_start_routes_500_exceeds_budget_limit_is_a_budget_refusal_not_a_server_error(
    standin: Standin, client: ApiClient
) -> None:
    hack_id = new_draft(client, budget=0.01)
    standin.clear_requests()
    with pytest.raises(
        BudgetExceededError,
        match=r"^Budget limit exceeded: the hackathon's budget of \$0\.01 does not cover this analysis \(the API's start "
        r"check counts \$0\.05, a flat \$0\.053 per submission\)\.",
    ) as err:
        client.start_analysis(hack_id)
    assert err.value.status == 500
    assert err.value.level == "hackathon"
    assert err.value.details == {"estimated_cost_usd": 0.05, "budget_limit_usd": 0.01}
    assert standin.requests() == [f"POST /api/v1/hackathons/{hack_id}/analyze"]


def test_402_from_the_per_request_cap_is_reported_at_submission_level(client: ApiClient) -> None:
    hack_id = new_draft(client, teams=17)
    with pytest.raises(BudgetExceededError, match=r"^Budget limit exceeded: ") as err:
        client.start_analysis(hack_id)
    assert err.value.status == 402
    assert err.value.level == "submission"
    assert err.value.details["budget_limit_usd"] == 1.0


def test_403_on_another_organizers_hackathon_maps_to_permission_denied(standin: Standin, client: ApiClient) -> None:
    other = standin.hackathon_id("Other Org Private Jam", key="vj_live_OtherOrganizerKeyForLocalUse0001")
    with pytest.raises(PermissionDeniedError, match=r"^You do not have permission to access this hackathon\.$"):
        client.get_hackathon(other)


def test_404_maps_to_not_found_and_is_never_retried(standin: Standin, client: ApiClient, sleeps: Sleeps) -> None:
    standin.clear_requests()
    with pytest.raises(NotFoundError, match=r"^Not found: Hackathon not found\.$"):
        client.get_hackathon("01NOSUCHHACKATHON000000000")
    assert standin.requests() == ["GET /api/v1/hackathons/01NOSUCHHACKATHON000000000"]
    assert sleeps == []


def test_the_real_servers_500_already_in_progress_is_a_conflict_and_not_retried(
    standin: Standin, client: ApiClient, sleeps: Sleeps
) -> None:
    hack_id = standin.hackathon_id("Serverless Sprint 2026")
    standin.clear_requests()
    with pytest.raises(ConflictError, match=r"^An analysis is already running for this hackathon") as err:
        client.start_analysis(hack_id)
    assert err.value.status == 500
    assert standin.requests() == [f"POST /api/v1/hackathons/{hack_id}/analyze"]
    assert sleeps == []


def test_409_when_the_backend_follows_its_docs_is_a_conflict_too(standin: Standin, client: ApiClient) -> None:
    standin.faults(docs_status_codes=True)
    with pytest.raises(ConflictError) as err:
        client.start_analysis(standin.hackathon_id("Serverless Sprint 2026"))
    assert err.value.status == 409


def test_422_list_detail_maps_each_message_to_its_request_field(client: ApiClient) -> None:
    body = {
        "name": "",
        "description": "d",
        "rubric": {"dimensions": [{"name": "Code Quality", "weight": 0.5, "agent": "bug_hunter"}]},
        "agents_enabled": ["bug_hunter"],
        "ai_policy_mode": "no_ai",
        "budget_limit_usd": 0,
    }
    with pytest.raises(
        ValidationError, match=r"^The API rejected the input: String should have at least 1 character"
    ) as err:
        client.create_hackathon(body)
    fields = err.value.field_errors
    assert fields["name"] == ["String should have at least 1 character"]
    assert fields["rubric"][0].startswith("Dimension weights must sum to 1.0, got 0.5")
    assert fields["ai_policy_mode"] == ["Input should be 'full_vibe', 'ai_assisted', 'traditional' or 'custom'"]
    assert fields["budget_limit_usd"] == ["Input should be greater than or equal to 0.01"]


def test_400_maps_to_bad_request_with_the_servers_detail(client: ApiClient) -> None:
    hack_id = new_draft(client, teams=0)
    with pytest.raises(BadRequestError, match=r"^The API refused the request: No pending submissions to analyze\.$"):
        client.estimate(hack_id)


def test_no_job_yet_is_none_not_an_error(standin: Standin, client: ApiClient) -> None:
    assert client.analysis_status(standin.hackathon_id("Campus Code Jam")) is None


def test_nothing_scored_yet_is_none_not_an_error(standin: Standin, client: ApiClient) -> None:
    assert client.leaderboard(standin.hackathon_id("Campus Code Jam")) is None


def test_duplicate_registration_is_a_conflict_that_points_to_sign_in(client: ApiClient) -> None:
    with pytest.raises(ConflictError, match=r"^Email demo@vibejudge\.example is already registered\. Sign in"):
        client.register("demo@vibejudge.example", "Demo", "Org", "password1")


def test_429_is_retried_after_the_retry_after_header(standin: Standin, client: ApiClient, sleeps: Sleeps) -> None:
    standin.faults(throttle_next=2, retry_after_seconds=3)
    assert client.me()["email"] == "demo@vibejudge.example"
    assert sleeps == [3.0, 3.0]


def test_retry_after_is_capped_so_the_page_never_hangs(standin: Standin, client: ApiClient, sleeps: Sleeps) -> None:
    standin.faults(throttle_next=1, retry_after_seconds=3600)
    client.me()
    assert sleeps == [30.0]


def test_429_that_persists_raises_rate_limited_after_three_retries(
    standin: Standin, client: ApiClient, sleeps: Sleeps
) -> None:
    standin.faults(throttle_next=10, retry_after_seconds=0)
    standin.clear_requests()
    with pytest.raises(RateLimitedError, match=r"^The API rate limit was reached; wait a moment and press Retry\.$"):
        client.me()
    assert len(standin.requests()) == 4
    assert sleeps == [BASE, BASE * 2]


def test_a_quota_429_is_never_retried_because_nothing_changes_before_midnight(
    standin: Standin, client: ApiClient, sleeps: Sleeps
) -> None:
    standin.faults(daily_quota=1)
    client.me()
    standin.clear_requests()
    with pytest.raises(RateLimitedError, match=r"daily request quota .* resets at midnight UTC") as err:
        client.me()
    assert standin.requests() == ["GET /api/v1/organizers/me"]
    assert sleeps == []
    assert err.value.quota_spent
    assert not err.value.retryable
    assert err.value.quota_resets_at is not None


def test_5xx_is_retried_with_exponential_backoff_then_succeeds(
    standin: Standin, client: ApiClient, sleeps: Sleeps
) -> None:
    standin.faults(fail_next=2, status_5xx=502)
    assert len(client.list_hackathons()) == 5
    assert sleeps == [BASE]


def test_5xx_that_persists_raises_server_error_after_four_attempts(
    standin: Standin, client: ApiClient, sleeps: Sleeps
) -> None:
    standin.faults(always_5xx=True, status_5xx=500)
    standin.clear_requests()
    with pytest.raises(
        ServerError,
        match=r"^The API had an internal error \(HTTP 500\): Stand-in fault: injected HTTP 500; press Retry\.$",
    ):
        client.list_hackathons()
    assert len(standin.requests()) == 4
    assert sleeps == [BASE, BASE * 2]


def test_the_refresh_makes_one_attempt_so_an_outage_costs_one_call_per_refresh(
    standin: Standin, client: ApiClient, sleeps: Sleeps
) -> None:
    standin.faults(always_5xx=True)
    standin.clear_requests()
    with client.fail_fast(), pytest.raises(ServerError):
        client.stats(standin.hackathon_id("Serverless Sprint 2026"))
    standin.faults(always_5xx=False, down=True)
    with client.fail_fast(), pytest.raises(ApiConnectionError, match=r"after 1 attempt;"):
        client.list_hackathons()
    assert len(standin.requests()) == 2
    assert sleeps == []
    standin.faults(down=False)
    assert len(client.list_hackathons()) == 5  # outside the block: the usual retries again


def test_starting_an_analysis_is_not_retried_on_a_500(standin: Standin, client: ApiClient) -> None:
    hack_id = standin.hackathon_id("AWS Bedrock Builders 2026")
    standin.faults(always_5xx=True, status_5xx=500)
    standin.clear_requests()
    with pytest.raises(ServerError):
        client.start_analysis(hack_id)
    assert standin.requests() == [f"POST /api/v1/hackathons/{hack_id}/analyze"]


def test_starting_an_analysis_is_retried_on_503_because_the_server_did_not_act(
    standin: Standin, client: ApiClient
) -> None:
    hack_id = standin.hackathon_id("AWS Bedrock Builders 2026")
    standin.faults(fail_next=1, status_5xx=503)
    assert client.start_analysis(hack_id)["status"] == "queued"


def test_a_read_timeout_on_a_get_is_retried_then_reported(standin: Standin, sleeps: Sleeps) -> None:
    standin.faults(latency_ms=400)
    slow = ApiClient(standin.base_url, DEMO_API_KEY, read_timeout_seconds=0.1, retry_base_seconds=BASE, sleep=sleeps)
    standin.clear_requests()
    with pytest.raises(
        ApiTimeoutError, match=r"^The API did not answer within 0\.1 seconds; it may be busy, press Retry\.$"
    ):
        slow.me()
    wait_for_abandoned_requests()
    assert len(standin.requests()) == 4


def test_a_read_timeout_on_starting_an_analysis_is_not_retried(standin: Standin, sleeps: Sleeps) -> None:
    hack_id = standin.hackathon_id("AWS Bedrock Builders 2026")
    standin.faults(latency_ms=400)
    slow = ApiClient(standin.base_url, DEMO_API_KEY, read_timeout_seconds=0.1, retry_base_seconds=BASE, sleep=sleeps)
    standin.clear_requests()
    with pytest.raises(ApiTimeoutError):
        slow.start_analysis(hack_id)
    wait_for_abandoned_requests()
    assert standin.requests() == [f"POST /api/v1/hackathons/{hack_id}/analyze"]
    assert sleeps == []


def test_a_server_that_drops_connections_is_retried_then_reported_unreachable(
    standin: Standin, client: ApiClient, sleeps: Sleeps
) -> None:
    standin.faults(down=True)
    with pytest.raises(
        ApiConnectionError, match=r"^Unable to connect to the API at http://127\.0\.0\.1:\d+/api/v1 after 4 attempts"
    ):
        client.list_hackathons()
    assert sleeps == [BASE, BASE * 2]


def test_a_dropped_connection_on_starting_an_analysis_is_not_retried(
    standin: Standin, client: ApiClient, sleeps: Sleeps
) -> None:
    hack_id = standin.hackathon_id("AWS Bedrock Builders 2026")
    standin.faults(down=True)
    with pytest.raises(ApiConnectionError, match=r"after 1 attempt;"):
        client.start_analysis(hack_id)
    assert sleeps == []


def test_a_refused_connection_is_retried_even_for_a_post_because_nothing_was_sent(sleeps: Sleeps) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    closed = ApiClient(f"http://127.0.0.1:{port}/api/v1", DEMO_API_KEY, retry_base_seconds=BASE, sleep=sleeps)
    with pytest.raises(ApiConnectionError, match=r"after 4 attempts; check that it is running"):
        closed.start_analysis("01ANYHACKATHON000000000000")
    assert sleeps == [BASE, BASE * 2]


def test_a_body_that_is_not_json_maps_to_malformed_response_and_is_not_retried(
    standin: Standin, client: ApiClient, sleeps: Sleeps
) -> None:
    standin.faults(malformed=True)
    with pytest.raises(
        MalformedResponseError,
        match=r"^The API answered HTTP 200 with a body that is not JSON; check that API_BASE_URL",
    ):
        client.list_hackathons()
    assert sleeps == []


def test_every_answer_updates_the_keys_request_budget_from_its_headers(
    standin: Standin, client: ApiClient, budgets: BudgetRegistry
) -> None:
    assert client.budget_scope is not None
    assert budgets.latest(client.budget_scope) is None
    client.me()
    client.list_hackathons()
    budget = budgets.latest(client.budget_scope)
    quota = standin.quota()[DEMO_API_KEY[:16]]
    assert (budget.quota_limit, budget.quota_remaining) == (quota["daily_quota"], quota["remaining_today"])
    assert budget.rate_limit_per_second == quota["rate_limit_per_second"]
    assert budget.quota_resets_at is not None
    assert int(budget.quota_resets_at.timestamp()) == quota["quota_reset"]
    assert not budget.quota_spent


def test_budgets_are_kept_per_key(standin: Standin, client: ApiClient, budgets: BudgetRegistry) -> None:
    other = ApiClient(standin.base_url, OTHER_API_KEY, retry_base_seconds=BASE, budget_registry=budgets)
    client.me()
    client.me()
    other.me()
    assert budgets.latest(client.budget_scope).quota_remaining == 98
    assert budgets.latest(other.budget_scope).quota_remaining == 99


def test_a_quota_429_marks_the_keys_budget_spent(standin: Standin, client: ApiClient, budgets: BudgetRegistry) -> None:
    standin.faults(daily_quota=1)
    client.me()
    with pytest.raises(RateLimitedError):
        client.me()
    budget = budgets.latest(client.budget_scope)
    assert budget.quota_spent
    assert budget.quota_remaining == 0


def test_login_issues_a_new_key_and_revokes_the_previous_one(standin: Standin, client: ApiClient) -> None:
    fresh = client.login("demo@vibejudge.example")["api_key"]
    assert fresh != DEMO_API_KEY
    with pytest.raises(InvalidApiKeyError, match=r"API key inactive"):
        client.me()


def test_an_empty_organizer_sees_an_empty_list(standin: Standin) -> None:
    assert ApiClient(standin.base_url, EMPTY_API_KEY).list_hackathons() == []


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ({"detail": "Hackathon not found"}, "Hackathon not found"),
        ({"detail": [{"msg": "a"}, {"msg": "b"}]}, "a; b"),
        ({"error": "Invalid API key"}, "Invalid API key"),
        ({"error": "Unauthorized", "message": "Key expired"}, "Key expired"),
        ("not an object", None),
    ],
)
def test_error_text_follows_the_contracts_client_rule(body: object, expected: str | None) -> None:
    assert error_text(body) == expected


def test_retry_base_comes_from_the_environment() -> None:
    assert retry_base_from_env({"DASHBOARD_RETRY_BASE_SECONDS": "0.25"}) == 0.25
    assert retry_base_from_env({}) == 0.5


def test_a_bad_retry_base_is_one_sentence_naming_the_variable() -> None:
    with pytest.raises(ValueError, match=r"^DASHBOARD_RETRY_BASE_SECONDS 'soon' is not a number of seconds >= 0\.$"):
        retry_base_from_env({"DASHBOARD_RETRY_BASE_SECONDS": "soon"})


def test_a_body_that_is_not_json_can_be_read_as_text_when_the_call_expects_text(
    standin: Standin, client: ApiClient
) -> None:
    standin.faults(malformed=True)
    assert client.request("GET", "/hackathons", text=True).startswith("<html>")


def test_usage_export_returns_the_csv_text_and_retries_a_rate_limit(
    standin: Standin, client: ApiClient, sleeps: Sleeps
) -> None:
    standin.faults(throttle_next=1, unlimited_rate=True)  # exactly one 429: the injected one
    standin.clear_requests()
    text = client.usage_export("2026-01-01", "2026-01-31")
    assert isinstance(text, str)
    assert text.strip()
    assert [r.split("?")[0] for r in standin.requests()] == ["GET /api/v1/usage/export"] * 2
    assert sleeps == [1]
