"""The sign-in view: an API key (checked with GET /hackathons) or an e-mail (POST /organizers/login)."""

from __future__ import annotations

import streamlit as st

from components import auth
from components.api_client import ApiError, NotFoundError
from components.validators import InputError


def render() -> None:
    """Lay out the sign-in tabs; on success the app reruns signed in."""
    st.title("⚖️ VibeJudge AI: Organizer Dashboard")
    st.write("Sign in to create hackathons, follow the analysis live and review the results.")

    notice = auth.pop_notice()
    if notice:
        st.warning(notice)

    env_problem = None
    try:
        default_base = auth.env_base_url()
    except InputError as err:
        default_base = ""
        env_problem = str(err)
        st.error(f"{env_problem} You can enter the API base URL below instead.")

    key_tab, email_tab = st.tabs(["🔑 API key", "✉️ E-mail"])

    with key_tab, st.form("key_sign_in"):
        api_key = st.text_input(
            "API key", type="password", placeholder="vj_live_...", help="Kept only in this browser session."
        )
        key_base = st.text_input(
            "API base URL (optional override)",
            placeholder=default_base or "https://api.example.com/api/v1",
            help="Must include /api/v1. Leave empty to use API_BASE_URL.",
        )
        key_feedback = st.empty()
        if st.form_submit_button("Sign in with API key", type="primary"):
            try:
                auth.sign_in_with_key(api_key, auth.resolve_base_url(key_base))
            except (InputError, ApiError) as err:
                key_feedback.error(str(err))
            else:
                st.rerun()

    with email_tab, st.form("email_sign_in"):
        st.caption("Signing in with your e-mail issues a new API key and **revokes your previous keys** everywhere.")
        email = st.text_input("E-mail", placeholder="you@example.com")
        password = st.text_input("Password", type="password")
        email_base = st.text_input(
            "API base URL (optional override)",
            placeholder=default_base or "https://api.example.com/api/v1",
            help="Must include /api/v1. Leave empty to use API_BASE_URL.",
            key="email_base",
        )
        email_feedback = st.empty()
        if st.form_submit_button("Sign in with e-mail", type="primary"):
            try:
                auth.sign_in_with_email(email, password, auth.resolve_base_url(email_base))
            except NotFoundError:
                email_feedback.error(
                    f"No organizer is registered with {email.strip()}; use the Register page to create one."
                )
            except (InputError, ApiError) as err:
                email_feedback.error(str(err))
            else:
                st.rerun()

    st.page_link("views/0_📝_Register.py", label="New organizer? Register here", icon="📝")
