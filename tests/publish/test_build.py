"""The build end to end: real notebooks executed, HTML checked against the data."""

from __future__ import annotations

import csv
import json
import re
import shutil
from pathlib import Path

import pytest
import yaml
from filelock import FileLock

from analysis.inputs import paths
from analysis.publish.build import LOCK, BuildError, build

pytestmark = pytest.mark.slow
FIXTURE_NOTEBOOKS = Path(__file__).parents[1] / "fixtures" / "notebooks"


def quiet(*args, **kwargs) -> None:
    pass


@pytest.fixture(scope="session")
def built_overview(real_reports) -> Path:
    """The session's build of every report on the project's data (tests/conftest.py)."""
    return real_reports


def headline_values(html: str) -> dict[str, str]:
    return dict(re.findall(r'data-headline="([^"]+)">([^<]*)<', html))


def independent_counts(start: str = "2023-10-07") -> dict[str, int]:
    """Counted with the csv module straight from the files, not through analysis/."""
    with open(paths.DATA_DIR / "places.csv", encoding="utf-8") as f:
        country = {r["place"]: r["country"] for r in csv.DictReader(f)}
    counts = {"attacks_total": 0, "attacks_iraq": 0, "attacks_syria": 0, "attacks_jordan": 0,
              "strikes_total": 0, "us_killed": 0}
    with open(paths.DATA_DIR / "events.csv", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            if r["event_date"] < start:
                continue
            if r["category"] == "attack_on_us":
                counts["attacks_total"] += 1
                counts[f"attacks_{country[r['place']].lower()}"] += 1
                counts["us_killed"] += int(r["us_killed"] or 0)
            else:
                counts["strikes_total"] += 1
    return counts



def test_headline_numbers_in_html_equal_an_independent_count(built_overview):
    html = (built_overview / "overview.html").read_text(encoding="utf-8")
    shown = headline_values(html)
    for key, value in independent_counts().items():
        assert int(shown[key].replace(",", "")) == value, key



def test_region_headline_equals_an_independent_count(built_overview):
    shown = headline_values((built_overview / "region-iraq.html").read_text(encoding="utf-8"))
    expected = independent_counts()
    assert int(shown["attacks_total"].replace(",", "")) == expected["attacks_iraq"]
    assert "attacks_iraq" not in shown  # the one country's count is not shown twice



def test_report_is_self_contained_and_hides_code(built_overview):
    html = (built_overview / "overview.html").read_text(encoding="utf-8")
    assert not re.search(r"<script[^>]+src=", html)
    assert not re.search(r"<link[^>]+href=\"?https?:", html)
    assert not re.search(r"url\(\s*['\"]?https?:", html)
    assert not re.search(r"@import", html)
    images = re.findall(r'<img[^>]+src="([^"]+)"', html)
    assert images and all(src.startswith("data:image/png;base64,") for src in images)
    assert "scope.headlines()" not in html  # code cells hidden
    assert "Traceback" not in html and "Warning" not in html


def _no_local_path(html: str, *paths_: Path) -> None:
    for path in (paths.PROJECT_ROOT, Path.home(), Path("/tmp"), *paths_):
        assert str(path) + "/" not in html, path


def _page_text(html: str) -> str:
    """The page without its stylesheet (whose rules name colours like --jp-warn-color0)."""
    return re.sub(r"<style[^>]*>.*?</style>", "", html, flags=re.DOTALL)


def _context(page: str, found: re.Match | None) -> str | None:
    return None if found is None else page[max(0, found.start() - 80):found.end() + 80]



def test_real_reports_hold_no_warning_or_local_path(built_overview):
    """Real data may say "warning" in a description; a Python warning, a stderr output
    block, matplotlib's glyph message or a traceback may never appear."""
    for report in ("overview.html", "region-iraq.html", "index.html"):
        page = _page_text((built_overview / report).read_text(encoding="utf-8"))
        found = re.search(r"Warning: |vnd\.jupyter\.stderr|Glyph \d+|Traceback", page)
        assert found is None, (report, _context(page, found))
        _no_local_path(page, built_overview)


def test_kernel_stderr_never_reaches_a_report(tmp_path, data_dir):
    """Warnings, log records, raw writes to file descriptor 2 and matplotlib's "Glyph
    missing" all go to the kernel's stderr: the build says them, the report never shows them."""
    out = tmp_path / "out"
    registry = _registry(tmp_path, [{"name": "warns", "notebook": "warns.ipynb", "title": "W"}])
    lines: list[str] = []
    assert build(out=out, registry=registry, data=data_dir, jobs=1,
                 log=lambda *a, **k: lines.append(str(a[0]))) == 0
    page = _page_text((out / "warns.html").read_text(encoding="utf-8"))
    assert "data-headline" in page  # the report itself is there
    found = re.search(r"warn|glyph|traceback|stderr", page, re.IGNORECASE)
    assert found is None, _context(page, found)
    _no_local_path(page, tmp_path, data_dir)
    # the build says what it kept out (the raw fd 2 write may arrive after the cell ended)
    said = "\n".join(line for line in lines if "warns: kept out of the report:" in line)
    assert "UserWarning from" in said and "a log record from" in said, lines



def test_index_lists_every_report_by_title_with_what_it_covers(built_overview):
    index = (built_overview / "index.html").read_text(encoding="utf-8")
    manifest = json.loads((built_overview / ".manifest.json").read_text())
    for name, entry in manifest["reports"].items():
        assert f'href="{name}.html"' in index, name
        assert entry["data_as_of"] in index
    for group in ("Overall", "By phase", "By country and governorate", "Articles checked"):
        assert f">{group}</h2>" in index
    counts = independent_counts()
    assert f"This dataset documents {counts['attacks_total']:,} attacks" in index


def _registry(tmp_path: Path, reports: list[dict]) -> Path:
    folder = tmp_path / "notebooks"
    folder.mkdir(exist_ok=True)
    for nb in FIXTURE_NOTEBOOKS.glob("*.ipynb"):
        shutil.copy(nb, folder / nb.name)
    path = folder / "reports.yml"
    path.write_text(yaml.safe_dump({"reports": reports}))
    return path


def test_incremental_and_failure_keeps_last_good(tmp_path, data_dir):
    out = tmp_path / "out"
    registry = _registry(tmp_path, [{"name": "flip", "notebook": "tiny.ipynb", "title": "Flip"}])
    args = dict(out=out, registry=registry, data=data_dir, log=quiet)
    assert build(**args) == 0
    good = (out / "flip.html").read_bytes()
    assert b"data-headline" in good

    lines: list[str] = []
    assert build(**{**args, "log": lambda *a, **k: lines.append(str(a[0]))}) == 0
    assert any("all up to date" in line for line in lines)

    events = data_dir / "events.csv"
    events.write_text(events.read_text().replace("Synthetic rocket claim.", "Edited claim."))
    lines.clear()
    assert build(**{**args, "dry_run": True, "log": lambda *a, **k: lines.append(str(a[0]))}) == 0
    assert any("flip: inputs changed" in line for line in lines)

    registry.write_text(yaml.safe_dump({"reports": [
        {"name": "flip", "notebook": "fails.ipynb", "title": "Flip"}]}))
    assert build(**args) == 1
    assert (out / "flip.html").read_bytes() == good  # last good report untouched
    failed = out / "failed" / "flip.ipynb"
    assert failed.exists() and "deliberate failure" in failed.read_text()
    entry = json.loads((out / ".manifest.json").read_text())["reports"]["flip"]
    # execution count 4: parameters, injected parameters, "x = 1", then the raise
    assert entry["status"] == "failed" and entry["failing_cell"] == 4
    assert "failed" in (out / "index.html").read_text()


def test_other_reports_finish_when_one_fails(tmp_path, data_dir):
    out = tmp_path / "out"
    registry = _registry(tmp_path, [
        {"name": "bad", "notebook": "fails.ipynb", "title": "Bad"},
        {"name": "good", "notebook": "tiny.ipynb", "title": "Good"}])
    assert build(out=out, registry=registry, data=data_dir, log=quiet, jobs=2) == 1
    assert (out / "good.html").exists() and not (out / "bad.html").exists()


def test_cell_timeout_is_a_contained_failure(tmp_path, data_dir):
    out = tmp_path / "out"
    registry = _registry(tmp_path, [{"name": "slow", "notebook": "slow.ipynb", "title": "S"}])
    assert build(out=out, registry=registry, data=data_dir, log=quiet, timeout=2) == 1
    entry = json.loads((out / ".manifest.json").read_text())["reports"]["slow"]
    assert entry["status"] == "failed" and "imeout" in entry["error"]


def test_kernel_death_is_a_contained_failure(tmp_path, data_dir):
    out = tmp_path / "out"
    registry = _registry(tmp_path, [
        {"name": "dies", "notebook": "dies.ipynb", "title": "D"},
        {"name": "fine", "notebook": "tiny.ipynb", "title": "F"}])
    assert build(out=out, registry=registry, data=data_dir, log=quiet, jobs=1) == 1
    reports = json.loads((out / ".manifest.json").read_text())["reports"]
    assert reports["dies"]["status"] == "failed" and "ead" in reports["dies"]["error"]
    assert reports["fine"]["status"] == "ok" and (out / "fine.html").exists()


def test_identical_inputs_give_identical_html_with_or_without_a_reused_kernel(tmp_path,
                                                                          data_dir):
    """One worker runs every report in one reused kernel; a lone report gets a fresh one;
    the same report built twice from the same inputs is the same bytes."""
    registry = _registry(tmp_path, [{"name": f"t{i}", "notebook": "tiny.ipynb", "title": "T",
                                     "parameters": {"label": f"t{i}"}} for i in range(3)])
    shared, alone, again = tmp_path / "shared", tmp_path / "alone", tmp_path / "again"
    assert build(out=shared, registry=registry, data=data_dir, log=quiet, jobs=1) == 0
    assert build(out=alone, registry=registry, data=data_dir, log=quiet, only=["t2"]) == 0
    assert build(out=again, registry=registry, data=data_dir, log=quiet, only=["t2"]) == 0
    assert (shared / "t2.html").read_bytes() == (alone / "t2.html").read_bytes()
    assert (alone / "t2.html").read_bytes() == (again / "t2.html").read_bytes()


def test_second_build_on_same_folder_is_refused(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    with FileLock(str(out / LOCK)):
        with pytest.raises(BuildError, match="another build is running"):
            build(out=out, log=quiet)


def test_article_reports_link_the_events_they_describe_to_the_overview(built_overview):
    overview = (built_overview / "overview.html").read_text(encoding="utf-8")
    linked = set()
    for page in built_overview.glob("article-*.html"):
        linked |= set(re.findall(r'href="overview\.html#([^"]+)"', page.read_text("utf-8")))
    assert linked, "no article report links an event"
    missing = [i for i in linked if f'<tr id="{i}"' not in overview]
    assert not missing, missing
