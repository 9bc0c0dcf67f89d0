"""Inputs that once ended in "unexpected error": each is now a located refusal (what file,
what entry, what value, what was expected), exit 2, and nothing written."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from analysis.cli.main import main
from tests.conftest import FIXTURE_DATA

PROJECT_NOTEBOOKS = Path(__file__).parents[2] / "notebooks"


@pytest.fixture
def project(tmp_path):
    notebooks = tmp_path / "notebooks"
    shutil.copytree(PROJECT_NOTEBOOKS, notebooks)
    data = tmp_path / "data"
    shutil.copytree(FIXTURE_DATA, data)
    return notebooks / "reports.yml", data, tmp_path / "out"


def _run(capsys, *args: str) -> tuple[int, str]:
    try:
        code = main(list(args))
    except SystemExit as exit_:
        code = int(exit_.code)
    err = capsys.readouterr().err
    assert "unexpected error" not in err and "Traceback" not in err, err
    return code, err


REGISTRIES = {
    "a notebook that is a number": ("reports:\n  - name: x\n    notebook: 5\n",
                                    "entry 1: notebook: 5: Input should be a valid string"),
    "a title that is a list": ("reports:\n  - name: x\n    notebook: overview.ipynb\n"
                               "    title: [1]\n", "entry 1: title: [1]"),
    "min_attacks as text": ("reports:\n  - for_each: region\n    notebook: region.ipynb\n"
                            "    min_attacks: many\n", "entry 1: min_attacks: 'many'"),
    "an unknown key": ("reports:\n  - name: x\n    notebook: overview.ipynb\n    colour: red\n",
                       "colour: 'red': an unknown key; allowed: notebook, name, title"),
    "for_each of something else": ("reports:\n  - for_each: city\n    notebook: region.ipynb\n",
                                   "entry 1: for_each: 'city'"),
    "parameters as a list": ("reports:\n  - name: x\n    notebook: overview.ipynb\n"
                             "    parameters: [1]\n", "entry 1: parameters: [1]"),
    "defaults as a number": ("defaults: 3\nreports:\n  - name: x\n    notebook: overview.ipynb\n",
                             "defaults: 3: Input should be a valid dictionary"),
    "no report": ("reports: []\n", "reports: []: List should have at least 1 item"),
    "a date that does not exist": ("reports:\n  - name: x\n    notebook: overview.ipynb\n"
                                   "    parameters: {end_date: 2024-02-30}\n",
                                   "day is out of range for month: expected real calendar "
                                   "dates"),
    "nesting past the cap": ("reports: " + "[" * 40 + "]" * 40 + "\n",
                             "nested more than 12 levels deep"),
    "nesting past Python's stack": ("reports: " + "[" * 5000 + "]" * 5000 + "\n",
                                    "nested too deeply to read"),
    "region and countries together": ("reports:\n  - name: x\n    notebook: region.ipynb\n"
                                      "    parameters: {region: Iraq, countries: [Iraq]}\n",
                                      "unknown parameter(s) countries"),
    "a phase outside its window": ("reports:\n  - name: x\n    notebook: overview.ipynb\n"
                                   "    parameters: {phase: Fixture phase A, "
                                   "start_date: '2024-01-05'}\n",
                                   "phase: 'Fixture phase A' runs 2023-10-17 to 2023-12-31: "
                                   "expected start_date and end_date that meet it"),
}


@pytest.mark.parametrize("case", REGISTRIES, ids=list(REGISTRIES))
def test_a_bad_registry_is_a_located_refusal(case, project, capsys):
    registry, data, out = project
    text, message = REGISTRIES[case]
    registry.write_text(text, encoding="utf-8")
    code, err = _run(capsys, "build", "--registry", str(registry), "--data", str(data),
                     "--out", str(out), "--dry-run")
    assert code == 2 and message in err, err
    assert not out.exists() or not list(out.glob("*.html"))


def test_a_duplicated_or_padded_csv_header(project, capsys):
    _, data, _ = project
    events = data / "events.csv"
    lines = events.read_text(encoding="utf-8").split("\n")
    lines[0] = lines[0].replace("event_date,", "event_date, event_date ,", 1)
    events.write_text("\n".join(lines), encoding="utf-8")
    code, err = _run(capsys, "validate", str(events))
    assert code == 1
    assert "events.csv:1: event_date: 'event_date': each column named once (it is columns " \
        "2 and 3)" in err


@pytest.mark.parametrize("where", ["a file", "under /proc"])
def test_an_out_that_cannot_take_reports(where, project, tmp_path, capsys):
    registry, data, _ = project
    if where == "a file":
        out = tmp_path / "file.html"
        out.write_text("x")
        expected = "a file; expected a folder for reports"
    else:
        out = Path("/proc/since-oct7-reports")
        expected = "cannot write there"
    code, err = _run(capsys, "build", "--registry", str(registry), "--data", str(data),
                     "--out", str(out))
    assert code == 2 and expected in err, err


def test_a_lock_that_is_a_folder_is_located(project, tmp_path, capsys):
    registry, data, out = project
    (out / ".build.lock").mkdir(parents=True)
    code, err = _run(capsys, "build", "--registry", str(registry), "--data", str(data),
                     "--out", str(out), "--dry-run")
    assert code == 2 and str(out) in err, err


@pytest.mark.parametrize("text,column", [
    ("Kata\u200bib Hezbollah", "actor"), ("Islamic Resistance\u200e in Iraq", "actor"),
    ("US\u00adforces", "target")])
def test_an_invisible_character_in_a_name_is_refused(text, column, project, capsys):
    _, data, _ = project
    events = data / "events.csv"
    lines = events.read_text(encoding="utf-8").split("\n")
    old = "Islamic Resistance in Iraq" if column == "actor" else "US forces"
    lines[3] = lines[3].replace(old, text, 1)
    events.write_text("\n".join(lines), encoding="utf-8")
    code, err = _run(capsys, "validate", str(data / "places.csv"), str(events))
    assert code == 1 and f"events.csv:4: {column}:" in err and "invisible" in err, err


def test_padding_and_decomposed_letters_are_one_name(project):
    """'Erbil Air Base ' and the same name in decomposed Unicode are the same site."""
    import unicodedata

    from analysis.inputs.curated import load_dataset

    _, data, _ = project
    events = data / "events.csv"
    text = events.read_text(encoding="utf-8")
    events.write_text(text.replace(",erbil-air-base,", ", erbil-air-base ,", 1),
                      encoding="utf-8")
    places = data / "places.csv"
    places.write_text(places.read_text(encoding="utf-8").replace(
        "Erbil Air Base", unicodedata.normalize("NFD", "Érbil Air Base") + " "),
        encoding="utf-8")
    dataset = load_dataset(data)
    assert dataset.events["place"].nunique() == len(set(dataset.events["place"]))
    assert (dataset.places["name"] == "Érbil Air Base").sum() == 1
