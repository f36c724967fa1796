"""The image leaves out libraries no page imports (Dockerfile, step 2): altair, pydeck and Pillow. Streamlit
imports them lazily, only when an element that needs them is drawn, so a page that used one would pass every
test on the host and fail in the container only when that element first appears (e.g. a chart of recorded usage).
"""

from __future__ import annotations

import re
from pathlib import Path

UI = Path(__file__).resolve().parents[2] / "streamlit_ui"
# Streamlit elements that import a library the image removes.
NEEDS_REMOVED_LIBRARY = re.compile(
    r"\bst\.(bar_chart|line_chart|area_chart|scatter_chart|altair_chart|vega_lite_chart|map|pydeck_chart|image)\("
)


def test_no_page_uses_a_streamlit_element_whose_library_the_image_leaves_out() -> None:
    found = [
        f"{path.relative_to(UI)}:{number}: {line.strip()}"
        for path in sorted(UI.rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if NEEDS_REMOVED_LIBRARY.search(line)
    ]
    assert found == []


def test_the_dockerfile_still_removes_the_libraries_this_guard_is_about() -> None:
    dockerfile = (UI.parent / "Dockerfile").read_text(encoding="utf-8")
    removals = " ".join(re.findall(r"rm -rf ([^&]*)", dockerfile)).split()
    assert {"altair", "pydeck", "PIL"} <= set(removals)
