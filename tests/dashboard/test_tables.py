"""The static tables (``components.tables``): what a cell shows, how columns align, the count bars."""

from __future__ import annotations

from conftest import link_url, markdown_table

from components import tables


def test_a_cell_shows_its_text_as_it_is_not_as_markdown() -> None:
    assert tables.markdown_text("Team_1 *x* [a](b) $5 and $6 <b> a|b ~~c~~ :red[x] &amp; #1") == (
        r"Team\_1 \*x\* \[a\](b) \$5 and \$6 \<b\> a\|b \~\~c\~\~ \:red\[x\] \&amp; \#1"
    )


def test_a_pipe_or_line_break_in_a_value_stays_inside_its_cell() -> None:
    source = tables.markdown_table([{"Team": "a|b\nc", "Note": None}, {"Team": "d", "Note": "e"}])
    shown = markdown_table(source)
    assert shown is not None
    assert shown.to_dict("records") == [{"Team": "a|b c", "Note": ""}, {"Team": "d", "Note": "e"}]


def test_no_rows_make_no_table() -> None:
    assert tables.markdown_table([]) == ""
    assert markdown_table(tables.markdown_table([], columns=["Team"])) is not None  # named columns: a header


def test_columns_of_numbers_are_right_aligned_and_text_columns_left() -> None:
    source = tables.markdown_table(
        [
            {"Rank": 1, "Team": "Nova", "Score": "74.7", "Cost": "$0.0630", "Weight": "30%"},
            {"Rank": 2, "Team": "1984", "Score": "—", "Cost": "—", "Weight": "—"},
        ]
    )
    assert source.splitlines()[1] == "|---:|---|---:|---:|---:|"  # "1984" alone does not make Team a number


def test_a_link_column_shows_its_label_and_opens_its_url() -> None:
    cell = tables.repository_link("https://github.com/team-nova/project-00")
    assert cell == "[team-nova/project-00](<https://github.com/team-nova/project-00>)"
    assert link_url(cell) == "https://github.com/team-nova/project-00"
    source = tables.markdown_table([{"Repository": cell, "Team": "[x]"}], markdown=["Repository"])
    assert source.splitlines()[2] == f"| {cell} | \\[x\\] |"  # only the named column is taken as Markdown


def test_count_bars_are_drawn_to_scale_in_eighths_of_a_character() -> None:
    assert tables.bar(4, 4) == "█" * tables.BAR_WIDTH
    assert tables.bar(2, 4) == "█" * (tables.BAR_WIDTH // 2)
    assert tables.bar(1, 16) == "█▎"  # 20/16 = 1.25 characters
    assert tables.bar(1, 1000) == "▏"  # the smallest count still shows
    assert tables.bar(0, 4) == ""
    rows = tables.count_rows(
        [{"Role": "Backend", "Candidates": 4}, {"Role": "DevOps", "Candidates": 0}], "Candidates", 4
    )
    assert [row[tables.BAR_COLUMN] for row in rows] == [f":blue[{'█' * tables.BAR_WIDTH}]", ""]
