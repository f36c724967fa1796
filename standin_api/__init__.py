"""A local stand-in for the VibeJudge AI HTTP API (development and test tool, not shipped in the image).

It implements the endpoints the organizer dashboard calls, with the status codes and error shapes of the
real backend (see ``shared/api-contract.md``), deterministic seeded data, an analysis job that progresses
over time, and fault switches (latency, random 5xx, forced 5xx, rate limiting, malformed bodies, being down)
that can be set on the command line or at run time through ``POST /__admin/faults``.
"""

from standin_api.server import DEMO_API_KEY, EMPTY_API_KEY, Faults, StandinServer

__all__ = ["DEMO_API_KEY", "EMPTY_API_KEY", "Faults", "StandinServer"]
