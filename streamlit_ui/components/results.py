"""What the Results and Intelligence pages show, each value taken from the source that really has it.

- **Rank** exists only on the leaderboard (E16), which ranks the scored submissions by score when asked. The
  backend never stores a rank, so the scorecard's (E17) and the submission list's ``rank`` are always null;
  the scorecard view shows the leaderboard's rank instead.
- **Recommendation**: the leaderboard fills it with the placeholder ``"solid_submission"`` for every team
  (contract E16). The scorecard's value is the real one, computed from the overall score with the thresholds
  of contract §5. The leaderboard shows that same value, computed here with those thresholds from the score
  the leaderboard does carry (one call per team to fetch every scorecard would spend the free tier's quota).
"""

from __future__ import annotations

from typing import Any

from components import data
from components.api_client import ApiError

RECOMMENDATION_THRESHOLDS = (
    (8.0, "strong_contender"),
    (6.5, "solid_submission"),
    (4.5, "needs_improvement"),
)
"""The backend's recommendation on overall score / 10 (contract §5); below the last: ``concerns_flagged``."""


def recommendation_for(overall_score: Any) -> str | None:
    """The backend's recommendation for an overall score (0–100), or ``None`` without a score."""
    if not isinstance(overall_score, int | float) or isinstance(overall_score, bool):
        return None
    out_of_ten = float(overall_score) / 10
    return next((name for threshold, name in RECOMMENDATION_THRESHOLDS if out_of_ten >= threshold), "concerns_flagged")


def leaderboard_rows(board: dict[str, Any]) -> list[dict[str, Any]]:
    """The leaderboard's entries (ranked by score), each with the recommendation its score really gives."""
    return [
        {**row, "recommendation": recommendation_for(row.get("overall_score"))}
        for row in board.get("leaderboard") or []
    ]


def has_results(hackathon: dict[str, Any]) -> bool:
    """Whether the hackathon has scored submissions: its leaderboard (cached; the page reads it next anyway).

    A draft or a hackathon with no submissions has none and costs no call; a failure counts as "no results"
    (the page shows the failure once the organizer opens that hackathon).
    """
    if hackathon.get("status") == "draft" or not hackathon.get("submission_count"):
        return False
    try:
        return data.leaderboard(hackathon["hack_id"]) is not None
    except ApiError:
        return False
