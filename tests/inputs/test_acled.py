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

# The build summary (a DataWarning on every load) is asserted where it matters, not shown.
pytestmark = pytest.mark.filterwarnings("ignore::analysis.inputs.problems.DataWarning")


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


SYNTHETIC_2024 = ACLED / "synthetic_export_2024.csv"


def test_an_export_gets_reports_for_the_phases_and_countries_it_has_rows_in(tmp_path):
    from analysis.publish.build import load_choices

    choices, *_ = load_choices(SYNTHETIC_2024)
    assert choices.phases == ("2023–24 campaign", "Sporadic attacks 2024–26")
    assert {r for r in choices.regions if "/" not in r} == {"Iraq", "Syria", "Jordan"}
    iraq_only = tmp_path / "iraq.csv"
    lines = SYNTHETIC_2024.read_text(encoding="utf-8").splitlines()
    iraq_only.write_text("\n".join([lines[0]] + [line for line in lines[1:]
                                                 if ",Iraq," in line]) + "\n",
                         encoding="utf-8")
    choices, *_ = load_choices(iraq_only)
    assert {r for r in choices.regions if "/" not in r} == {"Iraq"}


def test_the_curated_data_keeps_every_phase(data_dir):
    from analysis.publish.build import load_choices

    choices, *_ = load_choices(data_dir)
    assert choices.phases == ("Fixture phase A", "Fixture phase B")


@pytest.mark.slow
def test_a_2024_export_in_the_current_layout_builds_with_exit_0(tmp_path):
    from analysis.publish.build import build
    from tests.publish.test_build import headline_values

    out = tmp_path / "reports"
    wanted = ["overview", "phase-2023-24-campaign", "phase-sporadic-attacks-2024-26"]
    assert build(out=out, data=SYNTHETIC_2024, only=wanted, log=lambda *a, **k: None) == 0
    shown = headline_values((out / "overview.html").read_text(encoding="utf-8"))
    assert shown["us_killed"] == "3"  # Tower 22's dead are US service members
    assert (shown["attacks_total"], shown["strikes_total"]) == ("6", "1")
    logged: list[str] = []
    assert build(out=out, data=SYNTHETIC_2024, dry_run=True,
                 log=lambda *a, **k: logged.append(" ".join(map(str, a)))) == 0
    planned = {line.split(":")[0].strip() for line in logged if line.startswith("  ")}
    assert not any("2026" in name or "ceasefire" in name for name in planned)
    assert {"region-iraq", "region-syria", "region-jordan", *wanted} <= planned
