"""Counting functions on the synthetic fixture, checked against hand counts."""

from __future__ import annotations

from analysis.measures import counting


def test_attacks_since_counts_only_attacks_in_window(dataset):
    ev = dataset.events
    assert counting.attacks_since(ev, "2023-10-07") == 6
    assert counting.attacks_since(ev, "2023-10-18", "2023-10-24") == 3
    assert counting.attacks_since(ev, "2024-02-01") == 0


def test_window_filters_countries(dataset):
    ev = counting.attacks(counting.window(dataset.events, countries=["Syria"]))
    assert set(ev["event_id"]) == {"2023-10-18-al-tanf-1", "2023-10-24-syria-unspecified-1"}


def test_counts_by_country_in_fixed_order(dataset):
    table = counting.counts_by(counting.attacks(dataset.events), "country")
    assert list(table["country"]) == ["Iraq", "Syria", "Jordan"]
    assert list(table["events"]) == [3, 2, 1]


def test_casualties_do_not_treat_unknown_as_zero(dataset):
    result = counting.casualties(counting.attacks(dataset.events), "us_injured",
                                 "us_injured_high")
    assert result == {"low": 27, "high": 51, "unknown_rows": 3, "rows": 6}


def test_split_by_attribution(dataset):
    split = counting.split_by_attribution(counting.attacks(dataset.events))
    assert split == {"confirmed": 3, "claimed_only": 2, "other": 1}
