"""Manage Hackathons: true status and submission counts, detail, activate or archive a hackathon, add and
delete submissions. Every change asks for confirmation first (adding does not: it can be undone by deleting)."""

from __future__ import annotations

import streamlit as st

from components import auth, data, formatters, hackathon_truth, manage, tables, ui
from components.api_client import ApiError

CONFIRM = "vj_manage_confirm"
NOTICE = "vj_manage_notice"
ADD_ERRORS = "vj_manage_add_errors"
TEAM = "manage_team"
REPO = "manage_repo"
STATUSES = ("draft", "configured", "analyzing", "completed", "archived")

auth.require_sign_in()
st.title("🗂 Manage Hackathons")

notice = st.session_state.pop(NOTICE, None)
if notice:
    st.success(notice)

try:
    hackathons = hackathon_truth.hackathons()
except ApiError as err:
    ui.show_error(err, key="manage_list")
    st.stop()
if not hackathons:
    st.info("You have no hackathons yet: create one on the Create Hackathon page.")
    st.stop()

search_col, status_col = st.columns([2, 1])
query = search_col.text_input("Search by name", key="manage_search")
wanted = status_col.multiselect(
    "Status", STATUSES, default=[s for s in STATUSES if s != "archived"], key="manage_status"
)
shown = [h for h in hackathons if h.get("status") in wanted and query.strip().lower() in str(h.get("name", "")).lower()]
ui.table(
    [
        {
            "Name": h.get("name"),
            "Status": formatters.status(h.get("status")),
            "Submissions": h.get("submission_count", 0),
            "Created": formatters.day(h.get("created_at")),
        }
        for h in shown
    ]
)
checked_col, again_col = st.columns([3, 1])
checked_col.caption(
    f"Statuses and submission counts as checked at {formatters.epoch(hackathon_truth.checked_at())}, then kept "
    f"up to date with your own changes. Changes made elsewhere (new public submissions) show after "
    f"{hackathon_truth.TRUTH_TTL_SECONDS // 3600} h or when you check again."
)
if again_col.button(f"Check again ({len(hackathons) + 1} API calls)", key="manage_check_again"):
    hackathon_truth.check_again()
    st.rerun()

hackathon = ui.pick_hackathon(shown, statuses=None, label="Details of")
if hackathon is None:
    st.info("No hackathon matches the search and status filter.")
    st.stop()
hack_id = hackathon["hack_id"]
status = hackathon.get("status")

st.subheader(f"{hackathon.get('name')} · {formatters.status(status)}")
st.write(hackathon.get("description") or "")
cols = st.columns(3)
cols[0].metric("Submissions", hackathon.get("submission_count", 0))
cols[1].metric("Budget", formatters.usd(hackathon.get("budget_limit_usd")))
cols[2].metric("AI policy", formatters.policy(hackathon.get("ai_policy_mode")))
st.caption(
    f"Runs {formatters.day(hackathon.get('start_date'))} to {formatters.day(hackathon.get('end_date'))} · "
    f"created {formatters.timestamp(hackathon.get('created_at'))}"
)
ui.table(
    [
        {
            "Dimension": d.get("name"),
            "Weight": f"{float(d.get('weight') or 0) * 100:.0f}%",
            "Agent": formatters.agent(d.get("agent")),
        }
        for d in (hackathon.get("rubric") or {}).get("dimensions") or []
    ]
)
if status == "draft":
    st.info("This hackathon is a draft: it accepts no submissions until you activate it.")

confirm = st.session_state.get(CONFIRM)
if confirm and confirm.get("hack_id") != hack_id:
    confirm = st.session_state[CONFIRM] = None


def ask(action: str, **extra: object) -> None:
    st.session_state[CONFIRM] = {"hack_id": hack_id, "action": action, **extra}
    st.rerun()


def run(action: str) -> None:
    """Do the confirmed action; its sentence shows at the top, a failure stays in the confirmation box."""
    try:
        if action == "activate":
            message = manage.activate(hackathon)
        elif action == "archive":
            message = manage.archive(hackathon)
        else:
            message = manage.delete_submission(hackathon, confirm["sub"])
    except ApiError as err:
        st.session_state[CONFIRM] = {**confirm, "error": str(err)}
    else:
        st.session_state[CONFIRM] = None
        st.session_state[NOTICE] = message
    st.rerun()


def confirmation(action: str, question: str) -> None:
    """The open confirmation box for ``action`` (or its failure with a Close button)."""
    if not confirm or confirm.get("action") != action:
        return
    with st.container(border=True):
        if confirm.get("error"):
            st.error(confirm["error"])
            if st.button("Close", key=f"manage_close_{action}"):
                st.session_state[CONFIRM] = None
                st.rerun()
            return
        st.markdown(question)
        yes, no = st.columns(2)
        if yes.button(f"Yes, {action}", type="primary", key=f"manage_yes_{action}"):
            run(action)
        if no.button("Cancel", key=f"manage_cancel_{action}"):
            st.session_state[CONFIRM] = None
            st.rerun()


buttons = st.columns(4)
if status == "draft" and buttons[0].button("Activate", type="primary", disabled=bool(confirm)):
    ask("activate")
if status != "archived" and buttons[1].button("Archive", disabled=bool(confirm)):
    ask("archive")
confirmation("activate", f"**Activate {hackathon.get('name')}?** It will accept submissions from then on.")
confirmation(
    "archive",
    f"**Archive {hackathon.get('name')}?** It disappears from the Live Dashboard and Results pages. "
    "The API has no way to undo this.",
)

# --- submissions ----------------------------------------------------------------------------------------
st.subheader("Submissions")


def on_add() -> None:
    """Runs before the rerun, so that on success the form can be emptied (a second click adds nothing twice)."""
    outcome = manage.add_submission(hackathon, st.session_state.get(TEAM, ""), st.session_state.get(REPO, ""))
    if outcome.added:
        st.session_state[TEAM] = ""
        st.session_state[REPO] = ""
        st.session_state[NOTICE] = outcome.added
        st.session_state.pop(ADD_ERRORS, None)
    else:
        st.session_state[ADD_ERRORS] = {"hack_id": hack_id, **outcome.errors}


if status in ui.ACTIVE_STATUSES:
    errors = st.session_state.pop(ADD_ERRORS, None) or {}
    if errors.get("hack_id") != hack_id:
        errors = {}
    with st.form("add_submission"):
        st.markdown("**Add a submission**")
        st.text_input("Team name", key=TEAM)
        if errors.get("team_name"):
            st.error(errors["team_name"])
        st.text_input("GitHub repository URL", placeholder="https://github.com/owner/repo", key=REPO)
        if errors.get("repo_url"):
            st.error(errors["repo_url"])
        if errors.get("general"):
            st.error(errors["general"])
        st.form_submit_button("Add submission", on_click=on_add)

if not hackathon.get("submission_count") and status in ("draft", "archived"):
    # Neither status accepts public submissions and the dashboard's own additions are counted: nothing to fetch.
    st.caption("No submissions.")
    st.stop()
try:
    submissions = data.managed_submissions(hack_id)
except ApiError as err:
    ui.show_error(err, key="manage_submissions")
    st.stop()
if not submissions:
    st.caption("No submissions yet.")
    st.stop()
ui.table(
    [
        {
            "Team": s.get("team_name"),
            "Repository": s.get("repo_url"),
            "Status": formatters.status(s.get("status")),
            "Score": formatters.score(s.get("overall_score")),
            "Submitted": formatters.timestamp(s.get("created_at")),
        }
        for s in submissions
    ],
    links={"Repository": tables.repository_link},
)
by_id = {s["sub_id"]: s for s in submissions}
pick_col, delete_col = st.columns([3, 1])
chosen = pick_col.selectbox(
    "Submission",
    list(by_id),
    format_func=lambda sub_id: f"{by_id[sub_id].get('team_name')} · {by_id[sub_id].get('repo_url')}",
    key=f"manage_submission_{hack_id}",
)
if delete_col.button("Delete submission", disabled=bool(confirm)):
    ask("delete", sub={k: by_id[chosen].get(k) for k in ("sub_id", "team_name", "repo_url", "status")})
if confirm and confirm.get("action") == "delete":
    sub = confirm["sub"]
    analyzed = " and its scores and analysis" if sub.get("status") not in ("pending", None) else ""
    confirmation(
        "delete",
        f"**Delete {sub.get('team_name')}** ({sub.get('repo_url')}) from {hackathon.get('name')}? The submission"
        f"{analyzed} will be removed for good: the API has no way to undo this.",
    )
