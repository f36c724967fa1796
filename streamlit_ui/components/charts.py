"""Charts for the Results and Intelligence pages. Each takes API data and returns what to draw (or None).

What a page shows as soon as it opens (teams per score band, candidates per role, teams per technology) is a
``CountTable``: a table with the count drawn as a bar in its cell (``ui.count_table``), which the browser draws
at once. The scorecard's drill-downs are Plotly figures: Plotly's drawing took about 1.1 s of each warm load
of Results and Intelligence when their landing charts were Plotly too (``bench/page_load.py``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import plotly.graph_objects as go

from components import formatters

PALETTE = ["#6C3FE0", "#19A979", "#E8743B", "#13A4B4", "#945ECF", "#BF399E"]


def _layout(fig: go.Figure, title: str, height: int = 320) -> go.Figure:
    fig.update_layout(title=title, height=height, margin={"l": 10, "r": 10, "t": 50, "b": 10}, showlegend=False)
    return fig


def dimension_scores(weighted_scores: dict[str, Any] | None) -> go.Figure | None:
    """Raw 0–10 score per rubric dimension (E17 ``weighted_scores``)."""
    if not weighted_scores:
        return None
    names = list(weighted_scores)
    raw = [float(weighted_scores[n].get("raw") or 0) for n in names]
    fig = go.Figure(
        go.Bar(x=raw, y=names, orientation="h", marker_color=PALETTE[: len(names)], text=[f"{r:.1f}" for r in raw])
    )
    fig.update_xaxes(range=[0, 10], title="raw score (0–10)")
    return _layout(fig, "Dimension scores")


def agent_radar(agent_scores: list[dict[str, Any]] | None) -> go.Figure | None:
    """One trace per agent over its sub-scores (E17 ``agent_scores[].scores``)."""
    if not agent_scores:
        return None
    fig = go.Figure()
    for index, agent in enumerate(agent_scores):
        scores = agent.get("scores") or {}
        if not scores:
            continue
        keys = list(scores)
        fig.add_trace(
            go.Scatterpolar(
                r=[scores[k] for k in keys] + [scores[keys[0]]],
                theta=[formatters.label(k) for k in keys] + [formatters.label(keys[0])],
                name=formatters.agent(agent.get("agent_name")),
                line_color=PALETTE[index % len(PALETTE)],
                fill="toself",
                opacity=0.6,
            )
        )
    if not fig.data:
        return None
    fig.update_layout(polar={"radialaxis": {"range": [0, 10]}})
    _layout(fig, "Agent sub-scores", height=420)
    fig.update_layout(showlegend=True)
    return fig


@dataclass(frozen=True)
class CountTable:
    """Rows of ``{label_column: name, count_column: n}``, drawn with the count as a bar from 0 to ``maximum``."""

    title: str
    label_column: str
    count_column: str
    rows: list[dict[str, Any]]

    @property
    def maximum(self) -> int:
        return max((int(r[self.count_column]) for r in self.rows), default=0)


def score_distribution(statistics: dict[str, Any] | None) -> CountTable | None:
    """Teams per score band (E16 ``statistics.score_distribution``), lowest band first."""
    buckets = (statistics or {}).get("score_distribution") or {}
    if not buckets:
        return None
    order = ["0-59", "60-69", "70-79", "80-89", "90-100"]
    names = [b for b in order if b in buckets] + [b for b in buckets if b not in order]
    rows = [{"Score band": name, "Teams": int(buckets[name])} for name in names]
    return CountTable("Score distribution", "Score band", "Teams", rows)


def technology_usage(most_used: list[Any] | None) -> CountTable | None:
    """Teams per technology (E19 ``technology_trends.most_used``: a list of ``[name, count]`` pairs)."""
    pairs = [(str(p[0]), int(p[1])) for p in most_used or [] if isinstance(p, list | tuple) and len(p) == 2]
    if not pairs:
        return None
    rows = [{"Technology": name, "Teams": count} for name, count in pairs]
    return CountTable("Most used technologies", "Technology", "Teams", rows)


def workload(distribution: dict[str, Any] | None) -> go.Figure | None:
    """Share of work per contributor (E17 ``team_dynamics.workload_distribution``)."""
    if not distribution:
        return None
    fig = go.Figure(go.Pie(labels=list(distribution), values=list(distribution.values()), hole=0.45))
    _layout(fig, "Workload distribution", height=300)
    fig.update_layout(showlegend=True)
    return fig


def candidates_by_role(hiring: dict[str, Any] | None) -> CountTable | None:
    """Candidates per role (E19 ``hiring_intelligence.*_candidates``)."""
    roles = {
        "Backend": "backend_candidates",
        "Frontend": "frontend_candidates",
        "DevOps": "devops_candidates",
        "Full stack": "full_stack_candidates",
    }
    counts = {name: len((hiring or {}).get(field) or []) for name, field in roles.items()}
    if not any(counts.values()):
        return None
    rows = [{"Role": name, "Candidates": count} for name, count in counts.items()]
    return CountTable("Candidates by role", "Role", "Candidates", rows)
