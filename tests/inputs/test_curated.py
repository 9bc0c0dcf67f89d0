"""Loading and validation: typed columns, joins, and errors that name file, line and value."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.inputs import paths
from analysis.inputs.curated import load_dataset, load_events, load_places, load_tallies
from analysis.inputs.problems import DataError
from tests.conftest import TODAY


def test_events_are_typed_and_blank_stays_unknown(dataset):
    events = dataset.events
    assert events["event_date"].dtype.kind == "M"
    assert str(events["us_injured"].dtype) == "Int64"
    tanf = events.set_index("event_id").loc["2023-10-18-al-tanf-1"]
    assert pd.isna(tanf["us_injured"])  # blank in the file: unknown, not zero
    asad = events.set_index("event_id").loc["2024-01-29-ain-al-asad-1"]
    assert asad["us_injured"] == 0  # an explicit 0 stays 0


def test_events_are_joined_to_their_places(dataset):
    row = dataset.events.set_index("event_id").loc["2023-10-17-ain-al-asad-1"]
    assert (row["country"], row["admin1"], row["place_name"]) == (
        "Iraq", "Anbar", "Ain al-Asad Air Base")
    assert row["latitude"] == pytest.approx(33.7856)


def test_dataset_as_of_is_the_latest_date(dataset):
    assert dataset.as_of == pd.Timestamp("2024-01-31")


def test_invalid_value_names_file_line_column_value_and_rule(data_dir):
    path = data_dir / "events.csv"
    path.write_text(path.read_text().replace(",drone,al-tanf,", ",laser,al-tanf,"))
    with pytest.raises(DataError) as err:
        load_events(path, today=TODAY)
    [problem] = err.value.problems
    assert (problem.line, problem.column, problem.value) == (3, "weapon", "laser")
    assert "one of" in problem.expected and "drone" in problem.expected
    assert str(problem).startswith(f"{path.name}:3: weapon: 'laser': one of") or \
        ":3: weapon: 'laser': one of" in str(problem)


def test_every_problem_is_reported_not_just_the_first(data_dir):
    path = data_dir / "events.csv"
    text = path.read_text().replace("2023-10-18,day", "2023-10-32,day").replace(
        ",drone,ain-al-asad,0,2,", ",drone,ain-al-asad,0,-2,")
    path.write_text(text)
    with pytest.raises(DataError) as err:
        load_events(path, today=TODAY)
    columns = {(p.line, p.column) for p in err.value.problems}
    assert columns == {(2, "us_injured"), (3, "event_date")}


def test_unknown_place_is_refused(data_dir):
    path = data_dir / "events.csv"
    path.write_text(path.read_text().replace(",erbil-air-base,", ",atlantis,", 1))
    with pytest.raises(DataError) as err:
        load_dataset(data_dir, today=TODAY)
    [problem] = err.value.problems
    assert problem.column == "place" and problem.value == "atlantis"
    assert "places.csv" in problem.expected


def test_high_figure_below_low_is_refused(data_dir):
    path = data_dir / "events.csv"
    path.write_text(path.read_text().replace(",3,25,,47,", ",3,25,,20,"))
    with pytest.raises(DataError) as err:
        load_events(path, today=TODAY)
    [problem] = err.value.problems
    assert problem.column == "us_injured_high" and problem.line == 8


def test_place_without_coordinates_is_refused_unless_region(data_dir):
    path = data_dir / "places.csv"
    path.write_text(path.read_text().replace("33.5058,38.6178", ","))
    with pytest.raises(DataError) as err:
        load_places(path)
    assert {p.column for p in err.value.problems} == {"latitude", "longitude"}
    assert all(p.line == 4 for p in err.value.problems)


def test_tallies_sorted_and_counts_nullable(data_dir):
    tallies = load_tallies(data_dir / "tallies.csv", today=TODAY)
    assert list(tallies["as_of"]) == sorted(tallies["as_of"])
    assert pd.isna(tallies.iloc[-1]["iraq"])


def test_real_project_data_loads_and_validates():
    """The committed dataset must always load; no test pins it to a number."""
    data = load_dataset()
    assert len(data.events) > 0 and len(data.places) > 0 and len(data.tallies) > 0
    assert set(data.events["category"]) <= {"attack_on_us", "strike_on_militants"}
    assert data.events["country"].notna().all()


@pytest.mark.parametrize("package,message", [
    ({"sources_searched_on": "30 Nov 2026"},
     "sources_searched_on: '30 Nov 2026': a date as YYYY-MM-DD"),
    ("[1, 2]", "(file): 'list': a JSON object (a Frictionless data package)"),
    ({"sources_searched_on": "2026-11-01", "sources_reach": "2026-11-02"},
     "sources_reach: '2026-11-02': a date on or before sources_searched_on (2026-11-01)"),
    ({"sources_searched_on": "2099-01-01"}, "sources_searched_on: '2099-01-01': a date "
     "between 2023-10-01 and today"),
    ({"version": ["3"]}, "version: \"['3']\": a version string"),
])
def test_package_statements_are_checked(package, message, tmp_path):
    import json

    from analysis.inputs.package import load_package

    path = tmp_path / "datapackage.json"
    path.write_text(package if isinstance(package, str) else json.dumps(package),
                    encoding="utf-8")
    with pytest.raises(DataError) as err:
        load_package(path, TODAY)
    assert message in str(err.value), str(err.value)


def test_project_package_states_how_far_the_sources_reach_and_the_latest_changes():
    from analysis.inputs.package import load_package

    package = load_package(paths.DATA_DIR / paths.PACKAGE_FILE)
    assert package.reach is not None and package.reach <= package.searched_on
    assert package.changes_heading.startswith(package.version)
