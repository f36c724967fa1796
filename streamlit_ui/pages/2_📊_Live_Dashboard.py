"""Live Dashboard: stats, submissions and analysis progress, refreshed automatically; estimate and start analyses."""

from __future__ import annotations

import os

import streamlit as st
from streamlit_autorefresh import st_autorefresh

from components import auth, data, formatters, ui
from components.api_client import ApiError

REFRESH_ENV = "DASHBOARD_REFRESH_SECONDS"
REFRESH_CHOICES = (5, 10, 30, 60)
CONFIRM = "vj_live_confirm"
STARTED = "vj_live_started"

client = auth.require_sign_in()
st.title("📊 Live Dashboard")


def default_refresh_seconds() -> int:
    raw = os.environ.get(REFRESH_ENV, "").strip()
    if not raw:
        return 5
    if raw.isdigit() and int(raw) in REFRESH_CHOICES:
        return int(raw)
    st.warning(f"{REFRESH_ENV} '{raw}' is not one of {', '.join(map(str, REFRESH_CHOICES))}; refreshing every 5 s.")
    return 5


hackathon = ui.require_hackathon(
    statuses=ui.ACTIVE_STATUSES,
    error_key="live_list",
    empty_message=(
        "No hackathon to monitor: drafts and archived hackathons are not shown. Create a hackathon and activate "
        "it on the Manage Hackathons page."
    ),
)
hack_id = hackathon["hack_id"]

confirm = st.session_state.get(CONFIRM)
if confirm and confirm.get("hack_id") != hack_id:
    confirm = st.session_state[CONFIRM] = None

control, interval_col = st.columns([1, 1])
auto = control.toggle("Auto-refresh", value=True, key="live_auto", help="Paused while a confirmation is open.")
seconds = interval_col.selectbox(
    "Every",
    REFRESH_CHOICES,
    index=REFRESH_CHOICES.index(default_refresh_seconds()),
    format_func=lambda s: f"{s} s",
    key="live_interval",
)
if auto and not confirm:
    st_autorefresh(interval=seconds * 1000, key="live_refresh")

# --- stat cards ---------------------------------------------------------------------------------------
try:
    stats = data.stats(hack_id)
except ApiError as err:
    ui.show_error(err, key="live_stats")
else:
    cols = st.columns(4)
    cols[0].metric("Submissions", stats.get("submission_count", 0))
    cols[1].metric("Verified", stats.get("verified_count", 0))
    cols[2].metric("Pending", stats.get("pending_count", 0))
    cols[3].metric("Participants", stats.get("participant_count", 0))

# --- analysis progress --------------------------------------------------------------------------------
st.subheader("Analysis")
started = st.session_state.get(STARTED)
if started and started.get("hack_id") == hack_id:
    st.success(
        f"Analysis job `{started['job_id']}` queued for {started['total']} submission(s), "
        f"estimated cost {formatters.usd(started['cost'], 4)}."
    )
job_active = False
try:
    job = data.analysis_status(hack_id)
except ApiError as err:
    ui.show_error(err, key="live_status")
else:
    if job is None:
        st.caption("No analysis has run for this hackathon yet.")
    else:
        progress = job.get("progress") or {}
        total = progress.get("total_submissions", 0)
        done = progress.get("completed", 0)
        failed = progress.get("failed", 0)
        status = job.get("status")
        job_active = status in ("queued", "running")
        if job_active:
            st.progress(
                min(1.0, float(progress.get("percent_complete") or 0) / 100), text=f"Job `{job['job_id']}`: {status}"
            )
            current = job.get("current_submission") or {}
            if current.get("team_name"):
                st.caption(f"Now analyzing: {current['team_name']}")
        elif status == "completed":
            st.success(
                f"The last analysis (job `{job['job_id']}`) completed at {formatters.timestamp(job.get('estimated_completion'))}."
            )
        else:
            st.warning(f"The last analysis (job `{job['job_id']}`) ended with status {status}.")
        cols = st.columns(4)
        cols[0].metric("Completed", done)
        cols[1].metric("Failed", failed)
        cols[2].metric("Remaining", progress.get("remaining", 0))
        cols[3].metric("Total", total)
        if job.get("cost_so_far"):
            st.caption(f"Cost so far: {job['cost_so_far']}")
        for problem in job.get("errors") or []:
            # A team's repository failing is news about that team, not a dashboard error.
            st.warning(f"{problem.get('team_name', 'A submission')} failed: {problem.get('error', 'no reason given')}")

# --- submissions --------------------------------------------------------------------------------------
try:
    submissions = data.submissions(hack_id)
except ApiError as err:
    ui.show_error(err, key="live_subs")
    st.stop()

pending = [s for s in submissions if s.get("status") == "pending"]


def ask_estimate(kind: str, sub: dict | None = None) -> None:
    try:
        estimate = client.estimate(hack_id)
    except ApiError as err:
        st.session_state[CONFIRM] = {"hack_id": hack_id, "error": str(err)}
    else:
        st.session_state[CONFIRM] = {"hack_id": hack_id, "kind": kind, "estimate": estimate, "sub": sub}
    st.rerun()


busy = bool(confirm) or job_active
if job_active and pending:
    st.caption("New analyses can start when the running job has finished.")
actions = st.columns([1, 2, 1])
if actions[0].button(f"Analyze all pending ({len(pending)})", disabled=not pending or busy, type="primary"):
    ask_estimate("all")
if pending:
    by_id = {s["sub_id"]: s for s in pending}
    chosen = actions[1].selectbox(
        "Pending submission",
        list(by_id),
        format_func=lambda sub_id: by_id[sub_id]["team_name"],
        label_visibility="collapsed",
    )
    if actions[2].button("Analyze this team", disabled=busy):
        ask_estimate("one", by_id[chosen])

if confirm:
    with st.container(border=True):
        if confirm.get("error"):
            st.error(confirm["error"])
            if st.button("Close", key="confirm_close"):
                st.session_state[CONFIRM] = None
                st.rerun()
        else:
            estimate = confirm["estimate"].get("estimate") or {}
            if confirm["kind"] == "all":
                cost = estimate.get("total_cost_usd") or {}
                count = confirm["estimate"].get("submission_count", len(pending))
                st.markdown(f"**Analyze {count} pending submission(s)?**")
            else:
                cost = estimate.get("per_submission_cost_usd") or {}
                st.markdown(f"**Analyze {confirm['sub']['team_name']}?**")
            st.markdown(
                f"Estimated cost **{formatters.usd(cost.get('expected'), 4)}** "
                f"(between {formatters.usd(cost.get('low'), 4)} and {formatters.usd(cost.get('high'), 4)})."
            )
            budget = confirm["estimate"].get("budget_check")
            if budget:
                verdict = "within" if budget.get("within_budget") else "**over**"
                st.caption(
                    f"Budget {formatters.usd(budget.get('budget_limit_usd'))}: this is {verdict} budget "
                    f"({budget.get('budget_utilization_pct', 0):.1f}% of it)."
                )
            yes, no = st.columns(2)
            if yes.button("Start analysis", type="primary", key="confirm_start"):
                ids = None if confirm["kind"] == "all" else [confirm["sub"]["sub_id"]]
                st.session_state[CONFIRM] = None
                try:
                    job = client.start_analysis(hack_id, ids)
                except ApiError as err:
                    st.session_state[CONFIRM] = {"hack_id": hack_id, "error": str(err)}
                else:
                    st.session_state[STARTED] = {
                        "hack_id": hack_id,
                        "job_id": job.get("job_id"),
                        "total": job.get("total_submissions"),
                        "cost": job.get("estimated_cost_usd"),
                    }
                    auth.invalidate_cache()
                st.rerun()
            if no.button("Cancel", key="confirm_cancel"):
                st.session_state[CONFIRM] = None
                st.rerun()

st.subheader(f"Submissions ({len(submissions)})")
if not submissions:
    st.info("No submissions yet. Add them on the Manage Hackathons page or share the public submission form.")
else:
    st.dataframe(
        [
            {
                "Team": s.get("team_name"),
                "Repository": s.get("repo_url"),
                "Status": formatters.status(s.get("status")),
                "Score": formatters.score(s.get("overall_score")),
                "Rank": s.get("rank") or formatters.DASH,
                "Cost": formatters.usd(s.get("total_cost_usd"), 4),
                "Submitted": formatters.timestamp(s.get("created_at")),
            }
            for s in submissions
        ],
        column_config={"Repository": st.column_config.LinkColumn("Repository")},
        hide_index=True,
        width="stretch",
    )
    for s in submissions:
        if s.get("status") == "failed":
            with st.expander(f"❌ {s.get('team_name')}: analysis failed"):
                st.write(s.get("error_message") or "No reason given by the API.")
        elif s.get("status") == "disqualified":
            with st.expander(f"🚫 {s.get('team_name')}: disqualified"):
                st.write(s.get("disqualification_reason") or "No reason given by the API.")
