"""The backend's enforcement layers as ASGI middleware, plus the stand-in's fault injection in front.

Order of a request (outermost first), as in the backend (contract §1.4):
  FaultMiddleware (stand-in only: request log, latency, malformed bodies, injected 5xx)
  -> RateLimitMiddleware (401 for a missing/unknown/inactive key, per-second limit, daily quota: 429)
  -> BudgetMiddleware (402 on paths containing /analyze or /submissions)
  -> CORS -> the routes (route dependency: key -> organizer; then the ownership checks).
The rate limiter adds its X-RateLimit-* / X-Quota-* headers to every answer it let through, route
errors and the budget 402 included: the backend adds them to whatever the inner layers return.
"""

from __future__ import annotations

import asyncio
import json
import re
from typing import TYPE_CHECKING, Any

from standin_api import models

if TYPE_CHECKING:
    from starlette.types import ASGIApp, Message, Receive, Scope, Send

    from standin_api.app import StandinState

ADMIN_PREFIX = "/__admin/"
# The rate limiter's exempt list (contract §1.4; the code also lists /api/v1/health, /organizers and
# /organizers/login, which no route serves). Matched exactly, so /api/v1/organizers/me needs a key.
EXEMPT_PATHS = frozenset(
    {
        "/health",
        "/api/v1/health",
        "/docs",
        "/openapi.json",
        "/redoc",
        "/api/v1/organizers",
        "/organizers",
        "/api/v1/organizers/login",
        "/organizers/login",
        "/api/v1/public/hackathons",
    }
)
EXEMPT_PATTERN = re.compile(r"^/api/v1/public/hackathons/.*/submissions$")
MALFORMED_BODY = b"<html><body>502 Bad Gateway</body></html>"


def is_exempt(path: str) -> bool:
    return path in EXEMPT_PATHS or EXEMPT_PATTERN.match(path) is not None


def _encode(body: dict[str, Any]) -> bytes:
    # json.dumps' default separators give the backend's bytes, e.g. {"error": "Invalid API key"}.
    return json.dumps(body).encode()


async def send_bytes(
    send: Send, status: int, body: bytes, headers: dict[str, str] | None = None, content_type: str = "application/json"
) -> None:
    raw_headers = [(b"content-type", content_type.encode()), (b"content-length", str(len(body)).encode())]
    raw_headers += [(k.lower().encode(), v.encode()) for k, v in (headers or {}).items()]
    await send({"type": "http.response.start", "status": status, "headers": raw_headers})
    await send({"type": "http.response.body", "body": body})


async def send_json(send: Send, status: int, body: dict[str, Any], headers: dict[str, str] | None = None) -> None:
    await send_bytes(send, status, _encode(body), headers)


class FaultMiddleware:
    """Stand-in only, in front of everything: logs each API request and applies the fault switches."""

    def __init__(self, app: ASGIApp, state: StandinState) -> None:
        self.app = app
        self.state = state

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        state = self.state
        models.CLOCK_NOW.set(state.clock.now)
        if scope["path"].startswith(ADMIN_PREFIX):
            await self.app(scope, receive, send)
            return
        state.log_request(scope)
        faults = state.faults
        if faults.latency_ms:
            await asyncio.sleep(faults.latency_ms / 1000)  # the event loop serves other requests meanwhile
        if faults.malformed:
            await send_bytes(send, 200, MALFORMED_BODY, content_type="text/html")
            return
        if faults.always_5xx or faults.fail_next or (faults.fail_rate and state.fault_rng.random() < faults.fail_rate):
            faults.fail_next = max(0, faults.fail_next - 1)
            status = faults.status_5xx
            await send_json(send, status, {"detail": f"Stand-in fault: injected HTTP {status}"})
            return
        await self.app(scope, receive, send)


class RateLimitMiddleware:
    """The backend's RateLimitMiddleware: key check (401), per-second limit and daily quota (429)."""

    def __init__(self, app: ASGIApp, state: StandinState) -> None:
        self.app = app
        self.state = state

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "")
        if scope["type"] != "http" or path.startswith(ADMIN_PREFIX) or is_exempt(path):
            await self.app(scope, receive, send)
            return
        state = self.state
        store = state.store
        key = _header(scope, b"x-api-key")
        if not key:
            await send_json(send, 401, {"error": "Missing X-API-Key header"})
            return
        record = store.keys.get(key)
        # An expired key (a rotated key after its 7-day grace) fails the backend's APIKey model validation
        # when loaded ("expires_at must be in the future"), so the lookup returns nothing: "Invalid API key".
        if record is None or store.key_expired(record):
            await send_json(send, 401, {"error": "Invalid API key"})
            return
        if not record["active"]:
            await send_json(send, 401, {"error": "API key inactive"})
            return

        faults = state.faults
        now = state.clock.timestamp()
        second = int(now)
        headers: dict[str, str] = {}
        rate_limit = None if faults.unlimited_rate else (faults.rate_limit or record["rate_limit_per_second"])
        if faults.throttle_next:
            faults.throttle_next -= 1
            await self._rate_limited(send, rate_limit or record["rate_limit_per_second"], second)
            return
        if rate_limit is not None:
            window, count = store.rate_windows.get(key, (second, 0))
            count = count if window == second else 0
            if count >= rate_limit:
                await self._rate_limited(send, rate_limit, second)
                return
            count += 1
            store.rate_windows[key] = (second, count)
            headers.update(
                {
                    "X-RateLimit-Limit": str(rate_limit),
                    "X-RateLimit-Remaining": str(max(0, rate_limit - count)),
                    "X-RateLimit-Reset": str(second + 1),
                }
            )
        day = state.clock.now().strftime("%Y-%m-%d")
        usage = store.day_usage(key, day)
        quota = None if faults.unlimited_quota else (faults.daily_quota or record["daily_quota"])
        if quota is not None:
            if usage.used >= quota:
                reset = str(int(state.clock.next_utc_midnight().timestamp()))
                await send_json(
                    send,
                    429,
                    {"error": "Daily quota exceeded. Resets at midnight UTC", "quota_reset": int(reset)},
                    {"X-Quota-Limit": str(quota), "X-Quota-Remaining": "0", "X-Quota-Reset": reset},
                )
                return
            headers.update({"X-Quota-Limit": str(quota), "X-Quota-Remaining": str(max(0, quota - usage.used - 1))})
        usage.used += 1
        usage.endpoints[path] += 1
        scope.setdefault("state", {})["api_key"] = key
        extra = [(k.lower().encode(), v.encode()) for k, v in headers.items()]

        async def send_with_limits(message: Message) -> None:
            if message["type"] == "http.response.start":
                if message["status"] < 400:
                    usage.successful += 1
                else:
                    usage.failed += 1
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        await self.app(scope, receive, send_with_limits)

    async def _rate_limited(self, send: Send, limit: int, second: int) -> None:
        retry = self.state.faults.retry_after_seconds
        await send_json(
            send,
            429,
            {"error": f"Rate limit exceeded: {limit} req/sec", "retry_after": retry},
            {
                "X-RateLimit-Limit": str(limit),
                "X-RateLimit-Remaining": "0",
                "X-RateLimit-Reset": str(second + 1),
                "Retry-After": str(retry),
            },
        )


class BudgetMiddleware:
    """The backend's BudgetMiddleware: 402 when a request's estimated cost breaks a budget (contract §1.7).

    It runs on every non-exempt path containing ``/analyze`` or ``/submissions``. The estimate is the
    hackathon's submission count x $0.063 on ``/analyze`` paths (status and estimate included), $0 otherwise.
    """

    def __init__(self, app: ASGIApp, state: StandinState) -> None:
        self.app = app
        self.state = state

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "")
        if (
            scope["type"] != "http"
            or path.startswith(ADMIN_PREFIX)
            or is_exempt(path)
            or not ("/analyze" in path or "/submissions" in path)
        ):
            await self.app(scope, receive, send)
            return
        state = self.state
        faults = state.faults
        if faults.budget_check_trigger_only and not (scope["method"] == "POST" and path.endswith("/analyze")):
            await self.app(scope, receive, send)
            return
        key = scope.get("state", {}).get("api_key")
        if key is None:  # only if the rate limiter did not run first
            await send_json(send, 401, {"error": "Missing API key data"})
            return
        parts = path.split("/")
        hack_id = parts[parts.index("hackathons") + 1] if "hackathons" in parts[:-1] else None
        estimate = 0.0
        if "/analyze" in path:
            count = len(state.store.subs_by_hack.get(hack_id, [])) if hack_id else 1
            estimate = count * 0.063
        refusal = self._check(key, hack_id, estimate)
        if refusal is not None:
            await send_json(send, 402, refusal)
            return
        if not faults.budget_spend_tracking:
            await self.app(scope, receive, send)
            return

        status: list[int] = []

        async def watch(message: Message) -> None:
            if message["type"] == "http.response.start":
                status.append(message["status"])
            await send(message)

        await self.app(scope, receive, watch)
        if status and 200 <= status[0] < 300:
            state.store.spend[("api_key", key)] += estimate
            if hack_id:
                state.store.spend[("hackathon", hack_id)] += estimate

    def _check(self, key: str, hack_id: str | None, estimate: float) -> dict[str, Any] | None:
        state = self.state
        cap = state.faults.max_cost_per_request_usd
        if estimate > cap:
            return refusal_body(
                "submission",
                f"Per-submission cost limit exceeded. Estimated: ${estimate:.4f}, Limit: ${cap:.4f}",
                estimate,
                current=estimate,
                limit=cap,
            )
        if not state.faults.budget_spend_tracking:
            # The contract's model: with no spend tracked, only the per-request cap refuses (a hackathon's own
            # budget is enforced by the analyze route's 500 "exceeds budget limit").
            return None
        spend = state.store.spend
        record = state.store.keys[key]
        current = spend[("api_key", key)]
        if current + estimate > record["budget_limit_usd"]:
            return refusal_body(
                "api_key",
                f"API key budget limit exceeded. Current: ${current:.4f}, Limit: ${record['budget_limit_usd']:.4f}",
                estimate,
                current=current,
                limit=record["budget_limit_usd"],
            )
        hackathon = state.store.hackathons.get(hack_id) if hack_id else None
        if hackathon and hackathon["budget_limit_usd"]:
            current = spend[("hackathon", hack_id)]
            limit = hackathon["budget_limit_usd"]
            if current + estimate > limit:
                return refusal_body(
                    "hackathon",
                    f"Hackathon budget limit exceeded. Current: ${current:.4f}, Limit: ${limit:.4f}",
                    estimate,
                    current=current,
                    limit=limit,
                )
        return None


def refusal_body(level: str, message: str, estimate: float, *, current: float, limit: float) -> dict[str, Any]:
    """The 402 body of contract §1.7 (a zero ``current`` or ``limit`` is sent as null, as the backend does)."""
    return {
        "error": "Budget limit exceeded",
        "level": level,
        "message": message,
        "details": {
            "estimated_cost_usd": round(estimate, 4),
            "current_spend_usd": round(current, 4) if current else None,
            "budget_limit_usd": round(limit, 4) if limit else None,
            "remaining_budget_usd": round(limit - current, 4) if limit and current else None,
        },
    }


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", []):
        if key == name:
            return value.decode("latin-1")
    return None
