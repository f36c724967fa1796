"""A deep link is the first thing a new dashboard process serves (right after a deploy or a replaced task).

Streamlit runs the very first script run of a process as a v1 multipage app when a ``pages/`` folder sits next
to the entry point; that run cannot resolve the ``url_path`` pages of ``st.navigation`` and shows a "Page not
found" dialog over the page. The page scripts therefore live in ``views/``.
"""

from __future__ import annotations

import sys
from pathlib import Path

from conftest import Standin

sys.path.insert(0, str(Path(__file__).resolve().parent))
import harness

from standin_api import DEMO_API_KEY

pytestmark = harness.BROWSER_TEST_MARKS


def test_the_first_request_a_new_process_serves_can_be_a_deep_link_to_any_page(
    standin: Standin, tmp_path: Path
) -> None:
    env = {"DASHBOARD_AUTOLOGIN_API_KEY": DEMO_API_KEY}
    with harness.dashboard(standin.base_url, env) as url, harness.browser(tmp_path / "profile") as context:
        page = context.new_page()
        page.goto(f"{url}/results")
        page.get_by_role("heading", name="🏆 Results").wait_for(timeout=30000)
        harness.wait_until_idle(page)
        assert page.get_by_text("Page not found").count() == 0
        assert page.url.endswith("/results")


def test_a_deep_link_connects_to_the_server_root_without_probing_the_pages_path_first(
    standin: Standin, tmp_path: Path
) -> None:
    # GIVEN the dashboard started by serve.py WHEN a browser opens a page by its own URL
    env = {"DASHBOARD_AUTOLOGIN_API_KEY": DEMO_API_KEY}
    with harness.dashboard(standin.base_url, env) as url, harness.browser(tmp_path / "profile") as context:
        page = context.new_page()
        asked: list[str] = []
        page.on("request", lambda request: asked.append(request.url))
        page.goto(f"{url}/manage-hackathons")
        page.get_by_role("heading", name="🗂 Manage Hackathons").wait_for(timeout=30000)
        harness.wait_until_idle(page)
        # THEN its health and host-config checks go to the root at once: no 404 from /manage-hackathons/_stcore/,
        # which Streamlit's frontend follows with a 100 ms wait
        assert [u for u in asked if "/manage-hackathons/_stcore/" in u] == []
        assert f"{url}/_stcore/health" in asked
