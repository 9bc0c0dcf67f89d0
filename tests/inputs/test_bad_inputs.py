"""Bad input never breaks a report or loses data: a clear message, non-zero exit, and the
last good reports untouched. Each case corrupts a copy of the synthetic fixture."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from analysis.cli.main import main
from analysis.publish.build import build
from tests.conftest import FIXTURE_DATA

FIXTURE_NOTEBOOKS = Path(__file__).parents[1] / "fixtures" / "notebooks"
HEADER = (FIXTURE_DATA / "events.csv").read_text().splitlines()[0]


def _quiet(*args, **kwargs) -> None:
    pass


@pytest.fixture(scope="module")
def good_build(tmp_path_factory):
    """A folder with a good report built from the fixture data, and its registry."""
    root = tmp_path_factory.mktemp("good")
    notebooks = root / "notebooks"
    notebooks.mkdir()
    shutil.copy(FIXTURE_NOTEBOOKS / "tiny.ipynb", notebooks)
    registry = notebooks / "reports.yml"
    registry.write_text(yaml.safe_dump({"reports": [
        {"name": "tiny", "notebook": "tiny.ipynb", "title": "Tiny"}]}))
    out = root / "out"
    data = root / "data"
    shutil.copytree(FIXTURE_DATA, data)
    assert build(out=out, registry=registry, data=data, log=_quiet) == 0
    return out, registry


def _snapshot(out: Path) -> dict[str, tuple[bytes, int]]:
    return {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in out.iterdir() if p.is_file()}


def _replace_line(path: Path, line: int, old: str, new: str) -> None:
    lines = path.read_text(encoding="utf-8").split("\n")
    assert old in lines[line - 1], (old, lines[line - 1])
    lines[line - 1] = lines[line - 1].replace(old, new, 1)
    path.write_text("\n".join(lines), encoding="utf-8")


def _events(data: Path) -> Path:
    return data / "events.csv"


CASES = {
    "missing file": (lambda d: _events(d).unlink(), "events.csv", "an existing file"),
    "empty file": (lambda d: _events(d).write_text(""), ":1: (file)", "a header line"),
    "header only": (lambda d: _events(d).write_text(HEADER + "\n"), ":2: (file)",
                    "at least one row"),
    "missing column": (lambda d: _events(d).write_text(
        _events(d).read_text().replace("weapon,", "", 1)), ":1: weapon", "a column named"),
    "bad date": (lambda d: _replace_line(_events(d), 3, "2023-10-18,day", "2023-10-32,day"),
                 ":3: event_date: '2023-10-32'", "ISO date"),
    "date before October 2023": (
        lambda d: _replace_line(_events(d), 3, "2023-10-18,day", "2023-09-30,day"),
        ":3: event_date: '2023-09-30'", "between 2023-10-01"),
    "date in the future": (
        lambda d: _replace_line(_events(d), 3, "2023-10-18,day", "2031-01-01,day"),
        ":3: event_date: '2031-01-01'", "between"),
    "unknown place": (lambda d: _replace_line(_events(d), 4, ",erbil-air-base,", ",atlantis,"),
                      ":4: place: 'atlantis'", "a place listed in places.csv"),
    "place without coordinates": (
        lambda d: _replace_line(d / "places.csv", 4, "33.5058,38.6178", ","),
        "places.csv:4: latitude", "a latitude (every place is drawn; see precision)"),
    "coordinates in the wrong country": (
        lambda d: _replace_line(d / "places.csv", 4, "33.5058,38.6178", "36.2,44.0"),
        "places.csv:4: latitude: '36.2, 44.0'", "coordinates inside Syria"),
    "coordinates out of range": (
        lambda d: _replace_line(d / "places.csv", 4, "33.5058", "95.5"),
        "places.csv:4: latitude: '95.5'", "-90 to 90"),
    "negative count": (lambda d: _replace_line(_events(d), 2, ",0,2,,4,", ",0,-2,,4,"),
                       ":2: us_injured: '-2'", "whole number >= 0"),
    "fractional count": (lambda d: _replace_line(_events(d), 2, ",0,2,,4,", ",0,2.5,,4,"),
                         ":2: us_injured: '2.5'", "whole number >= 0"),
    "duplicate event_id": (
        lambda d: _replace_line(_events(d), 3, "2023-10-18-al-tanf-1", "2023-10-17-ain-al-asad-1"),
        ":3: event_id", "not used on any other row"),
    "unknown category": (lambda d: _replace_line(_events(d), 3, "attack_on_us", "picnic"),
                         ":3: category: 'picnic'", "one of attack_on_us"),
    "unknown weapon": (lambda d: _replace_line(_events(d), 3, ",drone,", ",laser,"),
                       ":3: weapon: 'laser'", "one of airstrike"),
    "source not http(s)": (
        lambda d: _replace_line(_events(d), 3, "https://example.org/e/2", "javascript:alert(1)"),
        ":3: sources: 'javascript:alert(1)'", "http(s) URLs"),
    "non-UTF-8 bytes": (lambda d: _events(d).write_bytes(
        _events(d).read_bytes().replace(b"Synthetic rocket claim.", b"Caf\xe9 claim.")),
        ":4: (byte", "UTF-8"),
}


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_bad_input_is_refused_and_reports_survive(case, good_build, tmp_path, capsys):
    out, registry = good_build
    before = _snapshot(out)
    data = tmp_path / "data"
    shutil.copytree(FIXTURE_DATA, data)
    mutate, where, expected = CASES[case]
    mutate(data)
    code = main(["build", "--out", str(out), "--registry", str(registry), "--data", str(data)])
    err = capsys.readouterr().err
    assert code == 2
    assert where in err and expected in err, err
    assert "no report was touched" in err
    assert _snapshot(out) == before


@pytest.mark.parametrize("case", ["bad date", "unknown weapon", "missing column"])
def test_validate_command_prints_problem_and_exits_non_zero(case, tmp_path, capsys):
    data = tmp_path / "data"
    shutil.copytree(FIXTURE_DATA, data)
    mutate, where, expected = CASES[case]
    mutate(data)
    assert main(["validate", str(data / "places.csv"), str(data / "events.csv")]) == 1
    err = capsys.readouterr().err
    assert where in err and expected in err


def test_validate_clean_files_exit_zero(data_dir, capsys):
    assert main(["validate", str(data_dir / "places.csv"), str(data_dir / "events.csv"),
                 str(data_dir / "tallies.csv")]) == 0
    assert "no problems" in capsys.readouterr().out


def test_unknown_extra_column_is_a_warning_not_an_error(data_dir, capsys):
    path = data_dir / "events.csv"
    lines = path.read_text().splitlines()
    path.write_text("\n".join([lines[0] + ",mood"] + [line + ",calm" for line in lines[1:]]))
    assert main(["validate", str(data_dir / "places.csv"), str(path)]) == 0
    err = capsys.readouterr().err
    assert "mood" in err and "warning" in err


@pytest.mark.parametrize("variant", ["bom", "crlf", "embedded newline"])
def test_harmless_variants_load_the_same(variant, data_dir):
    from analysis.inputs.curated import load_dataset
    from tests.conftest import TODAY

    reference = load_dataset(FIXTURE_DATA, today=TODAY).events
    path = data_dir / "events.csv"
    text = path.read_text(encoding="utf-8")
    if variant == "bom":
        path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    elif variant == "crlf":
        path.write_bytes(text.replace("\n", "\r\n").encode("utf-8"))
    else:
        path.write_text(text.replace("Synthetic drone attack one.",
                                     '"Synthetic drone attack one,\nover two lines."'))
    events = load_dataset(data_dir, today=TODAY).events
    assert list(events["event_id"]) == list(reference["event_id"])
    if variant == "embedded newline":
        assert "\n" in events.loc[0, "description"]


def test_line_numbers_count_embedded_newlines(data_dir):
    from analysis.inputs.curated import load_events
    from analysis.inputs.problems import DataError
    from tests.conftest import TODAY

    path = data_dir / "events.csv"
    text = path.read_text().replace("Synthetic drone attack one.", '"one,\nspanning\nlines"')
    text = text.replace(",rocket,erbil-air-base,", ",laser,erbil-air-base,")
    path.write_text(text)
    with pytest.raises(DataError) as err:
        load_events(path, today=TODAY)
    [problem] = err.value.problems
    assert (problem.line, problem.column) == (6, "weapon")  # record 3 starts on line 6


def test_fifty_megabyte_file_with_one_bad_row_at_the_end(data_dir):
    from analysis.inputs.curated import load_events
    from analysis.inputs.problems import DataError
    from tests.conftest import TODAY

    path = data_dir / "events.csv"
    row = (FIXTURE_DATA / "events.csv").read_text().splitlines()[3]
    body = row.split(",", 1)[1]
    lines = [HEADER] + [f"big-{i}," + body for i in range(400_000)]
    lines.append("big-last," + body.replace(",rocket,", ",laser,"))
    path.write_text("\n".join(lines) + "\n")
    assert path.stat().st_size > 50_000_000
    with pytest.raises(DataError) as err:
        load_events(path, place_keys=None, today=TODAY)
    [problem] = err.value.problems
    assert (problem.line, problem.column, problem.value) == (len(lines), "weapon", "laser")
