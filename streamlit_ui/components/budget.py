"""The request budget of each API key, as the API reports it, kept per key and per process.

Every non-exempt answer of the API carries the key's daily quota and per-second rate limit (contract §1.6):
``X-Quota-Limit``, ``X-Quota-Remaining`` and ``X-RateLimit-Limit``, ``-Remaining``, ``-Reset``; a quota
429 adds ``X-Quota-Reset``. The API client hands every answer's headers to ``observe``; pages read the latest
``Budget`` of their key with ``latest``. The key itself is never stored: budgets are filed under the API base
URL and a fingerprint of the key, like the caches.

The count is the API's, so it includes what the organizer's other tabs, other dashboard tasks and other
clients spent. Within one UTC day the remaining count only goes down, so answers that arrive out of order
never raise it again; a new limit (another tier) or a new day replaces it.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta

from components import clock

RESERVE_MIN_REQUESTS = 20
RESERVE_SHARE = 0.20
"""The reserve auto-refresh never spends: max(20 requests, 20 % of the daily quota), kept for the organizer's own
actions (estimates, starting an analysis, other pages)."""

Scope = tuple[str, str]
"""(API base URL, key fingerprint)."""

SIDEBAR_HELP = (
    "What the API said with its last answer to this API key: its daily request quota (UTC day) counts every "
    "request of the key, from every tab, task and script. The Live Dashboard paces its auto-refresh by it."
)


def reserve_for(limit: int) -> int:
    """Requests of a ``limit``-a-day quota that auto-refresh leaves for the organizer: max(20, 20 %)."""
    return min(limit, max(RESERVE_MIN_REQUESTS, math.ceil(limit * RESERVE_SHARE)))


@dataclass(frozen=True)
class Budget:
    """What the API last said about one key's limits, and when (on the dashboard's clock)."""

    observed_at: datetime
    quota_limit: int | None = None
    quota_remaining: int | None = None
    quota_resets_at: datetime | None = None
    """The next UTC midnight after ``observed_at``, or the API's ``X-Quota-Reset``."""
    rate_limit_per_second: int | None = None
    rate_remaining: int | None = None
    quota_spent: bool = False
    """The API refused a request with the daily-quota 429."""
    api_clock_offset_seconds: float = 0.0
    """How far the API's clock is ahead of the dashboard's, from ``X-RateLimit-Reset`` (the end of the API's
    current one-second window): the quota day is the API's UTC day, so time to the reset is counted on its clock."""

    def api_time(self, moment: datetime) -> datetime:
        return moment + timedelta(seconds=self.api_clock_offset_seconds)

    def seconds_to_reset(self, moment: datetime) -> float:
        resets_at = self.quota_resets_at or clock.next_utc_midnight(self.api_time(moment))
        return (resets_at - self.api_time(moment)).total_seconds()

    @property
    def reserve(self) -> int | None:
        return reserve_for(self.quota_limit) if self.quota_limit is not None else None

    def as_of(self, moment: datetime) -> Budget:
        """This budget at ``moment``: after the reset the whole quota is back (until the API says otherwise)."""
        if self.quota_resets_at is not None and self.api_time(moment) >= self.quota_resets_at:
            return replace(
                self,
                observed_at=moment,
                quota_remaining=self.quota_limit,
                quota_resets_at=clock.next_utc_midnight(self.api_time(moment)),
                quota_spent=False,
            )
        return self

    def describe(self) -> str | None:
        """``61 requests left, resets 00:00 UTC`` (``None`` before the API has said anything)."""
        if self.quota_limit is None or self.quota_remaining is None:
            return None
        left = "no requests left" if self.quota_remaining <= 0 else _requests(self.quota_remaining) + " left"
        resets = self.quota_resets_at.strftime("%H:%M UTC") if self.quota_resets_at else "midnight UTC"
        return f"{left}, resets {resets}"


def _requests(count: int) -> str:
    return f"{count:,} request{'s' if count != 1 else ''}"


def _int_header(headers: Mapping[str, str], name: str) -> int | None:
    raw = headers.get(name)
    if raw is None:
        return None
    try:
        return int(float(raw))
    except ValueError:
        return None


def is_quota_refusal(status: int, headers: Mapping[str, str]) -> bool:
    """The daily-quota 429: no ``Retry-After`` and ``X-Quota-Remaining: 0`` (a rate-limit 429 has Retry-After)."""
    return status == 429 and headers.get("Retry-After") is None and headers.get("X-Quota-Remaining") == "0"


class BudgetRegistry:
    """The latest ``Budget`` per (base URL, key fingerprint), for every session of this process."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._budgets: dict[Scope, Budget] = {}

    def observe(self, scope: Scope, status: int, headers: Mapping[str, str]) -> Budget | None:
        """Record what one answer says; answers without quota or rate headers change nothing."""
        limit = _int_header(headers, "X-Quota-Limit")
        remaining = _int_header(headers, "X-Quota-Remaining")
        rate_limit = _int_header(headers, "X-RateLimit-Limit")
        spent = is_quota_refusal(status, headers)
        if limit is None and remaining is None and rate_limit is None and not spent:
            return None
        now = clock.now()
        with self._lock:
            old = self._budgets.get(scope)
        rate_reset = _int_header(headers, "X-RateLimit-Reset")
        if rate_reset is not None and rate_reset > 0:
            offset = (datetime.fromtimestamp(rate_reset - 0.5, UTC) - now).total_seconds()
        else:
            offset = old.api_clock_offset_seconds if old is not None else 0.0
        api_now = now + timedelta(seconds=offset)
        reset_ts = _int_header(headers, "X-Quota-Reset")
        resets_at = (
            datetime.fromtimestamp(reset_ts, UTC)
            if reset_ts is not None and reset_ts > 0
            else clock.next_utc_midnight(api_now)
        )
        with self._lock:
            old = self._budgets.get(scope)
            old = old.as_of(now) if old is not None else None
            if spent:
                remaining = 0
            same_day = (
                old is not None
                and old.quota_resets_at is not None
                and abs(old.quota_resets_at - resets_at) < timedelta(hours=1)
            )
            if (
                old is not None
                and same_day
                and old.quota_limit == (limit if limit is not None else old.quota_limit)
                and old.quota_remaining is not None
                and remaining is not None
            ):
                remaining = min(old.quota_remaining, remaining)
            budget = Budget(
                observed_at=now,
                quota_limit=limit if limit is not None else (old.quota_limit if old else None),
                quota_remaining=remaining if remaining is not None else (old.quota_remaining if old else None),
                quota_resets_at=resets_at,
                rate_limit_per_second=rate_limit
                if rate_limit is not None
                else (old.rate_limit_per_second if old else None),
                rate_remaining=_int_header(headers, "X-RateLimit-Remaining"),
                quota_spent=spent or bool(old and same_day and old.quota_spent and remaining == 0),
                api_clock_offset_seconds=offset,
            )
            self._budgets[scope] = budget
            return budget

    def latest(self, scope: Scope) -> Budget | None:
        """The budget as of now (``None`` before the API has answered this key with its headers)."""
        with self._lock:
            budget = self._budgets.get(scope)
        return budget.as_of(clock.now()) if budget is not None else None

    def forget(self, scope: Scope) -> None:
        with self._lock:
            self._budgets.pop(scope, None)

    def clear(self) -> None:
        with self._lock:
            self._budgets.clear()


REGISTRY = BudgetRegistry()
"""The process's registry: the API client records into it, pages read from it."""
