"""Register a new organizer (POST /organizers). The API returns the key exactly once."""

from __future__ import annotations

import streamlit as st

from components import auth
from components.api_client import ApiError, ConflictError, ValidationError
from components.validators import InputError, validate_registration

NEW_KEY = "vj_registered_key"

st.title("📝 Register as an organizer")

issued = st.session_state.get(NEW_KEY)
if issued:
    st.success(f"Welcome, {issued['name']}! Your organizer account is ready and you are signed in.")
    st.error(
        "**Save this API key now.** It is shown only this once: VibeJudge stores no copy you can read back, "
        "and you need it to sign in from anywhere else.",
        icon="⚠️",
    )
    st.code(issued["api_key"], language=None)
    if st.button("I have saved my key", type="primary"):
        del st.session_state[NEW_KEY]
        st.rerun()
    st.stop()

if auth.is_signed_in():
    st.info("You are already signed in. Log out first to register another organizer.")
    st.stop()

try:
    default_base = auth.env_base_url()
except InputError as err:
    default_base = ""
    st.error(f"{err} You can enter the API base URL below instead.")

with st.form("register"):
    email = st.text_input("E-mail")
    slots = {"email": st.empty()}
    name = st.text_input("Full name")
    slots["name"] = st.empty()
    password = st.text_input("Password", type="password", help="At least 8 characters.")
    slots["password"] = st.empty()
    organization = st.text_input("Organization")
    slots["organization"] = st.empty()
    terms = st.checkbox("I accept the terms of service")
    slots["terms"] = st.empty()
    base_override = st.text_input("API base URL (optional override)", placeholder=default_base)
    slots["general"] = st.empty()
    if st.form_submit_button("Create account", type="primary"):
        errors = validate_registration(email, name, password, organization, terms)
        for field, message in errors.fields.items():
            slots[field].error(message)
        if not errors:
            try:
                body = auth.register(email, name, organization, password, auth.resolve_base_url(base_override))
            except ConflictError as err:
                slots["email"].error(f"{err} Use the Sign in page.")
            except ValidationError as err:
                for field, messages in err.field_errors.items():
                    slots.get(field, slots["general"]).error("; ".join(messages))
            except (InputError, ApiError) as err:
                slots["general"].error(str(err))
            else:
                st.session_state[NEW_KEY] = {"api_key": body["api_key"], "name": body.get("name", name)}
                st.rerun()
