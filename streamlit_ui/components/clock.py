"""The dashboard's one clock: what "now" is for quota days, refresh intervals and how long a job has waited.

Production runs on real UTC time (scale 1). Two settings make the clock virtual, so that a whole quota day can
be watched against the stand-in API's compressed clock in a minute or two (the stand-in has the same two,
``--clock-start`` / ``--clock-scale``):

- ``DASHBOARD_CLOCK_START``: the ISO-8601 UTC time the clock shows when the process first reads it
  (default: the real time then);
- ``DASHBOARD_CLOCK_SCALE``: how many clock seconds pass per real second (default 1).

Every time span the dashboard computes (an interval, a backoff, a time to the quota reset) is in clock
seconds; ``to_real_seconds`` turns one into the wall-clock delay a timer must wait. There is no other
difference between a scaled and a real clock: the code that uses it has no test-only branch.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

START_ENV = "DASHBOARD_CLOCK_START"
SCALE_ENV = "DASHBOARD_CLOCK_SCALE"


@dataclass(frozen=True)
class Clock:
    """UTC time that starts at ``start`` when created and runs ``scale`` times as fast as real time."""

    start: datetime
    scale: float = 1.0
    anchor: float = 0.0
    """``monotonic()`` when the clock showed ``start``."""
    monotonic: Callable[[], float] = time.monotonic

    def now(self) -> datetime:
        return self.start + timedelta(seconds=(self.monotonic() - self.anchor) * self.scale)

    def to_real_seconds(self, clock_seconds: float) -> float:
        return clock_seconds / self.scale

    @classmethod
    def real(cls) -> Clock:
        mono = time.monotonic()
        return cls(datetime.now(UTC), 1.0, mono)


def clock_from_env(environ: Mapping[str, str] | None = None) -> Clock:
    """The clock the settings describe; a bad setting raises ``ValueError`` with one sentence naming it."""
    env = os.environ if environ is None else environ
    raw_scale = env.get(SCALE_ENV, "").strip()
    raw_start = env.get(START_ENV, "").strip()
    scale = 1.0
    if raw_scale:
        try:
            scale = float(raw_scale)
        except ValueError:
            scale = -1.0
        if not scale > 0 or scale == float("inf"):
            raise ValueError(f"{SCALE_ENV} '{raw_scale}' is not valid; allowed: a number > 0 (1 = real time).")
    anchor = time.monotonic()
    start = datetime.now(UTC)
    if raw_start:
        try:
            start = datetime.fromisoformat(raw_start.replace("Z", "+00:00"))
        except ValueError:
            raise ValueError(
                f"{START_ENV} '{raw_start}' is not valid; allowed: an ISO-8601 UTC time such as 2026-03-02T08:00:00Z."
            ) from None
        start = start.replace(tzinfo=UTC) if start.tzinfo is None else start.astimezone(UTC)
    return Clock(start, scale, anchor)


_lock = threading.Lock()
_current: Clock | None = None
_problem: str | None = None


def current() -> Clock:
    """The process's clock, made from the settings on first use (a bad setting: real time, see ``problem``)."""
    global _current, _problem
    with _lock:
        if _current is None:
            try:
                _current = clock_from_env()
            except ValueError as err:
                _problem = f"{err} Using real time."
                _current = Clock.real()
        return _current


def problem() -> str | None:
    """The sentence about a bad clock setting, if there was one."""
    current()
    return _problem


def now() -> datetime:
    return current().now()


def use(clock: Clock | None) -> None:
    """Replace the process's clock (``None``: read the settings again on next use)."""
    global _current, _problem
    with _lock:
        _current = clock
        _problem = None


def next_utc_midnight(moment: datetime) -> datetime:
    """When the API's daily quota resets after ``moment`` (contract §1.6: the UTC day)."""
    day = moment.astimezone(UTC).date() + timedelta(days=1)
    return datetime(day.year, day.month, day.day, tzinfo=UTC)
