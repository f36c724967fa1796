"""Fixtures of the dashboard tests: a clock the test moves, and per-process registries emptied between tests."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest

from components import budget, clock, shared_reads


class ManualClock:
    """The dashboard's clock, standing still until the test moves it (``advance``)."""

    def __init__(self, start: datetime) -> None:
        self._elapsed = 0.0
        self.clock = clock.Clock(start, 1.0, 0.0, lambda: self._elapsed)

    def advance(self, seconds: float) -> None:
        self._elapsed += seconds

    def now(self) -> datetime:
        return self.clock.now()


@pytest.fixture(autouse=True)
def _fresh_process_state() -> Iterator[None]:
    """Budgets, shared reads and the clock are per process: every test starts without any."""
    budget.REGISTRY.clear()
    shared_reads.READS.clear()
    clock.use(None)
    yield
    clock.use(None)


@pytest.fixture
def manual_clock() -> ManualClock:
    """The dashboard's clock at the real time now (so it agrees with the stand-in's), moved only by the test."""
    fake = ManualClock(datetime.now(UTC).replace(microsecond=0) - timedelta(seconds=0))
    clock.use(fake.clock)
    return fake
