"""Bad parameters, in reports.yml or on the command line, are refused before anything runs."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from analysis.cli.main import main
from analysis.inputs import paths


@pytest.fixture
def registry(tmp_path) -> Path:
    folder = tmp_path / "notebooks"
    shutil.copytree(paths.NOTEBOOKS_DIR, folder)
    return folder / "reports.yml"


def _edit(registry: Path, **changes) -> None:
    content = yaml.safe_load(registry.read_text())
    content["reports"][0]["parameters"].update(changes)
    registry.write_text(yaml.safe_dump(content))


def _run(registry: Path, tmp_path: Path, *extra: str) -> int:
    out = tmp_path / "out"
    code = main(["build", "--registry", str(registry), "--out", str(out), *extra])
    assert not any(out.glob("*.html")), "nothing may be built"
    return code


CASES = {
    "unknown name": ({"colour": "red"}, "unknown parameter(s) colour", "accepts: countries"),
    "wrong type": ({"start_date": 20231007}, "start_date: 20231007", "ISO date string"),
    "bad date": ({"end_date": "2024-02-30"}, "end_date: '2024-02-30'", "ISO date"),
    "end before start": ({"end_date": "2023-01-01"}, "end_date: 2023-01-01",
                         "on or after start_date"),
    "unknown country": ({"countries": ["Iraq", "Lebanon"]}, "['Lebanon']",
                        "allowed: Iraq, Syria, Jordan"),
}


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_bad_parameter_in_registry_is_refused(case, registry, tmp_path, capsys):
    change, where, allowed = CASES[case]
    _edit(registry, **change)
    assert _run(registry, tmp_path) == 2
    err = capsys.readouterr().err
    assert where in err and allowed in err and "no report was touched" in err


def test_unknown_region_is_refused_listing_regions(registry, tmp_path, capsys):
    content = yaml.safe_load(registry.read_text())
    content["reports"].append({"name": "lebanon", "notebook": "region.ipynb", "title": "L",
                               "parameters": {"region": "Lebanon"}})
    registry.write_text(yaml.safe_dump(content))
    assert _run(registry, tmp_path) == 2
    err = capsys.readouterr().err
    assert "region: 'Lebanon': unknown; allowed: Iraq" in err


def test_unknown_article_is_refused_listing_ids(registry, tmp_path, capsys):
    content = yaml.safe_load(registry.read_text())
    content["reports"].append({"name": "nope", "notebook": "article.ipynb", "title": "N",
                               "parameters": {"article_id": "999_missing"}})
    registry.write_text(yaml.safe_dump(content))
    assert _run(registry, tmp_path) == 2
    assert "article_id: '999_missing': unknown; allowed: 000_e364a53eef6eade5" in \
        capsys.readouterr().err


def test_command_line_parameter_is_checked(registry, tmp_path, capsys):
    assert _run(registry, tmp_path, "--param", "start_date=yesterday") == 2
    assert "start_date: 'yesterday'" in capsys.readouterr().err
    assert _run(registry, tmp_path, "--param", "flavour=mint") == 2
    assert "unknown parameter(s) on the command line: flavour" in capsys.readouterr().err


def test_unknown_only_name_lists_reports(registry, tmp_path, capsys):
    assert _run(registry, tmp_path, "--only", "overveiw") == 2
    err = capsys.readouterr().err
    assert "unknown report(s) overveiw" in err and "overview" in err
