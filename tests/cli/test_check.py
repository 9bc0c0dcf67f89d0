"""``python -m analysis check``: any article file, outside seeds/, put in context. Its
verdicts are the article report's for the same text, in the terminal and in the HTML."""

from __future__ import annotations

import html
import io
import re
import shutil
import subprocess
import sys

import pandas as pd
import pytest

from analysis.cli.check import claims_in_process, format_table
from analysis.cli.main import main
from analysis.inputs import paths
from analysis.report import entry

SEED = "001_9aac6e5668df3366"
PUBLISHED = "2024-01-29"


@pytest.fixture
def story(tmp_path):
    """A journalist's file: the text of a seed article, saved elsewhere."""
    path = tmp_path / "desk" / "story.txt"
    path.parent.mkdir()
    shutil.copyfile(paths.SEEDS_DIR / f"{SEED}.txt", path)
    return path


def _verdicts(claims: pd.DataFrame) -> list[tuple[str, str, str]]:
    return list(zip(claims["claim"], claims["measure"], claims["verdict"], strict=True))


def _seeds():
    from analysis.inputs.seed_articles import load_seed_articles

    return [(a.id, a.file, a.published) for a in load_seed_articles().itertuples()]


@pytest.mark.parametrize("seed,file,published", _seeds(), ids=[s[0][:3] for s in _seeds()])
def test_a_file_outside_seeds_gets_the_seed_reports_verdicts(tmp_path, seed, file,
                                                             published):
    """Same text, same date: the same claims, verdicts and reasons as the seed's report
    (a seed may also be linked to events in the data; a text given to check is not)."""
    story = tmp_path / "story.txt"
    shutil.copyfile(paths.SEEDS_DIR / file, story)
    mine = claims_in_process(story, published, None)
    theirs = entry.article(seed).claims()
    assert _verdicts(mine) == _verdicts(theirs)
    assert list(mine["data"]) == list(theirs["data"])


def test_the_terminal_table_lists_every_claim_and_verdict(story, capsys):
    assert main(["check", str(story), "--published", PUBLISHED]) == 0
    printed = capsys.readouterr().out
    claims = claims_in_process(story, pd.Timestamp(PUBLISHED), None)
    assert printed.splitlines()[0].split("|")[1].strip() == "verdict"
    for i, row in enumerate(claims.itertuples(index=False), 1):
        line = next(x for x in printed.splitlines() if x.startswith(f"{i} "))
        assert row.verdict in line or row.verdict.split()[0] in line
    assert "at least 34 personnel" in printed and "34 US" in printed


def test_standard_input(story, monkeypatch, capsys):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(story.read_bytes())))
    assert main(["check", "-", "--published", PUBLISHED]) == 0
    assert "at least 34 personnel" in capsys.readouterr().out


def test_the_notebook_function_gives_the_same_claims(story):
    assert _verdicts(entry.check(story, PUBLISHED)) == \
        _verdicts(claims_in_process(story, pd.Timestamp(PUBLISHED), None))


@pytest.mark.parametrize("make,expected", [
    (lambda p: p.write_bytes(b"caf\xe9 attack"), "UTF-8 text"),
    (lambda p: p.write_text("A drone \x1b[2J hit the base.", encoding="utf-8"),
     "without control characters"),
    (lambda p: p.write_text("   \n", encoding="utf-8"), "blank"),
    (lambda p: p.write_text("x" * 200_001, encoding="utf-8"), "at most 200,000 characters"),
    (lambda p: p.mkdir(), "a text file"),
    (lambda p: None, "an existing file"),
])
def test_a_file_that_cannot_be_read_is_refused_with_where_and_why(tmp_path, capsys, make,
                                                                   expected):
    path = tmp_path / "story.txt"
    make(path)
    assert main(["check", str(path), "--published", PUBLISHED]) == 2
    err = capsys.readouterr().err
    assert expected in err and "Traceback" not in err, err


@pytest.mark.parametrize("args,expected", [
    (["--published", "29 Jan 2024"], "expected an ISO date"),
    (["--published", PUBLISHED, "--out", "report.txt"], "ending in .html"),
    (["--published", PUBLISHED, "--out", str(paths.SEEDS_DIR / "x.html")],
     "inside an input folder"),
])
def test_bad_options_are_refused(story, capsys, args, expected):
    assert main(["check", str(story), *args]) == 2
    err = capsys.readouterr().err
    assert expected in err and "Traceback" not in err, err


def test_format_table_wraps_to_the_width_given(story):
    claims = claims_in_process(story, pd.Timestamp(PUBLISHED), None)
    assert max(len(line) for line in format_table(claims, width=100).splitlines()) <= 100


def _html_claims(page: str) -> list[tuple[str, str]]:
    """(claim, verdict) of each row of the report's claims table."""
    section = page.split("Claims checked against the data", 1)[1].split("</table>", 1)[0]
    rows = re.findall(r"<tr><td>(.*?)</td><td><span class=\"verdict-[a-z]+\">(.*?)</span>",
                      section, re.DOTALL)
    return [(html.unescape(c), html.unescape(v)) for c, v in rows]


@pytest.mark.slow
def test_the_html_report_shows_the_verdicts_the_terminal_printed(story, tmp_path):
    """The report comes from the article notebook run by the build's machinery; its claims
    table is the in-process computation, row for row."""
    out = tmp_path / "out" / "story.html"
    result = subprocess.run([sys.executable, "-m", "analysis", "check", str(story),
                             "--published", PUBLISHED, "--title", "A story on my desk",
                             "--out", str(out)], capture_output=True, text=True,
                            cwd=paths.PROJECT_ROOT, timeout=600)
    assert result.returncode == 0, result.stderr
    page = out.read_text(encoding="utf-8")
    claims = claims_in_process(story, pd.Timestamp(PUBLISHED), None)
    assert _html_claims(page) == list(zip(claims["claim"], claims["verdict"], strict=True))
    assert "<h1>In context: A story on my desk</h1>" in page
    assert "sources agree" not in page
