"""A local stand-in for the VibeJudge AI HTTP API (development and test tool, never part of the image).

Built on the backend's own libraries (FastAPI + pydantic, served by uvicorn), it behaves by default like
the backend code described in ``shared/api-contract.md``, quirks included: per-key tiers with per-second
limits and daily quotas, the rate limiter's and budget middleware's answers in the backend's order, the
stale hackathon list, the counts that are always 0, the 500s where the docs promise 402/409, the oldest
job from ``analyze/status``, placeholder recommendations. Friendlier behaviour, fault injection and a
compressed clock are switches (``Faults``; ``python -m standin_api --help``; ``POST /__admin/faults``).
"""

from standin_api.faults import TIER_LIMITS, Faults
from standin_api.server import StandinServer
from standin_api.store import DEMO_API_KEY, DEMO_EMAIL, EMPTY_API_KEY, OTHER_API_KEY

__all__ = ["DEMO_API_KEY", "DEMO_EMAIL", "EMPTY_API_KEY", "OTHER_API_KEY", "TIER_LIMITS", "Faults", "StandinServer"]
