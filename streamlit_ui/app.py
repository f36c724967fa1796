"""VibeJudge AI organizer dashboard: entry point. Sets up the page, sign-in state and navigation only."""

from __future__ import annotations

import streamlit as st

from components import auth, ui

st.set_page_config(page_title="VibeJudge AI: Organizer Dashboard", page_icon="⚖️", layout="wide")
auth.try_autologin()

if auth.is_signed_in():
    pages = {
        "": [st.Page("pages/0_🏠_Home.py", title="Overview", icon="🏠", default=True)],
        "Organize": [
            st.Page("pages/1_🎯_Create_Hackathon.py", title="Create Hackathon", icon="🎯"),
            st.Page("pages/5_🗂_Manage_Hackathons.py", title="Manage Hackathons", icon="🗂"),
            st.Page("pages/2_📊_Live_Dashboard.py", title="Live Dashboard", icon="📊"),
        ],
        "Review": [
            st.Page("pages/3_🏆_Results.py", title="Results", icon="🏆"),
            st.Page("pages/4_💡_Intelligence.py", title="Intelligence", icon="💡"),
        ],
    }
else:
    pages = {
        "": [
            st.Page("pages/0_🔑_Sign_In.py", title="Sign in", icon="🔑", default=True),
            st.Page("pages/0_📝_Register.py", title="Register", icon="📝"),
        ]
    }

navigation = st.navigation(pages)
ui.sidebar()
navigation.run()
