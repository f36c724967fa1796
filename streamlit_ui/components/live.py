"""The Live Dashboard's refresh: how often it runs, what each refresh asks the API, and what it remembers.

How often (``plan``): the organizer picks an interval (5, 10, 30 or 60 s; ``DASHBOARD_REFRESH_SECONDS`` sets the
default). The key's request budget (``components.budget``, from the API's own headers) may stretch it: the
requests left, minus a reserve of max(20, 20 % of the quota) kept for the organizer's own actions, must last
until the quota resets at midnight UTC, so the interval is at least
``seconds to the reset × calls per refresh ÷ (requests left − reserve)``. A tier with room refreshes at the
chosen interval. When only the reserve is left, auto-refresh waits for the reset; when the quota is spent it
says so once and waits too. While the API fails, refreshes back off: 5 s, doubling to 60 s, and the page
recovers on the first refresh after the API is back. A failure the API counts against the quota (a 5xx, a read
timeout) never makes the next try come sooner than the budget allows; one it never counts (it could not be
reached, or a rate-limit 429) backs off on its own schedule, because trying again spends nothing. Each session adds a
fixed jitter of up to 20 % to its interval, so viewers whose timers started together (a mass reconnect: their pages
finish their first runs in the same second) drift apart within a few ticks.

What (``LiveState.refresh``): the stats on every refresh (one call); the analysis status only while a job runs,
after a start, or when the stats say something moved; the submission list only when the stats' counts or the
job's progress changed. Reads go through ``components.shared_reads`` (shared by the sessions of one key, one
fetch in flight), with one attempt each (``ApiClient.fail_fast``).

``analyze/status`` returns a hackathon's oldest job (contract E15). After a start, this module never presents
an older job as the new one: when the route answers with another job, the new job's progress is read from
its submissions' statuses instead. A job that stays ``queued`` without ever starting is reported after
``STUCK_AFTER_SECONDS``.
"""

from __future__ import annotations

import os
import re
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Protocol

from components import budget as budgets
from components import clock, formatters
from components.api_client import ApiClient, ApiConnectionError, ApiError, BudgetExceededError, RateLimitedError
from components.shared_reads import READS, SharedReads

REFRESH_ENV = "DASHBOARD_REFRESH_SECONDS"
REFRESH_CHOICES = (5, 10, 30, 60)
DEFAULT_REFRESH_SECONDS = 5
BACKOFF_FIRST_SECONDS = 5.0
BACKOFF_MAX_SECONDS = 60.0
KEEPER_HEALTHY_SECONDS = 60.0
"""How often the page's keeper checks, while all is well, that the last full run of the page completed."""
JITTER_SHARE = 0.20
EARLY_TICK_SHARE = 0.5
"""A tick that comes sooner than this share of the interval after the last refresh (it waited behind a slow
run) shows what the last refresh fetched instead of fetching again."""
RESCHEDULE_TOLERANCE = 0.25
"""The interval the browser's timer uses is changed (one full run of the page) only when the wanted one
differs from it by more than this share, or when auto-refresh stops or starts."""
SHARED_READ_MAX_AGE_SECONDS = 5.0
STUCK_AFTER_SECONDS = 10 * 60
"""A job the page has seen ``queued``, with ``started_at`` empty and no submission analyzed, for this long has most
likely never reached the analyzer (contract E14: then it stays queued forever and there is no cancel route)."""
ACTIVE_JOB = ("queued", "running")
TERMINAL_SUBMISSION = ("completed", "failed", "timeout", "disqualified")
CALLS_EMA_WEIGHT = 0.3


def refresh_choice_from_env(environ: dict[str, str] | None = None) -> tuple[int, str | None]:
    """The default interval and, for a bad ``DASHBOARD_REFRESH_SECONDS``, the sentence saying so."""
    raw = (os.environ if environ is None else environ).get(REFRESH_ENV, "").strip()
    if not raw:
        return DEFAULT_REFRESH_SECONDS, None
    if raw.isdigit() and int(raw) in REFRESH_CHOICES:
        return int(raw), None
    return DEFAULT_REFRESH_SECONDS, (
        f"{REFRESH_ENV} '{raw}' is not one of {', '.join(map(str, REFRESH_CHOICES))}; "
        f"refreshing every {DEFAULT_REFRESH_SECONDS} s."
    )


# --- formatting -------------------------------------------------------------------------------------------
def duration(seconds: float) -> str:
    """``45 s``, ``6 min``, ``2 h 5 min``."""
    seconds = max(0.0, seconds)
    if seconds < 90:
        return f"{seconds:.0f} s" if seconds >= 10 or seconds == int(seconds) else f"{seconds:.1f} s"
    minutes = round(seconds / 60)
    if minutes < 90:
        return f"{minutes} min"
    hours, rest = divmod(minutes, 60)
    return f"{hours} h {rest} min" if rest else f"{hours} h"


def _hhmm(moment: datetime | None) -> str:
    return moment.astimezone(UTC).strftime("%H:%M UTC") if moment else "midnight UTC"


# --- how often ----------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Plan:
    """The refresh schedule at one moment."""

    mode: str
    """``chosen``, ``paced`` (stretched to last the day), ``backoff``, ``reserve``, ``spent``, ``paused``, ``off``."""
    interval_seconds: float | None
    """Clock seconds between refreshes (``None``: no automatic refresh; ``reserve``/``spent``: until the reset)."""
    reason: str
    """The sentence the page shows."""

    @property
    def refreshing(self) -> bool:
        return self.mode in ("chosen", "paced", "backoff")


def backoff_seconds(failures: int) -> float:
    """5 s after the first failed refresh, doubling to 60 s."""
    return min(BACKOFF_MAX_SECONDS, BACKOFF_FIRST_SECONDS * 2 ** max(0, failures - 1))


def plan(
    *,
    chosen_seconds: float,
    budget: budgets.Budget | None,
    now: datetime,
    calls_per_refresh: float = 1.0,
    failures: int = 0,
    failure_spent_quota: bool = True,
    auto: bool = True,
    paused_reason: str | None = None,
) -> Plan:
    """The interval to refresh at and why (see the module docstring for the rule). ``failure_spent_quota``: whether
    the API counted the last failed attempt against the quota (``failure_spends_quota``)."""
    if not auto:
        return Plan("off", None, "Auto-refresh is off; press Refresh now to update.")
    if paused_reason:
        return Plan("paused", None, paused_reason)
    calls = max(1.0, calls_per_refresh)
    interval = float(chosen_seconds)
    mode = "chosen"
    left_text = ""
    if budget is not None and budget.quota_limit is not None and budget.quota_remaining is not None:
        resets_at = budget.quota_resets_at or clock.next_utc_midnight(budget.api_time(now))
        to_reset = max(1.0, budget.seconds_to_reset(now))
        reserve = budget.reserve or 0
        if budget.quota_spent or budget.quota_remaining <= 0:
            return Plan(
                "spent",
                to_reset + 5,
                f"The daily request quota of this API key is used up ({budget.quota_limit:,} requests a day); "
                f"auto-refresh starts again by itself after the reset at {_hhmm(resets_at)} (in {duration(to_reset)}).",
            )
        usable = budget.quota_remaining - reserve
        if usable < calls:
            return Plan(
                "reserve",
                to_reset + 5,
                f"Auto-refresh waits for the quota reset at {_hhmm(resets_at)} (in {duration(to_reset)}): the last "
                f"{budget.quota_remaining:,} requests of today are kept for your own actions. Press Refresh now to "
                "update anyway.",
            )
        paced = to_reset * calls / usable
        left_text = f"{budget.describe()}; {reserve:,} kept for your own actions"
        if paced > interval:
            interval, mode = paced, "paced"
    if failures > 0:
        floor = interval if failure_spent_quota else 0.0
        return Plan(
            "backoff",
            max(floor, backoff_seconds(failures)),
            "",  # the page words it with the error, once it knows the interval it really uses
        )
    if mode == "paced":
        return Plan(mode, interval, f"to last the day: {left_text}")
    return Plan(mode, interval, f"as chosen ({left_text})" if left_text else "as chosen")


def failure_spends_quota(err: ApiError) -> bool:
    """Whether the API counted the failed request against the key's quota: not when it never arrived (connection
    refused, DNS, connect timeout) nor for a 429, which the rate limiter answers before counting (contract §1.6)."""
    return not isinstance(err, ApiConnectionError | RateLimitedError)


def session_jitter(seed: str) -> float:
    """A fixed share in [0, 20 %) added to this session's interval."""
    return (zlib.crc32(seed.encode()) % 1000) / 1000 * JITTER_SHARE


# --- what ---------------------------------------------------------------------------------------------------
class Reads(Protocol):
    def stats(self, hack_id: str) -> dict[str, Any]: ...
    def status(self, hack_id: str) -> dict[str, Any] | None: ...
    def submissions(self, hack_id: str) -> list[dict[str, Any]]: ...


class SharedApiReads:
    """The refresh's three reads for one client: shared per key, one attempt each."""

    def __init__(
        self, client: ApiClient, shared: SharedReads = READS, max_age_seconds: float = SHARED_READ_MAX_AGE_SECONDS
    ) -> None:
        """``max_age_seconds``: how old an answer another session fetched may be (0: ask the API, e.g. when the
        organizer pressed Refresh now)."""
        self.client = client
        self.shared = shared
        self.max_age_seconds = max_age_seconds
        self.calls = 0
        self._scope = client.budget_scope or (client.base_url, "-")

    def _get(self, what: str, hack_id: str, fetch: Callable[[], Any]) -> Any:
        def counted() -> Any:
            self.calls += 1
            with self.client.fail_fast():
                return fetch()

        return self.shared.get(self._scope, what, hack_id, counted, self.max_age_seconds)

    def stats(self, hack_id: str) -> dict[str, Any]:
        return self._get("stats", hack_id, lambda: self.client.stats(hack_id))

    def status(self, hack_id: str) -> dict[str, Any] | None:
        return self._get("status", hack_id, lambda: self.client.analysis_status(hack_id))

    def submissions(self, hack_id: str) -> list[dict[str, Any]]:
        return self._get("submissions", hack_id, lambda: self.client.list_submissions(hack_id))


@dataclass
class StartedJob:
    """An analysis this session started: the start answer, and what the organizer was shown before."""

    hack_id: str
    job_id: str
    created_at: datetime
    total: int
    sub_ids: tuple[str, ...]
    """The submissions it covers (the pending ones when "all" was chosen)."""
    expected_cost_usd: float | None
    """The estimate's expected cost: the one figure the page shows for it."""
    start_answer_cost_usd: float | None
    """The start answer's ``estimated_cost_usd`` (n × $0.053, the route's own budget-check figure)."""
    status_route_shows_it: bool | None = None
    """``None`` until ``analyze/status`` has answered after the start; ``False``: it answers with an older job."""


@dataclass
class Snapshot:
    """What the last refreshes learned about one hackathon."""

    stats: dict[str, Any] | None = None
    job: dict[str, Any] | None = None
    job_checked: bool = False
    status_refusal: BudgetExceededError | None = None
    """The API refuses ``analyze/status`` (its budget check blocks every /analyze route of big hackathons)."""
    submissions: list[dict[str, Any]] | None = None
    at: datetime | None = None
    version: int = 0
    """Counts the changes of what the page draws from this snapshot (stats, job, submissions); a refresh that
    fetched the same answers leaves it as it was, so the page redraws only what changed (``LiveState.view_key``)."""
    _table: tuple[list[dict[str, Any]], Any] | None = field(default=None, repr=False, compare=False)
    """The submissions table as last built, with the list it was built from (``submissions_table``)."""


@dataclass
class JobView:
    """The analysis the page presents as current, whatever route its figures came from."""

    job_id: str | None
    status: str
    total: int
    completed: int
    failed: int
    remaining: int
    percent: float
    source: str
    """``status`` (analyze/status) or ``submissions`` (derived from the new job's submissions)."""
    started_at: Any = None
    finished_at: Any = None
    errors: list[dict[str, Any]] = field(default_factory=list)
    stuck_for_seconds: float | None = None
    """Set when the job looks like it never started (queued, no start time) for ``STUCK_AFTER_SECONDS``."""
    queued_since: datetime | None = None
    """When the page first saw it queued without a start time (set with ``stuck_for_seconds``)."""

    @property
    def active(self) -> bool:
        return self.status in ACTIVE_JOB


def _changed(old: dict[str, Any] | None, new: dict[str, Any] | None, keys: tuple[str, ...]) -> bool:
    if old is None or new is None:
        return True
    return any(old.get(k) != new.get(k) for k in keys)


def _progress_key(job: dict[str, Any] | None) -> tuple[Any, ...] | None:
    if not job:
        return None
    progress = job.get("progress") or {}
    return (job.get("job_id"), job.get("status"), progress.get("completed"), progress.get("failed"))


@dataclass
class LiveState:
    """One browser session's Live Dashboard: kept in ``st.session_state`` across runs and pages."""

    jitter: float = 0.0
    hack_id: str | None = None
    """The hackathon the panel showed last."""
    snapshots: dict[str, Snapshot] = field(default_factory=dict)
    started: StartedJob | None = None
    last_attempt_at: datetime | None = None
    failures: int = 0
    error: ApiError | None = None
    quota_error: RateLimitedError | None = None
    failure_spent_quota: bool = True
    """Whether the API counted the last failed refresh against the quota (``failure_spends_quota``)."""
    force: bool = False
    refreshes: int = 0
    calls_per_refresh: float | None = None
    registered_interval: float | None = None
    """Clock seconds of the panel's ``run_every`` as the last full run of the page registered it."""
    full_run: int = 0
    keeper_seen: int = -1
    ticker_seen: int = -1
    """The full run whose inline pass of the ticker fragment was seen (a later pass is the timer's own run)."""
    drawn_key: tuple[Any, ...] | None = None
    """``view_key`` of what the page's data view last drew."""
    completed_run: int = -1
    queued_since: dict[str, datetime] = field(default_factory=dict)
    """When the page first saw each job queued without a start time (for ``STUCK_AFTER_SECONDS``)."""

    # -- schedule ------------------------------------------------------------------------------------
    def estimated_calls(self, hack_id: str | None) -> float:
        if self.calls_per_refresh is not None:
            return self.calls_per_refresh
        view = self.job_view(hack_id, clock.now()) if hack_id else None
        return 2.0 if view is not None and view.active else 1.0

    def with_jitter(self, interval: float | None) -> float | None:
        return None if interval is None else interval * (1 + self.jitter)

    def needs_reschedule(self, wanted: float | None) -> bool:
        """Whether the browser's timer must change (which takes one full run of the page)."""
        current = self.registered_interval
        if wanted is None or current is None:
            return wanted != current
        return abs(wanted - current) > RESCHEDULE_TOLERANCE * current

    def keeper_interval(self, panel_interval: float | None) -> float | None:
        """The keeper re-runs the page if a full run stopped before the panel (e.g. the hackathon list failed)."""
        if panel_interval is None:
            return None
        return panel_interval if self.failures else max(panel_interval, KEEPER_HEALTHY_SECONDS)

    def due(self, hack_id: str, now: datetime) -> bool:
        """Whether this run of the panel should ask the API, or show what the last refresh fetched."""
        if self.force or hack_id not in self.snapshots or self.last_attempt_at is None:
            return True
        if self.quota_error is not None:
            return True  # refused for a spent quota: the first run after the reset asks (the panel waits till then)
        if self.registered_interval is None:
            return False
        return (now - self.last_attempt_at).total_seconds() >= EARLY_TICK_SHARE * self.registered_interval

    def view_key(self, hack_id: str, now: datetime) -> tuple[Any, ...]:
        """What the data view draws depends on: it is redrawn (one full run of the page) only when this changes.

        A refresh that fetched the same answers leaves it as it was, so a tick then costs the ticker alone."""
        snap = self.snapshots.get(hack_id)
        started = self.started if self.started and self.started.hack_id == hack_id else None
        view = self.job_view(hack_id, now) if snap is not None else None
        return (
            hack_id,
            snap.version if snap is not None else None,
            None if started is None else (started.job_id, started.status_route_shows_it),
            view is not None and view.stuck_for_seconds is not None,
        )

    # -- outcomes ------------------------------------------------------------------------------------
    def note_failure(self, err: ApiError, now: datetime) -> None:
        self.last_attempt_at = now
        if isinstance(err, RateLimitedError) and err.quota_spent:
            self.quota_error = err
            self.error = None
            return
        self.failures += 1
        self.error = err
        self.failure_spent_quota = failure_spends_quota(err)

    def note_success(self, now: datetime) -> None:
        self.last_attempt_at = now
        self.failures = 0
        self.error = None
        self.quota_error = None

    # -- refresh ---------------------------------------------------------------------------------------
    def refresh(self, hack_id: str, reads: Reads, now: datetime) -> int:
        """Ask for what can have changed; returns how many reads it made (answers shared by another session of
        the key included; ``calls_per_refresh`` counts only this session's own fetches).

        A failure keeps what earlier refreshes fetched and raises the ``ApiError``; the caller records it with
        ``note_failure`` (so the page can back off).
        """
        self.force = False
        prev = self.snapshots.get(hack_id)
        first = prev is None
        snap = Snapshot() if prev is None else Snapshot(**vars(prev))
        self.snapshots[hack_id] = snap
        made = 0
        fetched_before = getattr(reads, "calls", None)
        started = self.started if self.started and self.started.hack_id == hack_id else None

        drawn_before = (snap.stats, snap.job, snap.job_checked, snap.status_refusal, snap.submissions)
        stats = reads.stats(hack_id)
        made += 1
        stats_moved = _changed(snap.stats, stats, ("submission_count", "pending_count", "hackathon_status"))
        snap.stats = stats

        old_progress = _progress_key(snap.job)
        view = self.job_view(hack_id, now)
        status_useful = snap.status_refusal is None and not (started and started.status_route_shows_it is False)
        want_status = status_useful and (
            not snap.job_checked
            or (started is not None and started.status_route_shows_it is None)
            or (view is not None and view.active)
            or (stats_moved and not first)
        )
        if want_status:
            try:
                job = reads.status(hack_id)
            except BudgetExceededError as err:
                snap.status_refusal = err
                job = None
            made += 1
            snap.job, snap.job_checked = job, True
            if started is not None and started.status_route_shows_it is None:
                started.status_route_shows_it = bool(job and job.get("job_id") == started.job_id)
        progress_moved = _progress_key(snap.job) != old_progress

        tracking_by_submissions = (
            started is not None and started.status_route_shows_it is False and not self._finished_by_submissions(snap)
        )
        if snap.submissions is None or stats_moved or progress_moved or tracking_by_submissions:
            snap.submissions = reads.submissions(hack_id)
            made += 1
        if (snap.stats, snap.job, snap.job_checked, snap.status_refusal, snap.submissions) != drawn_before:
            snap.version += 1
        snap.at = now
        current = self.job_view(hack_id, now)
        if current is not None and current.job_id and current.status == "queued" and not current.started_at:
            self.queued_since.setdefault(current.job_id, now)
        elif current is not None and current.job_id:
            self.queued_since.pop(current.job_id, None)
        cost = made if fetched_before is None else getattr(reads, "calls", 0) - fetched_before
        if not first:
            self.calls_per_refresh = (
                cost
                if self.calls_per_refresh is None
                else (1 - CALLS_EMA_WEIGHT) * self.calls_per_refresh + CALLS_EMA_WEIGHT * cost
            )
        self.refreshes += 1
        return made

    def _finished_by_submissions(self, snap: Snapshot) -> bool:
        started = self.started
        if started is None or snap.submissions is None:
            return False
        by_id = {s.get("sub_id"): s for s in snap.submissions}
        return all(by_id.get(sub_id, {}).get("status") in TERMINAL_SUBMISSION for sub_id in started.sub_ids)

    # -- the job the page presents -----------------------------------------------------------------------
    def job_view(self, hack_id: str, now: datetime) -> JobView | None:
        """The current analysis: never an older job after this session started a new one (contract E15)."""
        snap = self.snapshots.get(hack_id)
        started = self.started if self.started and self.started.hack_id == hack_id else None
        job = snap.job if snap else None
        if started is not None and not (started.status_route_shows_it and job and job.get("job_id") == started.job_id):
            return self._view_from_submissions(started, snap, now)
        if not job:
            return None
        progress = job.get("progress") or {}
        view = JobView(
            job_id=job.get("job_id"),
            status=str(job.get("status") or "unknown"),
            total=int(progress.get("total_submissions") or 0),
            completed=int(progress.get("completed") or 0),
            failed=int(progress.get("failed") or 0),
            remaining=int(progress.get("remaining") or 0),
            percent=float(progress.get("percent_complete") or 0.0),
            source="status",
            started_at=job.get("started_at"),
            finished_at=job.get("estimated_completion"),
            errors=list(job.get("errors") or []),
        )
        view.stuck_for_seconds = self._stuck_for(view, now)
        return view

    def _stuck_for(self, view: JobView, now: datetime) -> float | None:
        since = self.queued_since.get(view.job_id or "")
        if view.status != "queued" or view.started_at or since is None:
            return None
        waited = (now - since).total_seconds()
        if waited < STUCK_AFTER_SECONDS:
            return None
        view.queued_since = since
        return waited

    def _view_from_submissions(self, started: StartedJob, snap: Snapshot | None, now: datetime) -> JobView:
        by_id = {s.get("sub_id"): s for s in (snap.submissions or [])} if snap else {}
        statuses = [str(by_id.get(sub_id, {}).get("status") or "pending") for sub_id in started.sub_ids]
        total = len(statuses) or started.total
        completed = statuses.count("completed")
        failed = sum(1 for s in statuses if s in ("failed", "timeout"))
        done = sum(1 for s in statuses if s in TERMINAL_SUBMISSION)
        moving = any(s not in ("pending",) for s in statuses)
        if statuses and done == len(statuses):
            status = "completed"
        elif moving:
            status = "running"
        else:
            status = "queued"
        view = JobView(
            job_id=started.job_id,
            status=status,
            total=total,
            completed=completed,
            failed=failed,
            remaining=max(0, total - done),
            percent=round(completed / total * 100, 1) if total else 0.0,
            source="submissions",
            started_at=None if status == "queued" else "(from the submissions)",
            errors=[
                {
                    "sub_id": sub_id,
                    "team_name": by_id[sub_id].get("team_name"),
                    "error": by_id[sub_id].get("error_message"),
                }
                for sub_id in started.sub_ids
                if by_id.get(sub_id, {}).get("status") in ("failed", "timeout")
            ],
        )
        view.stuck_for_seconds = self._stuck_for(view, now)
        return view

    def note_started(
        self, hack_id: str, answer: dict[str, Any], sub_ids: list[str], expected_cost: float | None, now: datetime
    ) -> StartedJob:
        """Remember a job this session started (``answer``: the 202 of ``POST …/analyze``)."""
        created = answer.get("created_at")
        try:
            created_at = datetime.fromisoformat(str(created).replace("Z", "+00:00")) if created else now
        except ValueError:
            created_at = now
        if created_at.tzinfo is None:
            created_at = created_at.replace(tzinfo=UTC)
        cost = answer.get("estimated_cost_usd")
        self.started = StartedJob(
            hack_id=hack_id,
            job_id=str(answer.get("job_id")),
            created_at=created_at,
            total=int(answer.get("total_submissions") or len(sub_ids)),
            sub_ids=tuple(sub_ids),
            expected_cost_usd=expected_cost,
            start_answer_cost_usd=float(cost) if isinstance(cost, int | float) and not isinstance(cost, bool) else None,
        )
        self.queued_since[self.started.job_id] = now
        self.force = True
        return self.started


def quota_spent_message(budget: budgets.Budget | None, now: datetime, since: str = "") -> str:
    """The one "quota spent" box: what happened, when it ends, and what the organizer can do about it."""
    if budget is not None:
        resets_at = budget.quota_resets_at or clock.next_utc_midnight(budget.api_time(now))
        to_reset = budget.seconds_to_reset(now)
    else:
        resets_at = clock.next_utc_midnight(now)
        to_reset = (resets_at - now).total_seconds()
    limit = f" ({budget.quota_limit:,} requests a day)" if budget is not None and budget.quota_limit else ""
    return (
        f"The daily request quota of this API key is used up{limit}. Auto-refresh has stopped and starts again by "
        f"itself after the reset at {_hhmm(resets_at)} (in {duration(to_reset)}).{since}\n\n"
        "What you can do: wait for the reset; or sign in again with your e-mail on the Sign in page, which issues a "
        "new API key with its own daily quota and **revokes your previous keys, this one included, everywhere they "
        "are used** (other tabs, scripts, colleagues); or ask VibeJudge for a higher tier."
    )


def _usd(value: Any) -> str:
    return f"${float(value):,.2f}" if isinstance(value, int | float) and not isinstance(value, bool) else "—"


def cost_check(estimate: dict[str, Any], *, one_team: bool) -> tuple[dict[str, Any], str, bool]:
    """From an estimate answer (contract E13): the cost range to show, the budget sentence, and whether the
    hackathon's budget covers it. The API's ``budget_check`` is for all pending submissions; for one team its
    own cost is checked against the budget instead."""
    ranges = estimate.get("estimate") or {}
    cost = (ranges.get("per_submission_cost_usd") if one_team else ranges.get("total_cost_usd")) or {}
    check = estimate.get("budget_check")
    if not check:
        return cost, "This hackathon has no budget limit.", True
    limit = check.get("budget_limit_usd")
    expected = cost.get("expected")
    if one_team:
        numbers = isinstance(expected, int | float) and isinstance(limit, int | float)
        within = numbers and expected <= limit
        share = expected / limit * 100 if numbers and limit else None
    else:
        within = bool(check.get("within_budget"))
        share = check.get("budget_utilization_pct")
    share_text = f" ({share:.1f} % of it)" if isinstance(share, int | float) else ""
    if within:
        return cost, f"Within the hackathon's budget of {_usd(limit)}{share_text}.", True
    per = (ranges.get("per_submission_cost_usd") or {}).get("expected")
    advice = (
        "Raise the hackathon's budget to start it."
        if one_team
        else f"Analyze fewer submissions at a time (one team costs about {_usd(per)}) or raise the hackathon's budget."
    )
    return (
        cost,
        f"The hackathon's budget of {_usd(limit)} does not cover this analysis: it is estimated at {_usd(expected)}"
        f"{share_text}. {advice}",
        False,
    )


def budget_explanation(err: BudgetExceededError) -> str:
    """Why the budget middleware's per-request 402 blocks a hackathon (contract §1.7), or "" for other refusals."""
    details = err.details or {}
    if err.level == "submission" and details.get("estimated_cost_usd") is not None:
        return (
            "The API's budget check prices every analysis request at $0.063 per submission of the hackathon and "
            f"refuses anything above {_usd(details.get('budget_limit_usd'))} per request, so it refuses every "
            "analysis route of a hackathon this size (16 submissions or more at the default limit)."
        )
    return ""


_RETRY_ADVICE = re.compile(r"[;,]? *(?:then |and )?press Retry\.$")


def without_retry_advice(sentence: str) -> str:
    """An error sentence without its "press Retry" advice (the refresh retries by itself)."""
    return _RETRY_ADVICE.sub("", sentence).rstrip(" ;,")


SUBMISSION_COLUMNS = ("Team", "Repository", "Status", "Score", "Rank", "Cost", "Submitted")


def submissions_table(snapshot: Snapshot) -> list[dict[str, str]]:
    """The rows of the Live table (``SUBMISSION_COLUMNS``) of ``snapshot.submissions``, built once per list the
    API returned (a refresh that brought the same list reuses them). Text only; ``ui.table`` draws it."""
    subs = snapshot.submissions or []
    if snapshot._table is not None and snapshot._table[0] is subs:
        return snapshot._table[1]
    ranks = computed_ranks(subs)
    rows = [
        {
            "Team": str(s.get("team_name") or ""),
            "Repository": str(s.get("repo_url") or ""),
            "Status": formatters.status(s.get("status")),
            "Score": formatters.score(s.get("overall_score")),
            "Rank": str(s.get("rank") or ranks.get(str(s.get("sub_id"))) or formatters.DASH),
            "Cost": formatters.usd(s.get("total_cost_usd"), 4),
            "Submitted": formatters.timestamp(s.get("created_at")),
        }
        for s in subs
    ]
    snapshot._table = (subs, rows)
    return rows


def computed_ranks(submissions: list[dict[str, Any]]) -> dict[str, int]:
    """The leaderboard's rank of each scored submission (contract E16: by score, highest first, from 1; the
    submission list's own ``rank`` is never filled by the backend)."""
    scored = [s for s in submissions if isinstance(s.get("overall_score"), int | float)]
    scored.sort(key=lambda s: -float(s["overall_score"]))
    return {str(s.get("sub_id")): index for index, s in enumerate(scored, start=1)}


def clock_interval_to_real(interval: float | None) -> float | None:
    """The wall-clock seconds a browser timer waits for ``interval`` clock seconds (at least 1 s)."""
    if interval is None:
        return None
    return max(1.0, clock.current().to_real_seconds(interval))
