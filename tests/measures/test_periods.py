"""The bins every chart and table shares (SYNTHETIC fixture: phase A from Tuesday 17 Oct
2023 to 31 Dec 2023, phase B from Monday 1 Jan 2024; attacks on 17, 18, 19 and 24 Oct 2023,
28 and 29 Jan 2024)."""

from __future__ import annotations

import pandas as pd

from analysis.measures import counting, periods


def test_bins_cut_weeks_at_phase_edges_and_tile_the_window(dataset):
    bins = periods.bins(dataset.phases, pd.Timestamp("2023-10-07"), pd.Timestamp("2024-02-04"))
    first = bins.iloc[0]
    assert (first["phase"], first["start"], first["end"], first["days"], first["week"]) == (
        "Fixture phase A", pd.Timestamp("2023-10-17"), pd.Timestamp("2023-10-22"), 6,
        pd.Timestamp("2023-10-16"))
    last_a = bins[bins["phase"] == "Fixture phase A"].iloc[-1]
    assert (last_a["start"], last_a["end"]) == (pd.Timestamp("2023-12-25"),
                                                pd.Timestamp("2023-12-31"))
    days = pd.date_range("2023-10-17", "2024-02-04")
    assert bins["days"].sum() == len(days)  # every day once: no gap, no overlap
    assert (bins["start"].iloc[1:].to_numpy() == (bins["end"] + pd.Timedelta(days=1))
            .iloc[:-1].to_numpy()).all()


def test_counts_put_every_event_in_one_bin(dataset):
    attacks = counting.attacks(dataset.events)
    bins = periods.bins(dataset.phases, pd.Timestamp("2023-10-17"), pd.Timestamp("2024-02-04"))
    table = periods.counts(attacks, bins, "country", ["Iraq", "Syria", "Jordan"])
    assert table["total"].sum() == len(attacks) == 6
    assert table.iloc[0][["Iraq", "Syria", "Jordan", "total"]].tolist() == [2, 1, 0, 3]
    assert table[["Iraq", "Syria", "Jordan"]].to_numpy().sum() == 6


def test_a_week_cut_by_a_phase_edge_is_two_bins_each_in_its_phase():
    phases = pd.DataFrame({"name": ["P", "Q"], "start": pd.to_datetime(["2024-06-01",
                                                                        "2024-07-04"]),
                           "end": pd.to_datetime(["2024-07-03", None]), "summary": ["", ""]})
    bins = periods.bins(phases, pd.Timestamp("2024-06-01"), pd.Timestamp("2024-07-10"))
    week = bins[bins["week"] == pd.Timestamp("2024-07-01")]
    assert week[["phase", "days"]].values.tolist() == [["P", 3], ["Q", 4]]
    events = pd.DataFrame({"event_date": pd.to_datetime(["2024-07-02", "2024-07-04",
                                                         "2024-07-05"]),
                           "country": ["Iraq"] * 3})
    table = periods.counts(events, bins, "country", ["Iraq"])
    assert table.loc[week.index, "total"].tolist() == [1, 2]


def test_the_site_matrix_keeps_every_attack_with_the_rest_in_one_row(dataset):
    attacks = counting.attacks(dataset.events)
    bins = periods.bins(dataset.phases, pd.Timestamp("2023-10-17"), pd.Timestamp("2024-02-04"))
    matrix = periods.site_matrix(attacks, bins, top=2)
    assert matrix.index[-1] == "all other sites" and len(matrix) == 3
    assert matrix.to_numpy().sum() == 6
    assert matrix.loc["Ain al-Asad Air Base"].sum() == 2  # busiest first
