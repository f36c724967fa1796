"""The stand-in's clock: real time by default, or a compressed day for tests.

Job progress, the UTC quota day, rate-limit windows and server timestamps all read this clock, so a test
can watch a virtual 08:00-20:00 UTC day in a couple of real minutes (``clock_scale``, ``clock_start``) or
jump ahead (``POST /__admin/advance``).
"""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta


class Clock:
    """Virtual time = the time at the last rebase + real seconds since then x scale."""

    def __init__(self, scale: float = 1.0, start: datetime | None = None) -> None:
        self.scale = scale
        self._base = start or datetime.now(UTC)
        self._base_monotonic = time.monotonic()

    def now(self) -> datetime:
        return self._base + timedelta(seconds=(time.monotonic() - self._base_monotonic) * self.scale)

    def timestamp(self) -> float:
        return self.now().timestamp()

    def rebase(self, *, scale: float | None = None, start: datetime | None = None) -> None:
        """Keep the current virtual time (or jump to ``start``) and run at ``scale`` from now on."""
        self._base = start or self.now()
        self._base_monotonic = time.monotonic()
        if scale is not None:
            self.scale = scale

    def advance(self, seconds: float) -> None:
        self._base += timedelta(seconds=seconds)

    def next_utc_midnight(self) -> datetime:
        today = self.now().date()
        return datetime(today.year, today.month, today.day, tzinfo=UTC) + timedelta(days=1)
