"""Manage Hackathons: list, detail, activate a draft, archive (with confirmation) and add submissions."""

from __future__ import annotations

import streamlit as st

from components import auth, data, formatters, ui
from components.api_client import ApiError, ValidationError
from components.validators import validate_submission

CONFIRM = "vj_manage_confirm"
STATUSES = ("draft", "configured", "analyzing", "completed", "archived")

client = auth.require_sign_in()
st.title("🗂 Manage Hackathons")

notice = st.session_state.pop("vj_manage_notice", None)
if notice:
    st.success(notice)

try:
    hackathons = data.hackathons()
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
st.dataframe(
    [
        {
            "Name": h.get("name"),
            "Status": formatters.status(h.get("status")),
            "Submissions": h.get("submission_count", 0),
            "Created": formatters.day(h.get("created_at")),
        }
        for h in shown
    ],
    hide_index=True,
    width="stretch",
)
hackathon = ui.pick_hackathon(shown, statuses=None, label="Details of")
if hackathon is None:
    st.info("No hackathon matches the search and status filter.")
    st.stop()
hack_id = hackathon["hack_id"]

try:
    detail = data.hackathon(hack_id)
except ApiError as err:
    ui.show_error(err, key="manage_detail")
    st.stop()

status = detail.get("status")
st.subheader(f"{detail.get('name')} · {formatters.status(status)}")
st.write(detail.get("description") or "")
cols = st.columns(3)
cols[0].metric("Submissions", detail.get("submission_count", 0))
cols[1].metric("Budget", formatters.usd(detail.get("budget_limit_usd")))
cols[2].metric("AI policy", formatters.policy(detail.get("ai_policy_mode")))
st.caption(
    f"Runs {formatters.day(detail.get('start_date'))} to {formatters.day(detail.get('end_date'))} · "
    f"created {formatters.timestamp(detail.get('created_at'))}"
)
st.dataframe(
    [
        {
            "Dimension": d.get("name"),
            "Weight": f"{float(d.get('weight') or 0) * 100:.0f}%",
            "Agent": formatters.agent(d.get("agent")),
        }
        for d in (detail.get("rubric") or {}).get("dimensions") or []
    ],
    hide_index=True,
)
if status == "draft":
    st.info("This hackathon is a draft: it accepts no submissions until you activate it.")


def run_action(action: str) -> None:
    try:
        if action == "activate":
            client.activate_hackathon(hack_id)
            message = f"{detail.get('name')} is now active (configured) and accepts submissions."
        else:
            client.archive_hackathon(hack_id)
            message = f"{detail.get('name')} was archived."
    except ApiError as err:
        st.session_state[CONFIRM] = {"hack_id": hack_id, "error": str(err)}
    else:
        st.session_state[CONFIRM] = None
        st.session_state["vj_manage_notice"] = message
        auth.invalidate_cache()
    st.rerun()


confirm = st.session_state.get(CONFIRM)
if confirm and confirm.get("hack_id") != hack_id:
    confirm = None
buttons = st.columns(4)
if status == "draft" and buttons[0].button("Activate", type="primary", disabled=bool(confirm)):
    st.session_state[CONFIRM] = {"hack_id": hack_id, "action": "activate"}
    st.rerun()
if status != "archived" and buttons[1].button("Archive", disabled=bool(confirm)):
    st.session_state[CONFIRM] = {"hack_id": hack_id, "action": "archive"}
    st.rerun()

if confirm:
    with st.container(border=True):
        if confirm.get("error"):
            st.error(confirm["error"])
            if st.button("Close", key="manage_close"):
                st.session_state[CONFIRM] = None
                st.rerun()
        else:
            action = confirm["action"]
            if action == "activate":
                st.markdown(f"**Activate {detail.get('name')}?** It will accept submissions from then on.")
            else:
                st.markdown(
                    f"**Archive {detail.get('name')}?** It disappears from the Live Dashboard and Results pages. "
                    "The API has no way to undo this."
                )
            yes, no = st.columns(2)
            if yes.button(f"Yes, {action}", type="primary", key="manage_yes"):
                run_action(action)
            if no.button("Cancel", key="manage_cancel"):
                st.session_state[CONFIRM] = None
                st.rerun()

if status in ("configured", "analyzing", "completed"):
    st.subheader("Add a submission")
    with st.form("add_submission", clear_on_submit=False):
        team = st.text_input("Team name")
        team_slot = st.empty()
        repo = st.text_input("GitHub repository URL", placeholder="https://github.com/owner/repo")
        repo_slot = st.empty()
        general_slot = st.empty()
        if st.form_submit_button("Add submission"):
            errors = validate_submission(team, repo)
            slots = {"team_name": team_slot, "repo_url": repo_slot}
            for field, message in errors.fields.items():
                slots[field].error(message)
            if not errors:
                try:
                    client.add_submissions(hack_id, [{"team_name": team.strip(), "repo_url": repo.strip()}])
                except ValidationError as err:
                    general_slot.error("; ".join(m for messages in err.field_errors.values() for m in messages))
                except ApiError as err:
                    general_slot.error(str(err))
                else:
                    auth.invalidate_cache()
                    st.session_state["vj_manage_notice"] = f"Added {team.strip()} to {detail.get('name')}."
                    st.rerun()
