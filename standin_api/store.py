"""In-memory state of the stand-in API: organizers, API keys, hackathons, submissions, jobs and counters.

The store keeps what the backend keeps, including its separate per-organizer hackathon index (the
record behind ``GET /hackathons``, which only activation updates). Job progress is computed from the
stand-in's clock when read. All of it is owned by the server's event loop; nothing here blocks.
"""

from __future__ import annotations

import base64
import random
from collections import Counter, deque
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from standin_api import seed
from standin_api.clock import Clock
from standin_api.faults import TIER_LIMITS
from standin_api.seed import IdFactory, iso

DEMO_API_KEY = "vj_live_DemoOrganizerKeyForLocalUse00001"
DEMO_EMAIL = "demo@vibejudge.example"
EMPTY_API_KEY = "vj_live_EmptyOrganizerKeyForLocalUse0001"
EMPTY_EMAIL = "empty@vibejudge.example"
OTHER_API_KEY = "vj_live_OtherOrganizerKeyForLocalUse0001"
OTHER_EMAIL = "other@vibejudge.example"
ANALYZE_COST_PER_SUBMISSION_USD = 0.053
MIDDLEWARE_COST_PER_SUBMISSION_USD = 0.063
ROTATION_GRACE = timedelta(days=7)
ESTIMATE_COST_BY_AGENT_USD = {"bug_hunter": 0.0030, "performance": 0.0030, "innovation": 0.1681, "ai_detection": 0.0018}
AGENT_MODELS = {
    "bug_hunter": "amazon.nova-lite-v1:0",
    "performance": "amazon.nova-lite-v1:0",
    "innovation": "us.anthropic.claude-sonnet-4-6",
    "ai_detection": "amazon.nova-micro-v1:0",
}
REQUEST_LOG_LIMIT = 100_000


@dataclass
class DayUsage:
    """One key's requests on one UTC day of the stand-in's clock (only requests the limiter let through)."""

    used: int = 0
    successful: int = 0
    failed: int = 0
    endpoints: Counter[str] = field(default_factory=Counter)


class Store:
    def __init__(self, clock: Clock, seconds_per_submission: float = 6.0) -> None:
        self.clock = clock
        self.seconds_per_submission = seconds_per_submission
        self.reset()

    # --- seeding -----------------------------------------------------------------------------------
    def reset(self) -> None:
        self.rng = random.Random(seed.SEED)
        self.ids = IdFactory(self.rng)
        self.organizers: dict[str, dict[str, Any]] = {}
        self.keys: dict[str, dict[str, Any]] = {}
        self.keys_by_id: dict[str, dict[str, Any]] = {}
        self.hackathons: dict[str, dict[str, Any]] = {}
        self.index: dict[str, dict[str, Any]] = {}
        self.submissions: dict[str, dict[str, Any]] = {}
        self.subs_by_hack: dict[str, list[str]] = {}
        self.jobs: dict[str, list[dict[str, Any]]] = {}
        self.active_jobs: list[dict[str, Any]] = []
        self.usage: dict[tuple[str, str], DayUsage] = {}
        self.rate_windows: dict[str, tuple[int, int]] = {}
        self.spend: Counter[tuple[str, str]] = Counter()
        self.request_log: deque[str] = deque(maxlen=REQUEST_LOG_LIMIT)
        demo = self._add_organizer("Demo Organizer", DEMO_EMAIL, "VibeJudge Demo Events", DEMO_API_KEY)
        self._add_organizer("Empty Organizer", EMPTY_EMAIL, None, EMPTY_API_KEY)
        other = self._add_organizer("Other Organizer", OTHER_EMAIL, "Elsewhere Inc", OTHER_API_KEY)
        self._seed_demo(demo["org_id"])
        self._seed_hackathon(other["org_id"], "Other Org Private Jam", "configured", 2, 0, budget=None)

    def _add_organizer(self, name: str, email: str, organization: str | None, key: str) -> dict[str, Any]:
        at = seed.BASE_TIME - timedelta(days=120)
        org = self.new_organizer(email, name, organization, "free", at)
        self._add_key(org["org_id"], "free", at, secret=key)
        return org

    def _seed_demo(self, org_id: str) -> None:
        self._seed_hackathon(org_id, "Winter Build Week 2024", "archived", 6, 6, budget=None, days_ago=100)
        self._seed_hackathon(
            org_id, "Spring Hackathon 2025", "completed", 24, 22, budget=None, days_ago=60, failed=1, disqualified=1
        )
        self._seed_hackathon(
            org_id, "AWS Bedrock Builders 2026", "configured", 14, 6, budget=20.0, days_ago=20, private_at=11
        )
        serverless = self._seed_hackathon(
            org_id, "Serverless Sprint 2026", "analyzing", 10, 0, budget=50.0, days_ago=5, private_at=3
        )
        self._seed_hackathon(org_id, "Campus Code Jam", "draft", 0, 0, budget=None, days_ago=1)
        # A job that is running when the stand-in starts, so the Live Dashboard shows progress right away.
        pending = [s for s in self.subs_of(serverless["hack_id"]) if s["status"] == "pending"]
        self.start_job(serverless, [s["sub_id"] for s in pending], created=seed.BASE_TIME, stuck=False)

    def _seed_hackathon(
        self,
        org_id: str,
        name: str,
        status: str,
        count: int,
        analyzed: int,
        *,
        budget: float | None,
        days_ago: int = 10,
        failed: int = 0,
        disqualified: int = 0,
        private_at: int | None = None,
    ) -> dict[str, Any]:
        created = seed.BASE_TIME - timedelta(days=days_ago)
        hackathon = self.create_hackathon(
            org_id,
            {
                "name": name,
                "description": f"{name}: build something useful with generative AI in 48 hours.",
                "start_date": iso(created + timedelta(days=2)),
                "end_date": iso(created + timedelta(days=4)),
                "rubric": seed.default_rubric(),
                "agents_enabled": list(seed.AGENTS),
                "ai_policy_mode": "ai_assisted",
                "budget_limit_usd": budget,
            },
            created,
        )
        # As the backend would have it: created as a draft, then activated (the only change the list index
        # sees). The other states are demo data; the backend itself only ever sets draft/configured/archived.
        if status != "draft":
            self.index[hackathon["hack_id"]]["status"] = "configured"
        hackathon["status"] = status
        for index in range(count):
            team = seed.TEAM_NAMES[index % len(seed.TEAM_NAMES)]
            repo_url = seed.repo_url_for(team, index)
            if index == private_at:
                # The analyzer cannot clone "private-" repositories: this one fails when analyzed.
                repo_url = repo_url.replace("/project-", "/private-project-")
            sub = self.add_submission(hackathon, team, repo_url, created + timedelta(hours=index + 1))
            moment = created + timedelta(days=3, minutes=index)
            if index < analyzed:
                seed.analysis_result(random.Random(f"{seed.SEED}-{sub['sub_id']}"), sub, hackathon, moment)
            elif index < analyzed + failed:
                seed.failure_result(sub, moment)
            elif index < analyzed + failed + disqualified:
                sub.update(
                    {
                        "status": "disqualified",
                        "disqualification_reason": seed.DISQUALIFICATION_REASON,
                        "updated_at": iso(moment),
                    }
                )
        if analyzed:
            done = self.subs_by_hack[hackathon["hack_id"]][: analyzed + failed]
            at = created + timedelta(days=3)
            job = self.start_job(hackathon, done, created=at, stuck=False)
            job.update(
                {
                    "processed": len(done),
                    "failed": failed,
                    "status": "completed",
                    "started_at": iso(at),
                    "completed_at": iso(at + timedelta(hours=1)),
                }
            )
            self.active_jobs.remove(job)
        return hackathon

    # --- organizers and keys -----------------------------------------------------------------------
    def now(self) -> datetime:
        return self.clock.now()

    def new_organizer(
        self, email: str, name: str, organization: str | None, tier: str, at: datetime | None = None
    ) -> dict[str, Any]:
        at = at or self.now()
        org = {
            "org_id": self.ids.ulid(at),
            "email": email,
            "name": name,
            "organization": organization,
            "tier": tier,
            "created_at": iso(at),
            "updated_at": iso(at),
        }
        self.organizers[org["org_id"]] = org
        return org

    def organizer_by_email(self, email: str) -> dict[str, Any] | None:
        return next((o for o in self.organizers.values() if o["email"].lower() == email.lower()), None)

    def _add_key(
        self,
        org_id: str,
        tier: str,
        at: datetime | None = None,
        *,
        secret: str | None = None,
        hackathon_id: str | None = None,
        expires_at: str | None = None,
        rate_limit: int | None = None,
        daily_quota: int | None = None,
        budget_limit_usd: float | None = None,
    ) -> dict[str, Any]:
        at = at or self.now()
        limits = TIER_LIMITS[tier]
        record = {
            "api_key_id": self.ids.ulid(at),
            "api_key": secret or "vj_live_" + base64.b64encode(self.rng.randbytes(24)).decode(),
            "organizer_id": org_id,
            "hackathon_id": hackathon_id,
            "tier": tier,
            "rate_limit_per_second": rate_limit or limits["rate_limit_per_second"],
            "daily_quota": daily_quota or limits["daily_quota"],
            "budget_limit_usd": limits["budget_limit_usd"] if budget_limit_usd is None else budget_limit_usd,
            "active": True,
            "expires_at": expires_at,
            "deprecated": False,
            "deprecated_at": None,
            # The backend never updates these three on a request (usage is counted elsewhere).
            "total_requests": 0,
            "total_cost_usd": 0.0,
            "last_used_at": None,
            "created_at": iso(at),
            "updated_at": iso(at),
        }
        self.keys[record["api_key"]] = record
        self.keys_by_id[record["api_key_id"]] = record
        return record

    def issue_key(self, org_id: str, **options: Any) -> dict[str, Any]:
        tier = options.pop("tier", None) or self.organizers[org_id]["tier"]
        return self._add_key(org_id, tier, **options)

    def key_expired(self, record: dict[str, Any]) -> bool:
        return record["expires_at"] is not None and seed.parse_iso(record["expires_at"]) <= self.now()

    def keys_of(self, org_id: str) -> list[dict[str, Any]]:
        return [k for k in self.keys_by_id.values() if k["organizer_id"] == org_id]

    def set_tier(self, record: dict[str, Any], tier: str) -> None:
        record.update({"tier": tier, **TIER_LIMITS[tier], "updated_at": iso(self.now())})

    # --- hackathons and submissions ------------------------------------------------------------------
    def create_hackathon(self, org_id: str, body: dict[str, Any], at: datetime | None = None) -> dict[str, Any]:
        at = at or self.now()
        hackathon = {
            "hack_id": self.ids.ulid(at),
            "org_id": org_id,
            "name": body["name"],
            "description": body.get("description", ""),
            "status": "draft",
            "start_date": body.get("start_date"),
            "end_date": body.get("end_date"),
            "rubric": body["rubric"],
            "agents_enabled": body["agents_enabled"],
            "ai_policy_mode": body.get("ai_policy_mode", "ai_assisted"),
            "submission_count": 0,
            "budget_limit_usd": body.get("budget_limit_usd"),
            "created_at": iso(at),
            "updated_at": iso(at),
        }
        hack_id = hackathon["hack_id"]
        self.hackathons[hack_id] = hackathon
        self.index[hack_id] = {k: hackathon[k] for k in ("hack_id", "name", "status", "submission_count", "created_at")}
        self.subs_by_hack[hack_id] = []
        return hackathon

    def hackathons_of(self, org_id: str) -> list[dict[str, Any]]:
        return [h for h in self.hackathons.values() if h["org_id"] == org_id]

    def add_submission(
        self, hackathon: dict[str, Any], team_name: str, repo_url: str, at: datetime | None = None
    ) -> dict[str, Any]:
        sub = seed.new_submission(self.ids, hackathon["hack_id"], team_name, repo_url, at or self.now())
        self.submissions[sub["sub_id"]] = sub
        self.subs_by_hack[hackathon["hack_id"]].append(sub["sub_id"])
        hackathon["submission_count"] += 1
        return sub

    def delete_submission(self, sub: dict[str, Any]) -> None:
        del self.submissions[sub["sub_id"]]
        self.subs_by_hack[sub["hack_id"]].remove(sub["sub_id"])
        hackathon = self.hackathons[sub["hack_id"]]
        hackathon["submission_count"] = max(0, hackathon["submission_count"] - 1)

    def subs_of(self, hack_id: str) -> list[dict[str, Any]]:
        return [self.submissions[s] for s in self.subs_by_hack.get(hack_id, [])]

    def submissions_of(self, hack_id: str) -> list[dict[str, Any]]:
        self.advance_jobs()
        return self.subs_of(hack_id)

    def submission(self, sub_id: str) -> dict[str, Any] | None:
        self.advance_jobs()
        return self.submissions.get(sub_id)

    # --- analysis jobs -----------------------------------------------------------------------------
    def start_job(
        self, hackathon: dict[str, Any], sub_ids: list[str], *, created: datetime | None = None, stuck: bool
    ) -> dict[str, Any]:
        now = self.now()
        job = {
            "job_id": self.ids.ulid(created or now),
            "hack_id": hackathon["hack_id"],
            "sub_ids": list(sub_ids),
            "processed": 0,
            "failed": 0,
            "status": "queued",
            "stuck": stuck,
            "clock_start": now,
            "created_at": iso(created or now),
            "started_at": None,
            "completed_at": None,
        }
        self.jobs.setdefault(hackathon["hack_id"], []).append(job)
        self.active_jobs.append(job)
        return job

    def jobs_of(self, hack_id: str) -> list[dict[str, Any]]:
        self.advance_jobs()
        return self.jobs.get(hack_id, [])

    def latest_job(self, hack_id: str) -> dict[str, Any] | None:
        """The newest job of a hackathon (for tests that inspect what was started; the API returns the oldest)."""
        jobs = self.jobs_of(hack_id)
        return jobs[-1] if jobs else None

    def active_job(self, hack_id: str) -> dict[str, Any] | None:
        return next((j for j in self.jobs_of(hack_id) if j["status"] in ("queued", "running")), None)

    def advance_jobs(self) -> None:
        """Move unfinished jobs forward: one submission every ``seconds_per_submission`` on the clock."""
        if not self.active_jobs:
            return
        step = max(self.seconds_per_submission, 0.001)
        now = self.now()
        for job in list(self.active_jobs):
            if job["stuck"]:
                continue
            elapsed = (now - job["clock_start"]).total_seconds()
            total = len(job["sub_ids"])
            if job["status"] == "queued" and (elapsed >= step / 2 or total == 0):
                job["status"] = "running"
                job["started_at"] = iso(now)
            due = min(total, int(elapsed / step))
            while job["processed"] < due:
                sub = self.submissions.get(job["sub_ids"][job["processed"]])
                job["processed"] += 1
                if sub is None or "private-" in sub["repo_url"]:
                    if sub is not None:
                        seed.failure_result(sub, now)
                    job["failed"] += 1
                    continue
                hackathon = self.hackathons[sub["hack_id"]]
                seed.analysis_result(random.Random(f"{seed.SEED}-{sub['sub_id']}"), sub, hackathon, now)
            if job["status"] == "running" and job["processed"] < total:
                current = self.submissions.get(job["sub_ids"][job["processed"]])
                if current is not None and current["status"] == "pending":
                    current["status"] = "analyzing"
            if job["status"] == "running" and job["processed"] >= total:
                job["status"] = "completed"
                job["completed_at"] = iso(now)
                self.active_jobs.remove(job)

    @staticmethod
    def job_progress(job: dict[str, Any]) -> dict[str, Any]:
        total = len(job["sub_ids"])
        failed = job["failed"]
        completed = job["processed"] - failed
        return {
            "total_submissions": total,
            "completed": completed,
            "failed": failed,
            "remaining": total - completed - failed,
            "percent_complete": round(completed / total * 100, 1) if total else 0.0,
        }

    # --- counters ----------------------------------------------------------------------------------
    def day_usage(self, key: str, day: str) -> DayUsage:
        usage = self.usage.get((key, day))
        if usage is None:
            usage = self.usage[(key, day)] = DayUsage()
        return usage
