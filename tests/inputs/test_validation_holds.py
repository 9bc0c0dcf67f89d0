"""What validation passes, nothing later crashes on: every assumption the loading, counting,
charts and article code make about a value (digits, ranges, encodings, control characters,
lengths, what matplotlib can draw) is a rule of the schemas. Each case corrupts a copy of
the synthetic fixture (or of the seed articles) and must be refused up front, with exactly
these problems, exit 2, and the last good reports untouched."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from analysis.cli.main import main
from analysis.inputs import paths
from tests.conftest import FIXTURE_DATA
from tests.inputs.test_bad_inputs import _replace_line, _snapshot, good_build  # noqa: F401

EMOJI = "\U0001F680"  # ROCKET: not in DejaVu Sans (a grinning face, U+1F600, is)
DIGITS_20 = "99999999999999999999"


def _events(d: Path) -> Path:
    return d / "events.csv"


def _places(d: Path) -> Path:
    return d / "places.csv"


def _tallies(d: Path) -> Path:
    return d / "tallies.csv"


def _swap(path_of, line: int, old: str, new: str):
    return lambda d: _replace_line(path_of(d), line, old, new)


COUNT = "blank (unknown) or a whole number >= 0, at most 6 digits"
STATED = "blank (not stated) or a whole number >= 0, at most 6 digits"
ONE_LINE = "one line of text without control characters (tab, newline, NUL, ESC, ...)"
TEXT = "text without control characters (NUL, ESC, ...; newline and tab are fine)"
FONT = ("text the report font (DejaVu Sans) can draw: no emoji or other characters it has "
        "no glyph for")
CHART = ("written left to right, without '$' (charts cannot draw longer names, right-to-left "
         "script or '$' as written)")
FIRST_ALIAS = f"a first alias (the name charts show) of at most 60 characters, {CHART}"
GOVERNORATE = f"a governorate name of at most 40 characters, {CHART}"
LONG_DESCRIPTION = "A" * 1_001
LONG_DISPUTES = "B" * 4_001

# case: (change to the data folder, the exact problems printed, file names relative to it)
CASES = {
    # digits: counts become 64-bit integers (a 20-digit count overflowed in pandas)
    "count of 20 digits": (_swap(_events, 2, ",0,2,,4,", f",0,{DIGITS_20},,4,"),
                           [f"events.csv:2: us_injured: '{DIGITS_20}': {COUNT}"]),
    "count of 7 digits": (_swap(_events, 8, ",3,25,,47,", ",3,1000000,,47,"),
                          [f"events.csv:8: us_injured: '1000000': {COUNT}"]),
    "count in Arabic-Indic digits": (_swap(_events, 2, ",0,2,,4,", ",0,\u0662,,4,"),
                                     [f"events.csv:2: us_injured: '\u0662': {COUNT}"]),
    "high figure of 20 digits": (_swap(_events, 6, ",4,,9,", f",4,,{DIGITS_20},"),
                                 [f"events.csv:6: killed_high: '{DIGITS_20}': {COUNT}"]),
    "tally of 20 digits": (_swap(_tallies, 2, ",4,2,2,", f",{DIGITS_20},2,2,"),
                           [f"tallies.csv:2: total: '{DIGITS_20}': {STATED}"]),
    "date in Arabic-Indic digits": (
        _swap(_events, 3, "2023-10-18,day", "\u0662\u0660\u0662\u0663-10-18,day"),
        ["events.csv:3: event_date: '\u0662\u0660\u0662\u0663-10-18': an ISO date YYYY-MM-DD "
         "between 2023-10-01 and {today}"]),
    "latitude with 20 decimals": (
        _swap(_places, 4, "33.5058,", "33.50580000000000000001,"),
        ["places.csv:4: latitude: '33.50580000000000000001': a latitude in decimal degrees "
         "(-90 to 90)"]),
    # control characters: they went into the HTML and the CSV download raw
    "NUL in a description": (_swap(_events, 4, "Synthetic rocket", "Synthetic\x00 rocket"),
                             [f"events.csv:4: description: 'Synthetic\\x00 rocket claim.': "
                              f"{TEXT}"]),
    "ESC in a description": (_swap(_events, 4, "Synthetic rocket", "\x1b[31mSynthetic rocket"),
                             [f"events.csv:4: description: '\\x1b[31mSynthetic rocket claim.': "
                              f"{TEXT}"]),
    "bidi override in a description": (
        _swap(_events, 4, "Synthetic rocket", "Synthetic \u202erocket"),
        [f"events.csv:4: description: 'Synthetic \\u202erocket claim.': {TEXT}"]),
    "C1 control in disputes": (_swap(_events, 2, "A: 2 injured", "A: 2\x85 injured"),
                               [f"events.csv:2: disputes: 'A: 2\\x85 injured; B: 4': {TEXT}"]),
    "tab in an actor": (_swap(_events, 4, "Islamic Resistance", "Islamic\tResistance"),
                        [f"events.csv:4: actor: 'Islamic\\tResistance in Iraq': {ONE_LINE}"]),
    "newline in a place alias": (
        _swap(_places, 3, "Erbil Air Base | Irbil | Erbil,", '"Erbil Air Base\n| Irbil | Erbil",'),
        [f"places.csv:3: aliases: 'Erbil Air Base\\n| Irbil | Erbil': {ONE_LINE}"]),
    "NUL in a target": (_swap(_events, 3, ",US forces,", ",US\x00forces,"),
                        [f"events.csv:3: target: 'US\\x00forces': {ONE_LINE}"]),
    "ESC in a place note": (_swap(_places, 2, "synthetic fixture", "synthetic\x1b fixture"),
                            [f"places.csv:2: notes: 'synthetic\\x1b fixture': {TEXT}"]),
    "ESC in a tally speaker": (
        _swap(_tallies, 2, "Synthetic spokesperson", "Synthetic\x1b spokesperson"),
        [f"tallies.csv:2: speaker: 'Synthetic\\x1b spokesperson': {ONE_LINE}"]),
    "ESC in a tally note": (_swap(_tallies, 6, ",synthetic", ",synth\x1betic"),
                            [f"tallies.csv:6: note: 'synth\\x1betic': {TEXT}"]),
    "ESC in a URL": (_swap(_events, 3, "https://example.org/e/2", "https://example.org/e\x1b/2"),
                     [f"events.csv:3: sources: 'https://example.org/e\\x1b/2': {ONE_LINE}"]),
    # lengths: a 50 MB description built a 117 MB report
    "description over 1,000 characters": (
        _swap(_events, 4, "Synthetic rocket claim.", LONG_DESCRIPTION),
        [f"events.csv:4: description: '{'A' * 77}...': at most 1,000 characters"]),
    "50 MB description": (
        _swap(_events, 4, "Synthetic rocket claim.", "C" * 50_000_000),
        [f"events.csv:4: description: '{'C' * 77}...': at most 1,000 characters"]),
    "disputes over 4,000 characters": (
        _swap(_events, 2, "A: 2 injured; B: 4", LONG_DISPUTES),
        [f"events.csv:2: disputes: '{'B' * 77}...': at most 4,000 characters"]),
    "aliases over 1,000 characters": (
        _swap(_places, 3, "| Erbil,", "| " + "E" * 1_000 + ","),
        [f"places.csv:3: aliases: 'Erbil Air Base | Irbil | {'E' * 52}...': "
         "at most 1,000 characters"]),
    "actor over 200 characters": (
        _swap(_events, 4, "Islamic Resistance in Iraq", "K" * 201),
        [f"events.csv:4: actor: '{'K' * 77}...': at most 200 characters"]),
    # what matplotlib does with text: missing glyphs warn, '$' is maths, Arabic is unshaped
    "emoji in a place alias": (
        _swap(_places, 3, "| Erbil,", f"| Erbil {EMOJI},"),
        [f"places.csv:3: aliases: 'Erbil Air Base | Irbil | Erbil {EMOJI}': {FONT}"]),
    "CJK in a governorate": (_swap(_places, 3, ",Erbil,36", ",\u57c3\u5c14\u6bd4\u52d2,36"),
                             [f"places.csv:3: admin1: '\u57c3\u5c14\u6bd4\u52d2': {FONT}"]),
    "emoji in an actor": (_swap(_events, 4, "Islamic Resistance in Iraq", f"IRI {EMOJI}"),
                          [f"events.csv:4: actor: 'IRI {EMOJI}': {FONT}"]),
    "Arabic display name": (
        _swap(_places, 3, "Erbil Air Base | Irbil", "\u0623\u0631\u0628\u064a\u0644 | Irbil"),
        [f"places.csv:3: aliases: '\u0623\u0631\u0628\u064a\u0644 | Irbil | Erbil': "
         f"{FIRST_ALIAS}"]),
    "dollar signs in a display name": (
        _swap(_places, 3, "Erbil Air Base |", r"Erbil $\frac{1}$ Base |"),
        [r"places.csv:3: aliases: 'Erbil $\\frac{1}$ Base | Irbil | Erbil': " + FIRST_ALIAS]),
    "display name over 60 characters": (
        _swap(_places, 3, "Erbil Air Base |", "Erbil Air Base " + "n" * 48 + " |"),
        [f"places.csv:3: aliases: 'Erbil Air Base {'n' * 48} | Irbil | Erbil': {FIRST_ALIAS}"]),
    "governorate over 40 characters": (
        _swap(_places, 3, ",Erbil,36", ",Erbil " + "G" * 40 + ",36"),
        [f"places.csv:3: admin1: 'Erbil {'G' * 40}': {GOVERNORATE}"]),
    "dollar sign in a governorate": (_swap(_places, 3, ",Erbil,36", ",Erbil $,36"),
                                     [f"places.csv:3: admin1: 'Erbil $': {GOVERNORATE}"]),
    # keys that become file names and links
    "seed that is not an article id": (
        _swap(_events, 7, ",000_fixture", ",../../etc/passwd"),
        ["events.csv:7: seed: '../../etc/passwd': blank or a seed article id (lower-case "
         "letters, digits and '_')"]),
}


def _problems(err: str, data: Path) -> list[str]:
    """The problem lines of the build's message, with file names relative to ``data``."""
    prefix = os.path.relpath(data) + os.sep
    return [line.strip().replace(prefix, "") for line in err.splitlines()
            if line.startswith("  ")]


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_assumption_is_a_rule_and_reports_survive(case, good_build, tmp_path,  # noqa: F811
                                                 capsys):
    import datetime as dt

    out, registry = good_build
    before = _snapshot(out)
    data = tmp_path / "data"
    shutil.copytree(FIXTURE_DATA, data)
    mutate, expected = CASES[case]
    mutate(data)
    code = main(["build", "--out", str(out), "--registry", str(registry), "--data", str(data)])
    err = capsys.readouterr().err
    assert code == 2, err
    today = dt.date.today().isoformat()
    assert _problems(err, data) == [e.replace("{today}", today) for e in expected], err
    assert "no report was touched" in err
    assert _snapshot(out) == before


# ---- seed articles: read into the article notebook, so checked before any report runs -----

def _article(seeds: Path) -> Path:
    return seeds / "000_e364a53eef6eade5.txt"


def _articles_row(seeds: Path, old: str, new: str) -> None:
    _replace_line(seeds / "articles.csv", 2, old, new)


SEED_CASES = {
    "article not UTF-8": (
        lambda s: _article(s).write_bytes(b"Air strikes\nkilled 19 in Caf\xe9 Boukamal\n"),
        [r"000_e364a53eef6eade5.txt:2: (byte 17): '\\xe9 Bo': UTF-8 text (save the file as "
         "UTF-8)"]),
    "article in UTF-16": (
        lambda s: _article(s).write_bytes("Air strikes".encode("utf-16")),
        [r"000_e364a53eef6eade5.txt:1: (byte 1): '\\xff\\xfeA\\x00': UTF-8 text (save the "
         "file as UTF-8)"]),
    "article blank": (
        lambda s: _article(s).write_text("  \n\n"),
        ["000_e364a53eef6eade5.txt:1: (file): '': the article's text (this file is blank)"]),
    "article with NUL": (
        lambda s: _article(s).write_text("Air strikes\nkilled\x0019 militants\n"),
        ["000_e364a53eef6eade5.txt:2: (character 7): 'killed\\x00': text without control "
         "characters (NUL, ESC, ...; newline and tab are fine)"]),
    "article over 200,000 characters": (
        lambda s: _article(s).write_text("word " * 40_001),
        ["000_e364a53eef6eade5.txt: (file): '200,005 characters': at most 200,000 "
         "characters"]),
    "article file is a folder": (
        lambda s: (_article(s).unlink(), _article(s).mkdir()),
        ["articles.csv:2: file: '000_e364a53eef6eade5.txt': a regular file inside {seeds} "
         "(this is not a regular file)"]),
    "title with ESC": (
        lambda s: _articles_row(s, "Air strikes killed", "Air strikes\x1b killed"),
        ["articles.csv:2: title: 'Air strikes\\x1b killed 19 terrorists from the Islamic "
         f"Resistance, another group ...': {ONE_LINE}"]),
    "title over 500 characters": (
        lambda s: _articles_row(s, "Air strikes killed", "T" * 500),
        [f"articles.csv:2: title: '{'T' * 77}...': at most 500 characters"]),
}


@pytest.fixture
def seeds(tmp_path, monkeypatch) -> Path:
    """A writable copy of seeds/ that the build and the article notebook read instead."""
    folder = tmp_path / "seeds"
    shutil.copytree(paths.SEEDS_DIR, folder)
    monkeypatch.setattr(paths, "SEEDS_DIR", folder)
    return folder


@pytest.mark.parametrize("case", SEED_CASES, ids=list(SEED_CASES))
def test_bad_seed_article_is_refused_before_any_report_runs(case, good_build,  # noqa: F811
                                                            seeds, tmp_path, capsys):
    out, registry = good_build
    before = _snapshot(out)
    mutate, expected = SEED_CASES[case]
    mutate(seeds)
    data = tmp_path / "data"
    shutil.copytree(FIXTURE_DATA, data)
    code = main(["build", "--out", str(out), "--registry", str(registry), "--data", str(data)])
    err = capsys.readouterr().err
    assert code == 2, err
    assert _problems(err, seeds) == [e.replace("{seeds}", str(seeds)) for e in expected], err
    assert _snapshot(out) == before
    assert main(["validate", str(seeds / "articles.csv")]) == 1


def test_real_data_and_seeds_pass_with_headroom(capsys):
    """The length limits are at least twice the longest value in data/ today."""
    import csv
    import datetime as dt

    from analysis.inputs.schemas import events_schema, places_schema, tallies_schema

    assert main(["validate"]) == 0, capsys.readouterr().err
    today = dt.date.today()
    for name, schema in (("events", events_schema(None, today)), ("places", places_schema()),
                         ("tallies", tallies_schema(today))):
        limits = {column: int(check.name.split()[2].replace(",", ""))
                  for column, spec in schema.columns.items() for check in spec.checks
                  if str(check.name).startswith("at most ")}
        with open(paths.DATA_DIR / f"{name}.csv", encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                for column, limit in limits.items():
                    assert len(row[column]) * 2 <= limit, (name, column, row[column][:60])
