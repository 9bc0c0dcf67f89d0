"""ACLED exports as input: the column mapping, date formats, and the same counts as native."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from analysis.inputs.acled import load_acled, parse_dates
from analysis.inputs.curated import load_dataset
from analysis.inputs.problems import DataError

ACLED = Path(__file__).parents[1] / "fixtures" / "acled"


@pytest.mark.parametrize("text", ["2024-01-28", "28 January 2024", "28 Jan 2024",
                                  "28-01-2024", "28-01-24", "28-Jan-24", "28-Jan-2024",
                                  "28-January-2024", "28/01/2024", "28/01/24",
                                  "2024-01-28T00:00:00", " 28 January 2024 "])
def test_every_acled_date_format_parses(text):
    assert parse_dates(pd.Series([text]))[0] == pd.Timestamp("2024-01-28")


def test_a_date_in_words_from_before_the_war_parses_too():
    assert parse_dates(pd.Series(["21 March 2020"]))[0] == pd.Timestamp("2020-03-21")


def test_dates_written_month_first_are_read_month_first_only_when_they_must_be():
    month_first = parse_dates(pd.Series(["01/28/2024", "02/03/2024"]))
    day_first = parse_dates(pd.Series(["28/01/2024", "02/03/2024"]))
    assert month_first.tolist() == [pd.Timestamp("2024-01-28"), pd.Timestamp("2024-02-03")]
    assert day_first.tolist() == [pd.Timestamp("2024-01-28"), pd.Timestamp("2024-03-02")]


def test_acled_fixture_maps_to_the_same_incidents_as_native():
    acled = load_acled(ACLED / "acled_export.csv").events
    native = load_dataset(ACLED / "native").events
    for frame in (acled, native):
        frame["key"] = frame["event_date"].dt.strftime("%Y-%m-%d") + frame["place_name"]
    assert sorted(acled["key"]) == sorted(native["key"])
    def by_category_country(frame):
        return frame.groupby(["category", "country"], observed=True).size().to_dict()

    assert by_category_country(acled) == by_category_country(native)
    assert sorted(zip(acled["key"], acled["weapon"], strict=True)) == \
        sorted(zip(native["key"], native["weapon"], strict=True))


def test_bad_acled_date_names_line_and_formats(tmp_path):
    text = (ACLED / "acled_export.csv").read_text().splitlines()
    text[3] = re.sub(r"^FIX0003,[^,]+,", "FIX0003,the 5th of Nov,", text[3])
    path = tmp_path / "export.csv"
    path.write_text("\n".join(text) + "\n")
    with pytest.raises(DataError) as err:
        load_acled(path)
    [problem] = err.value.problems
    assert (problem.line, problem.column, problem.value) == (4, "event_date", "the 5th of Nov")
    assert "28 January 2024" in problem.expected and "28-01-24" in problem.expected


@pytest.mark.slow
def test_overview_from_acled_gives_the_same_counts_as_native(tmp_path):
    from analysis.publish.build import build
    from tests.publish.test_build import headline_values

    shown = {}
    for label, data in (("acled", ACLED / "acled_export.csv"), ("native", ACLED / "native")):
        out = tmp_path / label
        assert build(out=out, data=data, only=["overview"], log=lambda *a, **k: None) == 0
        shown[label] = headline_values((out / "overview.html").read_text(encoding="utf-8"))
    for key in ("attacks_total", "attacks_iraq", "attacks_syria", "attacks_jordan",
                "strikes_total"):
        assert shown["acled"][key] == shown["native"][key], key
    # ACLED has one fatality figure per event: the conservative end of the native range.
    assert shown["acled"]["militants_killed"] == shown["native"]["militants_killed"].split("–")[0]


def test_first_of_numbers_groups_by_first_appearance():
    from analysis.inputs.acled_codes import first_of

    keys = np.random.default_rng(3).integers(0, 40, 2_000).astype(np.int64) * 7919
    group, first = first_of(keys)
    order = list(dict.fromkeys(keys.tolist()))  # distinct keys, first-seen order
    assert group.tolist() == [order.index(k) for k in keys.tolist()]
    assert first.tolist() == [keys.tolist().index(k) for k in order]
