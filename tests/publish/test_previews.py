"""A preview never costs a report: --only and --param builds, in every order with a plain
build, leave every report reports.yml builds as the plain build made it (SYNTHETIC fixture
data, the tiny fixture notebook)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml

from analysis.publish.build import build

pytestmark = pytest.mark.slow
FIXTURE_NOTEBOOKS = Path(__file__).parents[1] / "fixtures" / "notebooks"
REPORTS = ("one", "two")


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    root = tmp_path_factory.mktemp("previews")
    notebooks = root / "notebooks"
    notebooks.mkdir()
    shutil.copy(FIXTURE_NOTEBOOKS / "tiny.ipynb", notebooks)
    registry = notebooks / "reports.yml"
    registry.write_text(yaml.safe_dump({"reports": [
        {"name": name, "notebook": "tiny.ipynb", "title": name.title(),
         "parameters": {"label": name}} for name in REPORTS]}))
    from tests.conftest import FIXTURE_DATA

    data = root / "data"
    shutil.copytree(FIXTURE_DATA, data)
    return root, registry, data


def _state(out: Path) -> dict[str, tuple[bytes, int]]:
    return {n: ((out / f"{n}.html").read_bytes(), (out / f"{n}.html").stat().st_mtime_ns)
            for n in REPORTS}


STEPS = {
    "only": {"only": ["one"]},
    "param": {"overrides": {"label": "preview"}},
    "only+param": {"only": ["two"], "overrides": {"label": "other"}},
}


def test_previews_and_partial_builds_never_replace_or_drop_a_report(project, tmp_path):
    """Each kind of partial build, each followed by a plain one: the reports reports.yml
    builds stay byte for byte (and untouched on disk), the plain build has nothing to do,
    and each preview sits under its own name."""
    _, registry, data = project
    out = tmp_path / "out"
    log: list[str] = []
    say = lambda *a, **k: log.append(str(a[0]))  # noqa: E731
    assert build(out=out, registry=registry, data=data, log=say) == 0
    plain = _state(out)
    for step, options in STEPS.items():
        assert build(out=out, registry=registry, data=data, log=say, **options) == 0
        assert _state(out) == plain, f"{step} changed a report reports.yml builds"
        log.clear()
        assert build(out=out, registry=registry, data=data, log=say) == 0
        assert _state(out) == plain and any("all up to date" in line for line in log), \
            (step, log)
    manifest = json.loads((out / ".manifest.json").read_text())
    assert set(manifest["reports"]) == set(REPORTS)
    assert set(manifest["previews"]) == {"one--label-preview", "two--label-preview",
                                         "two--label-other"}
    for entry in manifest["previews"].values():
        assert (out / entry["html"]).exists() and "label" in entry["parameters"]


def test_a_preview_says_where_it_goes_and_shows_its_parameter(project, tmp_path):
    _, registry, data = project
    out = tmp_path / "out"
    log: list[str] = []
    assert build(out=out, registry=registry, data=data, overrides={"label": "x"},
                 dry_run=True, log=lambda *a, **k: log.append(str(a[0]))) == 0
    assert any("one--label-x: never built (a preview: one--label-x.html)" in line
               for line in log), log
    assert build(out=out, registry=registry, data=data, overrides={"label": "x"},
                 log=lambda *a, **k: None) == 0
    assert not (out / "one.html").exists() and (out / "one--label-x.html").exists()


def test_jobs_are_capped_by_the_reports_to_run(project, tmp_path):
    _, registry, data = project
    log: list[str] = []
    assert build(out=tmp_path / "out", registry=registry, data=data, jobs=5000,
                 only=["one"], dry_run=True, log=lambda *a, **k: log.append(str(a[0]))) == 0
    assert any("using 1 worker(s), not 5000" in line for line in log), log
    assert any("1 of 1 report(s) would run in 1 worker(s)" in line for line in log), log


@pytest.mark.parametrize("name", ["datapackage.json", "CHANGELOG.md", "phases.csv",
                                  "boundaries.geojson", "notes.txt"])
def test_every_data_file_is_an_input_of_every_report(project, tmp_path, name):
    """A changed package date, changelog, phase summary or outline, or any file added to
    the data folder, changes what decides a rebuild (the reports' digest) and the key of
    the validated-data cache (so even --force cannot show the old text)."""
    from analysis.inputs import digest
    from analysis.inputs.cache import cache_key

    _, _, data = project
    mine = tmp_path / "data"
    shutil.copytree(data, mine)
    path = mine / name
    path.write_text('{"version": "1"}' if name.endswith("json") else "first", encoding="utf-8")
    before = digest.data_digest(mine), cache_key(mine)
    path.write_text('{"version": "2"}' if name.endswith("json") else "second", encoding="utf-8")
    after = digest.data_digest(mine), cache_key(mine)
    assert before[0] != after[0] and before[1] != after[1]
