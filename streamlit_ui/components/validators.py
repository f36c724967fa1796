"""Input validation shared by the pages. Every failure is one sentence naming the field, the value and what is allowed."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from urllib.parse import urlsplit

API_KEY_RE = re.compile(r"^vj_(live|test)_[A-Za-z0-9+/]{32}$")
EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$")
TEAM_NAME_RE = re.compile(r"^[a-zA-Z0-9 _-]{1,50}$")
REPO_URL_RE = re.compile(r"^https://github\.com/[\w\-\.]+/[\w\-\.]+/?$")
AI_POLICIES = ("ai_assisted", "full_vibe", "traditional", "custom")
WEIGHT_TOLERANCE = 0.001  # the server's tolerance for the rubric weight sum


class InputError(ValueError):
    """Bad input from a user or the environment; ``str(err)`` is the sentence to show."""


def validate_base_url(raw: str | None, source: str = "API_BASE_URL") -> str:
    """Return the normalized API base URL (no trailing slash) or raise ``InputError`` saying what is wrong."""
    example = "e.g. http://localhost:8000/api/v1"
    if raw is None or not raw.strip():
        raise InputError(f"{source} is not set; set it to the VibeJudge API base including /api/v1 ({example}).")
    value = raw.strip().rstrip("/")
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https"):
        raise InputError(f"{source} '{raw}' has no http:// or https:// scheme; use a full URL ({example}).")
    if not parts.hostname:
        raise InputError(f"{source} '{raw}' has no host name; use a full URL ({example}).")
    if parts.query or parts.fragment:
        raise InputError(f"{source} '{raw}' must not contain a query or fragment ({example}).")
    if not parts.path.endswith("/api/v1"):
        raise InputError(
            f"{source} '{raw}' does not end in /api/v1; every VibeJudge route lives under /api/v1 (try {value}/api/v1)."
        )
    return value


def validate_api_key(raw: str | None) -> str:
    key = (raw or "").strip()
    if not key:
        raise InputError("API key is empty; paste the key that starts with vj_live_.")
    if not API_KEY_RE.match(key):
        raise InputError(
            "API key does not look like a VibeJudge key; it must be vj_live_ or vj_test_ followed by 32 letters, "
            "digits, + or /."
        )
    return key


def validate_email(raw: str | None) -> str:
    email = (raw or "").strip()
    if not EMAIL_RE.match(email):
        shown = email or "(empty)"
        raise InputError(f"E-mail '{shown}' is not a valid address; use the form name@example.com.")
    return email


@dataclass
class FormErrors:
    """Field name -> one sentence; ``general`` for problems that belong to no single field."""

    fields: dict[str, str] = field(default_factory=dict)
    general: list[str] = field(default_factory=list)

    def add(self, name: str, message: str) -> None:
        self.fields.setdefault(name, message)

    def __bool__(self) -> bool:
        return bool(self.fields or self.general)


def validate_registration(email: str, name: str, password: str, organization: str, accepted_terms: bool) -> FormErrors:
    errors = FormErrors()
    try:
        validate_email(email)
    except InputError as err:
        errors.add("email", str(err))
    if not name.strip() or len(name.strip()) > 100:
        errors.add("name", f"Full name must be 1 to 100 characters (got {len(name.strip())}).")
    if len(password) < 8:
        errors.add("password", f"Password must be at least 8 characters (got {len(password)}).")
    if not organization.strip() or len(organization) > 200:
        errors.add("organization", f"Organization must be 1 to 200 characters (got {len(organization.strip())}).")
    if not accepted_terms:
        errors.add("terms", "Accept the terms of service to register.")
    return errors


@dataclass
class HackathonForm:
    name: str
    description: str
    start_date: date | None
    end_date: date | None
    budget_usd: float | None
    agents: dict[str, float]
    """Enabled agent -> weight."""
    ai_policy_mode: str = "ai_assisted"


DIMENSIONS = {
    "bug_hunter": ("Code Quality", "Code quality, security and testing"),
    "performance": ("Architecture", "Architecture, scalability and API design"),
    "innovation": ("Innovation", "Novelty, creativity and documentation"),
    "ai_detection": ("Authenticity", "Authentic development and AI usage"),
}


def validate_hackathon(form: HackathonForm) -> FormErrors:
    errors = FormErrors()
    name = form.name.strip()
    if not name:
        errors.add("name", "Name is required (1 to 200 characters).")
    elif len(name) > 200:
        errors.add("name", f"Name has {len(name)} characters; at most 200 are allowed.")
    description = form.description.strip()
    if len(description) > 2000:
        errors.add("description", f"Description has {len(description)} characters; at most 2000 are allowed.")
    if form.start_date and form.end_date and form.end_date < form.start_date:
        errors.add(
            "end_date", f"End date {form.end_date} is before start date {form.start_date}; it must be on or after it."
        )
    if form.budget_usd is not None and not 0.01 <= form.budget_usd <= 10000:
        errors.add(
            "budget_limit_usd",
            f"Budget ${form.budget_usd:g} is out of range; leave it at 0 for none or use 0.01 to 10000.",
        )
    if not form.agents:
        errors.add("agents_enabled", "Enable at least one agent.")
    else:
        total = sum(form.agents.values())
        if abs(total - 1.0) > WEIGHT_TOLERANCE:
            errors.add("rubric", f"The enabled agents' weights add up to {total:.2f}; they must add up to 1.00.")
    if form.ai_policy_mode not in AI_POLICIES:
        errors.add("ai_policy_mode", f"AI policy '{form.ai_policy_mode}' is not one of {', '.join(AI_POLICIES)}.")
    return errors


def hackathon_payload(form: HackathonForm) -> dict:
    """The request body of ``POST /hackathons`` for a validated form (contract E5)."""
    body: dict = {
        "name": form.name.strip(),
        "description": form.description.strip(),
        "rubric": {
            "name": "Custom Rubric",
            "version": "1.0",
            "max_score": 100.0,
            "dimensions": [
                {
                    "name": DIMENSIONS[agent][0],
                    "weight": round(weight, 4),
                    "agent": agent,
                    "description": DIMENSIONS[agent][1],
                }
                for agent, weight in form.agents.items()
            ],
        },
        "agents_enabled": list(form.agents),
        "ai_policy_mode": form.ai_policy_mode,
    }
    if form.start_date:
        body["start_date"] = f"{form.start_date.isoformat()}T00:00:00"
    if form.end_date:
        body["end_date"] = f"{form.end_date.isoformat()}T23:59:59.999999"
    if form.budget_usd:
        body["budget_limit_usd"] = form.budget_usd
    return body


def validate_submission(team_name: str, repo_url: str) -> FormErrors:
    errors = FormErrors()
    if not TEAM_NAME_RE.match(team_name.strip()):
        errors.add("team_name", f"Team name '{team_name}' must be 1 to 50 letters, digits, spaces, _ or -.")
    if not REPO_URL_RE.match(repo_url.strip()):
        errors.add("repo_url", f"Repository URL '{repo_url}' must look like https://github.com/owner/repo.")
    return errors
