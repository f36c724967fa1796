"""The backend's routes (contract §2-§3), with its status codes, error texts and quirks.

Every handler is ``async`` and does not await: it runs on the server's event loop without interleaving
with another handler, so the store needs no lock. Each quirk is marked "Backend:" and names the switch
that turns it off.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request, Response
from fastapi.responses import JSONResponse
from fastapi.security import APIKeyHeader

from standin_api import models, seed
from standin_api.middleware import refusal_body
from standin_api.seed import iso
from standin_api.store import AGENT_MODELS, ANALYZE_COST_PER_SUBMISSION_USD, ESTIMATE_COST_BY_AGENT_USD, ROTATION_GRACE

if TYPE_CHECKING:
    from standin_api.app import StandinState

router = APIRouter(prefix="/api/v1")
health_router = APIRouter()
api_key_header = APIKeyHeader(name="X-API-Key", auto_error=False)


def get_state(request: Request) -> StandinState:
    return request.app.state.standin


State = Annotated[Any, Depends(get_state)]  # a StandinState (not importable here: app.py imports this module)


async def current_organizer(request: Request, api_key: Annotated[str | None, Depends(api_key_header)]) -> dict:
    """The backend's ``verify_api_key`` -> organizer lookup (after the rate limiter, so rarely reached)."""
    store = get_state(request).store
    if not api_key:
        raise HTTPException(401, "Missing API key. Provide X-API-Key header.")
    record = store.keys.get(api_key)
    if record is None or not record["active"] or store.key_expired(record):
        raise HTTPException(401, "Invalid API key")
    organizer = store.organizers.get(record["organizer_id"])
    if organizer is None:
        raise HTTPException(404, "Organizer not found")
    return organizer


Organizer = Annotated[dict, Depends(current_organizer)]


def _hackathon(state: StandinState, hack_id: str, org_id: str | None = None) -> dict[str, Any]:
    hackathon = state.store.hackathons.get(hack_id)
    if hackathon is None:
        raise HTTPException(404, "Hackathon not found")
    if org_id is not None and hackathon["org_id"] != org_id:
        raise HTTPException(403, "You do not have permission to access this hackathon")
    return hackathon


def _submission(state: StandinState, sub_id: str) -> dict[str, Any]:
    sub = state.store.submission(sub_id)
    if sub is None:
        raise HTTPException(404, "Submission not found")
    return sub


def _organizer_response(state: StandinState, org: dict[str, Any]) -> dict[str, Any]:
    return {**org, "hackathon_count": len(state.store.hackathons_of(org["org_id"]))}


# --- health -------------------------------------------------------------------------------------------
@health_router.get("/health")
async def health() -> dict[str, str]:
    return {"status": "healthy", "service": "vibejudge-standin"}


# --- E1-E3 organizers ------------------------------------------------------------------------------------
@router.post("/organizers", status_code=201, response_model=models.OrganizerCreateResponse)
async def register(body: models.OrganizerCreate, state: State) -> dict[str, Any]:
    store = state.store
    if store.organizer_by_email(body.email):
        raise HTTPException(400, f"Email {body.email} is already registered")  # Backend: 400, the docs say 409
    org = store.new_organizer(body.email, body.name, body.organization, state.faults.default_tier)
    key = store.issue_key(org["org_id"])
    return {**_organizer_response(state, org), "api_key": key["api_key"]}


@router.post("/organizers/login", response_model=models.OrganizerLoginResponse)
async def login(body: models.OrganizerLogin, state: State) -> dict[str, Any]:
    # Backend: no password is read or checked, and every active key of the organizer is revoked.
    store = state.store
    org = store.organizer_by_email(body.email)
    if org is None:
        raise HTTPException(404, "Organizer not found")
    for record in store.keys_of(org["org_id"]):
        if record["active"]:
            record["active"] = False
            record["updated_at"] = iso(store.now())
    return {"org_id": org["org_id"], "api_key": store.issue_key(org["org_id"])["api_key"]}


@router.get("/organizers/me", response_model=models.OrganizerResponse)
@router.get("/organizers/organizers/me", response_model=models.OrganizerResponse, include_in_schema=False)
async def me(org: Organizer, state: State) -> dict[str, Any]:
    return _organizer_response(state, org)


# --- E4-E9 hackathons --------------------------------------------------------------------------------------
@router.get("/hackathons", response_model=models.HackathonListResponse)
async def list_hackathons(
    org: Organizer,
    state: State,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
    cursor: str | None = None,
) -> dict[str, Any]:
    own = sorted(state.store.hackathons_of(org["org_id"]), key=lambda h: h["hack_id"])
    if state.faults.fresh_list:
        items = [{k: h[k] for k in ("hack_id", "name", "status", "submission_count", "created_at")} for h in own]
    else:
        # Backend: the list comes from a per-organizer index that only activation updates, so archiving and
        # new submissions do not show here (switch fresh_list).
        items = [state.store.index[h["hack_id"]] for h in own]
    return {"hackathons": items, "next_cursor": None, "has_more": False}


@router.post("/hackathons", status_code=201, response_model=models.HackathonResponse)
async def create_hackathon(body: models.HackathonCreate, org: Organizer, state: State) -> dict[str, Any]:
    data = body.model_dump(mode="json", exclude={"ai_policy_config"})
    data["start_date"] = body.start_date.isoformat() if body.start_date else None
    data["end_date"] = body.end_date.isoformat() if body.end_date else None
    return state.store.create_hackathon(org["org_id"], data)


@router.get("/hackathons/{hack_id}", response_model=models.HackathonResponse)
async def get_hackathon(hack_id: str, org: Organizer, state: State) -> dict[str, Any]:
    return _hackathon(state, hack_id, org["org_id"])


@router.delete("/hackathons/{hack_id}", status_code=204)
async def archive_hackathon(hack_id: str, org: Organizer, state: State) -> Response:
    hackathon = _hackathon(state, hack_id, org["org_id"])
    hackathon["status"] = "archived"  # Backend: a soft delete; the list index keeps the old status
    hackathon["updated_at"] = iso(state.store.now())
    return Response(status_code=204)


@router.post("/hackathons/{hack_id}/activate", response_model=models.HackathonResponse)
async def activate(hack_id: str, org: Organizer, state: State) -> dict[str, Any]:
    hackathon = _hackathon(state, hack_id, org["org_id"])
    if hackathon["status"] != "draft":
        raise HTTPException(
            400, f"Cannot activate hackathon in {hackathon['status']} status. Only DRAFT hackathons can be activated."
        )
    hackathon["status"] = "configured"
    hackathon["updated_at"] = iso(state.store.now())
    state.store.index[hack_id]["status"] = "configured"
    return hackathon


@router.get("/hackathons/{hack_id}/stats", response_model=models.HackathonStats)
async def stats(hack_id: str, _: Organizer, state: State) -> dict[str, Any]:
    hackathon = _hackathon(state, hack_id)
    subs = state.store.submissions_of(hack_id)
    verified = participants = 0
    if state.faults.real_counts:
        verified = sum(1 for s in subs if s["status"] == "completed")
        participants = len(
            {
                c["contributor_email"]
                for s in subs
                if s["team_dynamics"]
                for c in s["team_dynamics"]["individual_scorecards"]
            }
        )
    # Backend: verified_count counts the non-existent status "verified" and participant_count is never
    # filled, so both are always 0 (switch real_counts).
    return {
        "submission_count": len(subs),
        "verified_count": verified,
        "pending_count": sum(1 for s in subs if s["status"] == "pending"),
        "participant_count": participants,
        "hackathon_status": hackathon["status"],
    }


# --- E10-E12 submissions ---------------------------------------------------------------------------------
LIST_FIELDS = (
    "sub_id",
    "team_name",
    "repo_url",
    "status",
    "overall_score",
    "total_cost_usd",
    "created_at",
    "error_message",
    "disqualification_reason",
)


def _list_item(sub: dict[str, Any]) -> dict[str, Any]:
    return {**{k: sub[k] for k in LIST_FIELDS}, "rank": None}  # Backend: a rank is never stored


@router.get("/hackathons/{hack_id}/submissions", response_model=models.SubmissionListResponse)
async def list_submissions(
    hack_id: str,
    _: Organizer,
    state: State,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    cursor: str | None = None,
) -> dict[str, Any]:
    # Backend: an unknown hack_id is an empty list, not 404.
    return {"submissions": [_list_item(s) for s in state.store.submissions_of(hack_id)], "has_more": False}


def _add_submissions(state: StandinState, hackathon: dict[str, Any], body: models.SubmissionBatchCreate) -> dict:
    store = state.store
    existing = {s["repo_url"].lower() for s in store.subs_of(hackathon["hack_id"])}
    for item in body.submissions:
        if item.repo_url.lower() in existing:
            raise HTTPException(  # Backend: 500, the docs say 409
                500,
                "Failed to create submissions: Duplicate submission: Repository "
                f"'{item.repo_url}' has already been submitted to this hackathon",
            )
        existing.add(item.repo_url.lower())
    created = [_list_item(store.add_submission(hackathon, i.team_name, i.repo_url)) for i in body.submissions]
    # Backend: the list index's submission_count is not incremented (switch fresh_list).
    return {
        "created": len(created),
        "submissions": created,
        "hackathon_submission_count": hackathon["submission_count"],
    }


@router.post("/hackathons/{hack_id}/submissions", status_code=201, response_model=models.SubmissionBatchResponse)
async def add_submissions(
    hack_id: str, body: models.SubmissionBatchCreate, _: Organizer, state: State
) -> dict[str, Any]:
    return _add_submissions(state, _hackathon(state, hack_id), body)  # any status, no ownership check


@router.delete("/submissions/{sub_id}", status_code=204)
async def delete_submission(sub_id: str, org: Organizer, state: State) -> Response:
    sub = _submission(state, sub_id)
    hackathon = _hackathon(state, sub["hack_id"])
    if hackathon["org_id"] != org["org_id"]:
        raise HTTPException(403, "You do not have permission to delete this submission")
    state.store.delete_submission(sub)  # any status (the docs allow only pending)
    return Response(status_code=204)


# --- E13-E15 analysis ----------------------------------------------------------------------------------------
def _cost_range(expected: float) -> dict[str, float]:
    return {"low": round(expected * 0.8, 4), "expected": round(expected, 4), "high": round(expected * 1.2, 4)}


@router.post("/hackathons/{hack_id}/analyze/estimate")
async def estimate(hack_id: str, _: Organizer, state: State) -> dict[str, Any]:
    # Backend: no body is read, so a one-team estimate is the estimate for every pending submission.
    hackathon = _hackathon(state, hack_id)
    pending = [s for s in state.store.submissions_of(hack_id) if s["status"] == "pending"]
    if not pending:
        raise HTTPException(400, "No pending submissions to analyze")
    agents = hackathon["agents_enabled"]
    per = sum(ESTIMATE_COST_BY_AGENT_USD[a] for a in agents)
    total = per * len(pending)
    minutes = len(pending) * 0.5
    body: dict[str, Any] = {
        "hack_id": hack_id,
        "submission_count": len(pending),
        "agents_enabled": agents,
        "estimate": {
            "total_cost_usd": _cost_range(total),
            "per_submission_cost_usd": _cost_range(per),
            "cost_by_agent": {
                a: {"model": AGENT_MODELS[a], "estimated_usd": round(ESTIMATE_COST_BY_AGENT_USD[a] * len(pending), 4)}
                for a in agents
            },
            "estimated_duration_minutes": {
                "low": round(minutes * 0.7, 2),
                "expected": round(minutes, 2),
                "high": round(minutes * 1.5, 2),
            },
        },
    }
    limit = hackathon["budget_limit_usd"]
    if limit is not None:
        body["budget_check"] = {
            "budget_limit_usd": limit,
            "within_budget": total <= limit,
            "budget_utilization_pct": round(total / limit * 100, 1),
        }
    return body


@router.post("/hackathons/{hack_id}/analyze", status_code=202, response_model=models.AnalysisJobResponse)
async def analyze(hack_id: str, body: models.AnalysisTrigger, org: Organizer, state: State) -> Any:
    store, faults = state.store, state.faults
    hackathon = _hackathon(state, hack_id, org["org_id"])
    if store.active_job(hack_id) is not None:
        if faults.docs_status_codes:
            raise HTTPException(409, "Analysis already in progress for this hackathon")
        raise HTTPException(500, "Failed to trigger analysis: Analysis already in progress")  # Backend: 500
    if body.submission_ids is None:
        chosen = [s["sub_id"] for s in store.submissions_of(hack_id) if s["status"] == "pending"]
    else:
        chosen = list(body.submission_ids)  # Backend: explicit IDs are not status-checked
    cost = round(len(chosen) * ANALYZE_COST_PER_SUBMISSION_USD, 4)
    limit = hackathon["budget_limit_usd"]
    if limit is not None and cost > limit:
        if faults.docs_status_codes:
            message = f"Estimated cost ${cost:.2f} exceeds budget limit ${limit:.2f}"
            return JSONResponse(refusal_body("hackathon", message, cost, current=0.0, limit=limit), status_code=402)
        raise HTTPException(
            500, f"Failed to trigger analysis: Estimated cost ${cost:.2f} exceeds budget limit ${limit:.2f}"
        )
    # Backend: nothing pending is not an error; the job has total_submissions 0. The hackathon's status is
    # not changed by an analysis.
    job = store.start_job(hackathon, chosen, stuck=faults.stuck_jobs)
    return {
        "job_id": job["job_id"],
        "hack_id": hack_id,
        "status": "queued",
        "total_submissions": len(chosen),
        "completed_submissions": 0,
        "failed_submissions": 0,
        "estimated_cost_usd": cost,
        "estimated_duration_minutes": None,
        "started_at": None,
        "completed_at": None,
        "created_at": job["created_at"],
    }


@router.get("/hackathons/{hack_id}/analyze/status", response_model=models.AnalysisStatusResponse)
async def analyze_status(hack_id: str, _: Organizer, state: State) -> dict[str, Any]:
    jobs = state.store.jobs_of(hack_id)
    if not jobs:
        raise HTTPException(404, "No analysis jobs found for this hackathon")
    # Backend: meant to return the newest job, returns the first in sort-key order: the oldest
    # (switch newest_job_status).
    job = jobs[-1] if state.faults.newest_job_status else jobs[0]
    return {
        "job_id": job["job_id"],
        "hack_id": hack_id,
        "status": job["status"],
        "progress": state.store.job_progress(job),
        "current_submission": None,  # Backend: always null, as cost_so_far and errors ([])
        "cost_so_far": None,
        "errors": [],
        "started_at": job["started_at"],
        "estimated_completion": job["completed_at"],
    }


# --- E16-E19 results --------------------------------------------------------------------------------------
@router.get("/hackathons/{hack_id}/leaderboard")
async def leaderboard(hack_id: str, _: Organizer, state: State) -> dict[str, Any]:
    hackathon = _hackathon(state, hack_id)
    subs = state.store.submissions_of(hack_id)
    scored = sorted(
        (s for s in subs if s["overall_score"] is not None), key=lambda s: (-s["overall_score"], s["sub_id"])
    )
    if not scored:
        raise HTTPException(400, "No scored submissions available")
    real = state.faults.real_recommendations
    return {
        "hackathon": {
            "hack_id": hack_id,
            "name": hackathon["name"],
            "submission_count": len(subs),
            "analyzed_count": len(scored),
            "ai_policy_mode": hackathon["ai_policy_mode"],
        },
        "leaderboard": [
            {
                "rank": rank,
                "sub_id": s["sub_id"],
                "team_name": s["team_name"],
                "overall_score": s["overall_score"],
                # Backend: placeholders, {} and "solid_submission" for everyone (switch real_recommendations).
                "dimension_scores": {n: v["weighted"] for n, v in (s["weighted_scores"] or {}).items()} if real else {},
                "recommendation": s["recommendation"] if real else "solid_submission",
            }
            for rank, s in enumerate(scored, start=1)
        ],
        "statistics": seed.leaderboard_statistics([s["overall_score"] for s in scored]),
    }


SCORECARD_EXCLUDED = {"error_message"}


@router.get("/submissions/{sub_id}/scorecard")
async def scorecard(sub_id: str, _: Organizer, state: State) -> dict[str, Any]:
    sub = _submission(state, sub_id)
    return {**{k: v for k, v in sub.items() if k not in SCORECARD_EXCLUDED}, "rank": None}


@router.get("/submissions/{sub_id}/individual-scorecards")
async def individual_scorecards(sub_id: str, org: Organizer, state: State) -> dict[str, Any]:
    sub = _submission(state, sub_id)
    _hackathon(state, sub["hack_id"], org["org_id"])
    cards = (sub["team_dynamics"] or {}).get("individual_scorecards", [])
    return {
        "sub_id": sub_id,
        "hack_id": sub["hack_id"],
        "team_name": sub["team_name"],
        "scorecards": cards,
        "total_count": len(cards),
    }


@router.get("/submissions/{sub_id}/costs")
async def submission_costs(sub_id: str, org: Organizer, state: State) -> dict[str, Any]:
    sub = _submission(state, sub_id)
    _hackathon(state, sub["hack_id"], org["org_id"])
    total = sub["total_cost_usd"] or 0.0
    tokens = sub["total_tokens"] or 0
    agents = [a["agent_name"] for a in sub["agent_scores"]]
    weights = {a: ESTIMATE_COST_BY_AGENT_USD[a] for a in agents}
    share_sum = sum(weights.values()) or 1.0
    rows = []
    for agent in agents:
        share = weights[agent] / share_sum
        agent_tokens = int(tokens / max(len(agents), 1))
        rows.append(
            {
                "agent_name": agent,
                "model_id": AGENT_MODELS[agent],
                "input_tokens": int(agent_tokens * 0.85),
                "output_tokens": agent_tokens - int(agent_tokens * 0.85),
                "total_tokens": agent_tokens,
                "input_cost_usd": round(total * share * 0.6, 6),
                "output_cost_usd": round(total * share * 0.4, 6),
                "total_cost_usd": round(total * share, 6),
                "latency_ms": int((sub["analysis_duration_ms"] or 0) / max(len(agents), 1)),
            }
        )
    return {"sub_id": sub_id, "agents": rows}


@router.get("/hackathons/{hack_id}/intelligence")
async def intelligence(hack_id: str, org: Organizer, state: State) -> dict[str, Any]:
    hackathon = _hackathon(state, hack_id, org["org_id"])
    return seed.intelligence(hackathon, state.store.submissions_of(hack_id))


# --- E20-E22 API keys ------------------------------------------------------------------------------------------
def _key_response(record: dict[str, Any], *, secret: bool = False) -> dict[str, Any]:
    return record if secret else {k: v for k, v in record.items() if k != "api_key"}


def _own_key(state: StandinState, key_id: str, org: dict[str, Any], verb: str) -> dict[str, Any]:
    record = state.store.keys_by_id.get(key_id)
    if record is None or state.store.key_expired(record):  # Backend: an expired record no longer loads
        raise HTTPException(404, "API key not found")
    if record["organizer_id"] != org["org_id"]:
        raise HTTPException(403, f"You do not have permission to {verb} this API key")
    return record


@router.get("/api-keys", response_model=models.APIKeyListResponse)
async def list_api_keys(org: Organizer, state: State) -> dict[str, Any]:
    # Backend: revoked keys are listed (active false); expired ones fail the model and are left out.
    keys = [_key_response(k) for k in state.store.keys_of(org["org_id"]) if not state.store.key_expired(k)]
    return {"api_keys": keys, "total": len(keys)}


@router.post("/api-keys", status_code=201, response_model=models.APIKeyCreateResponse)
async def create_api_key(body: models.APIKeyCreate, org: Organizer, state: State) -> dict[str, Any]:
    # Backend: any caller may pick any tier and limits for the new key (a weakness, reproduced).
    record = state.store.issue_key(
        org["org_id"],
        tier=body.tier.value,
        hackathon_id=body.hackathon_id,
        expires_at=iso(_utc(body.expires_at)) if body.expires_at else None,
        rate_limit=body.rate_limit_per_second,
        daily_quota=body.daily_quota,
        budget_limit_usd=body.budget_limit_usd,
    )
    return _key_response(record, secret=True)


def _utc(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


@router.get("/api-keys/{key_id}", response_model=models.APIKeyResponse)
async def get_api_key(key_id: str, org: Organizer, state: State) -> dict[str, Any]:
    return _key_response(_own_key(state, key_id, org, "access"))


@router.post("/api-keys/{key_id}/rotate", response_model=models.APIKeyCreateResponse)
async def rotate_api_key(key_id: str, org: Organizer, state: State) -> dict[str, Any]:
    store = state.store
    old = _own_key(state, key_id, org, "rotate")
    new = store.issue_key(
        org["org_id"],
        tier=old["tier"],
        hackathon_id=old["hackathon_id"],
        expires_at=old["expires_at"],
        rate_limit=old["rate_limit_per_second"],
        daily_quota=old["daily_quota"],
        budget_limit_usd=old["budget_limit_usd"],
    )
    now = store.now()
    old.update(
        {"deprecated": True, "deprecated_at": iso(now), "expires_at": iso(now + ROTATION_GRACE), "updated_at": iso(now)}
    )
    return _key_response(new, secret=True)


@router.delete("/api-keys/{key_id}", status_code=204)
async def revoke_api_key(key_id: str, org: Organizer, state: State) -> Response:
    record = _own_key(state, key_id, org, "revoke")
    record.update({"active": False, "updated_at": iso(state.store.now())})
    return Response(status_code=204)


# --- E23-E24 usage ---------------------------------------------------------------------------------------------
def _parse_day(value: str | None, name: str) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.strptime(value, "%Y-%m-%d")
    except ValueError as exc:
        raise HTTPException(400, f"Invalid {name} format. Use YYYY-MM-DD: {exc}") from exc


def _date_range(start_date: str | None, end_date: str | None) -> tuple[datetime | None, datetime | None]:
    start, end = _parse_day(start_date, "start_date"), _parse_day(end_date, "end_date")
    if start and end and start > end:
        raise HTTPException(400, "start_date must be before end_date")
    return start, end


def _real_usage(state: StandinState, org: dict[str, Any], key: str, start: datetime | None, end: datetime | None):
    today = state.clock.now().replace(tzinfo=None)
    end = end or today
    start = start or end - timedelta(days=29)
    first, last = start.strftime("%Y-%m-%d"), end.strftime("%Y-%m-%d")
    own = {k["api_key"] for k in state.store.keys_of(org["org_id"])}
    days: dict[str, dict[str, Any]] = {}
    endpoints: Counter[str] = Counter()
    for (secret, day), usage in sorted(state.store.usage.items(), key=lambda item: item[0][1]):
        if secret in own and first <= day <= last:
            entry = days.setdefault(day, {"date": day, "requests": 0, "successful": 0, "failed": 0, "cost_usd": 0.0})
            entry["requests"] += usage.used
            entry["successful"] += usage.successful
            entry["failed"] += usage.failed
            endpoints.update(usage.endpoints)
    breakdown = list(days.values())
    return {
        "api_key_prefix": key[:8],
        "start_date": first,
        "end_date": last,
        "total_requests": sum(d["requests"] for d in breakdown),
        "successful_requests": sum(d["successful"] for d in breakdown),
        "failed_requests": sum(d["failed"] for d in breakdown),
        "total_cost_usd": 0.0,
        "endpoints_used": dict(endpoints),
        "daily_breakdown": breakdown,
        "error": None,
    }


NONE_STRFTIME = "'NoneType' object has no attribute 'strftime'"


@router.get("/usage/summary", response_model=models.UsageSummary)
async def usage_summary(
    request: Request, org: Organizer, state: State, start_date: str | None = None, end_date: str | None = None
) -> dict[str, Any]:
    start, end = _date_range(start_date, end_date)
    if state.faults.real_usage:
        return _real_usage(state, org, request.headers.get("x-api-key", ""), start, end)
    if start is None or end is None:
        raise HTTPException(500, f"Failed to get usage summary: {NONE_STRFTIME}")
    # Backend: the route passes the organizer id where the service expects an API key, so the query finds no
    # usage record and every total is 0 (switch real_usage).
    return {
        "api_key_prefix": org["org_id"][:8],
        "start_date": start.strftime("%Y-%m-%d"),
        "end_date": end.strftime("%Y-%m-%d"),
        "total_requests": 0,
        "successful_requests": 0,
        "failed_requests": 0,
        "total_cost_usd": 0.0,
        "endpoints_used": {},
        "daily_breakdown": [],
        "error": None,
    }


@router.get("/usage/export")
async def usage_export(
    request: Request, org: Organizer, state: State, start_date: str | None = None, end_date: str | None = None
) -> Response:
    start, end = _date_range(start_date, end_date)
    filename = f"usage_export_{org['org_id']}_{start_date or 'all'}_{end_date or 'all'}.csv"
    if state.faults.real_usage:
        content = _usage_csv(_real_usage(state, org, request.headers.get("x-api-key", ""), start, end))
    elif start is None or end is None:
        content = f"Error exporting CSV: {NONE_STRFTIME}"
    else:
        # Backend: the CSV writer indexes the summary model like a dict and fails; the error text is sent as
        # the CSV with 200 (switch real_usage).
        content = "Error exporting CSV: 'UsageSummary' object is not subscriptable"
    return Response(
        content,
        media_type="text/csv",
        headers={"Content-Disposition": f"attachment; filename={filename}"},
    )


def _usage_csv(summary: dict[str, Any]) -> str:
    output = io.StringIO()
    writer = csv.writer(output)
    writer.writerow(
        [
            "date",
            "total_requests",
            "successful_requests",
            "failed_requests",
            "total_cost_usd",
            "top_endpoint",
            "top_endpoint_count",
        ]
    )
    endpoints = summary["endpoints_used"]
    top = max(endpoints, key=endpoints.get) if endpoints else ""
    for day in summary["daily_breakdown"]:
        writer.writerow(
            [
                day["date"],
                day["requests"],
                day["successful"],
                day["failed"],
                f"{day['cost_usd']:.4f}",
                top,
                endpoints.get(top, 0),
            ]
        )
    writer.writerow([])
    writer.writerow(["SUMMARY"])
    writer.writerow(["Total Requests", summary["total_requests"]])
    writer.writerow(["Successful Requests", summary["successful_requests"]])
    writer.writerow(["Failed Requests", summary["failed_requests"]])
    writer.writerow(["Total Cost (USD)", f"{summary['total_cost_usd']:.4f}"])
    writer.writerow([])
    writer.writerow(["ENDPOINT BREAKDOWN"])
    writer.writerow(["Endpoint", "Request Count"])
    for endpoint, count in sorted(endpoints.items(), key=lambda item: item[1], reverse=True):
        writer.writerow([endpoint, count])
    return output.getvalue()


# --- public (participant) routes: no key ---------------------------------------------------------------------
@router.get("/public/hackathons", response_model=models.PublicHackathonList)
async def public_hackathons(state: State) -> dict[str, Any]:
    open_ = [h for h in state.store.hackathons.values() if h["status"] == "configured"]
    return {"hackathons": sorted(open_, key=lambda h: h["hack_id"])}


@router.post("/public/hackathons/{hack_id}/submissions", status_code=201, response_model=models.SubmissionBatchResponse)
async def public_submit(hack_id: str, body: models.SubmissionBatchCreate, state: State) -> dict[str, Any]:
    hackathon = _hackathon(state, hack_id)
    if hackathon["status"] != "configured":
        raise HTTPException(400, f"Hackathon is not accepting submissions (status: {hackathon['status']})")
    return _add_submissions(state, hackathon, body)
