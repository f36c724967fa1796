"""Usage against the key's daily quota and budget, from the usage summary (E23), its CSV (E24) and the key record.

The daily quota is per key and per UTC day, counted by the API's rate limiter for every request it lets
through (its count reaches the dashboard in each answer's ``X-Quota-*`` headers). The usage summary is a
separate report, and the backend does not fill it: its route looks the usage up under the organizer's id
where the service expects the key, so every total is 0, and the CSV export answers 200 with an error text
instead of a file. Neither is shown as a measurement: ``not_recorded`` recognises the empty summary (a range
that includes today cannot be empty, since the dashboard itself made requests today) and ``check_export``
the error text. Key records' ``total_requests`` and ``total_cost_usd`` are never updated either.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

DEFAULT_DAYS = 7
MAX_DAYS = 366


@dataclass(frozen=True)
class UsageRange:
    start: date
    end: date

    @property
    def params(self) -> tuple[str, str]:
        return self.start.isoformat(), self.end.isoformat()


def default_range(today: date) -> UsageRange:
    """The last ``DEFAULT_DAYS`` UTC days, today included."""
    return UsageRange(today - timedelta(days=DEFAULT_DAYS - 1), today)


def checked_range(start: date, end: date) -> UsageRange:
    """The range to ask for; raises ``ValueError`` with the sentence to show (the API answers 400 for these)."""
    if start > end:
        raise ValueError(f"The start day {start} is after the end day {end}; pick a start on or before the end.")
    if (end - start).days + 1 > MAX_DAYS:
        raise ValueError(f"{start} to {end} is more than {MAX_DAYS} days; pick a shorter range.")
    return UsageRange(start, end)


def _int(value: Any) -> int:
    return int(value) if isinstance(value, int | float) and not isinstance(value, bool) else 0


def requests_on(summary: dict[str, Any], day: date) -> int:
    """Requests the summary records for one UTC day (0 when the day has no row)."""
    for row in summary.get("daily_breakdown") or []:
        if str(row.get("date", ""))[:10] == day.isoformat():
            return _int(row.get("requests"))
    return 0


def daily_rows(summary: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        {
            "Day (UTC)": str(row.get("date", ""))[:10],
            "Requests": _int(row.get("requests")),
            "Successful": _int(row.get("successful")),
            "Failed": _int(row.get("failed")),
            "Cost (USD)": float(row.get("cost_usd") or 0),
        }
        for row in summary.get("daily_breakdown") or []
    ]


def endpoint_rows(summary: dict[str, Any]) -> list[dict[str, Any]]:
    used = summary.get("endpoints_used") or {}
    return [
        {"Endpoint": name, "Requests": _int(count)} for name, count in sorted(used.items(), key=lambda i: -_int(i[1]))
    ]


def share(used: Any, limit: Any) -> float | None:
    """``used / limit`` clipped to 0..1 for a progress bar; None when there is no limit to compare with."""
    if not isinstance(limit, int | float) or isinstance(limit, bool) or limit <= 0:
        return None
    return max(0.0, min(1.0, float(used or 0) / float(limit)))


def not_recorded(summary: dict[str, Any], chosen: UsageRange, today: date) -> bool:
    """The summary cannot be true: it covers today yet records no request (this very page made some)."""
    return chosen.start <= today <= chosen.end and not _int(summary.get("total_requests"))


EXPORT_ERROR_PREFIX = "Error exporting CSV"


def check_export(csv_text: str) -> None:
    """Raise ``ValueError`` with the sentence to show when the API sent its error text instead of the CSV."""
    if csv_text.lstrip().startswith(EXPORT_ERROR_PREFIX):
        raise ValueError(
            f"The API could not export the usage; it answered with this text instead of a file: {csv_text.strip()}"
        )
