"""Issue 11, item 1: every page shows the hackathons' true status and submission count, at a call cost the
free tier (100 requests a day) can carry. The stand-in's list (E4) is stale by default, as the backend's is:
archiving and new submissions never reach it. Every AppTest asserts that no exception reached the page."""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest
from conftest import Standin, tables
from streamlit.testing.v1 import AppTest
from test_dashboard_pages import LIVE, MANAGE, RESULTS, button, choose_hackathon, ok, select

from standin_api import DEMO_API_KEY

HOME = "0_🏠_Home.py"


def api(standin: Standin) -> Any:
    from components.api_client import ApiClient

    return ApiClient(standin.base_url, DEMO_API_KEY)


def true_records(standin: Standin) -> dict[str, dict[str, Any]]:
    client = api(standin)
    return {h["hack_id"]: client.get_hackathon(h["hack_id"]) for h in client.list_hackathons()}


def detail_reads(requests: list[str]) -> list[str]:
    """The ``GET /hackathons/{id}`` (E6) calls among the stand-in's logged requests."""
    return [r for r in requests if r.startswith("GET /api/v1/hackathons/") and r.count("/") == 4]


def offered(at: AppTest, label: str = "Hackathon") -> list[str]:
    box = select(at, label)
    return [o.split(" (")[0] for o in box.options]


def test_item_1_the_overview_counts_hackathons_by_their_true_status(app, ui_env: Standin) -> None:
    hack_id = ui_env.hackathon_id("AWS Bedrock Builders 2026")
    api(ui_env).archive_hackathon(hack_id)
    # GIVEN the backend's stale list: it still says configured.
    assert {h["hack_id"]: h["status"] for h in api(ui_env).list_hackathons()}[hack_id] == "configured"
    at = ok(app())
    truth = Counter(r["status"] for r in true_records(ui_env).values())
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Archived"] == str(truth["archived"])
    assert metrics["Open or analyzing"] == str(truth["configured"] + truth["analyzing"])
    assert metrics["Drafts"] == str(truth["draft"])


def test_item_1_an_archived_hackathon_is_not_offered_on_the_live_dashboard_or_results(app, ui_env: Standin) -> None:
    api(ui_env).archive_hackathon(ui_env.hackathon_id("AWS Bedrock Builders 2026"))
    for page in (LIVE, RESULTS):
        at = ok(app(page=page))
        assert "AWS Bedrock Builders 2026" not in offered(at), page
        assert all("archived" not in o for o in select(at, "Hackathon").options), page


def test_item_1_the_manage_table_shows_true_statuses_and_submission_counts(app, ui_env: Standin) -> None:
    api(ui_env).archive_hackathon(ui_env.hackathon_id("AWS Bedrock Builders 2026"))
    listed = {h["name"]: h for h in api(ui_env).list_hackathons()}
    truth = {r["name"]: r for r in true_records(ui_env).values()}
    assert any(listed[n]["submission_count"] != truth[n]["submission_count"] for n in truth)  # the list is stale
    at = ok(app(page=MANAGE))
    ok(
        at.multiselect(key="manage_status")
        .set_value(["draft", "configured", "analyzing", "completed", "archived"])
        .run()
    )
    table = tables(at)[0]
    shown = {
        name: (status.split(" ", 1)[1], int(count))
        for name, status, count in zip(table["Name"], table["Status"], table["Submissions"], strict=True)
    }
    assert shown == {name: (r["status"], r["submission_count"]) for name, r in truth.items()}


def test_item_1_the_status_filter_uses_the_true_status(app, ui_env: Standin) -> None:
    api(ui_env).archive_hackathon(ui_env.hackathon_id("AWS Bedrock Builders 2026"))
    at = ok(app(page=MANAGE))
    assert "AWS Bedrock Builders 2026" not in list(tables(at)[0]["Name"])  # archived is filtered out
    ok(at.multiselect(key="manage_status").set_value(["archived"]).run())
    assert "AWS Bedrock Builders 2026" in list(tables(at)[0]["Name"])


def test_item_1_archiving_shows_everywhere_at_once_without_fetching_the_hackathons_again(app, ui_env: Standin) -> None:
    at = ok(app(page=MANAGE))
    hack_id = ui_env.hackathon_id("AWS Bedrock Builders 2026")
    choose_hackathon(at, ui_env, "AWS Bedrock Builders 2026", label="Details of")
    ok(button(at, "Archive").click().run())
    ui_env.clear_requests()
    ok(button(at, "Yes, archive").click().run())
    assert at.main.success[0].value == "AWS Bedrock Builders 2026 was archived."
    at.switch_page(f"views/{LIVE}").run()
    ok(at)
    assert "AWS Bedrock Builders 2026" not in offered(at)
    at.switch_page(f"views/{HOME}").run()
    ok(at)
    assert {m.label: m.value for m in at.metric}["Archived"] == "2"
    # One call for the archive itself; the new status comes from its answer, not from a refetch.
    assert ui_env.requests()[0] == f"DELETE /api/v1/hackathons/{hack_id}"
    assert detail_reads(ui_env.requests()) == []


def test_item_1_true_records_are_fetched_once_per_key_and_shared_by_its_sessions(app, ui_env: Standin) -> None:
    hackathons = len(api(ui_env).list_hackathons())
    ui_env.clear_requests()
    first = ok(app())
    assert len(detail_reads(ui_env.requests())) == hackathons  # one E6 per hackathon, once
    ok(first.switch_page(f"views/{MANAGE}").run())
    ok(first.switch_page(f"views/{LIVE}").run())
    ui_env.clear_requests()
    for page in (MANAGE, LIVE, RESULTS):
        ok(app(page=page))  # a second, third, fourth session of the same key
    assert detail_reads(ui_env.requests()) == []


def test_item_1_adding_a_submission_updates_the_true_count_from_the_answer(app, ui_env: Standin) -> None:
    at = ok(app(page=MANAGE))
    choose_hackathon(at, ui_env, "Serverless Sprint 2026", label="Details of")
    before = int({m.label: m.value for m in at.metric}["Submissions"])
    at.text_input(key="manage_team").input("Late Owls")
    at.text_input(key="manage_repo").input("https://github.com/late-owls/app")
    ui_env.clear_requests()
    ok(at.get("form_submit_button")[0].click().run())
    assert int({m.label: m.value for m in at.metric}["Submissions"]) == before + 1
    table = tables(at)[0]
    assert int(dict(zip(table["Name"], table["Submissions"], strict=True))["Serverless Sprint 2026"]) == before + 1
    assert detail_reads(ui_env.requests()) == []


def test_item_1_check_again_fetches_changes_made_elsewhere(app, ui_env: Standin) -> None:
    at = ok(app(page=MANAGE))
    api(ui_env).archive_hackathon(ui_env.hackathon_id("Serverless Sprint 2026"))  # another client
    ok(at.run())
    assert "Serverless Sprint 2026" in list(tables(at)[0]["Name"])  # kept: not yet checked again
    check = next(b for b in at.button if b.label.startswith("Check again"))
    ok(check.click().run())
    assert "Serverless Sprint 2026" not in list(tables(at)[0]["Name"])


# --- the registry on its own ----------------------------------------------------------------------------
class Fetches:
    def __init__(self, records: dict[str, dict[str, Any]]) -> None:
        self.records = records
        self.calls: list[str] = []

    def __call__(self, hack_id: str) -> dict[str, Any]:
        self.calls.append(hack_id)
        return dict(self.records[hack_id])


SCOPE = ("http://api/api/v1", "fingerprint")


@pytest.fixture
def clock() -> list[float]:
    return [1000.0]


def registry(clock: list[float]) -> Any:
    from components.hackathon_truth import TruthRegistry

    return TruthRegistry(clock=lambda: clock[0])


def test_a_true_record_is_kept_for_the_ttl_then_fetched_again(clock: list[float]) -> None:
    from components.hackathon_truth import TRUTH_TTL_SECONDS

    fetch = Fetches({"A": {"hack_id": "A", "status": "configured", "submission_count": 3}})
    truth = registry(clock)
    listed = [{"hack_id": "A", "status": "configured", "submission_count": 0}]
    assert truth.resolve(SCOPE, listed, fetch)[0]["submission_count"] == 3
    clock[0] += TRUTH_TTL_SECONDS - 1
    truth.resolve(SCOPE, listed, fetch)
    assert fetch.calls == ["A"]
    clock[0] += 1
    truth.resolve(SCOPE, listed, fetch)
    assert fetch.calls == ["A", "A"]


def test_an_archived_record_is_never_fetched_again_on_its_own(clock: list[float]) -> None:
    fetch = Fetches({"A": {"hack_id": "A", "status": "archived", "submission_count": 3}})
    truth = registry(clock)
    listed = [{"hack_id": "A", "status": "configured", "submission_count": 0}]
    truth.resolve(SCOPE, listed, fetch)
    clock[0] += 10 * 24 * 3600
    assert truth.resolve(SCOPE, listed, fetch)[0]["status"] == "archived"
    assert fetch.calls == ["A"]


def test_a_list_that_changes_for_a_hackathon_means_news_and_its_record_is_fetched_again(clock: list[float]) -> None:
    fetch = Fetches({"A": {"hack_id": "A", "status": "draft", "submission_count": 0}})
    truth = registry(clock)
    truth.resolve(SCOPE, [{"hack_id": "A", "status": "draft"}], fetch)
    fetch.records["A"]["status"] = "configured"  # activated by another client: the list moves on activation
    assert truth.resolve(SCOPE, [{"hack_id": "A", "status": "configured"}], fetch)[0]["status"] == "configured"
    assert fetch.calls == ["A", "A"]


def test_an_own_activation_is_not_refetched_while_the_cached_list_still_says_draft(clock: list[float]) -> None:
    fetch = Fetches({"A": {"hack_id": "A", "status": "draft", "submission_count": 0}})
    truth = registry(clock)
    truth.resolve(SCOPE, [{"hack_id": "A", "status": "draft"}], fetch)
    truth.replaced(SCOPE, {"hack_id": "A", "status": "configured"})
    assert truth.resolve(SCOPE, [{"hack_id": "A", "status": "draft"}], fetch)[0]["status"] == "configured"
    assert truth.resolve(SCOPE, [{"hack_id": "A", "status": "configured"}], fetch)[0]["status"] == "configured"
    assert fetch.calls == ["A"]


def test_a_hackathon_created_here_shows_before_the_cached_list_has_it(clock: list[float]) -> None:
    fetch = Fetches({})
    truth = registry(clock)
    truth.created(SCOPE, {"hack_id": "B", "name": "New", "status": "draft", "submission_count": 0})
    assert [h["hack_id"] for h in truth.resolve(SCOPE, [], fetch)] == ["B"]
    assert fetch.calls == []


def test_records_are_kept_per_key(clock: list[float]) -> None:
    fetch = Fetches({"A": {"hack_id": "A", "status": "configured"}})
    truth = registry(clock)
    truth.resolve(SCOPE, [{"hack_id": "A", "status": "configured"}], fetch)
    truth.resolve(("http://api/api/v1", "other"), [{"hack_id": "A", "status": "configured"}], fetch)
    assert fetch.calls == ["A", "A"]


def test_record_fetches_stay_under_the_free_tiers_per_second_limit() -> None:
    from components.hackathon_truth import TRUTH_FETCHES_PER_SECOND, TruthRegistry

    now, sleeps, windows = [100.25], [], []

    def sleep(seconds: float) -> None:
        sleeps.append(seconds)
        now[0] += seconds

    def fetch(hack_id: str) -> dict[str, Any]:
        windows.append(int(now[0]))
        return {"hack_id": hack_id, "status": "configured"}

    truth = TruthRegistry(clock=lambda: now[0], sleep=sleep)
    listed = [{"hack_id": f"H{i:02d}", "status": "configured"} for i in range(2 * TRUTH_FETCHES_PER_SECOND + 1)]
    truth.resolve(SCOPE, listed, fetch)
    assert max(Counter(windows).values()) == TRUTH_FETCHES_PER_SECOND < 10  # the free tier's 10 a second
    assert sleeps == [0.75, 1.0]  # to the next second, twice; never longer
