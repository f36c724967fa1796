"""The browser path comes from one place: $CHROMIUM, default Debian's /usr/bin/chromium.

GitHub's Ubuntu runners have no Debian chromium (apt's `chromium` there is a snap shim) but Google
Chrome at /usr/bin/google-chrome; users point the tests and benchmarks at it with CHROMIUM.
Python reads it through harness.CHROMIUM, the test steps through ensure_chromium in common.sh.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HARNESS_DIR = Path(__file__).resolve().parent
READ_HARNESS = "import harness; print(harness.CHROMIUM); print(harness.CHROMIUM_MISSING)"
ENSURE_CHROMIUM = (
    'source "$ROOT/scripts/lib/common.sh"; '
    'if ensure_chromium; then echo "found $CHROMIUM"; else echo "missing: $CHROMIUM_MISSING"; fi'
)


def run_with(chromium: str | None, *command: str) -> list[str]:
    env = {name: value for name, value in os.environ.items() if name not in ("CHROMIUM", "CI")}
    if chromium is not None:
        env["CHROMIUM"] = chromium
    env["ROOT"] = str(ROOT)
    result = subprocess.run(command, env=env, cwd=HARNESS_DIR, capture_output=True, text=True, timeout=60, check=True)
    return result.stdout.splitlines()


def test_the_harness_launches_the_browser_chromium_names_and_its_skip_reason_says_so(tmp_path: Path) -> None:
    # GIVEN CHROMIUM pointing at a browser that does not exist WHEN the harness is imported
    missing = str(tmp_path / "chrome")
    path, reason = run_with(missing, sys.executable, "-c", READ_HARNESS)
    # THEN the harness launches that path, and the browser tests' skip reason names it and the variable
    assert path == missing
    assert reason.startswith(f"{missing} is missing:"), reason
    assert "set CHROMIUM" in reason, reason


def test_without_chromium_the_harness_uses_debians_chromium() -> None:
    # GIVEN no CHROMIUM in the environment WHEN the harness is imported THEN it uses /usr/bin/chromium
    assert run_with(None, sys.executable, "-c", READ_HARNESS)[0] == "/usr/bin/chromium"


def test_the_test_steps_accept_the_browser_chromium_names(tmp_path: Path) -> None:
    # GIVEN CHROMIUM naming an executable other than Debian's WHEN a test step checks for the browser
    browser = tmp_path / "google-chrome"
    browser.write_text("#!/bin/sh\n")
    browser.chmod(0o755)
    # THEN it is found (nothing is installed), and a CHROMIUM that names nothing is reported by that name
    assert run_with(str(browser), "bash", "-c", ENSURE_CHROMIUM) == [f"found {browser}"]
    absent = tmp_path / "absent"
    assert run_with(str(absent), "bash", "-c", ENSURE_CHROMIUM) == [
        f"missing: CHROMIUM={absent} is not an executable file"
    ]
