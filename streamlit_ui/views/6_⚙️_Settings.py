"""Settings: the organizer's profile (E3), API keys (E20–E22: list, create, rotate, revoke) and usage against
the daily quota and budget (E23, CSV export E24). Key changes ask for confirmation; a new secret is shown once."""

from __future__ import annotations

from dataclasses import asdict
from datetime import timedelta

import streamlit as st

from components import auth, clock, data, formatters, keys, ui, usage
from components import budget as budgets
from components.api_client import ApiError, InvalidApiKeyError

ISSUED = "vj_settings_issued"
CONFIRM = "vj_settings_confirm"
NOTICE = "vj_settings_notice"
REVOKED_UNKNOWN = "vj_settings_revoked_unknown"
RANGE = "vj_settings_usage_range"
EXPORT = "vj_settings_usage_export"

client = auth.require_sign_in()
st.title("⚙️ Settings")
today = clock.now().date()

notice = st.session_state.pop(NOTICE, None)
if notice:
    st.success(notice)


def fail(err: ApiError, key: str) -> None:
    """Show a failed read and stop; a 401 right after revoking a key that might be this session's means it was."""
    if isinstance(err, InvalidApiKeyError) and st.session_state.pop(REVOKED_UNKNOWN, False):
        auth.signed_out_by_revocation()
        st.rerun()
    ui.show_error(err, key=key)
    st.stop()


# --- profile ----------------------------------------------------------------------------------------------
st.subheader("Profile")
try:
    me = data.profile()
except ApiError as err:
    fail(err, "settings_profile")
# Names and e-mails as text: a metric cuts a long value off with an ellipsis.
st.markdown(
    f"**{me.get('name') or formatters.DASH}** · {me.get('email', '')} · {me.get('organization') or 'no organization'}"
)
cols = st.columns(3)
cols[0].metric("Tier", formatters.label(me.get("tier")))
cols[1].metric("Hackathons", me.get("hackathon_count", 0))
cols[2].metric("Member since", formatters.day(me.get("created_at")))
st.caption(f"Organizer `{me.get('org_id')}`")

# --- the secret of a key just made (shown once) ------------------------------------------------------------
issued = st.session_state.get(ISSUED)
if issued:
    with st.container(border=True):
        st.error(
            f"**Save this API key now.** The API shows a new key's secret only this once and keeps no copy you can "
            f"read back ({issued['action']} key `{issued['key_id']}`).",
            icon="⚠️",
        )
        st.code(issued["api_key"], language=None)
        if issued["switched"]:
            st.caption(
                f"This session now uses the new key. The old key keeps working for {keys.GRACE_DAYS} days, then "
                "stops: put the new key wherever the old one is used."
            )
        else:
            st.caption("This session keeps using its own key.")
        if st.button("I have saved it", type="primary", key="settings_saved"):
            del st.session_state[ISSUED]
            st.rerun()

# --- API keys -----------------------------------------------------------------------------------------------
st.subheader("API keys")
try:
    records = data.api_keys()
except ApiError as err:
    fail(err, "settings_keys")
st.session_state.pop(REVOKED_UNKNOWN, None)
table = keys.rows(records, auth.session_key_id(), keys.not_mine())
mine = keys.session_row(table)
ui.table(
    [
        {
            "Key": row.key_id,
            "This session": {True: "✔ this session", False: "", None: "?"}[row.this_session],
            "State": row.state,
            "Tier": formatters.label(row.record.get("tier")),
            "Requests a day": row.record.get("daily_quota"),
            "Per second": row.record.get("rate_limit_per_second"),
            "Budget": formatters.usd(row.record.get("budget_limit_usd")),
            "Created": formatters.timestamp(row.record.get("created_at")),
            "Expires": formatters.timestamp(row.record.get("expires_at")),
        }
        for row in table
    ]
)
if mine is None:
    st.caption(
        "The API does not say which of these keys this session is signed in with (key records carry no part of "
        "the secret); the dashboard knows it for a key it switched to, or when only one working key is left that "
        "it did not create itself."
    )

confirm = st.session_state.get(CONFIRM)
working = {row.key_id: row for row in table if row.works}
if confirm and confirm["key_id"] not in working:
    confirm = st.session_state[CONFIRM] = None


def run(action: str, row: keys.KeyRow, switch: bool) -> None:
    try:
        if action == "rotate":
            made = keys.rotate(row, switch=switch)
            st.session_state[ISSUED] = asdict(made)
            message = f"Rotated key `{row.key_id}`: save the new key below."
        else:
            was_mine = keys.revoke(row)
            if was_mine:
                auth.signed_out_by_revocation()
                st.rerun()
            st.session_state[REVOKED_UNKNOWN] = row.this_session is None
            message = f"Revoked key `{row.key_id}`."
    except (ApiError, ValueError) as err:
        st.session_state[CONFIRM] = {**confirm, "error": str(err)}
    else:
        st.session_state[CONFIRM] = None
        st.session_state[NOTICE] = message
    st.rerun()


if working:
    pick_col, rotate_col, revoke_col = st.columns([3, 1, 1])
    chosen = pick_col.selectbox(
        "Key",
        list(working),
        format_func=lambda key_id: (
            f"{key_id} ({working[key_id].state}" + (", this session" if working[key_id].this_session else "") + ")"
        ),
        key="settings_key",
    )
    if rotate_col.button("Rotate key", disabled=bool(confirm)):
        st.session_state[CONFIRM] = {"key_id": chosen, "action": "rotate"}
        st.rerun()
    if revoke_col.button("Revoke key", disabled=bool(confirm)):
        st.session_state[CONFIRM] = {"key_id": chosen, "action": "revoke"}
        st.rerun()

if confirm:
    row = working[confirm["key_id"]]
    with st.container(border=True):
        if confirm.get("error"):
            st.error(confirm["error"])
            if st.button("Close", key="settings_close"):
                st.session_state[CONFIRM] = None
                st.rerun()
        else:
            action = confirm["action"]
            st.markdown(keys.rotate_question(row) if action == "rotate" else keys.revoke_question(row))
            switch = False
            if action == "rotate" and row.this_session is None:
                switch = st.checkbox("This session uses this key: switch it to the new key", value=True)
            yes, no = st.columns(2)
            if yes.button(f"Yes, {action}", type="primary", key="settings_yes"):
                run(action, row, switch)
            if no.button("Cancel", key="settings_cancel"):
                st.session_state[CONFIRM] = None
                st.rerun()

new_tier = keys.new_key_tier(table, me)
with st.form("create_key"):
    st.markdown("**Create a key**")
    st.caption(
        f"A new key gets your tier ({formatters.label(new_tier)}) and the limits the API gives that tier. "
        "Your other keys keep working. Its secret is shown once."
    )
    expires_on = st.date_input(
        "Expires on (optional, end of that day UTC)", value=None, min_value=today + timedelta(days=1)
    )
    expiry_slot = st.empty()
    if st.form_submit_button("Create key"):
        try:
            made = keys.create(new_tier, keys.new_key_expiry(expires_on, today))
        except (ApiError, ValueError) as err:
            expiry_slot.error(str(err))
        else:
            st.session_state[ISSUED] = asdict(made)
            st.session_state[NOTICE] = f"Created key `{made.key_id}`: save it below."
            st.rerun()

# --- usage --------------------------------------------------------------------------------------------------
st.subheader("Usage")
chosen_range = st.session_state.get(RANGE) or usage.default_range(today)
with st.form("usage_range"):
    start_col, end_col = st.columns(2)
    start = start_col.date_input("From (UTC)", value=min(chosen_range.start, today), max_value=today)
    end = end_col.date_input("To (UTC)", value=min(chosen_range.end, today), max_value=today)
    range_slot = st.empty()
    if st.form_submit_button("Show usage"):
        try:
            chosen_range = usage.checked_range(start, end)
        except ValueError as err:
            range_slot.error(str(err))
        else:
            st.session_state[RANGE] = chosen_range
            st.session_state.pop(EXPORT, None)

try:
    summary = data.usage_summary(*chosen_range.params)
except ApiError as err:
    fail(err, "settings_usage")
if summary.get("error"):
    st.warning(f"The API could not read all of the usage records: {summary['error']}")

if usage.not_recorded(summary, chosen_range, today):
    st.warning(
        f"The API's usage summary records no requests from {chosen_range.start} to {chosen_range.end}, although "
        "this dashboard has made requests with this key today. The backend does not fill these numbers (its "
        "summary looks usage up under the organizer instead of the key), so none are shown here."
    )
    counter = budgets.REGISTRY.latest(client.budget_scope) if client.budget_scope else None
    if counter is not None and counter.quota_limit and counter.quota_remaining is not None:
        used = max(0, counter.quota_limit - counter.quota_remaining)
        st.progress(
            min(1.0, used / counter.quota_limit),
            text=f"Today (UTC): {used:,} of this key's {counter.quota_limit:,} requests a day used, "
            "from the API's own quota counter (sent with every answer)",
        )
else:
    quota = mine.record.get("daily_quota") if mine else None
    used_today = usage.requests_on(summary, today) if chosen_range.end == today else None
    cols = st.columns(3)
    cols[0].metric("Requests in range", summary.get("total_requests", 0))
    cols[1].metric("Failed", summary.get("failed_requests", 0))
    cols[2].metric("Cost in range", formatters.usd(summary.get("total_cost_usd"), 4))
    today_share = usage.share(used_today, quota)
    if today_share is not None:
        st.progress(today_share, text=f"Today (UTC): {used_today} of this key's {quota} requests a day")
    daily = usage.daily_rows(summary)
    if daily:
        # A bar per day inside the table: st.bar_chart needs altair, which the image leaves out.
        most = max([quota or 0] + [row["Requests"] for row in daily]) or 1
        ui.table(daily, bar=("Requests", most))
    else:
        st.info(f"The API recorded no requests from {chosen_range.start} to {chosen_range.end}.")
    endpoints = usage.endpoint_rows(summary)
    if endpoints:
        ui.table(endpoints)

limits = mine.record if mine else None
st.caption(
    (
        f"This key's limits: {limits.get('daily_quota')} requests a day (reset at midnight UTC), "
        f"{limits.get('rate_limit_per_second')} a second, a budget of {formatters.usd(limits.get('budget_limit_usd'))}. "
        if limits
        else "Quota and budget are per key; they show here once the dashboard knows which key this session uses. "
    )
    + "The API does not track a key's spend or request count on its record, so none is shown. Every page of this "
    "dashboard spends requests from the quota (this one: 3 when it opens, each kept 30 to 60 s; the CSV export and "
    "each key action one more)."
)

export = st.session_state.get(EXPORT)
if export is None or export["range"] != chosen_range.params:
    if st.button("Prepare CSV export (1 API call)", key="settings_export"):
        try:
            csv_text = client.usage_export(*chosen_range.params)
            usage.check_export(csv_text)
        except (ApiError, ValueError) as err:
            st.error(str(err))
        else:
            st.session_state[EXPORT] = {"range": chosen_range.params, "csv": csv_text}
            st.rerun()
else:
    st.download_button(
        "Download usage CSV",
        export["csv"],
        file_name=f"usage-{export['range'][0]}-{export['range'][1]}.csv",
        mime="text/csv",
    )
