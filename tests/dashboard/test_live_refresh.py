"""The Live Dashboard's refresh logic without a browser: budget, schedule, what each refresh asks, shared reads."""

from __future__ import annotations

import threading
import time
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from components import budget, clock, live, shared_reads
from components.api_client import (
    ApiConnectionError,
    ApiError,
    ApiTimeoutError,
    BudgetExceededError,
    RateLimitedError,
    ServerError,
    ValidationError,
)

NOW = datetime(2026, 3, 2, 18, 0, tzinfo=UTC)
MIDNIGHT = datetime(2026, 3, 3, tzinfo=UTC)


class FakeReads:
    """The refresh's three reads, answered from attributes the test sets; ``log`` records what was asked."""

    def __init__(
        self,
        *,
        job: dict[str, Any] | None = None,
        submissions: list[dict[str, Any]] | None = None,
        status_error: ApiError | None = None,
    ) -> None:
        self.job = job
        self.submissions_answer = submissions if submissions is not None else [{"sub_id": "s1", "status": "pending"}]
        self.stats_answer = {"submission_count": 1, "pending_count": 1, "hackathon_status": "configured"}
        self.status_error = status_error
        self.stats_error: ApiError | None = None
        self.log: list[str] = []

    def stats(self, hack_id: str) -> dict[str, Any]:
        self.log.append("stats")
        if self.stats_error:
            raise self.stats_error
        return dict(self.stats_answer)

    def status(self, hack_id: str) -> dict[str, Any] | None:
        self.log.append("status")
        if self.status_error:
            raise self.status_error
        return self.job

    def submissions(self, hack_id: str) -> list[dict[str, Any]]:
        self.log.append("submissions")
        return list(self.submissions_answer)


def free_tier(remaining: int, *, now: datetime = NOW, limit: int = 100, spent: bool = False) -> budget.Budget:
    return budget.Budget(
        observed_at=now, quota_limit=limit, quota_remaining=remaining, quota_resets_at=MIDNIGHT, quota_spent=spent
    )


# --- the budget, read from headers ----------------------------------------------------------------------
def test_the_budget_is_read_from_the_quota_and_rate_limit_headers() -> None:
    registry = budget.BudgetRegistry()
    registry.observe(
        ("b", "k"),
        200,
        {"X-Quota-Limit": "100", "X-Quota-Remaining": "61", "X-RateLimit-Limit": "10", "X-RateLimit-Remaining": "9"},
    )
    latest = registry.latest(("b", "k"))
    assert (latest.quota_limit, latest.quota_remaining, latest.rate_limit_per_second) == (100, 61, 10)
    assert latest.describe() == f"61 requests left, resets {latest.quota_resets_at:%H:%M} UTC"
    assert registry.latest(("b", "other key")) is None


def test_an_answer_without_budget_headers_changes_nothing() -> None:
    registry = budget.BudgetRegistry()
    assert registry.observe(("b", "k"), 200, {"Content-Type": "application/json"}) is None
    assert registry.latest(("b", "k")) is None


def test_within_a_day_the_remaining_count_never_goes_up_when_answers_arrive_out_of_order() -> None:
    registry = budget.BudgetRegistry()
    registry.observe(("b", "k"), 200, {"X-Quota-Limit": "100", "X-Quota-Remaining": "40"})
    registry.observe(("b", "k"), 200, {"X-Quota-Limit": "100", "X-Quota-Remaining": "41"})
    assert registry.latest(("b", "k")).quota_remaining == 40


def test_a_new_limit_replaces_the_count_for_example_after_a_tier_upgrade() -> None:
    registry = budget.BudgetRegistry()
    registry.observe(("b", "k"), 200, {"X-Quota-Limit": "100", "X-Quota-Remaining": "3"})
    registry.observe(("b", "k"), 200, {"X-Quota-Limit": "2500", "X-Quota-Remaining": "2403"})
    assert registry.latest(("b", "k")).quota_remaining == 2403


def test_the_quota_429_marks_the_budget_spent_until_the_reset_it_names() -> None:
    registry = budget.BudgetRegistry()
    reset = int(MIDNIGHT.timestamp())
    clock.use(clock.Clock(NOW, 1.0, 0.0, lambda: 0.0))
    registry.observe(("b", "k"), 429, {"X-Quota-Limit": "100", "X-Quota-Remaining": "0", "X-Quota-Reset": str(reset)})
    spent = registry.latest(("b", "k"))
    assert spent.quota_spent
    assert spent.quota_remaining == 0
    assert spent.quota_resets_at == MIDNIGHT
    assert spent.as_of(MIDNIGHT + timedelta(seconds=1)).quota_remaining == 100
    assert not spent.as_of(MIDNIGHT + timedelta(seconds=1)).quota_spent


def test_time_to_the_reset_is_counted_on_the_apis_clock() -> None:
    registry = budget.BudgetRegistry()
    clock.use(clock.Clock(NOW, 1.0, 0.0, lambda: 0.0))
    api_now = NOW + timedelta(hours=2)  # the API's clock is two hours ahead of the dashboard's
    registry.observe(
        ("b", "k"),
        200,
        {"X-Quota-Limit": "100", "X-Quota-Remaining": "50", "X-RateLimit-Reset": str(int(api_now.timestamp()) + 1)},
    )
    assert registry.latest(("b", "k")).seconds_to_reset(NOW) == pytest.approx(4 * 3600, abs=2)


@pytest.mark.parametrize(("limit", "reserve"), [(100, 20), (500, 100), (2500, 500), (50, 20), (10, 10)])
def test_the_reserve_is_20_requests_or_20_percent_whichever_is_more(limit: int, reserve: int) -> None:
    assert budget.reserve_for(limit) == reserve


# --- the interval -----------------------------------------------------------------------------------------
def test_the_interval_is_computed_from_the_remaining_quota_and_the_time_to_the_reset() -> None:
    plan = live.plan(chosen_seconds=5, budget=free_tier(61), now=NOW)
    # 6 h to midnight, 61 left minus a reserve of 20: 41 refreshes of one call each must last 21,600 s.
    assert plan.mode == "paced"
    assert plan.interval_seconds == pytest.approx(6 * 3600 / 41)
    assert plan.reason == "to last the day: 61 requests left, resets 00:00 UTC; 20 kept for your own actions"


def test_more_calls_per_refresh_stretch_the_interval_in_proportion() -> None:
    one = live.plan(chosen_seconds=5, budget=free_tier(61), now=NOW, calls_per_refresh=1)
    three = live.plan(chosen_seconds=5, budget=free_tier(61), now=NOW, calls_per_refresh=3)
    assert three.interval_seconds == pytest.approx(3 * one.interval_seconds)


def test_a_tier_with_room_refreshes_at_the_chosen_interval() -> None:
    enterprise = budget.Budget(NOW, quota_limit=999_999, quota_remaining=999_000, quota_resets_at=MIDNIGHT)
    plan = live.plan(chosen_seconds=5, budget=enterprise, now=NOW)
    assert (plan.mode, plan.interval_seconds) == ("chosen", 5)


def test_when_only_the_reserve_is_left_auto_refresh_waits_for_the_reset() -> None:
    plan = live.plan(chosen_seconds=5, budget=free_tier(20), now=NOW)
    assert plan.mode == "reserve"
    assert plan.interval_seconds == pytest.approx(6 * 3600 + 5)
    assert "kept for your own actions" in plan.reason


def test_a_spent_quota_stops_refreshing_until_the_reset_and_says_so() -> None:
    plan = live.plan(chosen_seconds=5, budget=free_tier(0, spent=True), now=NOW)
    assert plan.mode == "spent"
    assert not plan.refreshing
    assert plan.interval_seconds == pytest.approx(6 * 3600 + 5)
    assert plan.reason.startswith("The daily request quota of this API key is used up (100 requests a day)")


def test_the_quota_spent_message_says_what_the_organizer_can_do_and_what_signing_in_again_costs() -> None:
    message = live.quota_spent_message(free_tier(0, spent=True), NOW)
    assert "starts again by itself after the reset at 00:00 UTC (in 6 h)" in message
    assert "sign in again with your e-mail" in message
    assert "revokes your previous keys, this one included" in message


@pytest.mark.parametrize(("failures", "seconds"), [(1, 5), (2, 10), (3, 20), (4, 40), (5, 60), (9, 60)])
def test_while_the_api_fails_refreshes_back_off_from_5_s_doubling_to_60_s(failures: int, seconds: float) -> None:
    plan = live.plan(chosen_seconds=5, budget=None, now=NOW, failures=failures)
    assert (plan.mode, plan.interval_seconds) == ("backoff", seconds)


def test_after_a_failure_the_api_counted_the_next_try_is_never_sooner_than_the_budget_allows() -> None:
    plan = live.plan(chosen_seconds=5, budget=free_tier(61), now=NOW, failures=1, failure_spent_quota=True)
    assert plan.interval_seconds == pytest.approx(6 * 3600 / 41)


def test_after_a_failure_the_api_never_counted_the_next_try_follows_the_backoff_alone() -> None:
    # The API was unreachable (or answered a rate-limit 429): trying again spends nothing of the quota.
    plan = live.plan(chosen_seconds=5, budget=free_tier(61), now=NOW, failures=1, failure_spent_quota=False)
    assert (plan.mode, plan.interval_seconds) == ("backoff", 5)


@pytest.mark.parametrize(
    ("error", "counted"),
    [
        (ApiConnectionError("down"), False),
        (RateLimitedError("slow down", retry_after_seconds=1, status=429), False),
        (ServerError("boom", status=500), True),
        (ApiTimeoutError("slow"), True),
    ],
)
def test_only_failures_that_reached_the_api_count_as_spending_quota(error: ApiError, counted: bool) -> None:
    assert live.failure_spends_quota(error) is counted


def test_paused_and_off_have_no_interval() -> None:
    assert live.plan(chosen_seconds=5, budget=None, now=NOW, auto=False).interval_seconds is None
    assert live.plan(chosen_seconds=5, budget=None, now=NOW, paused_reason="Paused.").interval_seconds is None


def test_each_session_adds_a_fixed_jitter_of_less_than_20_percent() -> None:
    jitters = {live.session_jitter(f"session {i}") for i in range(50)}
    assert all(0 <= j < 0.2 for j in jitters)
    assert len(jitters) > 10
    assert live.session_jitter("same") == live.session_jitter("same")


def test_the_timer_changes_only_when_the_wanted_interval_moves_by_more_than_a_quarter() -> None:
    state = live.LiveState(registered_interval=100.0)
    assert not state.needs_reschedule(120.0)
    assert state.needs_reschedule(130.0)
    assert state.needs_reschedule(None)
    assert live.LiveState(registered_interval=None).needs_reschedule(5.0)


def test_a_tick_that_comes_early_shows_the_last_data_instead_of_asking_again() -> None:
    state = live.LiveState(registered_interval=10.0, last_attempt_at=NOW)
    state.snapshots["h"] = live.Snapshot()
    assert not state.due("h", NOW + timedelta(seconds=4))
    assert state.due("h", NOW + timedelta(seconds=5))
    assert state.due("another hackathon", NOW)
    state.force = True
    assert state.due("h", NOW)


# --- what each refresh asks ----------------------------------------------------------------------------------
def test_an_idle_hackathon_costs_one_call_per_refresh_after_the_first() -> None:
    reads = FakeReads(job={"job_id": "01OLD", "status": "completed", "progress": {"completed": 3}})
    state = live.LiveState()
    assert state.refresh("h", reads, NOW) == 3
    assert reads.log == ["stats", "status", "submissions"]
    reads.log.clear()
    for _ in range(3):
        state.refresh("h", reads, NOW)
    assert reads.log == ["stats", "stats", "stats"]
    assert state.calls_per_refresh == pytest.approx(1)


def test_while_a_job_runs_the_status_is_asked_and_the_submissions_only_when_its_progress_moves() -> None:
    reads = FakeReads(job={"job_id": "01JOB", "status": "running", "progress": {"completed": 1, "failed": 0}})
    state = live.LiveState()
    state.refresh("h", reads, NOW)
    reads.log.clear()
    state.refresh("h", reads, NOW)
    assert reads.log == ["stats", "status"]
    reads.log.clear()
    reads.job = {"job_id": "01JOB", "status": "running", "progress": {"completed": 2, "failed": 0}}
    state.refresh("h", reads, NOW)
    assert reads.log == ["stats", "status", "submissions"]


def test_a_change_in_the_stats_asks_for_the_submissions_and_the_status() -> None:
    reads = FakeReads(job=None)
    state = live.LiveState()
    state.refresh("h", reads, NOW)
    reads.log.clear()
    reads.stats_answer = {**reads.stats_answer, "pending_count": 2}
    state.refresh("h", reads, NOW)
    assert reads.log == ["stats", "status", "submissions"]


def test_after_a_start_the_status_routes_older_job_is_never_presented_as_the_new_one() -> None:
    old = {"job_id": "01OLDJOB", "status": "completed", "progress": {"total_submissions": 6, "completed": 6}}
    reads = FakeReads(
        job=old, submissions=[{"sub_id": "s1", "status": "pending"}, {"sub_id": "s2", "status": "pending"}]
    )
    state = live.LiveState()
    state.refresh("h", reads, NOW)
    state.note_started(
        "h", {"job_id": "01NEWJOB", "total_submissions": 2, "estimated_cost_usd": 0.106}, ["s1", "s2"], 0.35, NOW
    )
    state.refresh("h", reads, NOW)
    view = state.job_view("h", NOW)
    assert (view.job_id, view.status, view.source) == ("01NEWJOB", "queued", "submissions")
    reads.submissions_answer = [{"sub_id": "s1", "status": "completed"}, {"sub_id": "s2", "status": "analyzing"}]
    reads.log.clear()
    state.refresh("h", reads, NOW)
    assert "status" not in reads.log  # it would answer with the old job again
    view = state.job_view("h", NOW)
    assert (view.job_id, view.status, view.completed, view.remaining) == ("01NEWJOB", "running", 1, 1)


def test_after_a_start_the_status_route_is_used_when_it_does_answer_with_the_new_job() -> None:
    reads = FakeReads(job=None, submissions=[{"sub_id": "s1", "status": "pending"}])
    state = live.LiveState()
    state.refresh("h", reads, NOW)
    state.note_started("h", {"job_id": "01NEW", "total_submissions": 1}, ["s1"], None, NOW)
    reads.job = {"job_id": "01NEW", "status": "running", "progress": {"total_submissions": 1, "completed": 0}}
    state.refresh("h", reads, NOW)
    assert state.job_view("h", NOW).source == "status"


def test_a_job_seen_queued_without_a_start_for_10_minutes_is_reported_as_not_started() -> None:
    job = {"job_id": "01JOB", "status": "queued", "started_at": None, "progress": {"total_submissions": 3}}
    reads = FakeReads(job=job)
    state = live.LiveState()
    state.refresh("h", reads, NOW)
    assert state.job_view("h", NOW + timedelta(minutes=9)).stuck_for_seconds is None
    state.refresh("h", reads, NOW + timedelta(minutes=11))
    assert state.job_view("h", NOW + timedelta(minutes=11)).stuck_for_seconds == pytest.approx(11 * 60)
    reads.job = {**job, "status": "running", "started_at": "2026-03-02T18:12:00Z"}
    state.refresh("h", reads, NOW + timedelta(minutes=12))
    assert state.job_view("h", NOW + timedelta(minutes=12)).stuck_for_seconds is None


def test_the_status_routes_budget_refusal_is_remembered_not_asked_again() -> None:
    from components.api_client import BudgetExceededError

    reads = FakeReads(status_error=BudgetExceededError("Budget limit exceeded: x.", level="submission", details={}))
    state = live.LiveState()
    state.refresh("h", reads, NOW)
    reads.log.clear()
    reads.stats_answer = {**reads.stats_answer, "pending_count": 5}
    state.refresh("h", reads, NOW)
    assert reads.log == ["stats", "submissions"]
    assert state.snapshots["h"].status_refusal is not None


def test_a_failed_refresh_keeps_what_earlier_refreshes_fetched() -> None:
    reads = FakeReads(job=None)
    state = live.LiveState()
    state.refresh("h", reads, NOW)
    reads.stats_error = ApiConnectionError("down")
    with pytest.raises(ApiConnectionError):
        state.refresh("h", reads, NOW)
    assert state.snapshots["h"].submissions == reads.submissions_answer


def test_ranks_are_the_leaderboards_by_score_highest_first() -> None:
    subs = [
        {"sub_id": "a", "overall_score": 70.0},
        {"sub_id": "b", "overall_score": None},
        {"sub_id": "c", "overall_score": 91.5},
        {"sub_id": "d", "overall_score": 80.2},
    ]
    assert live.computed_ranks(subs) == {"c": 1, "d": 2, "a": 3}


# --- shared reads ---------------------------------------------------------------------------------------------
def test_identical_reads_of_one_key_are_shared_across_sessions_with_one_fetch_in_flight() -> None:
    reads = shared_reads.SharedReads()
    started = threading.Event()
    calls: list[int] = []

    def slow_fetch() -> dict[str, Any]:
        calls.append(1)
        started.set()
        time.sleep(0.2)
        return {"submission_count": 3}

    results: list[Any] = []
    threads = [
        threading.Thread(target=lambda: results.append(reads.get(("b", "k"), "stats", "h", slow_fetch, 5)))
        for _ in range(8)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=5)
    assert len(calls) == 1
    assert results == [{"submission_count": 3}] * 8


def test_reads_are_never_shared_across_keys() -> None:
    reads = shared_reads.SharedReads()
    assert reads.get(("b", "key one"), "stats", "h", lambda: "one", 5) == "one"
    assert reads.get(("b", "key two"), "stats", "h", lambda: "two", 5) == "two"
    assert reads.get(("b", "key one"), "stats", "h", lambda: "again", 5) == "one"


def test_a_shared_answer_expires_after_its_max_age_and_after_an_invalidation(manual_clock) -> None:
    reads = shared_reads.SharedReads()
    assert reads.get(("b", "k"), "stats", "h", lambda: 1, 5) == 1
    manual_clock.advance(4)
    assert reads.get(("b", "k"), "stats", "h", lambda: 2, 5) == 1
    manual_clock.advance(2)
    assert reads.get(("b", "k"), "stats", "h", lambda: 3, 5) == 3
    reads.invalidate(("b", "k"))
    assert reads.get(("b", "k"), "stats", "h", lambda: 4, 5) == 4


def test_a_failed_read_is_shared_briefly_so_sessions_asking_together_cost_one_attempt(manual_clock) -> None:
    reads = shared_reads.SharedReads()
    attempts: list[int] = []

    def failing() -> Any:
        attempts.append(1)
        raise ApiConnectionError("Unable to connect.")

    for _ in range(5):
        with pytest.raises(ApiConnectionError):
            reads.get(("b", "k"), "stats", "h", failing, 5)
    assert len(attempts) == 1
    manual_clock.advance(shared_reads.FAILURE_MAX_AGE_SECONDS)
    with pytest.raises(ApiConnectionError):
        reads.get(("b", "k"), "stats", "h", failing, 5)
    assert len(attempts) == 2


@pytest.mark.parametrize(
    "error",
    [
        RateLimitedError("The API rate limit was reached.", retry_after_seconds=1.0, status=429),
        RateLimitedError("The daily quota is used up.", retry_after_seconds=None, quota_spent=True, status=429),
        BudgetExceededError("Over budget.", level="hackathon", details={"limit": 1}, status=500),
        ValidationError("Invalid.", field_errors={"name": ["required"]}, status=422),
    ],
    ids=["rate-limit", "quota", "budget", "validation"],
)
def test_a_shared_failed_read_raises_the_same_error_with_its_details_to_every_session(manual_clock, error) -> None:
    reads = shared_reads.SharedReads()

    def failing() -> Any:
        raise error

    for _ in range(2):
        with pytest.raises(type(error)) as raised:
            reads.get(("b", "k"), "stats", "h", failing, 5)
        assert str(raised.value) == str(error)
        assert vars(raised.value) == vars(error)


# --- the clock -----------------------------------------------------------------------------------------------
def test_the_clock_starts_where_it_is_told_and_runs_scaled() -> None:
    ticks = [100.0]
    scaled = clock.Clock(datetime(2026, 3, 2, 8, tzinfo=UTC), 480.0, 100.0, lambda: ticks[0])
    ticks[0] += 90
    assert scaled.now() == datetime(2026, 3, 2, 20, tzinfo=UTC)
    assert scaled.to_real_seconds(480) == 1


def test_the_clock_settings_are_read_from_the_environment() -> None:
    made = clock.clock_from_env({"DASHBOARD_CLOCK_START": "2026-03-02T08:00:00Z", "DASHBOARD_CLOCK_SCALE": "480"})
    assert (made.start, made.scale) == (datetime(2026, 3, 2, 8, tzinfo=UTC), 480.0)
    real = clock.clock_from_env({})
    assert real.scale == 1.0
    assert abs((real.now() - datetime.now(UTC)).total_seconds()) < 5


@pytest.mark.parametrize(
    ("environ", "message"),
    [
        ({"DASHBOARD_CLOCK_SCALE": "fast"}, "DASHBOARD_CLOCK_SCALE 'fast' is not valid; allowed: a number > 0"),
        ({"DASHBOARD_CLOCK_SCALE": "0"}, "DASHBOARD_CLOCK_SCALE '0' is not valid"),
        ({"DASHBOARD_CLOCK_START": "8 am"}, "DASHBOARD_CLOCK_START '8 am' is not valid; allowed: an ISO-8601 UTC time"),
    ],
)
def test_a_bad_clock_setting_is_one_sentence_naming_it(environ: dict[str, str], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        clock.clock_from_env(environ)


# --- the cost check before a start ----------------------------------------------------------------------------
ESTIMATE = {
    "submission_count": 8,
    "estimate": {
        "total_cost_usd": {"low": 1.1258, "expected": 1.4072, "high": 1.6886},
        "per_submission_cost_usd": {"low": 0.1407, "expected": 0.1759, "high": 0.2111},
    },
    "budget_check": {"budget_limit_usd": 0.2, "within_budget": False, "budget_utilization_pct": 703.6},
}


def test_the_estimate_for_all_pending_uses_the_apis_budget_check_and_says_what_to_change() -> None:
    cost, sentence, within = live.cost_check(ESTIMATE, one_team=False)
    assert cost["expected"] == 1.4072
    assert not within
    assert sentence == (
        "The hackathon's budget of $0.20 does not cover this analysis: it is estimated at $1.41 (703.6 % of it). "
        "Analyze fewer submissions at a time (one team costs about $0.18) or raise the hackathon's budget."
    )


def test_one_teams_estimate_is_its_own_cost_against_the_budget() -> None:
    cost, sentence, within = live.cost_check(ESTIMATE, one_team=True)
    assert cost["expected"] == 0.1759
    assert within
    assert sentence == "Within the hackathon's budget of $0.20 (87.9 % of it)."


def test_without_a_budget_any_estimate_may_start() -> None:
    assert live.cost_check({**ESTIMATE, "budget_check": None}, one_team=False)[1:] == (
        "This hackathon has no budget limit.",
        True,
    )


def test_shared_answers_nobody_asks_for_any_more_are_forgotten(manual_clock) -> None:
    reads = shared_reads.SharedReads()
    reads.get(("b", "old key"), "stats", "h", lambda: 1, 5)
    manual_clock.advance(shared_reads.FORGET_AFTER_SECONDS + 1)
    for i in range(shared_reads.SWEEP_EVERY):
        reads.get(("b", "k"), "stats", f"h{i}", lambda: 2, 5)
    assert len(reads) == shared_reads.SWEEP_EVERY  # the old key's answer is gone


# --- the submissions table -------------------------------------------------------------------------------------
def test_the_submissions_table_is_built_once_per_list_the_api_returned() -> None:
    subs = [
        {"sub_id": "a", "team_name": "Alpha", "repo_url": "https://github.com/a/a", "status": "completed",
         "overall_score": 71.5, "total_cost_usd": 0.05, "created_at": "2026-03-02T09:00:00Z"},
        {"sub_id": "b", "team_name": "Beta", "repo_url": "https://github.com/b/b", "status": "pending"},
    ]  # fmt: skip
    snapshot = live.Snapshot(submissions=subs)
    table = live.submissions_table(snapshot)
    assert live.submissions_table(snapshot) is table  # the next refresh with the same list: nothing rebuilt
    assert [list(row) for row in table] == [list(live.SUBMISSION_COLUMNS)] * 2
    rows = table
    assert [r["Team"] for r in rows] == ["Alpha", "Beta"]
    assert [r["Rank"] for r in rows] == ["1", "—"]  # the leaderboard's rank, computed
    assert rows[0]["Submitted"] == "2026-03-02 09:00 UTC"
    snapshot.submissions = [*subs, {"sub_id": "c", "team_name": "Gamma", "status": "pending"}]
    assert len(live.submissions_table(snapshot)) == 3  # a new list from the API: built again
