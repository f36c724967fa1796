"""Create a hackathon (POST /hackathons). It starts as a draft and accepts nothing until activated."""

from __future__ import annotations

from datetime import date, timedelta

import streamlit as st

from components import auth, formatters, hackathon_truth
from components.api_client import ApiError, ValidationError
from components.validators import AI_POLICIES, DIMENSIONS, HackathonForm, hackathon_payload, validate_hackathon

CREATED = "vj_created_hackathon"
RETRY = "vj_create_retry_payload"
DEFAULT_WEIGHTS = {"bug_hunter": 0.3, "performance": 0.3, "innovation": 0.3, "ai_detection": 0.1}
POLICY_LABELS = {
    "ai_assisted": "AI assisted (default)",
    "full_vibe": "Full vibe: AI use encouraged",
    "traditional": "Traditional: no AI-generated code",
    "custom": "Custom",
}

client = auth.require_sign_in()
st.title("🎯 Create Hackathon")

created = st.session_state.get(CREATED)
if created:
    st.success(f"Created **{created['name']}** (`{created['hack_id']}`), status **DRAFT**.")
    st.info("A draft accepts no submissions: activate it on the Manage Hackathons page when you are ready.")
    st.page_link("views/5_🗂_Manage_Hackathons.py", label="Go to Manage Hackathons", icon="🗂")
    if st.button("Create another hackathon"):
        del st.session_state[CREATED]
        st.rerun()
    st.stop()

with st.form("create_hackathon"):
    slots: dict[str, st.delta_generator.DeltaGenerator] = {}
    name = st.text_input("Name", max_chars=200)
    slots["name"] = st.empty()
    description = st.text_area("Description (optional)", max_chars=2000)
    slots["description"] = st.empty()
    left, right = st.columns(2)
    start = left.date_input("Start date", value=date.today() + timedelta(days=7))
    slots["start_date"] = left.empty()
    end = right.date_input("End date", value=date.today() + timedelta(days=9))
    slots["end_date"] = right.empty()
    budget = st.number_input("Budget limit (USD, 0 for none)", min_value=0.0, max_value=10000.0, value=0.0, step=5.0)
    slots["budget_limit_usd"] = st.empty()

    st.markdown("**Agents and rubric weights** (the enabled weights must add up to 1.00)")
    agents: dict[str, float] = {}
    for agent, default in DEFAULT_WEIGHTS.items():
        on_col, weight_col = st.columns([2, 1])
        enabled = on_col.checkbox(
            f"{formatters.agent(agent)}: {DIMENSIONS[agent][0]} ({DIMENSIONS[agent][1].lower()})",
            value=True,
            key=f"agent_{agent}",
        )
        weight = weight_col.number_input(
            f"Weight of {DIMENSIONS[agent][0]}",
            min_value=0.0,
            max_value=1.0,
            value=default,
            step=0.05,
            key=f"weight_{agent}",
        )
        if enabled:
            agents[agent] = float(weight)
    slots["agents_enabled"] = st.empty()
    slots["rubric"] = st.empty()
    policy = st.selectbox("AI policy", AI_POLICIES, format_func=lambda value: POLICY_LABELS[value])
    slots["ai_policy_mode"] = st.empty()
    slots["general"] = st.empty()
    submitted = st.form_submit_button("Create hackathon", type="primary")


def send(payload: dict) -> None:
    """POST the hackathon; on success remember it, on failure show the sentence (and keep the payload for Retry)."""
    try:
        result = client.create_hackathon(payload)
    except ValidationError as err:
        st.session_state.pop(RETRY, None)
        for field, messages in err.field_errors.items():
            slots.get(field, slots["general"]).error("; ".join(messages))
    except ApiError as err:
        slots["general"].error(str(err))
        st.session_state[RETRY] = payload if err.retryable else None
    else:
        st.session_state.pop(RETRY, None)
        hackathon_truth.created(result)
        st.session_state[CREATED] = {"hack_id": result.get("hack_id"), "name": result.get("name", payload["name"])}
        st.rerun()


if submitted:
    form = HackathonForm(
        name=name,
        description=description,
        start_date=start,
        end_date=end,
        budget_usd=budget or None,
        agents=agents,
        ai_policy_mode=policy,
    )
    errors = validate_hackathon(form)
    for field, message in errors.fields.items():
        slots[field].error(message)
    if not errors:
        send(hackathon_payload(form))
if st.session_state.get(RETRY) and st.button("Retry", key="retry_create"):
    send(st.session_state[RETRY])
