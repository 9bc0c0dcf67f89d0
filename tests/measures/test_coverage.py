"""Coverage (documented ÷ official) and disagreeing official statements, on the fixture."""

from __future__ import annotations

import pandas as pd

from analysis.measures import coverage


def test_coverage_per_tally_date_and_country_three_ways(dataset):
    """On 19 Oct 2023 the fixture documents 3 attacks: Ain al-Asad (confirmed), al-Tanf
    (confirmed), Erbil (claimed); the official count is 4 (2 Iraq, 2 Syria)."""
    table = coverage.at_official_tallies(dataset.events, dataset.tallies)
    first = table[table["as_of"] == pd.Timestamp("2023-10-19")].set_index("split")
    assert first.loc["total", ["official", "documented_all", "documented_beyond_claims",
                               "documented_confirmed"]].tolist() == [4, 3, 2, 2]
    assert first.loc["total", "ratio_all"] == 0.75
    assert first.loc["iraq", ["documented_all", "documented_confirmed", "ratio_all"]
                     ].tolist() == [2, 1, 1.0]
    assert first.loc["syria", ["documented_all", "ratio_confirmed"]].tolist() == [1, 0.5]
    later = table[table["as_of"] == pd.Timestamp("2024-01-29")]
    assert later["split"].tolist() == ["total"]  # the statement gave no country split
    assert later["documented_all"].iloc[0] == 6 and later["ratio_all"].iloc[0] == 0.6


def test_tracker_rows_are_not_reconciled(dataset):
    table = coverage.at_official_tallies(dataset.events, dataset.tallies)
    assert set(table["as_of"].dt.strftime("%Y-%m-%d")) == {
        "2023-10-19", "2023-10-24", "2024-01-29", "2024-01-31"}


def test_disagreements_find_a_lower_later_count(dataset):
    table = coverage.disagreements(dataset.tallies)
    assert len(table) == 1
    row = table.iloc[0]
    assert (row["total_a"], row["total_b"], row["why"]) == (10, 9, "later count is lower")


def test_latest_official_as_of(dataset):
    from analysis.measures.stated_counts import latest

    assert latest(dataset.tallies, "official", end=pd.Timestamp("2023-10-30"))["value"] == 8
    assert latest(dataset.tallies, "official", end=pd.Timestamp("2023-10-01")) is None


def test_coverage_command_lists_ratios_and_disagreements(dataset):
    from analysis.cli.coverage import tally_lines

    lines = tally_lines(dataset.events, dataset.tallies)
    row = next(line for line in lines if line.startswith("2023-10-19"))
    assert "3 ÷ 4    =   75%" in row and "2 ÷ 4    =   50%" in row
    assert any("later count is lower: 10" in line for line in lines)


def test_latest_rule_prefers_a_direct_statement_on_nearly_the_same_date(dataset):
    """A summary of the Pentagon's figures a day later loses to the Pentagon's own count;
    a count well after it wins whatever its source."""
    from analysis.measures.stated_counts import latest

    t = dataset.tallies.copy()
    row = t[t["total"] == 10].index[0]
    t.loc[row, "source_kind"] = "primary"
    t.loc[t["total"] == 9, "source_kind"] = "summary"  # as of 31 Jan, two days later
    assert latest(t, "official")["value"] == 10
    t.loc[t["total"] == 9, "as_of"] = pd.Timestamp("2024-02-15")
    assert latest(t, "official")["value"] == 9
