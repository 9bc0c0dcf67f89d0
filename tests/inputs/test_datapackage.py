"""data/datapackage.json: a valid Frictionless Data Package that agrees with the pandera
schemas (columns, vocabularies, required fields) and states the two dates of the search."""

from __future__ import annotations

import datetime as dt
import json
import shutil

import pytest

from analysis.inputs import paths, schemas
from analysis.inputs import vocabulary as V

PACKAGE = paths.DATA_DIR / paths.PACKAGE_FILE
TODAY = dt.date(2026, 11, 30)


def _package() -> dict:
    return json.loads(PACKAGE.read_text(encoding="utf-8"))


def _resource(name: str) -> dict:
    return next(r for r in _package()["resources"] if r["name"] == name)


def _pandera(name: str):
    return {"events": schemas.events_schema(None, TODAY), "places": schemas.places_schema(),
            "tallies": schemas.tallies_schema(TODAY), "phases": schemas.phases_schema(TODAY),
            "toll_statements": schemas.toll_statements_schema(None, TODAY)}[name]


def test_frictionless_finds_the_package_and_every_row_valid():
    from frictionless import validate

    report = validate(str(PACKAGE))
    problems = [f"{t.name}: {e.message}" for t in report.tasks for e in t.errors]
    assert report.valid, problems[:10]


@pytest.mark.parametrize("name", ["events", "places", "tallies", "phases", "toll_statements"])
def test_fields_are_the_pandera_schema_columns_in_file_order(name):
    fields = [f["name"] for f in _resource(name)["schema"]["fields"]]
    assert set(fields) == set(_pandera(name).columns), name
    assert tuple(fields) == {"events": V.EVENT_COLUMNS, "places": V.PLACE_COLUMNS,
                             "tallies": V.TALLY_COLUMNS, "phases": V.PHASE_COLUMNS,
                             "toll_statements": V.TOLL_COLUMNS}[name]


@pytest.mark.parametrize("resource,column,values", [
    ("events", "category", V.CATEGORIES), ("events", "attribution", V.ATTRIBUTIONS),
    ("events", "weapon", V.WEAPONS), ("events", "date_precision", V.DATE_PRECISIONS),
    ("places", "kind", V.PLACE_KINDS), ("places", "country", V.COUNTRIES),
    ("tallies", "kind", V.TALLY_KINDS), ("toll_statements", "measure", V.TOLL_MEASURES)])
def test_enumerations_match_the_vocabulary(resource, column, values):
    spec = next(f for f in _resource(resource)["schema"]["fields"] if f["name"] == column)
    assert sorted(spec["constraints"]["enum"]) == sorted(values)


def test_a_value_pandera_refuses_is_refused_by_frictionless_too(tmp_path):
    """Both validators reject the same bad row: a weapon outside the vocabulary."""
    from frictionless import validate

    from analysis.inputs.curated import load_events
    from analysis.inputs.problems import DataError

    folder = tmp_path / "data"
    shutil.copytree(paths.DATA_DIR, folder)
    events = folder / "events.csv"
    lines = events.read_text(encoding="utf-8").split("\n")
    lines[1] = lines[1].replace(",drone,", ",laser,", 1)
    events.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(DataError):
        load_events(events, today=TODAY)
    report = validate(str(folder / paths.PACKAGE_FILE))
    assert not report.valid
    assert any("laser" in str(e.message) for t in report.tasks for e in t.errors)


def test_package_states_licence_version_policy_and_the_two_dates_of_the_search():
    package = _package()
    assert package["licenses"][0]["name"] == "CC-BY-4.0"
    assert package["version"] and package["sources_policy"] and package["created"]
    searched = dt.date.fromisoformat(package["sources_searched_on"])
    reach = dt.date.fromisoformat(package["sources_reach"])
    with open(paths.DATA_DIR / paths.EVENTS_FILE, encoding="utf-8") as f:
        import csv

        last = max(r["event_date"] for r in csv.DictReader(f))
    assert reach.isoformat() >= last, "the sources cannot reach less far than the last event"
    assert searched >= reach, "the sources cannot reach past the day they were searched"
