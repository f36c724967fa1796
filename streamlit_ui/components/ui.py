"""Small layout helpers shared by the pages: error boxes with Retry, the hackathon picker, the sidebar."""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import streamlit as st

from components import auth, formatters, hackathon_truth, tables
from components import budget as budgets
from components.api_client import ApiError, InvalidApiKeyError

if TYPE_CHECKING:  # charts imports Plotly, which only the pages that draw it should load
    from components.charts import CountTable

SELECTED_HACKATHON = "vj_selected_hackathon"
ACTIVE_STATUSES = ("configured", "analyzing", "completed")
AGENTS_BLURB = {
    "BugHunter": "code quality, security and testing",
    "PerformanceAnalyzer": "architecture, scalability and API design",
    "InnovationScorer": "novelty, creativity and documentation",
    "AIDetection": "authentic development and AI usage",
}


def table(
    rows: Sequence[Mapping[str, Any]],
    *,
    links: Mapping[str, Callable[[Any], str]] | None = None,
    bar: tuple[str, float] | None = None,
) -> None:
    """``rows`` as a static Markdown table up to ``tables.STATIC_MAX_ROWS`` rows, else as the interactive grid;
    nothing for no rows (the pages say what is missing). See ``components.tables``.

    ``links`` maps a column of URLs to how it shows as a link (``tables.link``, ``tables.repository_link``);
    ``bar`` is ``(count_column, maximum)``: each count also drawn as a bar from 0 to ``maximum``.
    """
    if not rows:
        return
    links = links or {}
    if len(rows) <= tables.STATIC_MAX_ROWS:
        shown = [{**row, **{name: show(row.get(name)) for name, show in links.items()}} for row in rows]
        markdown = list(links)
        if bar is not None:
            shown = tables.count_rows(shown, *bar)
            markdown.append(tables.BAR_COLUMN)
        st.markdown(tables.markdown_table(shown, markdown=markdown))
        return
    config: dict[str, Any] = {name: st.column_config.LinkColumn(name) for name in links}
    if bar is not None:
        column, maximum = bar
        config[column] = st.column_config.ProgressColumn(column, format="%d", min_value=0, max_value=maximum)
    st.dataframe(list(rows), column_config=config, hide_index=True, width="stretch")


def count_table(counts: CountTable) -> None:
    """A ``CountTable`` under its title, each count also drawn as a bar."""
    st.markdown(f"**{counts.title}**")
    table(counts.rows, bar=(counts.count_column, max(1, counts.maximum)))


def lazy_tabs(tabs: Mapping[str, Callable[[], None]], *, key: str) -> None:
    """Tabs of which only the open one runs its function and is sent to the browser.

    ``st.tabs`` otherwise runs and draws every tab's content on each load; here a tab switch reruns the page
    (the pages' reads are cached: a switch costs no API call).
    """
    containers = st.tabs(list(tabs), key=key, on_change="rerun")
    for container, draw in zip(containers, tabs.values(), strict=True):
        if container.open:
            with container:
                draw()


def show_error(err: ApiError, *, key: str, retry: bool = True) -> None:
    """One sentence in an error box; a Retry button when trying again can help."""
    if isinstance(err, InvalidApiKeyError):
        auth.handle_invalid_key(err)
        st.error(f"{err} Open the Sign in page to continue.")
        return
    st.error(str(err))
    if retry and err.retryable and st.button("Retry", key=f"retry_{key}"):
        auth.invalidate_cache()
        st.rerun()


def pick_hackathon(
    hackathons: list[dict[str, Any]],
    *,
    statuses: tuple[str, ...] | None,
    label: str = "Hackathon",
    prefer: Callable[[dict[str, Any]], bool] | None = None,
) -> dict[str, Any] | None:
    """A selectbox over the given hackathons (newest first) showing their status.

    It opens on the hackathon the organizer last chose on any page; without one, on the newest for which
    ``prefer`` is true (e.g. "has results"), else on the newest. Only an explicit choice is remembered, so a
    page's own default does not become another page's.
    """
    choices = [h for h in hackathons if statuses is None or h.get("status") in statuses]
    if not choices:
        return None
    choices = sorted(choices, key=lambda h: str(h.get("hack_id")), reverse=True)
    ids = [h["hack_id"] for h in choices]
    by_id = {h["hack_id"]: h for h in choices}
    current = st.session_state.get(SELECTED_HACKATHON)
    if current in ids:
        default = current
    else:
        default = next((h["hack_id"] for h in choices if prefer is not None and prefer(h)), ids[0])
    chosen = st.selectbox(
        label,
        ids,
        index=ids.index(default),
        format_func=lambda hack_id: f"{by_id[hack_id]['name']} ({formatters.status(by_id[hack_id].get('status'))})",
    )
    if chosen != default:
        st.session_state[SELECTED_HACKATHON] = chosen
    return by_id[chosen]


def require_hackathon(
    *,
    statuses: tuple[str, ...] | None,
    error_key: str,
    empty_message: str,
    prefer: Callable[[dict[str, Any]], bool] | None = None,
    before_stop: Callable[[], None] | None = None,
) -> dict[str, Any]:
    """The hackathon a page works on, with its true status (``hackathon_truth``): archived ones are offered only
    where ``statuses`` allows them. A failure to load shows its sentence (with Retry) and ``empty_message`` says
    why there is nothing to choose; either stops the page, after ``before_stop`` (e.g. a retry timer)."""
    try:
        hackathons = hackathon_truth.hackathons()
    except ApiError as err:
        show_error(err, key=error_key)
        if before_stop is not None:
            before_stop()
        st.stop()
    hackathon = pick_hackathon(hackathons, statuses=statuses, prefer=prefer)
    if hackathon is None:
        st.info(empty_message)
        if before_stop is not None:
            before_stop()
        st.stop()
    return hackathon


def sidebar() -> None:
    with st.sidebar:
        st.markdown("### ⚖️ VibeJudge AI")
        if auth.is_signed_in():
            st.success("Signed in", icon="🔐")
            st.caption(f"API: {auth.base_url()}")
            signed_in_client = auth.client()
            scope = signed_in_client.budget_scope if signed_in_client is not None else None
            known = budgets.REGISTRY.latest(scope) if scope else None
            if known is not None and known.describe():
                st.caption(f"API quota: {known.describe()}", help=budgets.SIDEBAR_HELP)
            if os.environ.get(auth.AUTOLOGIN_ENV):
                st.caption(f"Local development: {auth.AUTOLOGIN_ENV} is set.")
            if st.button("Log out", key="logout", width="stretch"):
                auth.logout()
                st.rerun()
        else:
            st.info("Not signed in", icon="🔒")
