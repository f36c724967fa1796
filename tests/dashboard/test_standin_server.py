"""The stand-in as a server: fault switches, admin endpoints, the request log, ``down``, latency, and
the command line (``python -m standin_api``)."""

from __future__ import annotations

import json
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
import requests
from conftest import ROOT, Standin
from standin_client import Reply, call

from standin_api import DEMO_API_KEY, Faults, StandinServer
from standin_api.__main__ import build_parser


def api(standin: Standin, method: str, path: str, body: Any = None, key: str | None = DEMO_API_KEY) -> Reply:
    return call(standin.base_url, method, path, body, key)


# --- admin endpoints ------------------------------------------------------------------------------------------
def test_admin_faults_lists_every_switch_with_the_backends_defaults(standin: Standin) -> None:
    switches = call(standin.origin, "GET", "/__admin/faults").body
    assert switches == Faults().model_dump()
    assert not any(value is True for value in switches.values())


def test_admin_faults_reject_bad_switches_with_one_message_each_and_apply_none(standin: Standin) -> None:
    reply = call(standin.origin, "POST", "/__admin/faults", {"fail_rate": 3, "speed": 1, "latency_ms": 5})
    assert reply.status == 400
    assert reply.body["errors"][0] == "fail_rate: 3 is not between 0 and 1"
    assert reply.body["errors"][1].startswith("speed: unknown switch; allowed: always_5xx, budget_check_trigger_only")
    assert reply.body["detail"] == "; ".join(reply.body["errors"])
    assert call(standin.origin, "GET", "/__admin/faults").body["latency_ms"] == 0


def test_admin_calls_need_no_key_and_are_neither_counted_nor_logged(standin: Standin) -> None:
    standin.clear_requests()
    for _ in range(3):
        call(standin.origin, "GET", "/__admin/faults", key=None)
    assert standin.requests() == []
    assert standin.quota()[DEMO_API_KEY[:16]]["used_today"] == 0


def test_the_request_log_has_every_api_request_in_order_with_401_429_and_5xx(standin: Standin) -> None:
    standin.clear_requests()
    api(standin, "GET", "/hackathons", key=None)
    standin.faults(throttle_next=1)
    api(standin, "GET", "/organizers/me")
    standin.faults(fail_next=1)
    api(standin, "POST", "/organizers", {"email": "x@example.org", "name": "X"}, key=None)
    assert standin.requests() == ["GET /api/v1/hackathons", "GET /api/v1/organizers/me", "POST /api/v1/organizers"]


def test_reset_re_seeds_the_data(standin: Standin) -> None:
    hack_id = standin.hackathon_id("AWS Bedrock Builders 2026")
    api(standin, "DELETE", f"/hackathons/{hack_id}")
    standin.reset()
    assert api(standin, "GET", f"/hackathons/{hack_id}").body["status"] == "configured"


def test_reset_restores_the_switches_the_server_started_with() -> None:
    server = StandinServer("127.0.0.1", 0, Faults(fresh_list=True, latency_ms=5)).start()
    try:
        call(server.origin, "POST", "/__admin/faults", {"fresh_list": False, "down": True})
        call(server.origin, "POST", "/__admin/reset")
        switches = call(server.origin, "GET", "/__admin/faults").body
        assert (switches["fresh_list"], switches["latency_ms"], switches["down"]) == (True, 5, False)
    finally:
        server.stop()


def test_admin_tier_refuses_an_unknown_key(standin: Standin) -> None:
    reply = call(standin.origin, "POST", "/__admin/tier", {"api_key": "vj_live_nope", "tier": "pro"})
    assert (reply.status, reply.body) == (404, {"detail": "api_key: no such key"})


# --- faults --------------------------------------------------------------------------------------------------
def test_the_fail_rate_injects_5xx_for_that_share_of_requests(standin: Standin) -> None:
    standin.faults(fail_rate=0.5, unlimited_rate=True)
    statuses = [api(standin, "GET", "/organizers/me").status for _ in range(40)]
    assert 10 <= statuses.count(503) <= 30
    assert set(statuses) == {200, 503}


def test_always_5xx_answers_every_api_request_with_status_5xx(standin: Standin) -> None:
    standin.faults(always_5xx=True, status_5xx=502)
    reply = api(standin, "GET", "/organizers/me")
    assert (reply.status, reply.body) == (502, {"detail": "Stand-in fault: injected HTTP 502"})
    assert call(standin.origin, "GET", "/__admin/faults").status == 200


def test_fail_next_fails_that_many_requests_then_none(standin: Standin) -> None:
    standin.faults(fail_next=2)
    assert [api(standin, "GET", "/organizers/me").status for _ in range(3)] == [503, 503, 200]


def test_injected_faults_are_not_counted_against_the_quota(standin: Standin) -> None:
    standin.faults(fail_next=2)
    for _ in range(3):
        api(standin, "GET", "/organizers/me")
    assert standin.quota()[DEMO_API_KEY[:16]]["used_today"] == 1


def test_malformed_answers_200_with_a_body_that_is_not_json(standin: Standin) -> None:
    standin.faults(malformed=True)
    reply = api(standin, "GET", "/organizers/me")
    assert (reply.status, reply.header("Content-Type"), reply.body) == (
        200,
        "text/html",
        "<html><body>502 Bad Gateway</body></html>",
    )


def test_down_closes_api_connections_without_an_answer_while_admin_works(standin: Standin) -> None:
    standin.faults(down=True)
    standin.clear_requests()
    with pytest.raises(requests.exceptions.ConnectionError, match="without response"):
        requests.get(f"{standin.base_url}/hackathons", headers={"X-API-Key": DEMO_API_KEY}, timeout=5)
    assert call(standin.origin, "GET", "/__admin/faults").body["down"] is True
    assert standin.requests() == ["GET /api/v1/hackathons"]
    standin.faults(down=False)
    assert api(standin, "GET", "/hackathons").status == 200


def test_latency_delays_an_answer_without_holding_up_other_requests(standin: Standin) -> None:
    standin.faults(latency_ms=3000)
    slow: list[int] = []
    worker = threading.Thread(target=lambda: slow.append(api(standin, "GET", "/organizers/me").status))
    standin.clear_requests()
    worker.start()
    try:
        for _ in range(500):  # until the slow request has arrived (bounded: 5 s)
            if standin.requests():
                break
            time.sleep(0.01)
        standin.faults(latency_ms=0)
        assert api(standin, "GET", "/organizers/me").status == 200
        assert worker.is_alive(), "the quick request was answered while the slow one still waited"
    finally:
        worker.join(timeout=10)
    assert slow == [200]


def test_seconds_per_submission_sets_the_analysis_speed(standin: Standin) -> None:
    standin.faults(seconds_per_submission=600)
    standin.advance(60)
    job = api(standin, "GET", f"/hackathons/{standin.hackathon_id('Serverless Sprint 2026')}/analyze/status").body
    assert job["progress"]["completed"] == 0


# --- the Python interface ----------------------------------------------------------------------------------
def test_the_server_knows_its_origin_and_base_url(standin: Standin) -> None:
    assert re.match(r"^http://127\.0\.0\.1:\d+$", standin.origin)
    assert standin.base_url == standin.origin + "/api/v1"


def test_connections_are_tcp_so_answers_go_out_without_nagles_delay() -> None:
    # asyncio sets TCP_NODELAY only on sockets created as IPPROTO_TCP; accepted sockets inherit it.
    server = StandinServer("127.0.0.1", 0)
    try:
        assert server.socket.proto == socket.IPPROTO_TCP
    finally:
        server.close()


def test_stop_frees_the_port() -> None:
    server = StandinServer("127.0.0.1", 0).start()
    port = server.port
    server.stop()
    StandinServer("127.0.0.1", port).close()  # binds again: no OSError


# --- the command line -----------------------------------------------------------------------------------------
@contextmanager
def standin_process(*switches: str) -> Iterator[tuple[str, str, str]]:
    process = subprocess.Popen(
        [sys.executable, "-m", "standin_api", "--port", "0", *switches], cwd=ROOT, stdout=subprocess.PIPE, text=True
    )
    try:
        first, second = process.stdout.readline(), process.stdout.readline()
        yield first.strip(), second.strip(), first.strip().rsplit(" ", 1)[-1]
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_the_command_line_prints_the_base_url_and_demo_key() -> None:
    with standin_process() as (first, second, _):
        assert re.match(r"^VibeJudge stand-in API listening on http://127\.0\.0\.1:\d+/api/v1$", first)
        assert second == f"Demo organizer: demo@vibejudge.example  API key: {DEMO_API_KEY}"


def test_every_switch_has_a_kebab_case_flag() -> None:
    options = {option for action in build_parser()._actions for option in action.option_strings}
    assert {"--" + name.replace("_", "-") for name in Faults.model_fields} <= options


def _outcome(base: str) -> object:
    request = urllib.request.Request(f"{base}/organizers/me", headers={"X-API-Key": DEMO_API_KEY})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            body = response.read()
            try:
                json.loads(body)
            except ValueError:
                return "not json"
            return (response.status, response.headers.get("X-Quota-Limit"))
    except urllib.error.HTTPError as err:
        return err.code
    except (urllib.error.URLError, ConnectionError):
        return "dropped"


@pytest.mark.parametrize(
    ("switches", "expected"),
    [
        ([], (200, "100")),
        (["--always-5xx", "--status-5xx", "502"], 502),
        (["--malformed"], "not json"),
        (["--down"], "dropped"),
        (["--unlimited-quota"], (200, None)),
        (["--daily-quota", "7"], (200, "7")),
        (["--latency-ms", "50"], (200, "100")),
    ],
)
def test_command_line_switches_take_effect(switches: list[str], expected: object) -> None:
    with standin_process(*switches) as (_, _, base):
        assert _outcome(base) == expected


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--fail-rate", "2"], "argument --fail-rate: 2 is not between 0 and 1"),
        (["--status-5xx", "404"], "argument --status-5xx: 404 is not a 5xx status"),
        (["--rate-limit=-1/s"], "argument --rate-limit: -1 is not a number >= 0"),
        (["--latency-ms", "soon"], "argument --latency-ms: soon is not a int"),
        (
            ["--clock-start", "tomorrow"],
            "argument --clock-start: 'tomorrow' is not an ISO-8601 time such as 2026-03-02T08:00:00Z",
        ),
        (["--default-tier", "gold"], "argument --default-tier: invalid choice: 'gold' (choose from "),
    ],
)
def test_bad_command_line_switches_get_one_sentence(
    argv: list[str], message: str, capsys: pytest.CaptureFixture
) -> None:
    with pytest.raises(SystemExit):
        build_parser().parse_args(argv)
    last_line = capsys.readouterr().err.strip().splitlines()[-1]
    assert last_line.endswith(message) or (message.endswith("from ") and message in last_line)


def test_a_busy_port_is_one_sentence_not_a_traceback() -> None:
    holder = StandinServer(port=0)
    port = holder.port
    try:
        result = subprocess.run(
            [sys.executable, "-m", "standin_api", "--port", str(port)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=30,
        )
    finally:
        holder.close()
    assert result.returncode == 2
    assert result.stderr.strip() == f"stand-in API: cannot listen on 127.0.0.1:{port}: Address already in use"
