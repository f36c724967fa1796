"""``bench/page_load.py`` reports a sample whose JavaScript could not be fetched as one sentence and goes on.

On a shared machine Chromium aborts requests in flight with net::ERR_NETWORK_CHANGED whenever Docker adds or
removes a container's network interface. Here a Playwright route aborts the same chunks instead: the
Multiselect chunk (the page shows "Failed to fetch dynamically imported module") and Streamlit's main bundle
(the page stays blank and never shows its heading). Before, the first made the benchmark quit without a table
and the second cost 60 s and a traceback.
"""

from __future__ import annotations

import re
import sys
import time
from pathlib import Path

import pytest
from conftest import ROOT, Standin

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(ROOT / "bench"))
import harness
import page_load

from standin_api import DEMO_API_KEY


def test_the_table_counts_failed_samples_and_shows_a_dash_for_a_page_without_any_time() -> None:
    samples = {
        "cold": {name: [] for name, _, _ in page_load.PAGES},
        "warm": {name: [] for name, _, _ in page_load.PAGES},
    }
    failures = {name: 0 for name, _, _ in page_load.PAGES}
    samples["cold"]["Overview"] = [1000.0, 3000.0, 2000.0]
    samples["warm"]["Overview"] = [500.0, 700.0, 600.0]
    failures["Manage Hackathons"] = 6

    lines = page_load.table(samples, failures, runs=3)

    assert lines[0].endswith("| runs | failed |")
    assert "| Overview | 2000 | 3000 | 600 | 700 | 3 | 0 |" in lines
    assert "| Manage Hackathons | — | — | — | — | 3 | 6 |" in lines


def test_describe_failed_requests_names_a_network_change() -> None:
    failed = [
        harness.FailedRequest(0.0, "http://127.0.0.1:1/static/js/Multiselect.x.js", harness.NETWORK_CHANGED),
        harness.FailedRequest(0.1, "http://127.0.0.1:1/static/js/TextInput.y.js", harness.NETWORK_CHANGED),
    ]
    text = harness.describe_failed_requests(failed)
    assert text.startswith(
        "Chromium aborted 2 request(s) with net::ERR_NETWORK_CHANGED (first: /static/js/Multiselect.x.js)"
    )
    assert "network configuration changed" in text
    assert harness.describe_failed_requests([]) == ""


@pytest.mark.browser
@pytest.mark.skipif(
    not harness.CHROMIUM.exists(),
    reason=harness.CHROMIUM_MISSING,
)
def test_a_sample_whose_chunks_cannot_be_fetched_fails_with_one_sentence_naming_the_page(standin: Standin) -> None:
    from playwright.sync_api import sync_playwright

    standin.faults(seconds_per_submission=600)
    manage = next(p for p in page_load.PAGES if p[0] == "Manage Hackathons")
    with (
        harness.dashboard(standin.base_url, {"DASHBOARD_AUTOLOGIN_API_KEY": DEMO_API_KEY}) as url,
        sync_playwright() as playwright,
    ):
        browser = playwright.chromium.launch(
            executable_path=str(harness.CHROMIUM), headless=True, args=harness.CHROMIUM_ARGS
        )
        try:
            context = browser.new_context()
            # A healthy sample still measures.
            assert page_load.measure(context, url, *manage, "cold-0").total_ms > 0
            context.close()

            context = browser.new_context()
            context.route(re.compile(r"/static/js/Multiselect\.[^/]+\.js$"), lambda route: route.abort("failed"))
            with pytest.raises(page_load.SampleFailed) as lost_chunk:
                page_load.measure(context, url, *manage, "cold-1")
            context.close()

            context = browser.new_context()
            context.route(re.compile(r"/static/js/index\.[^/]+\.js$"), lambda route: route.abort("failed"))
            started = time.monotonic()
            with pytest.raises(page_load.SampleFailed) as lost_bundle:
                page_load.measure(context, url, *manage, "cold-2")
            waited = time.monotonic() - started
            context.close()
        finally:
            browser.close()

    sentence = str(lost_chunk.value)
    assert sentence.startswith("Manage Hackathons (cold-1) failed: Chromium aborted")
    assert "net::ERR_FAILED" in sentence
    assert "Failed to fetch dynamically imported module" in sentence
    assert "\n" not in sentence

    sentence = str(lost_bundle.value)
    assert sentence.startswith("Manage Hackathons (cold-2) failed: Chromium aborted")
    assert "(first: /static/js/index." in sentence
    assert "no heading 10 s after the failed request" in sentence
    assert waited < page_load.GIVE_UP_AFTER_FAILED_REQUEST_S + 15
