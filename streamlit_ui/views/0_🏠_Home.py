"""The home page: the sign-in form when signed out; the overview (hackathons, pages, agents) when signed in."""

from __future__ import annotations

from collections import Counter

import streamlit as st

from components import auth, hackathon_truth, sign_in, ui
from components.api_client import ApiError

if not auth.is_signed_in():
    sign_in.render()
    st.stop()

st.title("⚖️ VibeJudge AI: Organizer Dashboard")

try:
    hackathons = hackathon_truth.hackathons()
except ApiError as err:
    ui.show_error(err, key="home")
    hackathons = None

if hackathons is not None:
    counts = Counter(h.get("status") for h in hackathons)
    cols = st.columns(5)
    cols[0].metric("Hackathons", len(hackathons))
    cols[1].metric("Drafts", counts.get("draft", 0))
    cols[2].metric("Open or analyzing", counts.get("configured", 0) + counts.get("analyzing", 0))
    cols[3].metric("Completed", counts.get("completed", 0))
    cols[4].metric("Archived", counts.get("archived", 0))
    if not hackathons:
        st.info("You have no hackathons yet: create one on the Create Hackathon page, then activate it.")

st.subheader("Pages")
st.page_link(
    "views/1_🎯_Create_Hackathon.py", label="Create Hackathon: rubric, agents, AI policy and budget", icon="🎯"
)
st.page_link(
    "views/5_🗂_Manage_Hackathons.py", label="Manage Hackathons: activate, archive, add and delete submissions", icon="🗂"
)
st.page_link(
    "views/2_📊_Live_Dashboard.py", label="Live Dashboard: submissions, cost estimate, analysis progress", icon="📊"
)
st.page_link("views/3_🏆_Results.py", label="Results: leaderboard and scorecards", icon="🏆")
st.page_link("views/4_💡_Intelligence.py", label="Intelligence: hiring and technology insights", icon="💡")
st.page_link("views/6_⚙️_Settings.py", label="Settings: profile, API keys, usage against your quota", icon="⚙️")

st.subheader("The four AI agents")
for name, what in ui.AGENTS_BLURB.items():
    st.markdown(f"- **{name}**: {what}")
