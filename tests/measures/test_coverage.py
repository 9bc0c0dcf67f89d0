"""Coverage (documented ÷ official) and disagreeing official statements, on the fixture."""

from __future__ import annotations

import pandas as pd

from analysis.measures import coverage


def test_coverage_per_tally_date_and_country(dataset):
    table = coverage.at_official_tallies(dataset.events, dataset.tallies).set_index("as_of")
    first = table.loc[pd.Timestamp("2023-10-19")]
    assert (first["official_total"], first["documented_total"]) == (4, 3)
    assert first["ratio_total"] == 0.75
    assert (first["documented_iraq"], first["ratio_iraq"]) == (2, 1.0)
    assert (first["documented_syria"], first["ratio_syria"]) == (1, 0.5)
    later = table.loc[pd.Timestamp("2024-01-29")]
    assert later["documented_total"] == 6 and later["ratio_total"] == 0.6
    assert pd.isna(later["ratio_iraq"])  # the statement gave no split


def test_tracker_rows_are_not_reconciled(dataset):
    table = coverage.at_official_tallies(dataset.events, dataset.tallies)
    assert len(table) == 4


def test_disagreements_find_a_lower_later_count(dataset):
    table = coverage.disagreements(dataset.tallies)
    assert len(table) == 1
    row = table.iloc[0]
    assert (row["total_a"], row["total_b"], row["why"]) == (10, 9, "later count is lower")


def test_latest_official_as_of(dataset):
    from analysis.measures.stated_counts import latest

    assert latest(dataset.tallies, "official", end=pd.Timestamp("2023-10-30"))["total"] == 8
    assert latest(dataset.tallies, "official", end=pd.Timestamp("2023-10-01")) is None


def test_coverage_command_lists_ratios_and_disagreements(dataset):
    from analysis.cli.coverage import coverage_lines

    lines = coverage_lines(dataset.events, dataset.tallies)
    row = next(line for line in lines if line.startswith("2023-10-19"))
    assert "4 /    3 =   75%" in row and "2 /    2 =  100%" in row
    assert any("later count is lower: 10" in line for line in lines)
