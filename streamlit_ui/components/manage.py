"""The organizer's writes on the Manage Hackathons page: activate, archive, add and delete submissions.

Each one calls the API once and then applies the API's answer to the shared true records
(``hackathon_truth``) and drops only the cached reads it changes, so the page shows the effect at once without
fetching the hackathons again. Every failure is an ``ApiError`` (or ``FormErrors``) with the sentence to show.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from components import auth, data, hackathon_truth
from components.api_client import ApiError, NotFoundError, ServerError, ValidationError
from components.validators import validate_submission


def activate(hackathon: dict[str, Any]) -> str:
    """E7; returns the sentence to show."""
    answer = auth.require_sign_in().activate_hackathon(hackathon["hack_id"])
    hackathon_truth.activated({**answer, "hack_id": hackathon["hack_id"]})
    return f"{hackathon.get('name')} is now active (configured) and accepts submissions."


def archive(hackathon: dict[str, Any]) -> str:
    """E8 (a soft delete: the status becomes archived); returns the sentence to show."""
    auth.require_sign_in().archive_hackathon(hackathon["hack_id"])
    hackathon_truth.archived(hackathon["hack_id"])
    return f"{hackathon.get('name')} was archived."


@dataclass
class AddOutcome:
    """What adding a submission came to: ``added`` is the sentence on success; otherwise ``errors`` maps a form
    field (``team_name``, ``repo_url``, ``general``) to the sentence shown next to it."""

    added: str | None = None
    errors: dict[str, str] = field(default_factory=dict)


def add_submission(hackathon: dict[str, Any], team_name: str, repo_url: str) -> AddOutcome:
    """Validate, then E11 with one submission."""
    problems = validate_submission(team_name, repo_url)
    if problems:
        return AddOutcome(errors=dict(problems.fields))
    team, repo = team_name.strip(), repo_url.strip()
    hack_id = hackathon["hack_id"]
    try:
        answer = auth.require_sign_in().add_submissions(hack_id, [{"team_name": team, "repo_url": repo}])
    except ValidationError as err:
        return AddOutcome(errors={"general": "; ".join(m for messages in err.field_errors.values() for m in messages)})
    except ServerError as err:
        # The backend refuses a repeated repository with a 500 "Duplicate submission" (contract E11).
        if err.detail and "duplicate submission" in err.detail.lower():
            return AddOutcome(
                errors={
                    "repo_url": f"{repo} has already been submitted to {hackathon.get('name')}; it was not added again."
                }
            )
        return AddOutcome(errors={"general": str(err)})
    except ApiError as err:
        return AddOutcome(errors={"general": str(err)})
    hackathon_truth.submissions_added(hack_id, answer)
    data.forget_submission_reads(hack_id)
    return AddOutcome(added=f"Added {team} to {hackathon.get('name')}.")


def delete_submission(hackathon: dict[str, Any], submission: dict[str, Any]) -> str:
    """E12; returns the sentence to show. A submission that is already gone counts as deleted."""
    hack_id = hackathon["hack_id"]
    team = submission.get("team_name")
    try:
        auth.require_sign_in().delete_submission(submission["sub_id"])
    except NotFoundError:
        message = f"{team} was already deleted from {hackathon.get('name')}."
    else:
        message = f"Deleted {team} from {hackathon.get('name')}."
    hackathon_truth.submission_deleted(hack_id)
    data.forget_submission_reads(hack_id)
    return message
