"""The stand-in's switches: limits, friendlier-than-the-backend behaviour, faults and the clock.

Every field is a switch with a ``--kebab-case`` command-line flag (``python -m standin_api --help``) and
can be changed at run time with ``POST /__admin/faults``. The defaults make the stand-in behave like the
backend code (``shared/api-contract.md``), quirks included; every switch that differs from the backend is
off by default.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

Tier = Literal["free", "starter", "pro", "enterprise"]

TIER_LIMITS: dict[str, dict[str, Any]] = {
    # contract §1.6 (backend code values): requests/second, requests/day (UTC), budget in USD
    "free": {"rate_limit_per_second": 10, "daily_quota": 100, "budget_limit_usd": 10.0},
    "starter": {"rate_limit_per_second": 20, "daily_quota": 500, "budget_limit_usd": 50.0},
    "pro": {"rate_limit_per_second": 50, "daily_quota": 2500, "budget_limit_usd": 250.0},
    "enterprise": {"rate_limit_per_second": 100, "daily_quota": 999999, "budget_limit_usd": 10000.0},
}


class Faults(BaseModel):
    """All switches. ``Faults(**changes)`` validates; ``update(changes)`` applies all or nothing."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True, use_attribute_docstrings=True)

    # --- limits (contract §1.6) -------------------------------------------------------------------
    unlimited_quota: bool = False
    """No daily quota (and no X-Quota-* headers)."""
    daily_quota: int = Field(0, ge=0)
    """0: each key's own quota (its tier's); N: this daily quota for every key."""
    unlimited_rate: bool = False
    """No per-second rate limit (and no X-RateLimit-* headers)."""
    rate_limit: int = Field(0, ge=0)
    """0: each key's own rate limit (its tier's); N: N requests per second for every key."""
    default_tier: Tier = "free"
    """Tier of organizers (and their keys) registered from now on."""

    # --- the docs' intent instead of the backend code (friendlier, opt-in) -----------------------
    fresh_list: bool = False
    """GET /hackathons shows each hackathon's true status and submission count (backend: a stale index)."""
    real_counts: bool = False
    """Stats fill verified_count and participant_count (backend: always 0)."""
    docs_status_codes: bool = False
    """409 for "already in progress" and 402 for "exceeds budget limit" (backend: 500 for both)."""
    newest_job_status: bool = False
    """GET .../analyze/status returns the newest job (backend: the oldest)."""
    real_recommendations: bool = False
    """Leaderboard entries carry real dimension_scores and recommendation (backend: {} and solid_submission)."""
    budget_check_trigger_only: bool = False
    """The budget middleware checks only POST .../analyze (backend: every path containing /analyze)."""
    real_usage: bool = False
    """GET /usage/summary and /usage/export report the organizer's real counts (backend: always empty)."""
    budget_spend_tracking: bool = False
    """Stricter than the contract, as the budget middleware code reads: every 2xx analyze-path request adds
    its estimate to the key's and the hackathon's spend, which the middleware then checks (402)."""

    # --- faults ------------------------------------------------------------------------------------
    latency_ms: int = Field(0, ge=0)
    """Delay before every API answer (other requests are served meanwhile)."""
    fail_rate: float = 0.0
    """Share (0..1) of API requests answered with status_5xx (seeded, so the sequence repeats)."""
    status_5xx: int = 503
    """Status used by fail_rate, fail_next and always_5xx."""
    always_5xx: bool = False
    """Answer every API request with status_5xx."""
    fail_next: int = Field(0, ge=0)
    """Answer the next N API requests with status_5xx."""
    throttle_next: int = Field(0, ge=0)
    """Answer the next N API requests that carry a valid key with the rate limiter's 429."""
    retry_after_seconds: int = Field(1, ge=0)
    """Retry-After (and retry_after) of rate-limit 429s; the backend's is 1."""
    down: bool = False
    """Close API connections without answering (the admin endpoints keep working)."""
    malformed: bool = False
    """Answer API requests with 200 and an HTML body that is not JSON."""
    seconds_per_submission: float = Field(6.0, ge=0)
    """Analysis speed on the stand-in's clock: one submission finishes every N seconds."""
    stuck_jobs: bool = False
    """New analysis jobs stay queued with started_at null forever (the analyzer Lambda never started)."""
    max_cost_per_request_usd: float = Field(1.00, ge=0)
    """The budget middleware's per-request cap (settings.max_cost_per_submission_usd)."""

    # --- the clock ---------------------------------------------------------------------------------
    clock_scale: float = Field(1.0, gt=0)
    """1.0: real time; N: the stand-in's clock (jobs, quota day, rate windows) runs N times faster."""
    clock_start: str | None = None
    """ISO UTC time the stand-in's clock shows at start and reset (default: the real time). Setting it at
    run time moves the clock there at once."""

    @field_validator("fail_rate")
    @classmethod
    def _fraction(cls, value: float) -> float:
        if not 0 <= value <= 1:
            raise ValueError(f"{value:g} is not between 0 and 1")
        return value

    @field_validator("status_5xx")
    @classmethod
    def _five_hundred(cls, value: int) -> int:
        if not 500 <= value <= 599:
            raise ValueError(f"{value} is not a 5xx status")
        return value

    @field_validator("clock_start")
    @classmethod
    def _utc_time(cls, value: str | None) -> str | None:
        if value is None:
            return None
        return iso_utc(parse_utc(value))

    def update(self, changes: dict[str, Any]) -> list[str]:
        """Apply ``changes``; returns one message per invalid field, and then applies nothing."""
        errors = validation_messages(changes)
        if not errors:
            for name, value in Faults.model_validate({**self.model_dump(), **changes}):
                if name in changes:
                    setattr(self, name, value)
        return errors


def parse_utc(text: str) -> datetime:
    """An ISO-8601 time; a time without an offset is UTC."""
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except (TypeError, ValueError):
        raise ValueError(f"{text!r} is not an ISO-8601 time such as 2026-03-02T08:00:00Z") from None
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def iso_utc(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _message(error: dict[str, Any]) -> str:
    name = ".".join(str(part) for part in error["loc"]) or "body"
    if error["type"] == "extra_forbidden":
        return f"{name}: unknown switch; allowed: {', '.join(sorted(Faults.model_fields))}"
    return f"{name}: {error['msg'].removeprefix('Value error, ')}"


def validation_messages(changes: Any) -> list[str]:
    """One sentence per invalid switch in ``changes`` (a JSON object), in the order given."""
    if not isinstance(changes, dict):
        return ["the body must be a JSON object of switches"]
    try:
        Faults.model_validate(changes)
    except ValidationError as exc:
        return [_message(error) for error in exc.errors()]
    return []
