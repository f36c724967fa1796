"""In-memory state of the stand-in API: organizers, keys, hackathons, submissions and analysis jobs."""

from __future__ import annotations

import random
import threading
import time
from datetime import UTC, datetime, timedelta
from typing import Any

from standin_api import seed
from standin_api.seed import IdFactory, iso

DEMO_API_KEY = "vj_live_DemoOrganizerKeyForLocalUse00001"
DEMO_EMAIL = "demo@vibejudge.example"
EMPTY_API_KEY = "vj_live_EmptyOrganizerKeyForLocalUse0001"
EMPTY_EMAIL = "empty@vibejudge.example"
OTHER_API_KEY = "vj_live_OtherOrganizerKeyForLocalUse0001"
OTHER_EMAIL = "other@vibejudge.example"
KEY_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
ANALYZE_COST_PER_SUBMISSION_USD = 0.053
ESTIMATE_COST_BY_AGENT_USD = {"bug_hunter": 0.0030, "performance": 0.0030, "innovation": 0.1681, "ai_detection": 0.0018}
AGENT_MODELS = {
    "bug_hunter": "amazon.nova-lite-v1:0",
    "performance": "amazon.nova-lite-v1:0",
    "innovation": "us.anthropic.claude-sonnet-4-6",
    "ai_detection": "amazon.nova-micro-v1:0",
}


class Store:
    """All mutable state, guarded by one lock. Time-dependent job progress is computed on read."""

    def __init__(self, seconds_per_submission: float = 6.0) -> None:
        self.lock = threading.RLock()
        self.seconds_per_submission = seconds_per_submission
        self.reset()

    # --- seeding -----------------------------------------------------------------------------------
    def reset(self) -> None:
        with self.lock:
            self.rng = random.Random(seed.SEED)
            self.ids = IdFactory(self.rng)
            self.clock_offset_seconds = 0.0
            self.organizers: dict[str, dict[str, Any]] = {}
            self.keys: dict[str, dict[str, Any]] = {}
            self.hackathons: dict[str, dict[str, Any]] = {}
            self.submissions: dict[str, dict[str, Any]] = {}
            self.jobs: list[dict[str, Any]] = []
            demo = self._add_organizer("Demo Organizer", DEMO_EMAIL, "VibeJudge Demo Events", DEMO_API_KEY)
            self._add_organizer("Empty Organizer", EMPTY_EMAIL, None, EMPTY_API_KEY)
            other = self._add_organizer("Other Organizer", OTHER_EMAIL, "Elsewhere Inc", OTHER_API_KEY)
            self._seed_demo(demo["org_id"])
            self._seed_hackathon(other["org_id"], "Other Org Private Jam", "configured", 2, 0, budget=None)

    def _add_organizer(self, name: str, email: str, organization: str | None, key: str) -> dict[str, Any]:
        at = seed.BASE_TIME - timedelta(days=120)
        org = {
            "org_id": self.ids.ulid(at),
            "email": email,
            "name": name,
            "organization": organization,
            "tier": "free",
            "created_at": iso(at),
            "updated_at": iso(at),
        }
        self.organizers[org["org_id"]] = org
        self.keys[key] = {"org_id": org["org_id"], "active": True}
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
            org_id, "Serverless Sprint 2026", "configured", 10, 0, budget=50.0, days_ago=5, private_at=3
        )
        self._seed_hackathon(org_id, "Campus Code Jam", "draft", 0, 0, budget=None, days_ago=1)
        # A job that is running when the stand-in starts, so the Live Dashboard shows progress right away.
        pending = [s for s in self._subs_of(serverless["hack_id"]) if s["status"] == "pending"]
        self._start_job(serverless, pending, at=seed.BASE_TIME)

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
        hackathon = self._new_hackathon(
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
        hackathon["status"] = status
        for index in range(count):
            team = seed.TEAM_NAMES[index % len(seed.TEAM_NAMES)]
            repo_url = seed.repo_url_for(team, index)
            if index == private_at:
                # The analyzer cannot clone "private-" repositories: this one fails when analyzed.
                repo_url = repo_url.replace("/project-", "/private-project-")
            sub = seed.new_submission(
                self.ids, hackathon["hack_id"], team, repo_url, created + timedelta(hours=index + 1)
            )
            self.submissions[sub["sub_id"]] = sub
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
        hackathon["submission_count"] = count
        self._rerank(hackathon["hack_id"])
        if analyzed:
            self.jobs.append(
                {
                    "job_id": self.ids.ulid(created + timedelta(days=3)),
                    "hack_id": hackathon["hack_id"],
                    "sub_ids": [s["sub_id"] for s in self._subs_of(hackathon["hack_id"])][: analyzed + failed],
                    "processed": analyzed + failed,
                    "started_wall": 0.0,
                    "status": "completed",
                    "created_at": iso(created + timedelta(days=3)),
                    "started_at": iso(created + timedelta(days=3)),
                    "completed_at": iso(created + timedelta(days=3, hours=1)),
                    "failed": failed,
                }
            )
        return hackathon

    def _new_hackathon(self, org_id: str, body: dict[str, Any], now: datetime) -> dict[str, Any]:
        hackathon = {
            "hack_id": self.ids.ulid(now),
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
            "created_at": iso(now),
            "updated_at": iso(now),
        }
        self.hackathons[hackathon["hack_id"]] = hackathon
        return hackathon

    # --- helpers used by the routes ----------------------------------------------------------------
    def now(self) -> datetime:
        return datetime.now(UTC) + timedelta(seconds=self.clock_offset_seconds)

    def new_key(self, org_id: str) -> str:
        key = "vj_live_" + "".join(self.rng.choice(KEY_ALPHABET) for _ in range(32))
        self.keys[key] = {"org_id": org_id, "active": True}
        return key

    def create_hackathon(self, org_id: str, body: dict[str, Any]) -> dict[str, Any]:
        return self._new_hackathon(org_id, body, self.now())

    def add_submission(self, hackathon: dict[str, Any], team_name: str, repo_url: str) -> dict[str, Any]:
        sub = seed.new_submission(self.ids, hackathon["hack_id"], team_name, repo_url, self.now())
        self.submissions[sub["sub_id"]] = sub
        hackathon["submission_count"] += 1
        return sub

    def _subs_of(self, hack_id: str) -> list[dict[str, Any]]:
        return sorted((s for s in self.submissions.values() if s["hack_id"] == hack_id), key=lambda s: s["sub_id"])

    def submissions_of(self, hack_id: str) -> list[dict[str, Any]]:
        self.advance_jobs()
        return self._subs_of(hack_id)

    def _rerank(self, hack_id: str) -> None:
        scored = [s for s in self._subs_of(hack_id) if s["overall_score"] is not None]
        scored.sort(key=lambda s: (-s["overall_score"], s["sub_id"]))
        for rank, sub in enumerate(scored, start=1):
            sub["rank"] = rank

    # --- analysis jobs -----------------------------------------------------------------------------
    def active_job(self, hack_id: str) -> dict[str, Any] | None:
        self.advance_jobs()
        for job in self.jobs:
            if job["hack_id"] == hack_id and job["status"] in ("queued", "running"):
                return job
        return None

    def latest_job(self, hack_id: str) -> dict[str, Any] | None:
        self.advance_jobs()
        jobs = [j for j in self.jobs if j["hack_id"] == hack_id]
        return max(jobs, key=lambda j: j["job_id"]) if jobs else None

    def _start_job(
        self, hackathon: dict[str, Any], subs: list[dict[str, Any]], at: datetime | None = None
    ) -> dict[str, Any]:
        now = at or self.now()
        job = {
            "job_id": self.ids.ulid(now),
            "hack_id": hackathon["hack_id"],
            "sub_ids": [s["sub_id"] for s in subs],
            "processed": 0,
            "started_wall": time.time(),
            "status": "queued",
            "created_at": iso(now),
            "started_at": None,
            "completed_at": None,
            "failed": 0,
        }
        self.jobs.append(job)
        if subs:
            hackathon["status"] = "analyzing"
            hackathon["updated_at"] = iso(now)
        return job

    def start_job(self, hackathon: dict[str, Any], subs: list[dict[str, Any]]) -> dict[str, Any]:
        return self._start_job(hackathon, subs)

    def advance_jobs(self) -> None:
        """Move running jobs forward: one submission every ``seconds_per_submission`` of (offset) wall time."""
        for job in self.jobs:
            if job["status"] not in ("queued", "running"):
                continue
            elapsed = time.time() + self.clock_offset_seconds - job["started_wall"]
            total = len(job["sub_ids"])
            step = max(self.seconds_per_submission, 0.001)
            due = min(total, int(elapsed / step))
            hackathon = self.hackathons[job["hack_id"]]
            if elapsed >= step / 2 and job["status"] == "queued":
                job["status"] = "running"
                job["started_at"] = iso(self.now())
            while job["processed"] < due:
                sub = self.submissions.get(job["sub_ids"][job["processed"]])
                job["processed"] += 1
                if sub is None:
                    continue
                if "private-" in sub["repo_url"]:
                    seed.failure_result(sub, self.now())
                    job["failed"] += 1
                else:
                    seed.analysis_result(random.Random(f"{seed.SEED}-{sub['sub_id']}"), sub, hackathon, self.now())
            if job["status"] == "running" and job["processed"] < total:
                current = self.submissions.get(job["sub_ids"][job["processed"]])
                if current is not None and current["status"] == "pending":
                    current["status"] = "analyzing"
            if job["processed"] >= total and (job["status"] == "running" or total == 0):
                job["status"] = "completed"
                job["started_at"] = job["started_at"] or iso(self.now())
                job["completed_at"] = iso(self.now())
                if hackathon["status"] == "analyzing":
                    hackathon["status"] = "completed"
            self._rerank(job["hack_id"])

    def job_progress(self, job: dict[str, Any]) -> dict[str, Any]:
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

    def job_errors(self, job: dict[str, Any]) -> list[dict[str, Any]]:
        errors = []
        for sub_id in job["sub_ids"][: job["processed"]]:
            sub = self.submissions.get(sub_id)
            if sub is not None and sub["status"] == "failed":
                errors.append({"sub_id": sub_id, "team_name": sub["team_name"], "error": sub["error_message"]})
        return errors

    def spend_of(self, hack_id: str) -> float:
        return round(sum(s["total_cost_usd"] or 0.0 for s in self._subs_of(hack_id)), 4)
