"""VibeJudge AI organizer dashboard: entry point. Sets up the page, sign-in state and navigation only."""

from __future__ import annotations

import streamlit as st

from components import auth, ui

st.set_page_config(page_title="VibeJudge AI: Organizer Dashboard", page_icon="⚖️", layout="wide")
auth.try_autologin()

# The page set never changes (only what is visible does), so a page survives signing in or out: Streamlit
# cannot resolve a page that disappears from the list between two runs.
signed_in = auth.is_signed_in()
member = "visible" if signed_in else "hidden"
pages = {
    "": [
        st.Page("views/0_🏠_Home.py", title="Overview" if signed_in else "Sign in", icon="🏠", default=True),
        st.Page(
            "views/0_📝_Register.py",
            title="Register",
            icon="📝",
            url_path="register",
            visibility="hidden" if signed_in else "visible",
        ),
    ],
    "Organize": [
        st.Page(
            "views/1_🎯_Create_Hackathon.py",
            title="Create Hackathon",
            icon="🎯",
            url_path="create-hackathon",
            visibility=member,
        ),
        st.Page(
            "views/5_🗂_Manage_Hackathons.py",
            title="Manage Hackathons",
            icon="🗂",
            url_path="manage-hackathons",
            visibility=member,
        ),
        st.Page(
            "views/2_📊_Live_Dashboard.py",
            title="Live Dashboard",
            icon="📊",
            url_path="live-dashboard",
            visibility=member,
        ),
    ],
    "Review": [
        st.Page("views/3_🏆_Results.py", title="Results", icon="🏆", url_path="results", visibility=member),
        st.Page(
            "views/4_💡_Intelligence.py", title="Intelligence", icon="💡", url_path="intelligence", visibility=member
        ),
    ],
    "Account": [
        st.Page("views/6_⚙️_Settings.py", title="Settings", icon="⚙️", url_path="settings", visibility=member),
    ],
}

navigation = st.navigation(pages)
ui.sidebar()
navigation.run()
