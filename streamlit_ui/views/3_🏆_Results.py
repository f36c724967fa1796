"""Results: leaderboard with search, sort, paging and CSV download; a scorecard view per submission.

Rank comes from the leaderboard and recommendation from the score (``components.results`` says why)."""

from __future__ import annotations

import math

import streamlit as st

from components import auth, charts, data, formatters, results, ui
from components.api_client import ApiError

PAGE_SIZE = 50
DETAIL = "vj_results_detail"
PAGE = "vj_results_page"
SCORECARD_TAB = "results_scorecard_tab"
SORTS = {
    "Score (high to low)": lambda rows: sorted(
        rows, key=lambda r: (-(r.get("overall_score") or 0), r.get("rank") or 0)
    ),
    "Team name (A to Z)": lambda rows: sorted(rows, key=lambda r: str(r.get("team_name", "")).lower()),
    "Submitted (newest first)": lambda rows: sorted(rows, key=lambda r: r.get("created_at") or "", reverse=True),
}

auth.require_sign_in()
st.title("🏆 Results")


def reset_page() -> None:
    st.session_state[PAGE] = 0


def show_scorecard(detail: dict) -> None:
    if st.button("← Back to the leaderboard"):
        st.session_state[DETAIL] = None
        st.rerun()
    try:
        card = data.scorecard(detail["sub_id"])
    except ApiError as err:
        ui.show_error(err, key="scorecard")
        return
    st.header(card.get("team_name", "Team"))
    st.caption(card.get("repo_url", ""))

    def overview() -> None:
        cols = st.columns(3)
        cols[0].metric("Overall score", formatters.score(card.get("overall_score")))
        # The API stores no rank (the scorecard's is always null): the leaderboard's is the real one.
        cols[1].metric("Rank", f"{detail['rank']} of {detail['of']}" if detail.get("rank") else formatters.DASH)
        cols[2].metric("Analysis cost", formatters.usd(card.get("total_cost_usd"), 4))
        # Text, not a metric: a metric cuts a long value off with an ellipsis.
        st.markdown(f"**Recommendation:** {formatters.recommendation(card.get('recommendation'))}")
        weighted = card.get("weighted_scores") or {}
        if weighted:
            ui.table(
                [
                    {
                        "Dimension": name,
                        "Raw (0–10)": formatters.score(v.get("raw")),
                        "Weight": f"{float(v.get('weight') or 0) * 100:.0f}%",
                        "Weighted": formatters.score(v.get("weighted"), 2),
                    }
                    for name, v in weighted.items()
                ]
            )
            st.plotly_chart(charts.dimension_scores(weighted), width="stretch")
        else:
            st.info("Dimension scores are not available yet: this submission has not been analyzed.")
        for title, items in (("Strengths", card.get("strengths")), ("Weaknesses", card.get("weaknesses"))):
            if items:
                st.markdown(f"**{title}**\n" + "\n".join(f"- {i}" for i in items))
        with st.expander("Advanced"):
            st.write(
                f"Tokens: {card.get('total_tokens') or formatters.DASH} · Analyzed: {formatters.timestamp(card.get('analyzed_at'))}"
                f" · Duration: {formatters.duration_ms(card.get('analysis_duration_ms'))}"
            )

    def agents() -> None:
        agent_scores = card.get("agent_scores") or []
        if not agent_scores:
            st.info("Agent findings are not available yet.")
        radar = charts.agent_radar(agent_scores)
        if radar is not None:
            st.plotly_chart(radar, width="stretch")
        for agent in agent_scores:
            with st.container(border=True):
                st.markdown(
                    f"**{formatters.agent(agent.get('agent_name'))}**: {formatters.score(agent.get('overall_score'))}/10 "
                    f"· confidence {formatters.percent(agent.get('confidence'))}"
                )
                st.write(agent.get("summary") or "")
                findings = (agent.get("evidence") or [])[:5]
                for item in findings:
                    where = item.get("file") or item.get("source") or ""
                    tag = item.get("severity") or item.get("impact") or item.get("signal") or ""
                    st.markdown(f"- {item.get('finding', '')} `{where}` {f'({tag})' if tag else ''}")

    def repository() -> None:
        meta = card.get("repo_meta")
        if not meta:
            st.info("Repository details are not available yet.")
        else:
            cols = st.columns(5)
            cols[0].metric("Language", meta.get("primary_language") or formatters.DASH)
            cols[1].metric("Commits", meta.get("commit_count", 0))
            cols[2].metric("Contributors", meta.get("contributor_count", 0))
            cols[3].metric("Tests", "yes" if meta.get("has_tests") else "no")
            cols[4].metric("CI", "yes" if meta.get("has_ci") else "no")
            with st.expander("Advanced"):
                st.write(
                    f"Branches {meta.get('branch_count', 0)} · files {meta.get('total_files', 0)} · lines "
                    f"{meta.get('total_lines', 0)} · README {'yes' if meta.get('has_readme') else 'no'} · Dockerfile "
                    f"{'yes' if meta.get('has_dockerfile') else 'no'} · {meta.get('development_duration_hours', 0)} h of "
                    f"development · {meta.get('workflow_run_count', 0)} workflow runs, "
                    f"{formatters.percent(meta.get('workflow_success_rate'))} successful"
                )
                st.write(
                    f"First commit {formatters.timestamp(meta.get('first_commit_at'))}, last {formatters.timestamp(meta.get('last_commit_at'))}"
                )
                st.json(meta.get("languages") or {})

    def team_and_feedback() -> None:
        team = card.get("team_dynamics")
        strategy = card.get("strategy_analysis")
        if not team and not strategy:
            st.info("Team analysis is not available yet.")
        if team:
            cols = st.columns(3)
            cols[0].metric("Team grade", team.get("team_dynamics_grade") or formatters.DASH)
            cols[1].metric("Commit message quality", formatters.percent(team.get("commit_message_quality")))
            cols[2].metric("Panic push", "yes" if team.get("panic_push_detected") else "no")
            pie = charts.workload(team.get("workload_distribution"))
            if pie is not None:
                st.plotly_chart(pie, width="stretch")
            for flag in team.get("red_flags") or []:
                st.warning(
                    f"{formatters.label(flag.get('flag_type'))} ({flag.get('severity')}): {flag.get('description')}"
                )
            people = (team.get("individual_scorecards") or [])[:10]
            if people:
                ui.table(
                    [
                        {
                            "Contributor": p.get("contributor_name"),
                            "Role": formatters.label(p.get("role")),
                            "Commits": p.get("commit_count"),
                            "Seniority": (p.get("hiring_signals") or {}).get("seniority_level"),
                            "Recommended role": (p.get("hiring_signals") or {}).get("recommended_role"),
                        }
                        for p in people
                    ]
                )
        if strategy:
            st.markdown(
                f"**Strategy:** tests {formatters.label(strategy.get('test_strategy'))} · maturity "
                f"{formatters.label(strategy.get('maturity_level'))}"
            )
            st.write(strategy.get("strategic_context") or "")
        feedback = sorted(card.get("actionable_feedback") or [], key=lambda f: f.get("priority", 5))[:5]
        for item in feedback:
            priority = int(item.get("priority") or 5)
            box = st.error if priority <= 2 else st.warning if priority == 3 else st.info
            box(f"Priority {priority}: {item.get('finding', '')}. {item.get('business_impact', '')}")
            example = item.get("code_example")
            effort = item.get("effort_estimate") or {}
            if isinstance(example, dict) and example.get("fixed_code"):
                with st.expander(f"How to fix ({effort.get('minutes', '?')} min, {effort.get('difficulty', 'n/a')})"):
                    if example.get("vulnerable_code"):
                        st.code(example["vulnerable_code"], language=None)
                    st.code(example["fixed_code"], language=None)
                    st.write(example.get("explanation") or "")

    # Only the open tab runs and is drawn: the other tabs' Plotly charts wait until they are opened.
    ui.lazy_tabs(
        {"Overview": overview, "Agents": agents, "Repository": repository, "Team": team_and_feedback},
        key=SCORECARD_TAB,
    )


hackathon = ui.require_hackathon(
    statuses=ui.ACTIVE_STATUSES,
    error_key="results_list",
    empty_message="No hackathon has results to show: drafts and archived hackathons are not listed.",
    prefer=results.has_results,
)
hack_id = hackathon["hack_id"]

detail = st.session_state.get(DETAIL)
if detail and detail.get("hack_id") == hack_id:
    show_scorecard(detail)
    st.stop()

try:
    board = data.leaderboard(hack_id)
except ApiError as err:
    ui.show_error(err, key="leaderboard")
    st.stop()
if board is None:
    st.info("No scored submissions yet: results appear here once an analysis has completed.")
    st.stop()

summary = board.get("hackathon") or {}
stats = board.get("statistics") or {}
cols = st.columns(4)
cols[0].metric("Submissions", summary.get("submission_count", 0))
cols[1].metric("Analyzed", summary.get("analyzed_count", 0))
cols[2].metric("Mean score", formatters.score(stats.get("mean_score")))
cols[3].metric("Highest", formatters.score(stats.get("highest_score")))

rows = results.leaderboard_rows(board)
ranked = len(rows)

search_col, sort_col = st.columns([2, 1])
query = search_col.text_input("Search teams", key="results_search", on_change=reset_page)
sort = sort_col.selectbox("Sort by", list(SORTS), key="results_sort", on_change=reset_page)
if sort == "Submitted (newest first)":
    # Leaderboard entries carry no date: only this sort needs the submission list (one more call).
    try:
        created = {s["sub_id"]: s.get("created_at") for s in data.submissions(hack_id)}
    except ApiError as err:
        st.warning(f"Cannot sort by submission date: {err}")
        created = {}
    for row in rows:
        row["created_at"] = created.get(row.get("sub_id"))
if query.strip():
    rows = [r for r in rows if query.strip().lower() in str(r.get("team_name", "")).lower()]
rows = SORTS[sort](rows)

pages = max(1, math.ceil(len(rows) / PAGE_SIZE))
page = min(st.session_state.get(PAGE, 0), pages - 1)
nav = st.columns([1, 1, 2, 1, 1])
if nav[0].button("⏮ First", disabled=page == 0):
    page = 0
if nav[1].button("◀ Prev", disabled=page == 0):
    page -= 1
if nav[3].button("Next ▶", disabled=page >= pages - 1):
    page += 1
if nav[4].button("Last ⏭", disabled=page >= pages - 1):
    page = pages - 1
page = max(0, min(page, pages - 1))
st.session_state[PAGE] = page
nav[2].markdown(f"Page **{page + 1}** of **{pages}** · {len(rows)} team(s)")

visible = rows[page * PAGE_SIZE : (page + 1) * PAGE_SIZE]
if not visible:
    st.info(f"No team name contains '{query.strip()}'.")
else:
    ui.table(
        [
            {
                "Rank": r.get("rank"),
                "Team": r.get("team_name"),
                "Score": formatters.score(r.get("overall_score")),
                "Recommendation": formatters.recommendation(r.get("recommendation")),
            }
            for r in visible
        ]
    )
    st.caption(
        "Rank: position by score on this leaderboard. Recommendation: what the team's score gives by the API's "
        "thresholds, the same as on its scorecard (the leaderboard route itself sends a placeholder)."
    )
    by_id = {r["sub_id"]: r for r in visible}
    pick, go = st.columns([3, 1])
    chosen = pick.selectbox(
        "Team", list(by_id), format_func=lambda sub_id: by_id[sub_id]["team_name"], key=f"results_team_{hack_id}"
    )
    if go.button("View details", type="primary"):
        st.session_state.pop(SCORECARD_TAB, None)  # a new scorecard opens on its Overview
        st.session_state[DETAIL] = {
            "hack_id": hack_id,
            "sub_id": chosen,
            "rank": by_id[chosen].get("rank"),
            "of": ranked,
        }
        st.rerun()

st.download_button(
    "Download leaderboard (CSV)",
    formatters.leaderboard_csv(rows),
    file_name=f"leaderboard-{hack_id}.csv",
    mime="text/csv",
)

distribution = charts.score_distribution(stats)
if distribution is not None:
    ui.count_table(distribution)
