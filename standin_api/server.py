"""HTTP layer of the stand-in API: routing, auth, the contract's error shapes and fault injection."""

from __future__ import annotations

import json
import random
import re
import sys
import threading
import time
from collections import Counter
from dataclasses import asdict, dataclass, fields
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import urlsplit

from standin_api import seed
from standin_api.seed import iso
from standin_api.store import (
    AGENT_MODELS,
    ANALYZE_COST_PER_SUBMISSION_USD,
    DEMO_API_KEY,
    DEMO_EMAIL,
    EMPTY_API_KEY,
    ESTIMATE_COST_BY_AGENT_USD,
    Store,
)

__all__ = ["DEMO_API_KEY", "DEMO_EMAIL", "EMPTY_API_KEY", "Faults", "StandinServer"]

PREFIX = "/api/v1"
EXEMPT_PATHS = {"/health", f"{PREFIX}/organizers", f"{PREFIX}/organizers/login"}
AI_POLICIES = ("full_vibe", "ai_assisted", "traditional", "custom")
EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$")
TEAM_RE = re.compile(r"^[a-zA-Z0-9 _-]+$")
REPO_RE = re.compile(r"^https://github\.com/[\w\-\.]+/[\w\-\.]+/?$")
MAX_BODY_BYTES = 1_000_000


@dataclass
class Faults:
    """Fault switches; every one can be changed at run time with ``POST /__admin/faults``."""

    latency_ms: int = 0
    """Delay before every API response."""
    fail_rate: float = 0.0
    """Share (0..1) of API requests answered with ``status_5xx`` (seeded, so the sequence repeats)."""
    status_5xx: int = 503
    """Status used by ``fail_rate``, ``fail_next`` and ``always_5xx``."""
    always_5xx: bool = False
    """Answer every API request with ``status_5xx``."""
    fail_next: int = 0
    """Answer the next N API requests with ``status_5xx``."""
    rate_limit: float = 0.0
    """Requests per second per key; 0 means unlimited. Over it: 429 with ``Retry-After``."""
    throttle_next: int = 0
    """Answer the next N API requests with 429."""
    retry_after_seconds: int = 1
    """``Retry-After`` sent with 429 answers."""
    daily_quota: int = 0
    """Requests per key per day; 0 means unlimited. Over it: the contract's quota 429."""
    down: bool = False
    """Close every API connection without answering (the admin endpoints keep working)."""
    malformed: bool = False
    """Answer API requests with 200 and a body that is not JSON."""
    real_analyze_errors: bool = False
    """Answer a second analysis with the real server's 500 "already in progress" instead of 409."""
    seconds_per_submission: float = 6.0
    """Analysis speed: one submission finishes every N seconds."""
    max_cost_per_request_usd: float = 1.00
    """The budget middleware's per-request cap on POST .../analyze (submissions x $0.063)."""

    def update(self, changes: dict[str, Any]) -> list[str]:
        """Apply ``changes``; returns one message per invalid field (nothing is applied then)."""
        known = {f.name: f for f in fields(self)}
        errors = []
        cleaned: dict[str, Any] = {}
        for name, value in changes.items():
            if name not in known:
                errors.append(f"{name}: unknown fault switch; allowed: {', '.join(sorted(known))}")
                continue
            kind = type(getattr(self, name))
            if kind is bool:
                if not isinstance(value, bool):
                    errors.append(f"{name}: {value!r} is not a boolean")
                    continue
            elif not isinstance(value, int | float) or isinstance(value, bool) or value < 0:
                errors.append(f"{name}: {value!r} is not a number >= 0")
                continue
            cleaned[name] = kind(value)
        if "fail_rate" in cleaned and cleaned["fail_rate"] > 1:
            errors.append(f"fail_rate: {cleaned['fail_rate']} is not between 0 and 1")
        if "status_5xx" in cleaned and not 500 <= cleaned["status_5xx"] <= 599:
            errors.append(f"status_5xx: {cleaned['status_5xx']} is not a 5xx status")
        if not errors:
            for name, value in cleaned.items():
                setattr(self, name, value)
        return errors


class ApiError(Exception):
    def __init__(self, status: int, body: dict[str, Any], headers: dict[str, str] | None = None) -> None:
        super().__init__(status)
        self.status = status
        self.body = body
        self.headers = headers or {}


def detail(status: int, message: str) -> ApiError:
    return ApiError(status, {"detail": message})


def invalid(*problems: tuple[list[Any], str, str, Any]) -> ApiError:
    """A FastAPI-style 422: ``detail`` is a list of ``{type, loc, msg, input}``."""
    return ApiError(
        422, {"detail": [{"type": kind, "loc": loc, "msg": msg, "input": value} for loc, msg, kind, value in problems]}
    )


def _parse_dt(value: Any) -> datetime | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise ValueError
    return datetime.fromisoformat(value.replace("Z", "+00:00")).replace(tzinfo=None)


def _string(body: dict[str, Any], name: str, low: int, high: int, *, required: bool) -> list[tuple]:
    loc = ["body", name]
    if name not in body or body[name] is None:
        return [(loc, "Field required", "missing", None)] if required else []
    value = body[name]
    if not isinstance(value, str):
        return [(loc, "Input should be a valid string", "string_type", value)]
    if len(value) < low:
        return [
            (loc, f"String should have at least {low} character{'s' if low > 1 else ''}", "string_too_short", value)
        ]
    if len(value) > high:
        return [(loc, f"String should have at most {high} characters", "string_too_long", value)]
    return []


def validate_hackathon(body: dict[str, Any]) -> None:
    problems: list[tuple] = []
    problems += _string(body, "name", 1, 200, required=True)
    problems += _string(body, "description", 0, 2000, required=False)
    dates: dict[str, datetime | None] = {}
    for name in ("start_date", "end_date"):
        try:
            dates[name] = _parse_dt(body.get(name))
        except ValueError:
            problems.append((["body", name], "Input should be a valid datetime", "datetime_parsing", body.get(name)))
    if dates.get("start_date") and dates.get("end_date") and dates["end_date"] <= dates["start_date"]:
        problems.append(
            (
                ["body", "end_date"],
                "Value error, end_date must be after start_date",
                "value_error",
                body.get("end_date"),
            )
        )
    agents = body.get("agents_enabled")
    if agents is None:
        problems.append((["body", "agents_enabled"], "Field required", "missing", None))
        agents = []
    elif not isinstance(agents, list) or not 1 <= len(agents) <= 4:
        problems.append((["body", "agents_enabled"], "List should have between 1 and 4 items", "too_short", agents))
        agents = []
    else:
        for index, agent in enumerate(agents):
            if agent not in seed.AGENTS:
                problems.append(
                    (
                        ["body", "agents_enabled", index],
                        "Input should be 'bug_hunter', 'performance', 'innovation' or 'ai_detection'",
                        "enum",
                        agent,
                    )
                )
    rubric = body.get("rubric")
    if not isinstance(rubric, dict):
        problems.append((["body", "rubric"], "Field required", "missing", rubric))
    else:
        dims = rubric.get("dimensions")
        if not isinstance(dims, list) or not 1 <= len(dims) <= 10:
            problems.append(
                (["body", "rubric", "dimensions"], "List should have between 1 and 10 items", "too_short", dims)
            )
        else:
            total = 0.0
            for index, dim in enumerate(dims):
                weight = dim.get("weight") if isinstance(dim, dict) else None
                if not isinstance(weight, int | float) or not 0 <= weight <= 1:
                    problems.append(
                        (
                            ["body", "rubric", "dimensions", index, "weight"],
                            "Input should be between 0 and 1",
                            "less_than_equal",
                            weight,
                        )
                    )
                    continue
                total += weight
                if agents and dim.get("agent") not in agents:
                    problems.append(
                        (
                            ["body"],
                            f"Value error, Rubric dimension '{dim.get('name')}' uses agent '{dim.get('agent')}' "
                            "which is not in agents_enabled",
                            "value_error",
                            dim.get("agent"),
                        )
                    )
            if abs(total - 1.0) > 0.001:
                problems.append(
                    (
                        ["body", "rubric"],
                        f"Value error, Dimension weights must sum to 1.0, got {total:.3f}",
                        "value_error",
                        total,
                    )
                )
    policy = body.get("ai_policy_mode", "ai_assisted")
    if policy not in AI_POLICIES:
        problems.append(
            (
                ["body", "ai_policy_mode"],
                "Input should be 'full_vibe', 'ai_assisted', 'traditional' or 'custom'",
                "enum",
                policy,
            )
        )
    budget = body.get("budget_limit_usd")
    if budget is not None:
        if not isinstance(budget, int | float) or isinstance(budget, bool):
            problems.append((["body", "budget_limit_usd"], "Input should be a valid number", "float_type", budget))
        elif budget < 0.01:
            problems.append(
                (
                    ["body", "budget_limit_usd"],
                    "Input should be greater than or equal to 0.01",
                    "greater_than_equal",
                    budget,
                )
            )
        elif budget > 10000:
            problems.append(
                (["body", "budget_limit_usd"], "Input should be less than or equal to 10000", "less_than_equal", budget)
            )
    if problems:
        raise invalid(*problems)


class Api:
    """The routes. Each returns ``(status, body)`` or raises ``ApiError``."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.routes: list[tuple[str, re.Pattern[str], Any, bool]] = []
        for method, pattern, handler, needs_key in (
            ("GET", r"/health", self.health, False),
            ("POST", r"/api/v1/organizers", self.register, False),
            ("POST", r"/api/v1/organizers/login", self.login, False),
            ("GET", r"/api/v1/organizers/me", self.me, True),
            ("GET", r"/api/v1/hackathons", self.list_hackathons, True),
            ("POST", r"/api/v1/hackathons", self.create_hackathon, True),
            ("GET", r"/api/v1/hackathons/(?P<hack_id>[^/]+)", self.get_hackathon, True),
            ("DELETE", r"/api/v1/hackathons/(?P<hack_id>[^/]+)", self.delete_hackathon, True),
            ("POST", r"/api/v1/hackathons/(?P<hack_id>[^/]+)/activate", self.activate, True),
            ("GET", r"/api/v1/hackathons/(?P<hack_id>[^/]+)/stats", self.stats, True),
            ("GET", r"/api/v1/hackathons/(?P<hack_id>[^/]+)/submissions", self.list_submissions, True),
            ("POST", r"/api/v1/hackathons/(?P<hack_id>[^/]+)/submissions", self.add_submissions, True),
            ("POST", r"/api/v1/hackathons/(?P<hack_id>[^/]+)/analyze/estimate", self.estimate, True),
            ("POST", r"/api/v1/hackathons/(?P<hack_id>[^/]+)/analyze", self.analyze, True),
            ("GET", r"/api/v1/hackathons/(?P<hack_id>[^/]+)/analyze/status", self.analyze_status, True),
            ("GET", r"/api/v1/hackathons/(?P<hack_id>[^/]+)/leaderboard", self.leaderboard, True),
            ("GET", r"/api/v1/hackathons/(?P<hack_id>[^/]+)/intelligence", self.intelligence, True),
            ("DELETE", r"/api/v1/submissions/(?P<sub_id>[^/]+)", self.delete_submission, True),
            ("GET", r"/api/v1/submissions/(?P<sub_id>[^/]+)/scorecard", self.scorecard, True),
            ("GET", r"/api/v1/submissions/(?P<sub_id>[^/]+)/individual-scorecards", self.individual_scorecards, True),
        ):
            self.routes.append((method, re.compile(pattern + "$"), handler, needs_key))

    # --- auth and lookups --------------------------------------------------------------------------
    def authenticate(self, key: str | None) -> str:
        if not key:
            raise ApiError(401, {"error": "Missing X-API-Key header"})
        record = self.store.keys.get(key)
        if record is None:
            raise ApiError(401, {"error": "Invalid API key"})
        if not record["active"]:
            raise ApiError(401, {"error": "API key inactive"})
        return record["org_id"]

    def _hackathon(self, hack_id: str, org_id: str | None = None) -> dict[str, Any]:
        hackathon = self.store.hackathons.get(hack_id)
        if hackathon is None:
            raise detail(404, "Hackathon not found")
        if org_id is not None and hackathon["org_id"] != org_id:
            raise detail(403, "You do not have permission to access this hackathon")
        return hackathon

    def _submission(self, sub_id: str) -> dict[str, Any]:
        self.store.advance_jobs()
        sub = self.store.submissions.get(sub_id)
        if sub is None:
            raise detail(404, "Submission not found")
        return sub

    # --- routes ------------------------------------------------------------------------------------
    def health(self, **_: Any) -> tuple[int, Any]:
        return 200, {"status": "healthy", "service": "vibejudge-standin"}

    def register(self, body: dict[str, Any], **_: Any) -> tuple[int, Any]:
        problems = _string(body, "name", 1, 100, required=True) + _string(body, "organization", 0, 200, required=False)
        email = body.get("email")
        if not isinstance(email, str) or not EMAIL_RE.match(email):
            problems.insert(
                0,
                (
                    ["body", "email"],
                    "value is not a valid email address: An email address must have an @-sign."
                    if email
                    else "Field required",
                    "value_error" if email else "missing",
                    email,
                ),
            )
        if problems:
            raise invalid(*problems)
        if any(o["email"].lower() == email.lower() for o in self.store.organizers.values()):
            raise detail(400, f"Email {email} is already registered")
        now = self.store.now()
        org = {
            "org_id": self.store.ids.ulid(now),
            "email": email,
            "name": body["name"],
            "organization": body.get("organization"),
            "tier": "free",
            "created_at": iso(now),
            "updated_at": iso(now),
        }
        self.store.organizers[org["org_id"]] = org
        return 201, {**org, "hackathon_count": 0, "api_key": self.store.new_key(org["org_id"])}

    def login(self, body: dict[str, Any], **_: Any) -> tuple[int, Any]:
        email = body.get("email")
        if not isinstance(email, str) or not EMAIL_RE.match(email):
            raise invalid((["body", "email"], "value is not a valid email address", "value_error", email))
        org = next((o for o in self.store.organizers.values() if o["email"].lower() == email.lower()), None)
        if org is None:
            raise detail(404, "Organizer not found")
        for record in self.store.keys.values():
            if record["org_id"] == org["org_id"]:
                record["active"] = False
        return 200, {"org_id": org["org_id"], "api_key": self.store.new_key(org["org_id"])}

    def me(self, org_id: str, **_: Any) -> tuple[int, Any]:
        org = self.store.organizers[org_id]
        count = sum(1 for h in self.store.hackathons.values() if h["org_id"] == org_id)
        return 200, {**org, "hackathon_count": count}

    def list_hackathons(self, org_id: str, query: dict[str, str], **_: Any) -> tuple[int, Any]:
        self._check_limit(query, 1, 100)
        self.store.advance_jobs()
        own = sorted((h for h in self.store.hackathons.values() if h["org_id"] == org_id), key=lambda h: h["hack_id"])
        items = [{k: h[k] for k in ("hack_id", "name", "status", "submission_count", "created_at")} for h in own]
        return 200, {"hackathons": items, "next_cursor": None, "has_more": False}

    @staticmethod
    def _check_limit(query: dict[str, str], low: int, high: int) -> None:
        if "limit" not in query:
            return
        raw = query["limit"]
        if not raw.lstrip("-").isdigit():
            raise invalid(
                (
                    ["query", "limit"],
                    "Input should be a valid integer, unable to parse string as an integer",
                    "int_parsing",
                    raw,
                )
            )
        if not low <= int(raw) <= high:
            raise invalid((["query", "limit"], f"Input should be between {low} and {high}", "less_than_equal", raw))

    def create_hackathon(self, org_id: str, body: dict[str, Any], **_: Any) -> tuple[int, Any]:
        validate_hackathon(body)
        return 201, self.store.create_hackathon(org_id, body)

    def get_hackathon(self, org_id: str, hack_id: str, **_: Any) -> tuple[int, Any]:
        self.store.advance_jobs()
        return 200, self._hackathon(hack_id, org_id)

    def delete_hackathon(self, org_id: str, hack_id: str, **_: Any) -> tuple[int, Any]:
        hackathon = self._hackathon(hack_id, org_id)
        hackathon["status"] = "archived"
        hackathon["updated_at"] = iso(self.store.now())
        return 204, None

    def activate(self, org_id: str, hack_id: str, **_: Any) -> tuple[int, Any]:
        hackathon = self._hackathon(hack_id, org_id)
        if hackathon["status"] != "draft":
            raise detail(
                400,
                f"Cannot activate hackathon in {hackathon['status']} status. Only DRAFT hackathons can be activated.",
            )
        hackathon["status"] = "configured"
        hackathon["updated_at"] = iso(self.store.now())
        return 200, hackathon

    def stats(self, hack_id: str, **_: Any) -> tuple[int, Any]:
        hackathon = self._hackathon(hack_id)
        subs = self.store.submissions_of(hack_id)
        participants = {
            card["contributor_email"]
            for s in subs
            if s["team_dynamics"]
            for card in s["team_dynamics"]["individual_scorecards"]
        }
        return 200, {
            "submission_count": len(subs),
            "verified_count": sum(1 for s in subs if s["status"] == "completed"),
            "pending_count": sum(1 for s in subs if s["status"] == "pending"),
            "participant_count": len(participants),
            "hackathon_status": hackathon["status"],
        }

    @staticmethod
    def _list_item(sub: dict[str, Any]) -> dict[str, Any]:
        keys = (
            "sub_id",
            "team_name",
            "repo_url",
            "status",
            "overall_score",
            "rank",
            "total_cost_usd",
            "created_at",
            "error_message",
            "disqualification_reason",
        )
        return {k: sub[k] for k in keys}

    def list_submissions(self, hack_id: str, query: dict[str, str], **_: Any) -> tuple[int, Any]:
        self._check_limit(query, 1, 500)
        items = [self._list_item(s) for s in self.store.submissions_of(hack_id)]
        return 200, {"submissions": items, "next_cursor": None, "has_more": False}

    def add_submissions(self, hack_id: str, body: dict[str, Any], **_: Any) -> tuple[int, Any]:
        hackathon = self._hackathon(hack_id)
        items = body.get("submissions")
        if not isinstance(items, list) or not 1 <= len(items) <= 500:
            raise invalid((["body", "submissions"], "List should have between 1 and 500 items", "too_short", items))
        problems = []
        for index, item in enumerate(items):
            item = item if isinstance(item, dict) else {}
            team = item.get("team_name")
            if not isinstance(team, str) or not 1 <= len(team) <= 50 or not TEAM_RE.match(team):
                problems.append(
                    (
                        ["body", "submissions", index, "team_name"],
                        "String should match pattern '^[a-zA-Z0-9 _-]+$'",
                        "string_pattern_mismatch",
                        team,
                    )
                )
            repo = item.get("repo_url")
            if not isinstance(repo, str) or not REPO_RE.match(repo):
                problems.append(
                    (
                        ["body", "submissions", index, "repo_url"],
                        "String should match pattern '^https://github\\.com/[\\w\\-\\.]+/[\\w\\-\\.]+/?$'",
                        "string_pattern_mismatch",
                        repo,
                    )
                )
        if problems:
            raise invalid(*problems)
        existing = {s["repo_url"].lower() for s in self.store.submissions_of(hack_id)}
        for item in items:
            if item["repo_url"].lower() in existing:
                raise detail(
                    500,
                    "Failed to create submissions: Duplicate submission: Repository "
                    f"'{item['repo_url']}' has already been submitted to this hackathon",
                )
            existing.add(item["repo_url"].lower())
        created = [self._list_item(self.store.add_submission(hackathon, i["team_name"], i["repo_url"])) for i in items]
        return 201, {
            "created": len(created),
            "submissions": created,
            "hackathon_submission_count": hackathon["submission_count"],
        }

    def delete_submission(self, org_id: str, sub_id: str, **_: Any) -> tuple[int, Any]:
        sub = self._submission(sub_id)
        hackathon = self._hackathon(sub["hack_id"])
        if hackathon["org_id"] != org_id:
            raise detail(403, "You do not have permission to delete this submission")
        del self.store.submissions[sub_id]
        hackathon["submission_count"] -= 1
        return 204, None

    def estimate(self, hack_id: str, **_: Any) -> tuple[int, Any]:
        hackathon = self._hackathon(hack_id)
        pending = [s for s in self.store.submissions_of(hack_id) if s["status"] == "pending"]
        if not pending:
            raise detail(400, "No pending submissions to analyze")
        agents = hackathon["agents_enabled"]
        per = sum(ESTIMATE_COST_BY_AGENT_USD[a] for a in agents)
        total = per * len(pending)
        minutes = len(pending) * 0.5

        def cost_range(expected: float) -> dict[str, float]:
            return {"low": round(expected * 0.8, 4), "expected": round(expected, 4), "high": round(expected * 1.2, 4)}

        body: dict[str, Any] = {
            "hack_id": hack_id,
            "submission_count": len(pending),
            "agents_enabled": agents,
            "estimate": {
                "total_cost_usd": cost_range(total),
                "per_submission_cost_usd": cost_range(per),
                "cost_by_agent": {
                    a: {
                        "model": AGENT_MODELS[a],
                        "estimated_usd": round(ESTIMATE_COST_BY_AGENT_USD[a] * len(pending), 4),
                    }
                    for a in agents
                },
                "estimated_duration_minutes": {
                    "low": round(minutes * 0.7, 2),
                    "expected": round(minutes, 2),
                    "high": round(minutes * 1.5, 2),
                },
            },
        }
        if hackathon["budget_limit_usd"] is not None:
            limit = hackathon["budget_limit_usd"]
            body["budget_check"] = {
                "budget_limit_usd": limit,
                "within_budget": total <= limit,
                "budget_utilization_pct": round(total / limit * 100, 1),
            }
        return 200, body

    def analyze(self, org_id: str, hack_id: str, body: dict[str, Any], faults: Faults, **_: Any) -> tuple[int, Any]:
        hackathon = self._hackathon(hack_id, org_id)
        ids = body.get("submission_ids")
        if ids is not None and (not isinstance(ids, list) or not all(isinstance(i, str) for i in ids)):
            raise invalid((["body", "submission_ids"], "Input should be a valid list", "list_type", ids))
        subs = self.store.submissions_of(hack_id)
        chosen = (
            [s for s in subs if s["status"] == "pending"] if ids is None else [s for s in subs if s["sub_id"] in ids]
        )
        # The real BudgetMiddleware: estimate = all submissions x $0.063, capped per request.
        estimate = len(subs) * 0.063
        cap = faults.max_cost_per_request_usd
        if estimate > cap:
            raise ApiError(
                402,
                {
                    "error": "Budget limit exceeded",
                    "level": "submission",
                    "message": f"Estimated cost ${estimate:.2f} exceeds the per-request limit of ${cap:.2f}",
                    "details": {
                        "estimated_cost_usd": round(estimate, 4),
                        "current_spend_usd": None,
                        "budget_limit_usd": cap,
                        "remaining_budget_usd": None,
                    },
                },
            )
        cost = round(len(chosen) * ANALYZE_COST_PER_SUBMISSION_USD, 4)
        limit = hackathon["budget_limit_usd"]
        if limit is not None:
            spent = self.store.spend_of(hack_id)
            if spent + cost > limit:
                raise ApiError(
                    402,
                    {
                        "error": "Budget limit exceeded",
                        "level": "hackathon",
                        "message": f"Estimated cost ${cost:.2f} plus ${spent:.2f} already spent exceeds the hackathon budget of ${limit:.2f}",
                        "details": {
                            "estimated_cost_usd": cost,
                            "current_spend_usd": spent,
                            "budget_limit_usd": limit,
                            "remaining_budget_usd": round(max(limit - spent, 0.0), 4),
                        },
                    },
                )
        if self.store.active_job(hack_id) is not None:
            if faults.real_analyze_errors:
                raise detail(500, "Failed to trigger analysis: Analysis already in progress")
            raise detail(409, "Analysis already in progress for this hackathon")
        job = self.store.start_job(hackathon, chosen)
        return 202, {
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

    def analyze_status(self, hack_id: str, **_: Any) -> tuple[int, Any]:
        self._hackathon(hack_id)
        job = self.store.latest_job(hack_id)
        if job is None:
            raise detail(404, "No analysis jobs found for this hackathon")
        current = None
        if job["status"] == "running" and job["processed"] < len(job["sub_ids"]):
            sub = self.store.submissions.get(job["sub_ids"][job["processed"]])
            if sub is not None:
                current = {
                    "sub_id": sub["sub_id"],
                    "team_name": sub["team_name"],
                    "status": sub["status"],
                    "current_agent": None,
                }
        return 200, {
            "job_id": job["job_id"],
            "hack_id": hack_id,
            "status": job["status"],
            "progress": self.store.job_progress(job),
            "current_submission": current,
            "cost_so_far": None,
            "errors": self.store.job_errors(job),
            "started_at": job["started_at"],
            "estimated_completion": job["completed_at"],
        }

    def leaderboard(self, hack_id: str, **_: Any) -> tuple[int, Any]:
        hackathon = self._hackathon(hack_id)
        subs = self.store.submissions_of(hack_id)
        scored = sorted((s for s in subs if s["overall_score"] is not None), key=lambda s: s["rank"])
        if not scored:
            raise detail(400, "No scored submissions available")
        return 200, {
            "hackathon": {
                "hack_id": hack_id,
                "name": hackathon["name"],
                "submission_count": len(subs),
                "analyzed_count": len(scored),
                "ai_policy_mode": hackathon["ai_policy_mode"],
            },
            "leaderboard": [
                {
                    "rank": s["rank"],
                    "sub_id": s["sub_id"],
                    "team_name": s["team_name"],
                    "overall_score": s["overall_score"],
                    "dimension_scores": {name: v["weighted"] for name, v in (s["weighted_scores"] or {}).items()},
                    "recommendation": s["recommendation"],
                }
                for s in scored
            ],
            "statistics": seed.leaderboard_statistics([s["overall_score"] for s in scored]),
        }

    def scorecard(self, sub_id: str, **_: Any) -> tuple[int, Any]:
        sub = self._submission(sub_id)
        return 200, {k: v for k, v in sub.items() if k != "error_message"}

    def individual_scorecards(self, org_id: str, sub_id: str, **_: Any) -> tuple[int, Any]:
        sub = self._submission(sub_id)
        self._hackathon(sub["hack_id"], org_id)
        cards = (sub["team_dynamics"] or {}).get("individual_scorecards", [])
        return 200, {
            "sub_id": sub_id,
            "hack_id": sub["hack_id"],
            "team_name": sub["team_name"],
            "scorecards": cards,
            "total_count": len(cards),
        }

    def intelligence(self, org_id: str, hack_id: str, **_: Any) -> tuple[int, Any]:
        hackathon = self._hackathon(hack_id, org_id)
        subs = self.store.submissions_of(hack_id)
        done = sorted((s for s in subs if s["overall_score"] is not None), key=lambda s: -s["overall_score"])
        cards = [(s, c) for s in done for c in (s["team_dynamics"] or {}).get("individual_scorecards", [])]

        def by_role(role: str) -> list[dict[str, Any]]:
            return [c for _, c in cards if c["role"] == role][:20]

        languages = Counter(s["repo_meta"]["primary_language"] for s in done if s["repo_meta"])
        stacks = Counter(
            f"{s['repo_meta']['primary_language']} + {'Docker' if s['repo_meta']['has_dockerfile'] else 'Serverless'}"
            for s in done
            if s["repo_meta"]
        )
        no_tests = [s["team_name"] for s in done if s["repo_meta"] and not s["repo_meta"]["has_tests"]]
        no_ci = [s["team_name"] for s in done if s["repo_meta"] and not s["repo_meta"]["has_ci"]]
        issues = []
        if done:
            for kind, teams, workshop in (
                ("missing_tests", no_tests, "Testing in a weekend: pytest and Jest in 30 minutes"),
                ("missing_ci", no_ci, "GitHub Actions for hackers"),
            ):
                if teams:
                    issues.append(
                        {
                            "issue_type": kind,
                            "percentage_affected": round(len(teams) / len(done) * 100, 1),
                            "workshop_recommendation": workshop,
                            "example_teams": teams[:5],
                        }
                    )
        best_team = max(done, key=lambda s: s["team_dynamics"]["team_dynamics_grade"] == "A", default=None)
        return 200, {
            "hack_id": hack_id,
            "hackathon_name": hackathon["name"],
            "total_submissions": len(subs),
            "top_performers": [
                {
                    "team_name": s["team_name"],
                    "sub_id": s["sub_id"],
                    "overall_score": s["overall_score"],
                    "key_strengths": s["strengths"],
                    "sponsor_interest_flags": sorted(
                        {
                            f
                            for c in s["team_dynamics"]["individual_scorecards"]
                            for f in c["hiring_signals"]["sponsor_interest"]
                        }
                    ),
                }
                for s in done[:10]
            ],
            "hiring_intelligence": {
                "backend_candidates": by_role("backend"),
                "frontend_candidates": by_role("frontend"),
                "devops_candidates": by_role("devops"),
                "full_stack_candidates": by_role("full_stack"),
                "must_interview": [c for _, c in cards if c["hiring_signals"]["must_interview"]][:10],
            },
            "technology_trends": {
                "most_used": [[name, count] for name, count in languages.most_common(10)],
                "emerging": [name for name, count in languages.items() if 2 <= count <= 5],
                "popular_stacks": [[name, count] for name, count in stacks.most_common(5)],
            },
            "common_issues": issues,
            "standout_moments": [f"{s['team_name']} scored {s['overall_score']:.1f}" for s in done[:3]],
            "prize_recommendations": (
                [
                    {
                        "prize_category": "Best Overall",
                        "recommended_team": done[0]["team_name"],
                        "sub_id": done[0]["sub_id"],
                        "justification": "Highest overall score across all agents.",
                        "evidence": done[0]["strengths"],
                    },
                    {
                        "prize_category": "Best Team Dynamics",
                        "recommended_team": best_team["team_name"],
                        "sub_id": best_team["sub_id"],
                        "justification": f"Team dynamics grade {best_team['team_dynamics']['team_dynamics_grade']}.",
                        "evidence": ["Balanced workload", "Reviews before merge"],
                    },
                ]
                if done and best_team
                else []
            ),
            "next_hackathon_recommendations": ["Offer a testing workshop on day one"] if no_tests else [],
            "sponsor_follow_up_actions": ["Share the must-interview list with sponsors"] if cards else [],
        }


class StandinServer:
    """The stand-in on a ``ThreadingHTTPServer``; ``start()`` serves from a daemon thread."""

    def __init__(self, host: str = "127.0.0.1", port: int = 8000, faults: Faults | None = None) -> None:
        self.faults = faults or Faults()
        self._initial_faults = asdict(self.faults)
        self.store = Store(self.faults.seconds_per_submission)
        self.api = Api(self.store)
        self.fault_rng = random.Random(seed.SEED)
        self.request_log: list[str] = []
        self.rate_windows: dict[str, tuple[int, int]] = {}
        self.quota_counts: Counter[str] = Counter()
        self.httpd = ThreadingHTTPServer((host, port), _make_handler(self))
        self.httpd.daemon_threads = True
        self._thread: threading.Thread | None = None

    @property
    def port(self) -> int:
        return self.httpd.server_address[1]

    @property
    def origin(self) -> str:
        return f"http://{self.httpd.server_address[0]}:{self.port}"

    @property
    def base_url(self) -> str:
        return self.origin + PREFIX

    def start(self) -> StandinServer:
        self._thread = threading.Thread(target=self.httpd.serve_forever, name="standin-api", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def reset(self) -> None:
        with self.store.lock:
            self.faults.update(self._initial_faults)
            self.store.seconds_per_submission = self.faults.seconds_per_submission
            self.store.reset()
            self.fault_rng = random.Random(seed.SEED)
            self.request_log.clear()
            self.rate_windows.clear()
            self.quota_counts.clear()

    # --- fault decisions (called under the store lock) ---------------------------------------------
    def fault_response(self, key: str | None) -> ApiError | None:
        f = self.faults
        if f.always_5xx or f.fail_next > 0 or (f.fail_rate and self.fault_rng.random() < f.fail_rate):
            f.fail_next = max(0, f.fail_next - 1)
            return detail(f.status_5xx, f"Stand-in fault: injected HTTP {f.status_5xx}")
        limited = (
            f"Rate limit exceeded: {f.rate_limit:g} req/sec" if f.rate_limit else "Rate limit exceeded: 10 req/sec"
        )
        retry = {"Retry-After": str(f.retry_after_seconds)}
        if f.throttle_next > 0:
            f.throttle_next -= 1
            return ApiError(429, {"error": limited, "retry_after": f.retry_after_seconds}, retry)
        if key and f.rate_limit:
            second = int(time.time())
            window, count = self.rate_windows.get(key, (second, 0))
            count = count + 1 if window == second else 1
            self.rate_windows[key] = (second, count)
            if count > f.rate_limit:
                return ApiError(429, {"error": limited, "retry_after": f.retry_after_seconds}, retry)
        if key and f.daily_quota:
            self.quota_counts[key] += 1
            if self.quota_counts[key] > f.daily_quota:
                reset = int(time.time() // 86400 + 1) * 86400
                return ApiError(
                    429,
                    {"error": "Daily quota exceeded. Resets at midnight UTC", "quota_reset": reset},
                    {"X-Quota-Limit": str(f.daily_quota), "X-Quota-Remaining": "0", "X-Quota-Reset": str(reset)},
                )
        return None


def _make_handler(server: StandinServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        server_version = "VibeJudgeStandin/1.0"

        def log_message(self, format: str, *args: Any) -> None:
            # Quiet by default: request lines would only add noise to test output. Keys are never logged.
            return

        def do_GET(self) -> None:
            self._handle("GET")

        def do_POST(self) -> None:
            self._handle("POST")

        def do_DELETE(self) -> None:
            self._handle("DELETE")

        def do_PUT(self) -> None:
            self._handle("PUT")

        def _send(
            self, status: int, body: Any, headers: dict[str, str] | None = None, raw: bytes | None = None
        ) -> None:
            payload = raw if raw is not None else (b"" if body is None else json.dumps(body).encode())
            self.send_response(status)
            self.send_header("Content-Type", "application/json" if raw is None else "text/html")
            self.send_header("Content-Length", str(len(payload)))
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.end_headers()
            try:
                self.wfile.write(payload)
            except (BrokenPipeError, ConnectionResetError):
                self.close_connection = True  # the client gave up (its read timeout); nobody is listening

        def _read_body(self) -> tuple[Any, ApiError | None]:
            length = int(self.headers.get("Content-Length") or 0)
            if length > MAX_BODY_BYTES:
                return None, detail(413, "Request body too large")
            raw = self.rfile.read(length) if length else b""
            if not raw:
                return {}, None
            try:
                return json.loads(raw), None
            except json.JSONDecodeError as exc:
                return None, invalid((["body", exc.pos], "JSON decode error", "json_invalid", exc.msg))

        def _handle(self, method: str) -> None:
            url = urlsplit(self.path)
            path = url.path.rstrip("/") or "/"
            query = dict(part.split("=", 1) if "=" in part else (part, "") for part in url.query.split("&") if part)
            body, body_error = self._read_body()
            if path.startswith("/__admin/"):
                self._admin(method, path, body if isinstance(body, dict) else {})
                return
            with server.store.lock:
                server.request_log.append(f"{method} {path}")
                faults = server.faults
                down, latency, malformed = faults.down, faults.latency_ms, faults.malformed
            if down:
                self.close_connection = True
                self.connection.close()
                return
            if latency:
                time.sleep(latency / 1000)
            if malformed:
                self._send(200, None, raw=b"<html><body>502 Bad Gateway</body></html>")
                return
            key = self.headers.get("X-API-Key")
            try:
                with server.store.lock:
                    status, payload = self._route(method, path, query, body, body_error, key)
            except ApiError as err:
                self._send(err.status, err.body, err.headers)
                return
            except Exception as exc:
                print(f"stand-in API: {method} {path} failed: {exc!r}", file=sys.stderr)
                self._send(500, {"detail": "Internal Server Error"})
                return
            self._send(status, payload)

        def _route(
            self, method: str, path: str, query: dict[str, str], body: Any, body_error: ApiError | None, key: str | None
        ) -> tuple[int, Any]:
            matched_path = False
            for route_method, pattern, handler, needs_key in server.api.routes:
                match = pattern.match(path)
                if not match:
                    continue
                matched_path = True
                if route_method != method:
                    continue
                org_id = None
                if needs_key:
                    org_id = server.api.authenticate(key)
                    injected = server.fault_response(key)
                    if injected is not None:
                        raise injected
                if body_error is not None:
                    raise body_error
                if method == "POST" and not isinstance(body, dict):
                    raise invalid((["body"], "Input should be a valid dictionary", "dict_type", body))
                return handler(org_id=org_id, body=body, query=query, faults=server.faults, **match.groupdict())
            if path not in EXEMPT_PATHS:
                server.api.authenticate(key)
            if matched_path:
                raise detail(405, "Method Not Allowed")
            raise detail(404, "Not Found")

        def _admin(self, method: str, path: str, body: dict[str, Any]) -> None:
            with server.store.lock:
                if path == "/__admin/faults" and method == "GET":
                    self._send(200, asdict(server.faults))
                elif path == "/__admin/faults" and method == "POST":
                    errors = server.faults.update(body)
                    if errors:
                        self._send(400, {"detail": "; ".join(errors)})
                        return
                    server.store.seconds_per_submission = server.faults.seconds_per_submission
                    self._send(200, asdict(server.faults))
                elif path == "/__admin/reset" and method == "POST":
                    server.reset()
                    self._send(200, {"reset": True})
                elif path == "/__admin/advance" and method == "POST":
                    seconds = body.get("seconds", 0)
                    if not isinstance(seconds, int | float) or seconds < 0:
                        self._send(400, {"detail": f"seconds: {seconds!r} is not a number >= 0"})
                        return
                    server.store.clock_offset_seconds += seconds
                    server.store.advance_jobs()
                    self._send(200, {"clock_offset_seconds": server.store.clock_offset_seconds})
                elif path == "/__admin/requests" and method == "GET":
                    self._send(200, {"requests": list(server.request_log)})
                elif path == "/__admin/requests" and method == "DELETE":
                    server.request_log.clear()
                    self._send(204, None)
                else:
                    self._send(404, {"detail": f"Unknown admin endpoint {method} {path}"})

    return Handler
