"""Tables the browser draws quickly: up to ``STATIC_MAX_ROWS`` rows a static Markdown table, above that the grid.

Streamlit's interactive grid (``st.dataframe``) loads and starts a large JavaScript module and draws on a canvas;
``st.table`` renders every cell through its own Markdown component. One ``st.markdown`` element holding a
GitHub-flavoured Markdown table does neither: a page whose tables became one drew 110–185 ms sooner in headless
Chromium (Manage, Live, Results, Settings; docs/dashboard.md, "Tables and tabs"), which is what keeps every page
under a second. The grid earns its cost only when there are too many rows to read without its sorting, search and
scrolling.

Everything here is pure text building, testable without Streamlit; ``ui.table`` and ``ui.count_table`` draw.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

STATIC_MAX_ROWS = 50
"""Up to this many rows a table is static Markdown; above, the interactive grid."""

BAR_WIDTH = 20
"""Characters of the longest bar in a count table."""

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|$~!#&:])")
"""What can start inline Markdown in a table cell: emphasis, code, links, HTML and entities, math (``$``),
strikethrough, Streamlit's ``:emoji:`` and ``:color[...]`` directives, and ``|``, which would end the cell."""
_EIGHTHS = " ▏▎▍▌▋▊▉"


def _one_line(value: Any) -> str:
    """``value`` as text on one line: a line break inside a table cell would end its row."""
    return " ".join(str(value).split())


def markdown_text(value: Any) -> str:
    """``value`` as Markdown that shows exactly its characters, on one line (``$`` would start math, ``_``
    emphasis, ``|`` end a table cell, a line break the row)."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", _one_line(value))


def link(url: Any, label: Any = None) -> str:
    """A Markdown link to ``url`` showing ``label`` (the URL itself when none); empty for no URL."""
    if not url:
        return ""
    text = str(url)
    return f"[{markdown_text(label if label else text)}](<{text.replace('>', '%3E')}>)"


def repository_link(url: Any) -> str:
    """``[owner/repo](url)`` for a GitHub repository URL (the API accepts only https://github.com/owner/repo)."""
    if not url:
        return ""
    text = str(url)
    return link(text, text.removeprefix("https://github.com/").rstrip("/") or text)


def bar(count: float, maximum: float, width: int = BAR_WIDTH) -> str:
    """``count`` as a bar of block characters, ``width`` long at ``maximum`` (eighths of a character)."""
    if maximum <= 0 or count <= 0:
        return ""
    eighths = round(min(count, maximum) / maximum * width * 8)
    whole, part = divmod(max(eighths, 1), 8)
    return "█" * whole + (_EIGHTHS[part] if part else "")


_NUMBER_TEXT = re.compile(r"[-+]?\$?\d[\d,]*(\.\d+)?%?")
"""A formatted number: ``74.7``, ``$0.0630``, ``30%``, ``1,024``."""
_NONE = (None, "", "—")


def _is_number(value: Any) -> bool:
    if isinstance(value, bool):
        return False
    return isinstance(value, int | float) or (isinstance(value, str) and bool(_NUMBER_TEXT.fullmatch(value)))


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return markdown_text(f"{value:g}")  # 0.126, not 0.12600000000000001
    return markdown_text(value)


def markdown_table(
    rows: Sequence[Mapping[str, Any]], *, columns: Iterable[str] | None = None, markdown: Iterable[str] = ()
) -> str:
    """A GitHub-flavoured Markdown table of ``rows`` (column order: ``columns``, else the first row's keys).

    Every value shows as its plain text, except in the ``markdown`` columns, whose values are Markdown already
    (links: ``link``, ``repository_link``). A column of numbers (or formatted numbers, and the dash for none) is
    right-aligned. No columns: the empty string.
    """
    names = list(columns) if columns is not None else list(rows[0]) if rows else []
    if not names:
        return ""  # a table without columns is not a table: "| |" would show as text
    raw = set(markdown)
    numeric = {
        name
        for name in names
        if name not in raw
        and any(row.get(name) not in _NONE for row in rows)
        and all(_is_number(row.get(name)) for row in rows if row.get(name) not in _NONE)
    }
    header = "| " + " | ".join(markdown_text(name) for name in names) + " |"
    rule = "|" + "|".join("---:" if name in numeric else "---" for name in names) + "|"
    body = [
        "| "
        + " | ".join((_one_line(row.get(name) or "") if name in raw else _cell(row.get(name))) for name in names)
        + " |"
        for row in rows
    ]
    return "\n".join([header, rule, *body])


BAR_COLUMN = ""
"""The count table's bar column has no heading: the count beside it says what the bar draws."""


def count_rows(rows: Sequence[Mapping[str, Any]], count_column: str, maximum: float) -> list[dict[str, Any]]:
    """``rows`` with a bar column (``BAR_COLUMN``, Markdown) drawing each count against ``maximum``."""
    out = []
    for row in rows:
        drawn = bar(float(row.get(count_column) or 0), maximum)
        out.append({**row, BAR_COLUMN: f":blue[{drawn}]" if drawn else ""})
    return out
