"""The stand-in as a FastAPI application: state, middleware stack, exception handlers and admin endpoints."""

from __future__ import annotations

import random
from typing import Annotated, Any

from fastapi import APIRouter, Body, FastAPI, HTTPException, Request, Response
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import JSONResponse

from standin_api import models, routes, seed
from standin_api.clock import Clock
from standin_api.faults import Faults, iso_utc, parse_utc, validation_messages
from standin_api.middleware import BudgetMiddleware, FaultMiddleware, RateLimitMiddleware
from standin_api.store import Store

ROUTE_AUTH_MESSAGE = "Invalid or missing API key. Please provide a valid X-API-Key header."


class StandinState:
    """Everything one stand-in server holds: switches, clock, data and the fault generator."""

    def __init__(self, faults: Faults) -> None:
        self.faults = faults
        self.initial = faults.model_dump()
        self.clock = Clock(faults.clock_scale, parse_utc(faults.clock_start) if faults.clock_start else None)
        self.store = Store(self.clock, faults.seconds_per_submission)
        self.fault_rng = random.Random(seed.SEED)

    def log_request(self, scope: dict[str, Any]) -> None:
        self.store.request_log.append(f"{scope['method']} {scope['path']}")

    def apply(self, changes: dict[str, Any]) -> list[str]:
        errors = self.faults.update(changes)
        if errors:
            return errors
        self.store.seconds_per_submission = self.faults.seconds_per_submission
        if "clock_scale" in changes:
            self.clock.rebase(scale=self.faults.clock_scale)
        if changes.get("clock_start"):
            self.clock.rebase(start=parse_utc(self.faults.clock_start))
        return []

    def reset(self) -> None:
        """Re-seed, zero every counter, and put the switches and the clock back to how the server started."""
        self.faults.update(self.initial)
        start = self.faults.clock_start
        self.clock.rebase(scale=self.faults.clock_scale, start=parse_utc(start) if start else Clock().now())
        self.store.seconds_per_submission = self.faults.seconds_per_submission
        self.store.reset()
        self.fault_rng = random.Random(seed.SEED)

    def quota_report(self) -> dict[str, Any]:
        faults, store, clock = self.faults, self.store, self.clock
        day = clock.now().strftime("%Y-%m-%d")
        report = {}
        for record in store.keys_by_id.values():
            key = record["api_key"]
            usage = store.usage.get((key, day))
            used = usage.used if usage else 0
            quota = None if faults.unlimited_quota else (faults.daily_quota or record["daily_quota"])
            report[key[:16]] = {
                "api_key_id": record["api_key_id"],
                "organizer_email": store.organizers[record["organizer_id"]]["email"],
                "tier": record["tier"],
                "active": record["active"],
                "daily_quota": quota,
                "used_today": used,
                "remaining_today": None if quota is None else max(0, quota - used),
                "rate_limit_per_second": None
                if faults.unlimited_rate
                else (faults.rate_limit or record["rate_limit_per_second"]),
                "quota_day": day,
                "quota_reset": int(clock.next_utc_midnight().timestamp()),
                "budget_limit_usd": record["budget_limit_usd"],
                "spend_usd": round(store.spend[("api_key", key)], 4),
            }
        return report


def build_app(state: StandinState) -> FastAPI:
    app = FastAPI(title="VibeJudge AI API (local stand-in)", version="1.0.0")
    app.state.standin = state
    app.include_router(routes.health_router)
    app.include_router(routes.router)
    app.include_router(_admin_router())

    @app.exception_handler(401)
    async def route_auth_failed(request: Request, exc: HTTPException) -> JSONResponse:
        # The backend's custom 401 handler: a fixed body whatever the route said.
        return JSONResponse(
            {"error": "Unauthorized", "message": ROUTE_AUTH_MESSAGE},
            status_code=401,
            headers={"WWW-Authenticate": "ApiKey"},
        )

    # Last added runs first: Fault -> RateLimit -> Budget -> CORS -> routes (the backend's order).
    app.add_middleware(
        CORSMiddleware, allow_origins=["*"], allow_credentials=True, allow_methods=["*"], allow_headers=["*"]
    )
    app.add_middleware(BudgetMiddleware, state=state)
    app.add_middleware(RateLimitMiddleware, state=state)
    app.add_middleware(FaultMiddleware, state=state)
    return app


def _admin_router() -> APIRouter:
    admin = APIRouter(prefix="/__admin", include_in_schema=False)

    @admin.get("/faults")
    async def get_faults(request: Request) -> dict[str, Any]:
        return request.app.state.standin.faults.model_dump()

    @admin.post("/faults")
    async def set_faults(request: Request, changes: Annotated[Any, Body()] = None) -> Any:
        state: StandinState = request.app.state.standin
        changes = {} if changes is None else changes
        errors = validation_messages(changes) or state.apply(changes)
        if errors:
            return JSONResponse({"detail": "; ".join(errors), "errors": errors}, status_code=400)
        return state.faults.model_dump()

    @admin.post("/reset")
    async def reset(request: Request) -> dict[str, Any]:
        request.app.state.standin.reset()
        return {"reset": True}

    @admin.post("/advance")
    async def advance(request: Request, body: models.AdvanceRequest) -> dict[str, Any]:
        state: StandinState = request.app.state.standin
        state.clock.advance(body.seconds)
        state.store.advance_jobs()
        return {"now": iso_utc(state.clock.now())}

    @admin.get("/clock")
    async def clock(request: Request) -> dict[str, Any]:
        state: StandinState = request.app.state.standin
        return {
            "now": iso_utc(state.clock.now()),
            "scale": state.clock.scale,
            "quota_day": state.clock.now().strftime("%Y-%m-%d"),
            "quota_reset": int(state.clock.next_utc_midnight().timestamp()),
        }

    @admin.get("/requests")
    async def requests(request: Request) -> dict[str, Any]:
        return {"requests": list(request.app.state.standin.store.request_log)}

    @admin.delete("/requests", status_code=204)
    async def clear_requests(request: Request) -> Response:
        request.app.state.standin.store.request_log.clear()
        return Response(status_code=204)

    @admin.get("/quota")
    async def quota(request: Request) -> dict[str, Any]:
        return request.app.state.standin.quota_report()

    @admin.post("/tier")
    async def tier(request: Request, body: models.TierRequest) -> Any:
        state: StandinState = request.app.state.standin
        record = state.store.keys.get(body.api_key)
        if record is None:
            return JSONResponse({"detail": "api_key: no such key"}, status_code=404)
        state.store.set_tier(record, body.tier.value)
        return {k: v for k, v in record.items() if k != "api_key"}

    return admin
