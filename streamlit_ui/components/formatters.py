"""Display formatting: scores, money, times, statuses and labels."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime
from typing import Any

from dateutil import parser as date_parser

STATUS_ICONS = {
    "draft": "📝",
    "configured": "🟢",
    "analyzing": "⏳",
    "completed": "✅",
    "archived": "🗄️",
    "pending": "🕒",
    "cloning": "📥",
    "failed": "❌",
    "timeout": "⌛",
    "disqualified": "🚫",
    "queued": "🕒",
    "running": "⏳",
    "cancelled": "⏹️",
}
RECOMMENDATIONS = {
    "strong_contender": "Strong contender",
    "solid_submission": "Solid submission",
    "needs_improvement": "Needs improvement",
    "concerns_flagged": "Concerns flagged",
}
AGENT_NAMES = {
    "bug_hunter": "BugHunter",
    "performance": "PerformanceAnalyzer",
    "innovation": "InnovationScorer",
    "ai_detection": "AIDetection",
}
POLICIES = {
    "full_vibe": "Full vibe",
    "ai_assisted": "AI assisted",
    "traditional": "Traditional",
    "custom": "Custom",
}
DASH = "—"


def score(value: Any, decimals: int = 1) -> str:
    return f"{float(value):.{decimals}f}" if isinstance(value, int | float) and not isinstance(value, bool) else DASH


def usd(value: Any, decimals: int = 2) -> str:
    return f"${float(value):,.{decimals}f}" if isinstance(value, int | float) and not isinstance(value, bool) else DASH


def percent(value: Any, decimals: int = 0) -> str:
    """A 0–1 fraction as a percentage."""
    return f"{float(value) * 100:.{decimals}f}%" if isinstance(value, int | float) else DASH


def timestamp(value: Any) -> str:
    """Server times are UTC, with ``Z`` or naive; show them as ``YYYY-MM-DD HH:MM UTC``."""
    if not value:
        return DASH
    try:
        moment = date_parser.isoparse(str(value))
    except (ValueError, OverflowError):
        return str(value)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")


def epoch(value: Any) -> str:
    """Unix seconds (e.g. ``time.time()``) as ``YYYY-MM-DD HH:MM UTC``."""
    if not isinstance(value, int | float) or isinstance(value, bool):
        return DASH
    return datetime.fromtimestamp(value, UTC).strftime("%Y-%m-%d %H:%M UTC")


def day(value: Any) -> str:
    text = timestamp(value)
    return text[:10] if text != DASH and text[:4].isdigit() else text


def status(value: Any) -> str:
    text = str(value or "unknown")
    return f"{STATUS_ICONS.get(text, '•')} {text}"


def recommendation(value: Any) -> str:
    return RECOMMENDATIONS.get(str(value), DASH) if value else DASH


def policy(value: Any) -> str:
    return POLICIES.get(str(value), label(value))


def agent(value: Any) -> str:
    return AGENT_NAMES.get(str(value), str(value))


def label(value: Any) -> str:
    """``full_stack`` → ``Full stack``."""
    return str(value or DASH).replace("_", " ").capitalize()


def duration_ms(value: Any) -> str:
    if not isinstance(value, int | float):
        return DASH
    seconds = value / 1000
    return f"{seconds / 60:.1f} min" if seconds >= 90 else f"{seconds:.0f} s"


def leaderboard_csv(rows: list[dict[str, Any]]) -> str:
    """The leaderboard as CSV (header row first), in the order shown."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["rank", "team_name", "overall_score", "recommendation", "sub_id"])
    for row in rows:
        writer.writerow(
            [
                row.get("rank"),
                row.get("team_name"),
                row.get("overall_score"),
                row.get("recommendation"),
                row.get("sub_id"),
            ]
        )
    return out.getvalue()
