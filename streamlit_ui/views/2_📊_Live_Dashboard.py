"""Live Dashboard: stats, analysis progress and submissions, refreshed by a fragment; estimate and start analyses.

Layout only: when and what to refresh is ``components.live``; the budget is ``components.budget``.

Order matters. The page first asks for the hackathon list (cached; a failure is caught, not fatal) and plans
its schedule; a run that stops before the ticker (the list failed, or nothing to watch) registers the keeper
fragment first, so that a page stopped by an API failure still re-runs itself on schedule. Below the picker, the ticker
fragment refreshes on its own timer and draws only the schedule line and the problem box; the data view under it
is redrawn by a full run of the page, which the ticker asks for only when a refresh changed what the view shows.
Interval changes (budget, backoff, pause) also take one full run, because Streamlit registers a fragment's
``run_every`` only when the page calls it.
"""

from __future__ import annotations

import contextlib
import uuid
from typing import Any

import streamlit as st

from components import auth, data, formatters, live, tables, ui
from components import budget as budgets
from components import clock as clocks
from components.api_client import ApiError, BudgetExceededError, InvalidApiKeyError
from components.shared_reads import READS

STATE = "vj_live_state"
CONFIRM = "vj_live_confirm"

client = auth.require_sign_in()
st.title("📊 Live Dashboard")

state: live.LiveState = st.session_state.get(STATE) or live.LiveState(jitter=live.session_jitter(uuid.uuid4().hex))
st.session_state[STATE] = state
state.full_run += 1
run_id = state.full_run

default_seconds, refresh_problem = live.refresh_choice_from_env()
if refresh_problem:
    st.warning(refresh_problem)
if clocks.problem():
    st.warning(clocks.problem())

confirm: dict[str, Any] | None = st.session_state.get(CONFIRM)
control, interval_col = st.columns([1, 1])
auto = control.toggle("Auto-refresh", value=True, key="live_auto", help="Paused while a confirmation is open.")
chosen = interval_col.selectbox(
    "Every",
    live.REFRESH_CHOICES,
    index=live.REFRESH_CHOICES.index(default_seconds),
    format_func=lambda s: f"{s} s",
    key="live_interval",
    help="The quota of your API key may stretch it; the line below says what is used and why.",
)

# 1. The hackathon list: cached, so usually no call. A failure is caught here, not fatal: with a hackathon already
# on screen the panel goes on (with what it last fetched, and its own retries); without one the page stops below,
# after the schedule is set up.
list_error: ApiError | None = None
try:
    with client.fail_fast() if state.failures else contextlib.nullcontext():
        data.hackathons()
except ApiError as err:
    list_error = err
fallback = (
    state.hack_id
    if list_error is not None and not isinstance(list_error, InvalidApiKeyError) and state.hack_id in state.snapshots
    else None
)
if list_error is not None and fallback is None and not isinstance(list_error, InvalidApiKeyError):
    state.note_failure(list_error, clocks.now())


def current_plan(hack_id: str | None) -> live.Plan:
    return live.plan(
        chosen_seconds=chosen,
        budget=budgets.REGISTRY.latest(client.budget_scope) if client.budget_scope else None,
        now=clocks.now(),
        calls_per_refresh=state.estimated_calls(hack_id),
        failures=state.failures,
        failure_spent_quota=state.failure_spent_quota,
        auto=auto,
        paused_reason="Auto-refresh is paused while the confirmation is open." if confirm else None,
    )


# 2. The schedule. One timer runs at a time: the ticker's below while the page is complete; the keeper's only when
# this run stops before the ticker (the list failed, or there is nothing to watch), registered right before it stops.
page_plan = current_plan(state.hack_id)
panel_interval = state.with_jitter(page_plan.interval_seconds)


@st.fragment(run_every=live.clock_interval_to_real(state.keeper_interval(panel_interval)))
def keeper() -> None:
    """Re-runs the page on schedule after a full run that stopped before the ticker."""
    if state.keeper_seen != state.full_run:  # the pass inside the full run itself
        state.keeper_seen = state.full_run
        return
    st.rerun()


if list_error is not None and fallback is None:
    ui.show_error(list_error, key="live_list")
    if state.failures and page_plan.interval_seconds:
        st.caption(f"The page tries again by itself every {live.duration(page_plan.interval_seconds)}.")
    keeper()
    st.stop()

# 3. What can stop the page.
if fallback is not None:
    hack_id = fallback
    st.caption("The hackathon list could not be loaded; the choice of hackathon comes back when the API answers.")
else:
    with client.fail_fast() if state.failures else contextlib.nullcontext():
        hackathon = ui.require_hackathon(
            statuses=ui.ACTIVE_STATUSES,
            error_key="live_list",
            empty_message=(
                "No hackathon to monitor: drafts and archived hackathons are not shown. Create a hackathon and "
                "activate it on the Manage Hackathons page."
            ),
            before_stop=keeper,
        )
    hack_id = hackathon["hack_id"]
if confirm and confirm.get("hack_id") != hack_id:
    confirm = st.session_state[CONFIRM] = None
    page_plan = current_plan(hack_id)
    panel_interval = state.with_jitter(page_plan.interval_seconds)


# --- rendering helpers --------------------------------------------------------------------------------------
def schedule_line(plan: live.Plan, snapshot: live.Snapshot | None) -> None:
    updated = f" Updated {snapshot.at.strftime('%H:%M:%S UTC')}." if snapshot and snapshot.at else ""
    interval = state.with_jitter(plan.interval_seconds)
    if plan.mode in ("chosen", "paced") and interval:
        st.caption(f"🔄 Refreshing every {live.duration(interval)} {plan.reason}.{updated}")
    elif plan.mode == "backoff":
        return  # the error box says it, with the interval
    elif plan.mode != "spent":
        st.caption(f"⏸️ {plan.reason}{updated}")


def stat_cards(snapshot: live.Snapshot) -> None:
    stats = snapshot.stats or {}
    subs = snapshot.submissions or []
    cols = st.columns(4)
    cols[0].metric("Submissions", stats.get("submission_count", len(subs)))
    cols[1].metric("Pending", stats.get("pending_count", 0))
    cols[2].metric("Scored", sum(1 for s in subs if s.get("status") == "completed"))
    cols[3].metric("Failed", sum(1 for s in subs if s.get("status") in ("failed", "timeout")))
    verified, participants = stats.get("verified_count"), stats.get("participant_count")
    if verified or participants:
        st.caption(
            f"The API also reports {verified or 0} verified submission(s) and {participants or 0} participant(s)."
        )
    else:
        st.caption(
            "Verified submissions and participants are not shown: the API's stats always report 0 for both "
            "(it never fills them). Scored and Failed are counted from the submission list."
        )


def analysis_section(snapshot: live.Snapshot, now: Any) -> live.JobView | None:
    st.subheader("Analysis")
    started = state.started if state.started and state.started.hack_id == hack_id else None
    view = state.job_view(hack_id, now)
    if started is not None:
        cost = formatters.usd(started.expected_cost_usd, 2)
        line = f"You started analysis job `{started.job_id}` for {started.total} submission(s), estimated at {cost}."
        if started.start_answer_cost_usd is not None:
            line += (
                f" The API's start answer quotes {formatters.usd(started.start_answer_cost_usd, 2)}: that is its own "
                "flat $0.053 per submission, used for its budget check, not a cost forecast."
            )
        st.success(line)
        if view is not None and view.source == "submissions":
            st.caption(
                "The API's status route reports only a hackathon's first analysis job, so this job's progress is "
                "counted from its submissions' statuses."
            )
    if snapshot.status_refusal is not None:
        st.warning(
            f"The API refuses the analysis routes of this hackathon: {snapshot.status_refusal}"
            f" {live.budget_explanation(snapshot.status_refusal)}"
        )
        return view
    if view is None:
        if snapshot.job_checked:
            st.caption("No analysis has run for this hackathon yet.")
        return None
    if view.stuck_for_seconds is not None:
        st.warning(
            f"Analysis job `{view.job_id}` has been queued since {view.queued_since:%Y-%m-%d %H:%M UTC} (more than "
            f"{live.duration(live.STUCK_AFTER_SECONDS)}) without starting (no start time, no submission analyzed): "
            "the analyzer most likely never received it. "
            "There is no way to cancel it, and while it stays queued the API refuses new analyses of this "
            "hackathon as 'already in progress'. Send the job id to the VibeJudge operators so they can clear it."
        )
    elif view.active:
        st.progress(min(1.0, view.percent / 100), text=f"Job `{view.job_id}`: {view.status}")
    elif view.status == "completed":
        finished = f" at {formatters.timestamp(view.finished_at)}" if view.finished_at else ""
        st.success(f"Analysis job `{view.job_id}` completed{finished}.")
    else:
        st.warning(f"Analysis job `{view.job_id}` ended with status {view.status}.")
    if started is None and view.source == "status" and not view.active:
        st.caption(
            "The API's status route always reports a hackathon's first analysis job; later analyses show in the "
            "submissions' statuses below."
        )
    cols = st.columns(4)
    cols[0].metric("Completed", view.completed)
    cols[1].metric("Failed", view.failed)
    cols[2].metric("Remaining", view.remaining)
    cols[3].metric("Total", view.total)
    for problem in view.errors:
        # A team's repository failing is news about that team, not a dashboard error.
        st.warning(f"{problem.get('team_name', 'A submission')} failed: {problem.get('error') or 'no reason given'}")
    return view


def ask_estimate(kind: str, sub: dict[str, Any] | None, pending: list[dict[str, Any]]) -> None:
    try:
        estimate = client.estimate(hack_id)
    except ApiError as err:
        st.session_state[CONFIRM] = {"hack_id": hack_id, "error": err}
    else:
        ids = [sub["sub_id"]] if sub else [s["sub_id"] for s in pending]
        st.session_state[CONFIRM] = {"hack_id": hack_id, "kind": kind, "estimate": estimate, "sub": sub, "ids": ids}
    st.rerun()  # a full run: the schedule pauses while the confirmation is open


def confirmation(confirm: dict[str, Any], pending: list[dict[str, Any]]) -> None:
    with st.container(border=True):
        if confirm.get("error") is not None:
            err = confirm["error"]
            st.error(str(err))
            if isinstance(err, BudgetExceededError) and live.budget_explanation(err):
                st.caption(live.budget_explanation(err))
            if st.button("Close", key="confirm_close"):
                st.session_state[CONFIRM] = None
                st.rerun()
            return
        estimate = confirm["estimate"]
        cost, budget_sentence, within = live.cost_check(estimate, one_team=confirm["kind"] == "one")
        if confirm["kind"] == "all":
            st.markdown(f"**Analyze {estimate.get('submission_count', len(pending))} pending submission(s)?**")
        else:
            st.markdown(f"**Analyze {confirm['sub']['team_name']}?**")
        st.markdown(
            f"Estimated cost **{formatters.usd(cost.get('expected'), 2)}** "
            f"(between {formatters.usd(cost.get('low'), 2)} and {formatters.usd(cost.get('high'), 2)})."
        )
        if within:
            st.caption(budget_sentence)
        else:
            st.error(budget_sentence)
        yes, no = st.columns(2)
        if yes.button("Start analysis", type="primary", key="confirm_start", disabled=not within):
            start(confirm, cost.get("expected"))
        if no.button("Cancel", key="confirm_cancel"):
            st.session_state[CONFIRM] = None
            st.rerun()


def start(confirm: dict[str, Any], expected_cost: Any) -> None:
    ids = None if confirm["kind"] == "all" else list(confirm["ids"])
    st.session_state[CONFIRM] = None
    try:
        answer = client.start_analysis(hack_id, ids)
    except ApiError as err:
        st.session_state[CONFIRM] = {"hack_id": hack_id, "error": err}
    else:
        state.note_started(
            hack_id,
            answer,
            list(confirm["ids"]),
            expected_cost if isinstance(expected_cost, int | float) else None,
            clocks.now(),
        )
        if client.budget_scope:
            READS.invalidate(client.budget_scope)
        auth.invalidate_cache()
    st.rerun()


def actions(snapshot: live.Snapshot, view: live.JobView | None) -> None:
    subs = snapshot.submissions or []
    pending = [s for s in subs if s.get("status") == "pending"]
    refused = snapshot.status_refusal is not None
    job_active = view is not None and view.active
    busy = bool(confirm) or job_active or refused
    if job_active and pending:
        st.caption("New analyses can start when the running job has finished.")
    cols = st.columns([1, 2, 1])
    if cols[0].button(f"Analyze all pending ({len(pending)})", disabled=not pending or busy, type="primary"):
        ask_estimate("all", None, pending)
    if pending:
        by_id = {s["sub_id"]: s for s in pending}
        chosen_sub = cols[1].selectbox(
            "Pending submission",
            list(by_id),
            format_func=lambda sub_id: by_id[sub_id]["team_name"],
            label_visibility="collapsed",
            key="live_pending_choice",
        )
        if cols[2].button("Analyze this team", disabled=busy):
            ask_estimate("one", by_id[chosen_sub], pending)
    if confirm:
        confirmation(confirm, pending)


def submissions_table(snapshot: live.Snapshot) -> None:
    subs = snapshot.submissions or []
    st.subheader(f"Submissions ({len(subs)})")
    if not subs:
        st.info("No submissions yet. Add them on the Manage Hackathons page or share the public submission form.")
        return
    ui.table(live.submissions_table(snapshot), links={"Repository": tables.repository_link})
    st.caption("Rank is the leaderboard's: by score, highest first (the submission list itself carries no rank).")
    for s in subs:
        if s.get("status") == "failed":
            with st.expander(f"❌ {s.get('team_name')}: analysis failed"):
                st.write(s.get("error_message") or "No reason given by the API.")
        elif s.get("status") == "disqualified":
            with st.expander(f"🚫 {s.get('team_name')}: disqualified"):
                st.write(s.get("disqualification_reason") or "No reason given by the API.")


def problem_box(plan: live.Plan, snapshot: live.Snapshot | None) -> None:
    """At most one box: the spent quota (with what to do), or the last refresh's failure and when it retries."""
    since = f" The figures below are from {snapshot.at.strftime('%H:%M:%S UTC')}." if snapshot and snapshot.at else ""
    if plan.mode == "spent" or state.quota_error is not None:
        b = budgets.REGISTRY.latest(client.budget_scope) if client.budget_scope else None
        st.warning(live.quota_spent_message(b, clocks.now(), since))
    elif state.error is not None:
        wait = state.with_jitter(plan.interval_seconds)
        again = f" The page tries again in {live.duration(wait)} by itself." if wait else ""
        st.warning(f"The last refresh failed: {live.without_retry_advice(str(state.error))}.{since}{again}")


# --- the ticker and the data view -------------------------------------------------------------------------------
# The ticker is the only part on the timer: it asks the API, then draws the schedule line and the problem box (two
# or three elements). The data view below it (stat cards, analysis, actions, table: some 30 elements) is drawn by
# full runs of the page and by its own widgets; a tick whose answers change what it shows re-runs the page once.
# Most ticks change nothing (an idle hackathon, a job between two submissions), so most cost the ticker alone.
@st.fragment(run_every=live.clock_interval_to_real(panel_interval))
def ticker(hack_id: str) -> None:
    refresh_now = st.button("Refresh now", key="live_refresh_now", help="Costs one to three requests of your quota.")
    now = clocks.now()
    timer_run = state.ticker_seen == state.full_run  # not the pass inside a full run of the page
    state.ticker_seen = state.full_run
    if timer_run and state.completed_run != state.full_run:
        st.rerun()  # the last full run of the page broke off after registering this timer: run it whole again
    state.hack_id = hack_id
    if refresh_now:
        state.force = True
    latest = budgets.REGISTRY.latest(client.budget_scope) if client.budget_scope else None
    usable = (
        latest.quota_remaining - (latest.reserve or 0)
        if latest and latest.quota_remaining is not None and latest.quota_limit is not None
        else None
    )
    spent = latest is not None and (latest.quota_spent or latest.quota_remaining == 0)
    keep_reserve = usable is not None and usable < 1 and not refresh_now
    if state.due(hack_id, now) and not spent and not keep_reserve:
        try:
            reads = live.SharedApiReads(client, max_age_seconds=0 if refresh_now else live.SHARED_READ_MAX_AGE_SECONDS)
            state.refresh(hack_id, reads, now)
        except InvalidApiKeyError as err:
            auth.handle_invalid_key(err)
            st.rerun()
        except ApiError as err:
            state.note_failure(err, now)
        else:
            state.note_success(now)
    plan = current_plan(hack_id)
    if state.needs_reschedule(state.with_jitter(plan.interval_seconds)):
        st.rerun()  # Streamlit takes a new run_every only from a full run of the page
    if timer_run and state.drawn_key != state.view_key(hack_id, now):
        st.rerun()  # what the data view shows changed: one full run draws it (and this line again)
    snapshot = state.snapshots.get(hack_id)
    schedule_line(plan, snapshot)
    problem_box(plan, snapshot)


@st.fragment
def data_view(hack_id: str) -> None:
    now = clocks.now()
    state.drawn_key = state.view_key(hack_id, now)
    snapshot = state.snapshots.get(hack_id)
    if snapshot is None or snapshot.stats is None:
        return
    stat_cards(snapshot)
    view = analysis_section(snapshot, now)
    actions(snapshot, view)
    submissions_table(snapshot)


state.registered_interval = panel_interval
ticker(hack_id)
data_view(hack_id)
state.completed_run = run_id
