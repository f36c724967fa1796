"""Intelligence: the hiring and technology insights of GET /hackathons/{id}/intelligence."""

from __future__ import annotations

from collections import Counter

import streamlit as st

from components import auth, charts, data, formatters, results, ui
from components.api_client import ApiError

auth.require_sign_in()
st.title("💡 Intelligence")

hackathon = ui.require_hackathon(
    statuses=None,
    error_key="intel_list",
    empty_message="You have no hackathons yet: insights appear here once a hackathon has been analyzed.",
    prefer=results.has_results,
)

if st.button("Refresh"):
    auth.invalidate_cache()
    st.rerun()

try:
    intel = data.intelligence(hackathon["hack_id"])
except ApiError as err:
    ui.show_error(err, key="intel")
    st.caption("Insights appear after an analysis of this hackathon has completed.")
    st.stop()

hiring = intel.get("hiring_intelligence") or {}
trends = intel.get("technology_trends") or {}
top = intel.get("top_performers") or []
if not top and not hiring.get("must_interview") and not trends.get("most_used"):
    st.info("No insights yet: they appear after an analysis of this hackathon has completed.")
    st.stop()

cols = st.columns(3)
cols[0].metric("Submissions", intel.get("total_submissions", 0))
cols[1].metric("Must-interview candidates", len(hiring.get("must_interview") or []))
cols[2].metric("Technologies seen", len(trends.get("most_used") or []))


def people() -> None:
    must = hiring.get("must_interview") or []
    if not must:
        st.info("No must-interview candidates were flagged.")
    else:
        ui.table(
            [
                {
                    "Name": p.get("contributor_name"),
                    "Role": formatters.label(p.get("role")),
                    "Skills": ", ".join(formatters.label(a) for a in p.get("expertise_areas") or []),
                    "Recommended role": (p.get("hiring_signals") or {}).get("recommended_role"),
                    "Seniority": (p.get("hiring_signals") or {}).get("seniority_level"),
                    "Salary range": (p.get("hiring_signals") or {}).get("salary_range_usd"),
                    "Why": (p.get("hiring_signals") or {}).get("rationale"),
                }
                for p in must
            ]
        )
    roles = charts.candidates_by_role(hiring)
    if roles is not None:
        ui.count_table(roles)


def technology() -> None:
    usage = charts.technology_usage(trends.get("most_used"))
    if usage is None:
        st.info("No technology data yet.")
    else:
        ui.count_table(usage)
    emerging = trends.get("emerging") or []
    st.markdown("**Emerging (used by 2–5 teams):** " + (", ".join(emerging) if emerging else "none"))
    stacks = trends.get("popular_stacks") or []
    if stacks:
        st.markdown("**Popular stacks:** " + ", ".join(f"{name} ({count})" for name, count in stacks))


def sponsors() -> None:
    # The API has no sponsor usage field; derive interest from the sponsor flags it does return.
    flags = Counter(flag for p in top for flag in p.get("sponsor_interest_flags") or [])
    if not flags:
        st.info("No sponsor interest was flagged.")
    else:
        st.caption("Teams among the top performers whose contributors caught each sponsor's interest.")
        ui.table([{"Sponsor": name, "Teams": count} for name, count in flags.most_common()])


def top_performers() -> None:
    if top:
        ui.table(
            [
                {
                    "Team": p.get("team_name"),
                    "Score": formatters.score(p.get("overall_score")),
                    "Strengths": ", ".join(p.get("key_strengths") or []),
                }
                for p in top
            ]
        )
    for prize in intel.get("prize_recommendations") or []:
        st.success(
            f"**{prize.get('prize_category')}**: {prize.get('recommended_team')}. {prize.get('justification', '')}"
        )
    for moment in intel.get("standout_moments") or []:
        st.markdown(f"- {moment}")


def issues() -> None:
    found = intel.get("common_issues") or []
    if found:
        ui.table(
            [
                {
                    "Issue": formatters.label(i.get("issue_type")),
                    "Teams affected": f"{float(i.get('percentage_affected') or 0):.0f}%",
                    "Workshop": i.get("workshop_recommendation"),
                    "Examples": ", ".join(i.get("example_teams") or []),
                }
                for i in found
            ]
        )
    else:
        st.info("No common issues were found.")
    for title, items in (
        ("Next hackathon", intel.get("next_hackathon_recommendations")),
        ("Sponsor follow-up", intel.get("sponsor_follow_up_actions")),
    ):
        if items:
            st.markdown(f"**{title}**\n" + "\n".join(f"- {i}" for i in items))


# Only the open tab runs and is drawn (switching tabs reruns the page from the cached insights, no API call):
# five tabs of tables drawn at once made this the slowest page to open.
ui.lazy_tabs(
    {
        "Must-interview candidates": people,
        "Technology trends": technology,
        "Sponsor interest": sponsors,
        "Top performers and prizes": top_performers,
        "Issues and next steps": issues,
    },
    key="intel_tab",
)
