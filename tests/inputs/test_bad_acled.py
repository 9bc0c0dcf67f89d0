"""ACLED exports never break silently: a bad value gets ``file:line: column: value: expected``
and exit 2 before anything runs; rows the mapping cannot place are counted and reported;
distinct locations never merge. Each case changes a copy of the ACLED fixture (synthetic)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from analysis.cli.main import main
from analysis.inputs.acled import load_acled, place_keys
from analysis.inputs.csv_text import file_label
from analysis.inputs.problems import DataError

# The build summary (a DataWarning on every load) is asserted where it matters, not shown.
pytestmark = pytest.mark.filterwarnings("ignore::analysis.inputs.problems.DataWarning")


FIXTURE = Path(__file__).parents[1] / "fixtures" / "acled" / "acled_export.csv"
LINE_2 = FIXTURE.read_text(encoding="utf-8").splitlines()[1]
US = "Military Forces of the United States (2021-)"


def _export(tmp_path: Path) -> Path:
    path = tmp_path / "export.csv"
    shutil.copy(FIXTURE, path)
    return path


def _replace_bytes(path: Path, old: bytes, new: bytes) -> None:
    raw = path.read_bytes()
    assert old in raw, old
    path.write_bytes(raw.replace(old, new, 1))


def _replace_in_line(path: Path, line: int, old: str, new: str) -> None:
    lines = path.read_text(encoding="utf-8").split("\n")
    assert old in lines[line - 1], (old, lines[line - 1])
    lines[line - 1] = lines[line - 1].replace(old, new, 1)
    path.write_text("\n".join(lines), encoding="utf-8")


def _fatalities(path: Path, line: int, value: str) -> None:
    lines = path.read_text(encoding="utf-8").split("\n")
    lines[line - 1] = lines[line - 1].rsplit(",", 1)[0] + "," + value
    path.write_text("\n".join(lines), encoding="utf-8")


def _append(path: Path, *rows: str) -> None:
    text = path.read_text(encoding="utf-8").rstrip("\n")
    path.write_text(text + "\n" + "\n".join(rows) + "\n", encoding="utf-8")


# case: (change to the export, the exact problem after the file name)
CASES = {
    "Latin-1 byte in a location": (
        lambda p: _replace_bytes(p, b"Ain al-Asad Air Base", b"Caf\xe9 Base"),
        ":2: (byte 164): '\\\\xe9 Ba': UTF-8 text (save the file as UTF-8)"),
    "Windows-1252 quote in the notes": (
        lambda p: _replace_bytes(p, b"A drone incident", b"A \x93drone\x94 incident"),
        ":2: (byte 216): '\\\\x93dro': UTF-8 text (save the file as UTF-8)"),
    "Latin-1 byte in the header": (
        lambda p: _replace_bytes(p, b"notes", b"not\xe9s"),
        ":1: (byte 139): '\\\\xe9s,f': UTF-8 text (save the file as UTF-8)"),
    "fatalities beyond any integer": (
        lambda p: _fatalities(p, 3, "99999999999999999999"),
        ":3: fatalities: '99999999999999999999': a whole number from 0 to 100,000"),
    "fatalities beyond the limit": (
        lambda p: _fatalities(p, 3, "100001"),
        ":3: fatalities: '100001': a whole number from 0 to 100,000"),
    "negative fatalities": (
        lambda p: _fatalities(p, 3, "-1"),
        ":3: fatalities: '-1': a whole number from 0 to 100,000"),
    "fractional fatalities": (
        lambda p: _fatalities(p, 3, "2.5"),
        ":3: fatalities: '2.5': a whole number from 0 to 100,000"),
    "non-ASCII digits in fatalities": (
        lambda p: _fatalities(p, 3, "٣"),
        ":3: fatalities: '٣': a whole number from 0 to 100,000"),
    "latitude out of range": (
        lambda p: _replace_in_line(p, 2, "33.7856", "95.5"),
        ":2: latitude: '95.5': a latitude in decimal degrees (-90 to 90)"),
}


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_bad_acled_export_is_refused_with_one_clear_line(case, tmp_path, capsys):
    path = _export(tmp_path)
    change, problem = CASES[case]
    change(path)
    code = main(["build", "--out", str(tmp_path / "out"), "--data", str(path), "--dry-run"])
    err = capsys.readouterr().err
    assert code == 2, err
    assert err.splitlines() == ["1 problem(s) in the input; no report was touched:",
                                f"  {file_label(path)}{problem}"]
    assert main(["validate", str(path)]) == 1
    assert f"{file_label(path)}{problem}" in capsys.readouterr().err.splitlines()


_ROWS = iter(range(10_000))


def _row(location: str, latitude: str, longitude: str, *, actor2: str = US,
         country: str = "Iraq", admin1: str = "Anbar", date: str | None = None) -> str:
    fields = LINE_2.split(",")
    fields[0] = f"NEW{next(_ROWS):04d}"
    if date is not None:
        fields[1] = date
    fields[7], fields[8], fields[9], fields[10] = actor2, country, admin1, location
    fields[11], fields[12] = latitude, longitude
    return ",".join(fields)


def test_distinct_arabic_locations_stay_distinct_places(tmp_path):
    path = _export(tmp_path)
    _append(path, _row("عين الأسد", "33.8", "42.44"), _row("القائم", "34.37", "41.09"))
    events = load_acled(path).events
    rows = events[events["place_name"].isin(["عين الأسد", "القائم"])]
    assert rows["place"].nunique() == 2
    placed = dict(zip(rows["place_name"], zip(rows["latitude"], rows["longitude"],
                                              strict=True), strict=True))
    assert placed == {"عين الأسد": (33.8, 42.44), "القائم": (34.37, 41.09)}


def test_places_whose_slugs_clash_get_distinct_keys():
    places = pd.DataFrame({"country": ["Iraq"] * 4, "admin1": ["Anbar"] * 4,
                           "location": ["Al Qaim", "al-Qaim", "القائم", "???"]})
    keys = place_keys(places)
    assert keys.is_unique
    assert keys[2] == "iraq-anbar-القائم"
    assert keys[0].startswith("iraq-anbar-al-qaim-") and keys[1].startswith("iraq-anbar-al-qaim-")
    assert keys[3] == "iraq-anbar"


OTHER = ("neither an attack on US or coalition forces nor a strike on an Iran-aligned group")


def test_rows_the_mapping_cannot_place_are_counted_and_reported(tmp_path, capsys):
    path = _export(tmp_path)
    _append(path,
            _row("Ramadi", "33.42", "43.3", actor2="Civilians (Iraq)"),
            _row("Ramadi", "33.42", "43.3", actor2="Protesters (Iraq)"),
            _row("Beirut", "33.89", "35.5", country="Lebanon", admin1="Beirut"))
    label = file_label(path)
    expected = [
        f"{label}: warning: (summary): '80 of 83 rows kept': 75 attacks on US positions, "
        "5 strikes on Iran-aligned groups; 3 skipped, by reason:",
        f"{label}:82: warning: (rows): '2 rows skipped': {OTHER} (lines 82, 83)",
        f"{label}:84: warning: (rows): '1 row skipped': a row outside Iraq, Syria and Jordan "
        "(line 84)",
    ]
    assert main(["validate", str(path)]) == 0
    captured = capsys.readouterr()
    assert captured.err.splitlines() == expected
    assert "no problems" in captured.out
    for _ in range(2):  # the second build reads the data cache: it warns all the same
        assert main(["build", "--out", str(tmp_path / "out"), "--data", str(path),
                     "--dry-run"]) == 0
        err = capsys.readouterr().err
        assert [line for line in err.splitlines() if "warning:" in line] == expected


def test_many_skipped_rows_show_the_first_ten_lines_and_the_count(tmp_path):
    path = _export(tmp_path)
    _append(path, *[_row(f"Site {i}", "33.4", "43.3", actor2="Civilians (Iraq)")
                    for i in range(12)])
    with pytest.warns(UserWarning) as caught:
        load_acled(path)
    [message] = [str(w.message) for w in caught if "(rows)" in str(w.message)]
    assert message.endswith("(lines 82, 83, 84, 85, 86, 87, 88, 89, 90, 91, … 2 more)")
    assert "'12 rows skipped'" in message


def test_rows_outside_the_dates_or_countries_are_skipped_not_refused(tmp_path, capsys):
    path = _export(tmp_path)
    _append(path, _row("K-1 Air Base", "35.5", "44.3", admin1="Kirkuk", date="2019-12-27"),
            _row("Beirut", "95.0", "35.5", country="Lebanon", admin1="Beirut"),  # bad value
            _row("Ain al-Asad Air Base", "33.8", "42.4", date="2099-01-01"))
    assert main(["build", "--out", str(tmp_path / "out"), "--data", str(path),
                 "--dry-run"]) == 0
    err = capsys.readouterr().err
    assert "'80 of 83 rows kept'" in err
    assert "a row dated before 2023-10-01 (the data covers October 2023 on) (line 82)" in err
    assert "a row outside Iraq, Syria and Jordan (line 83)" in err
    assert "a row dated after today (line 84)" in err


def test_a_file_without_a_row_in_scope_is_refused_saying_so(tmp_path, capsys):
    path = tmp_path / "export.csv"
    path.write_text(FIXTURE.read_text(encoding="utf-8").splitlines()[0] + "\n"
                    + _row("Beirut", "33.89", "35.5", country="Lebanon", admin1="Beirut")
                    + "\n" + _row("Ramadi", "33.42", "43.3", actor2="Civilians (Iraq)") + "\n",
                    encoding="utf-8")
    assert main(["build", "--out", str(tmp_path / "out"), "--data", str(path),
                 "--dry-run"]) == 2
    err = capsys.readouterr().err
    assert "'no row kept': at least one row in scope" in err
    assert "a row outside Iraq, Syria and Jordan (line 2)" in err  # the reasons, above it


def test_more_than_fifty_bad_values_are_counted_not_cut(tmp_path):
    path = _export(tmp_path)
    _append(path, *[_row(f"Site {i}", "95", "43.3") for i in range(60)])
    with pytest.raises(DataError) as err:
        load_acled(path)
    latitude = [p for p in err.value.problems if p.column == "latitude"]
    assert len(latitude) == 51
    assert latitude[-1].value == "and 10 more row(s) like the above"
    assert latitude[-1].line == 132


def test_an_export_joined_to_itself_counts_each_event_once(tmp_path, capsys):
    path = _export(tmp_path)
    text = FIXTURE.read_text(encoding="utf-8")
    path.write_text(text + text, encoding="utf-8")  # header line included, as `cat` does
    with pytest.warns(UserWarning) as caught:
        events = load_acled(path).events
    assert len(events) == 80
    messages = [str(w.message) for w in caught]
    assert any("'80 rows skipped'" in m and "(lines 83 = 2, 84 = 3," in m for m in messages)
    assert any("'1 row skipped': a repeated header line" in m and "(line 82)" in m
               for m in messages)
    assert main(["validate", str(path)]) == 0
    assert "repeats an earlier one exactly" in capsys.readouterr().err


def test_one_id_with_different_values_is_refused_with_both_lines(tmp_path):
    path = _export(tmp_path)
    changed = LINE_2.replace("Ain al-Asad Air Base", "Ain al-Asad")
    _append(path, changed)
    with pytest.raises(DataError) as err:
        load_acled(path)
    [problem] = err.value.problems
    assert (problem.line, problem.column, problem.value) == (82, "event_id_cnty", "FIX0001")
    assert "line 2 has the same id with other values (location)" in problem.expected
