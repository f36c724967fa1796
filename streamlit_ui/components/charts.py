"""Plotly figures for the Results and Intelligence pages. Each takes API data and returns a figure (or None)."""

from __future__ import annotations

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


def score_distribution(statistics: dict[str, Any] | None) -> go.Figure | None:
    """Teams per score band (E16 ``statistics.score_distribution``)."""
    buckets = (statistics or {}).get("score_distribution") or {}
    if not buckets:
        return None
    order = ["0-59", "60-69", "70-79", "80-89", "90-100"]
    names = [b for b in order if b in buckets] + [b for b in buckets if b not in order]
    fig = go.Figure(go.Bar(x=names, y=[buckets[n] for n in names], marker_color=PALETTE[0]))
    fig.update_yaxes(title="teams")
    return _layout(fig, "Score distribution", height=280)


def technology_usage(most_used: list[Any] | None) -> go.Figure | None:
    """Teams per technology (E19 ``technology_trends.most_used``: a list of ``[name, count]`` pairs)."""
    pairs = [(str(p[0]), int(p[1])) for p in most_used or [] if isinstance(p, list | tuple) and len(p) == 2]
    if not pairs:
        return None
    fig = go.Figure(go.Bar(x=[p[0] for p in pairs], y=[p[1] for p in pairs], marker_color=PALETTE[1]))
    fig.update_yaxes(title="teams")
    return _layout(fig, "Most used technologies")


def workload(distribution: dict[str, Any] | None) -> go.Figure | None:
    """Share of work per contributor (E17 ``team_dynamics.workload_distribution``)."""
    if not distribution:
        return None
    fig = go.Figure(go.Pie(labels=list(distribution), values=list(distribution.values()), hole=0.45))
    _layout(fig, "Workload distribution", height=300)
    fig.update_layout(showlegend=True)
    return fig


def candidates_by_role(hiring: dict[str, Any] | None) -> go.Figure | None:
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
    fig = go.Figure(go.Bar(x=list(counts), y=list(counts.values()), marker_color=PALETTE[2]))
    fig.update_yaxes(title="candidates")
    return _layout(fig, "Candidates by role", height=280)
