"""Request and response schemas of the VibeJudge API (contract §3), as pydantic models.

Request models carry the backend's constraints, so FastAPI answers bad input with the backend's own 422
body (``{"detail": [{type, loc, msg, input, ctx}, ...]}``). Response models fix the fields each route
returns. Server timestamps are kept as the ISO strings the store holds; client-supplied dates are
datetimes, echoed as pydantic serializes them. The large analysis documents (scorecards, leaderboard,
intelligence) are returned as built by ``seed.py``, which follows the contract's shapes.
"""

from __future__ import annotations

from collections.abc import Callable
from contextvars import ContextVar
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, EmailStr, Field, field_validator

# The stand-in's clock for validators that compare with "now" (set per request by the app).
CLOCK_NOW: ContextVar[Callable[[], datetime]] = ContextVar("clock_now", default=lambda: datetime.now(UTC))


class AgentName(StrEnum):
    BUG_HUNTER = "bug_hunter"
    PERFORMANCE = "performance"
    INNOVATION = "innovation"
    AI_DETECTION = "ai_detection"


class AIPolicyMode(StrEnum):
    FULL_VIBE = "full_vibe"
    AI_ASSISTED = "ai_assisted"
    TRADITIONAL = "traditional"
    CUSTOM = "custom"


class HackathonStatus(StrEnum):
    DRAFT = "draft"
    CONFIGURED = "configured"
    ANALYZING = "analyzing"
    COMPLETED = "completed"
    ARCHIVED = "archived"


class TierName(StrEnum):
    FREE = "free"
    STARTER = "starter"
    PRO = "pro"
    ENTERPRISE = "enterprise"


# --- E1-E3 organizers ------------------------------------------------------------------------------
class OrganizerCreate(BaseModel):
    email: EmailStr
    name: str = Field(min_length=1, max_length=100)
    organization: str | None = Field(None, max_length=200)


class OrganizerLogin(BaseModel):
    email: EmailStr


class OrganizerResponse(BaseModel):
    org_id: str
    email: str
    name: str
    organization: str | None = None
    tier: TierName
    hackathon_count: int
    created_at: str
    updated_at: str


class OrganizerCreateResponse(OrganizerResponse):
    api_key: str


class OrganizerLoginResponse(BaseModel):
    org_id: str
    api_key: str


# --- E4-E8 hackathons ------------------------------------------------------------------------------
class RubricDimension(BaseModel):
    name: str = Field(min_length=1, max_length=50)
    weight: float = Field(ge=0.0, le=1.0)
    agent: AgentName
    description: str = Field("", max_length=500)


class RubricConfig(BaseModel):
    name: str = Field("Default Rubric", max_length=200)
    version: str = "1.0"
    max_score: float = 100.0
    dimensions: list[RubricDimension] = Field(min_length=1, max_length=10)

    @field_validator("dimensions")
    @classmethod
    def _weights_sum_to_one(cls, dimensions: list[RubricDimension]) -> list[RubricDimension]:
        total = sum(d.weight for d in dimensions)
        if abs(total - 1.0) > 0.001:
            raise ValueError(f"Dimension weights must sum to 1.0, got {total:.4f}")
        return dimensions


class HackathonCreate(BaseModel):
    name: str = Field(min_length=1, max_length=200)
    description: str = Field("", max_length=2000)
    start_date: datetime | None = None
    end_date: datetime | None = None
    rubric: RubricConfig
    agents_enabled: list[AgentName] = Field(min_length=1, max_length=4)
    ai_policy_mode: AIPolicyMode = AIPolicyMode.AI_ASSISTED
    ai_policy_config: dict[str, Any] | None = None
    budget_limit_usd: float | None = Field(None, ge=0.01, le=10000.0)

    @field_validator("end_date")
    @classmethod
    def _end_after_start(cls, end: datetime | None, info: Any) -> datetime | None:
        start = info.data.get("start_date")
        if end and start and end <= start:
            raise ValueError("end_date must be after start_date")
        return end

    @field_validator("agents_enabled")
    @classmethod
    def _rubric_agents_enabled(cls, agents: list[AgentName], info: Any) -> list[AgentName]:
        rubric = info.data.get("rubric")
        if rubric:
            missing = {d.agent.value for d in rubric.dimensions} - {a.value for a in agents}
            if missing:
                raise ValueError(f"Rubric references agents not in agents_enabled: {missing}")
        return agents


class HackathonResponse(BaseModel):
    hack_id: str
    org_id: str
    name: str
    description: str = ""
    status: HackathonStatus
    start_date: datetime | None = None
    end_date: datetime | None = None
    rubric: RubricConfig
    agents_enabled: list[AgentName]
    ai_policy_mode: AIPolicyMode
    submission_count: int
    budget_limit_usd: float | None = None
    created_at: str
    updated_at: str


class HackathonListItem(BaseModel):
    hack_id: str
    name: str
    status: HackathonStatus
    submission_count: int
    created_at: str


class HackathonListResponse(BaseModel):
    hackathons: list[HackathonListItem]
    next_cursor: str | None = None
    has_more: bool = False


class HackathonStats(BaseModel):
    submission_count: int
    verified_count: int
    pending_count: int
    participant_count: int
    hackathon_status: HackathonStatus


# --- E10-E12 submissions -----------------------------------------------------------------------------
class SubmissionInput(BaseModel):
    team_name: str = Field(min_length=1, max_length=50, pattern=r"^[a-zA-Z0-9 _-]+$")
    repo_url: str = Field(pattern=r"^https://github\.com/[\w\-\.]+/[\w\-\.]+/?$")


class SubmissionBatchCreate(BaseModel):
    submissions: list[SubmissionInput] = Field(min_length=1, max_length=500)


class SubmissionListItem(BaseModel):
    sub_id: str
    team_name: str
    repo_url: str
    status: str
    overall_score: float | None = None
    rank: int | None = None
    total_cost_usd: float | None = None
    created_at: str
    error_message: str | None = None
    disqualification_reason: str | None = None


class SubmissionListResponse(BaseModel):
    submissions: list[SubmissionListItem]
    next_cursor: str | None = None
    has_more: bool = False


class SubmissionBatchResponse(BaseModel):
    created: int
    submissions: list[SubmissionListItem]
    hackathon_submission_count: int


# --- E13-E15 analysis --------------------------------------------------------------------------------
class AnalysisTrigger(BaseModel):
    submission_ids: list[str] | None = None
    force_reanalyze: bool = False


class AnalysisJobResponse(BaseModel):
    job_id: str
    hack_id: str
    status: str
    total_submissions: int
    completed_submissions: int
    failed_submissions: int
    estimated_cost_usd: float
    estimated_duration_minutes: float | None = None
    started_at: str | None = None
    completed_at: str | None = None
    created_at: str


class JobProgress(BaseModel):
    total_submissions: int
    completed: int
    failed: int
    remaining: int
    percent_complete: float


class AnalysisStatusResponse(BaseModel):
    job_id: str
    hack_id: str
    status: str
    progress: JobProgress
    current_submission: dict[str, Any] | None = None
    cost_so_far: dict[str, Any] | None = None
    errors: list[dict[str, Any]] = []
    started_at: str | None = None
    estimated_completion: str | None = None


# --- E20-E22 API keys --------------------------------------------------------------------------------
class APIKeyCreate(BaseModel):
    hackathon_id: str | None = None
    tier: TierName = TierName.FREE
    expires_at: datetime | None = None
    rate_limit_per_second: int | None = Field(None, gt=0)
    daily_quota: int | None = Field(None, gt=0)
    budget_limit_usd: float | None = Field(None, ge=0)

    @field_validator("expires_at")
    @classmethod
    def _in_the_future(cls, expires: datetime | None) -> datetime | None:
        now = CLOCK_NOW.get()()
        if expires is not None and (expires if expires.tzinfo else expires.replace(tzinfo=UTC)) <= now:
            raise ValueError("expires_at must be in the future")
        return expires


class APIKeyResponse(BaseModel):
    api_key_id: str
    organizer_id: str
    hackathon_id: str | None = None
    tier: TierName
    rate_limit_per_second: int
    daily_quota: int
    budget_limit_usd: float
    active: bool
    expires_at: str | None = None
    deprecated: bool = False
    deprecated_at: str | None = None
    total_requests: int = 0
    total_cost_usd: float = 0.0
    last_used_at: str | None = None
    created_at: str
    updated_at: str


class APIKeyCreateResponse(APIKeyResponse):
    api_key: str


class APIKeyListResponse(BaseModel):
    api_keys: list[APIKeyResponse]
    total: int


# --- E23 usage --------------------------------------------------------------------------------------
class DailyUsage(BaseModel):
    date: str
    requests: int
    successful: int
    failed: int
    cost_usd: float


class UsageSummary(BaseModel):
    api_key_prefix: str
    start_date: str
    end_date: str
    total_requests: int
    successful_requests: int
    failed_requests: int
    total_cost_usd: float
    endpoints_used: dict[str, int] = {}
    daily_breakdown: list[DailyUsage] = []
    error: str | None = None


# --- admin (stand-in only) --------------------------------------------------------------------------
class AdvanceRequest(BaseModel):
    seconds: float = Field(ge=0)


class TierRequest(BaseModel):
    api_key: str
    tier: TierName


class PublicHackathon(BaseModel):
    hack_id: str
    name: str
    description: str
    start_date: datetime | None = None
    end_date: datetime | None = None
    submission_count: int


class PublicHackathonList(BaseModel):
    hackathons: list[PublicHackathon]
