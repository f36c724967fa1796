"""The stand-in API itself: seeded data, contract shapes, job progress, admin switches and the command line."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT, Standin

from standin_api import DEMO_API_KEY, StandinServer
from standin_api.__main__ import build_parser

KEY_RE = re.compile(r"^vj_(live|test)_[A-Za-z0-9+/]{32}$")
ULID_RE = re.compile(r"^[0-9A-HJKMNP-TV-Z]{26}$")


def call(standin: Standin, method: str, path: str, body: Any = None, key: str | None = DEMO_API_KEY) -> tuple[int, Any]:
    headers = {"Content-Type": "application/json"}
    if key:
        headers["X-API-Key"] = key
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(f"{standin.base_url}{path}", data=data, method=method, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            raw = response.read()
            return response.status, json.loads(raw) if raw else None
    except urllib.error.HTTPError as err:
        raw = err.read()
        return err.code, json.loads(raw) if raw else None


def test_the_demo_key_matches_the_contracts_key_format() -> None:
    assert KEY_RE.match(DEMO_API_KEY)


def test_two_servers_seed_identical_data() -> None:
    first, second = StandinServer(port=0), StandinServer(port=0)
    try:
        strip = lambda store: sorted(store.submissions)  # noqa: E731
        assert strip(first.store) == strip(second.store)
        assert sorted(first.store.hackathons) == sorted(second.store.hackathons)
    finally:
        first.httpd.server_close()
        second.httpd.server_close()


def test_seed_covers_every_hackathon_state_and_the_failed_and_disqualified_cases(standin: Standin) -> None:
    status, body = call(standin, "GET", "/hackathons")
    assert status == 200
    assert {h["status"] for h in body["hackathons"]} == {"archived", "completed", "configured", "analyzing", "draft"}
    assert all(ULID_RE.match(h["hack_id"]) for h in body["hackathons"])
    assert set(body["hackathons"][0]) == {"hack_id", "name", "status", "submission_count", "created_at"}
    spring = standin.hackathon_id("Spring Hackathon 2025")
    _, subs = call(standin, "GET", f"/hackathons/{spring}/submissions")
    statuses = [s["status"] for s in subs["submissions"]]
    assert len(statuses) == 24
    assert statuses.count("failed") == 1
    assert statuses.count("disqualified") == 1
    failed = next(s for s in subs["submissions"] if s["status"] == "failed")
    assert failed["error_message"] == "Repository not accessible (404)"


def test_a_scorecard_has_agents_evidence_team_dynamics_strategy_and_feedback(standin: Standin) -> None:
    spring = standin.hackathon_id("Spring Hackathon 2025")
    _, board = call(standin, "GET", f"/hackathons/{spring}/leaderboard")
    status, card = call(standin, "GET", f"/submissions/{board['leaderboard'][0]['sub_id']}/scorecard")
    assert status == 200
    assert [a["agent_name"] for a in card["agent_scores"]] == [
        "bug_hunter",
        "performance",
        "innovation",
        "ai_detection",
    ]
    assert all(a["evidence"] for a in card["agent_scores"])
    assert card["team_dynamics"]["individual_scorecards"]
    assert card["strategy_analysis"]["test_strategy"]
    assert card["actionable_feedback"][0]["priority"] == 1
    weighted = sum(v["weighted"] for v in card["weighted_scores"].values())
    assert card["overall_score"] == pytest.approx(weighted, abs=0.06)


def test_the_running_analysis_progresses_with_time_and_completes(standin: Standin) -> None:
    hack_id = standin.hackathon_id("Serverless Sprint 2026")
    standin.advance(3 * 6 + 3)  # 3 s of slack for a slow machine before the 4th would finish
    _, job = call(standin, "GET", f"/hackathons/{hack_id}/analyze/status")
    assert job["status"] == "running"
    assert job["progress"]["completed"] + job["progress"]["failed"] == 3
    standin.advance(600)
    _, job = call(standin, "GET", f"/hackathons/{hack_id}/analyze/status")
    assert job["status"] == "completed"
    assert job["progress"] == {
        "total_submissions": 10,
        "completed": 9,
        "failed": 1,
        "remaining": 0,
        "percent_complete": 90.0,
    }
    _, detail = call(standin, "GET", f"/hackathons/{hack_id}")
    assert detail["status"] == "completed"


def test_missing_key_is_401_with_the_middleware_shape(standin: Standin) -> None:
    assert call(standin, "GET", "/hackathons", key=None) == (401, {"error": "Missing X-API-Key header"})


def test_unknown_route_is_404_and_wrong_method_405(standin: Standin) -> None:
    assert call(standin, "GET", "/nothing-here") == (404, {"detail": "Not Found"})
    assert call(standin, "PUT", "/hackathons") == (405, {"detail": "Method Not Allowed"})


def test_an_out_of_range_limit_is_422(standin: Standin) -> None:
    status, body = call(standin, "GET", "/hackathons?limit=500")
    assert status == 422
    assert body["detail"][0]["loc"] == ["query", "limit"]


def test_activating_a_non_draft_is_400_with_the_servers_wording(standin: Standin) -> None:
    hack_id = standin.hackathon_id("Spring Hackathon 2025")
    assert call(standin, "POST", f"/hackathons/{hack_id}/activate", {}) == (
        400,
        {"detail": "Cannot activate hackathon in completed status. Only DRAFT hackathons can be activated."},
    )


def test_a_duplicate_repository_is_the_servers_500(standin: Standin) -> None:
    hack_id = standin.hackathon_id("AWS Bedrock Builders 2026")
    _, subs = call(standin, "GET", f"/hackathons/{hack_id}/submissions")
    repo = subs["submissions"][0]["repo_url"].upper().replace("HTTPS://GITHUB.COM", "https://github.com")
    status, body = call(
        standin, "POST", f"/hackathons/{hack_id}/submissions", {"submissions": [{"team_name": "X", "repo_url": repo}]}
    )
    assert status == 500
    assert body["detail"].startswith("Failed to create submissions: Duplicate submission: Repository")


def test_archiving_is_a_soft_delete_with_204(standin: Standin) -> None:
    hack_id = standin.hackathon_id("AWS Bedrock Builders 2026")
    assert call(standin, "DELETE", f"/hackathons/{hack_id}") == (204, None)
    assert call(standin, "GET", f"/hackathons/{hack_id}")[1]["status"] == "archived"


def test_admin_faults_reject_unknown_or_bad_switches_with_one_message(standin: Standin) -> None:
    request = urllib.request.Request(
        f"{standin.origin}/__admin/faults", data=json.dumps({"fail_rate": 3, "speed": 1}).encode(), method="POST"
    )
    with pytest.raises(urllib.error.HTTPError) as err:
        urllib.request.urlopen(request, timeout=10)
    message = json.loads(err.value.read())["detail"]
    assert message.startswith("speed: unknown fault switch; allowed: always_5xx, daily_quota, down, fail_next")
    assert "fail_rate: 3.0 is not between 0 and 1" in message


def test_the_fail_rate_injects_5xx_for_that_share_of_requests(standin: Standin) -> None:
    standin.faults(fail_rate=0.5)
    statuses = [call(standin, "GET", "/organizers/me")[0] for _ in range(40)]
    assert 10 <= statuses.count(503) <= 30
    assert set(statuses) == {200, 503}


def test_the_rate_limit_answers_429_with_retry_after(standin: Standin) -> None:
    standin.faults(rate_limit=2, retry_after_seconds=7)
    statuses = [call(standin, "GET", "/organizers/me")[0] for _ in range(6)]
    assert 429 in statuses
    request = urllib.request.Request(f"{standin.base_url}/organizers/me", headers={"X-API-Key": DEMO_API_KEY})
    standin.faults(throttle_next=1)
    with pytest.raises(urllib.error.HTTPError) as err:
        urllib.request.urlopen(request, timeout=10)
    assert err.value.headers["Retry-After"] == "7"
    assert json.loads(err.value.read()) == {"error": "Rate limit exceeded: 2 req/sec", "retry_after": 7}


def test_the_command_line_prints_the_base_url_and_demo_key(tmp_path: Path) -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "standin_api", "--port", "0"], cwd=ROOT, stdout=subprocess.PIPE, text=True
    )
    try:
        first = process.stdout.readline()
        second = process.stdout.readline()
    finally:
        process.terminate()
        process.wait(timeout=10)
    assert re.match(r"^VibeJudge stand-in API listening on http://127\.0\.0\.1:\d+/api/v1$", first.strip())
    assert second.strip() == f"Demo organizer: demo@vibejudge.example  API key: {DEMO_API_KEY}"


@pytest.mark.parametrize(
    ("switches", "expected"),
    [
        (["--status-5xx", "502"], 502),
        (["--malformed"], "not json"),
        (["--down"], "dropped"),
        (["--latency-ms", "50"], 200),
    ],
)
def test_command_line_fault_switches_take_effect(switches: list[str], expected: object) -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "standin_api", "--port", "0", *switches], cwd=ROOT, stdout=subprocess.PIPE, text=True
    )
    try:
        base = process.stdout.readline().strip().rsplit(" ", 1)[-1]
        request = urllib.request.Request(f"{base}/organizers/me", headers={"X-API-Key": DEMO_API_KEY})
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                body = response.read()
                outcome: object = response.status
                try:
                    json.loads(body)
                except ValueError:
                    outcome = "not json"
        except urllib.error.HTTPError as err:
            outcome = err.code
        except (urllib.error.URLError, ConnectionError):
            outcome = "dropped"
    finally:
        process.terminate()
        process.wait(timeout=10)
    assert outcome == expected


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--fail-rate", "2"], "argument --fail-rate: 2 is not between 0 and 1"),
        (["--status-5xx", "404"], "argument --status-5xx: 404 is not a 5xx status"),
        (["--rate-limit=-1/s"], "argument --rate-limit: -1 is not a number >= 0"),
    ],
)
def test_bad_command_line_switches_get_one_sentence(
    argv: list[str], message: str, capsys: pytest.CaptureFixture
) -> None:
    with pytest.raises(SystemExit):
        build_parser().parse_args(argv)
    assert capsys.readouterr().err.strip().endswith(message)


def test_a_busy_port_is_one_sentence_not_a_traceback() -> None:
    holder = StandinServer(port=0)
    try:
        result = subprocess.run(
            [sys.executable, "-m", "standin_api", "--port", str(holder.port)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=30,
        )
    finally:
        holder.httpd.server_close()
    assert result.returncode == 2
    assert result.stderr.strip() == f"stand-in API: cannot listen on 127.0.0.1:{holder.port}: Address already in use"
