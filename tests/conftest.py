"""Shared fixtures. The data under tests/fixtures/data is SYNTHETIC (see its README)."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
FIXTURE_DATA = FIXTURES / "data"
# Fixed "today" so date-range checks do not drift with the calendar.
TODAY = dt.date(2026, 11, 23)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A writable copy of the synthetic fixture data."""
    target = tmp_path / "data"
    shutil.copytree(FIXTURE_DATA, target)
    return target


@pytest.fixture
def dataset(data_dir: Path):
    from analysis.inputs.curated import load_dataset

    return load_dataset(data_dir, today=TODAY)


def pytest_report_header(config) -> str:
    from pathlib import Path

    if Path("/usr/bin/chromium").exists():
        return "browser tests: enabled (/usr/bin/chromium)"
    return ("browser tests: SKIPPED, no /usr/bin/chromium; enable them with "
            "`apt-get install chromium` (Debian, as root)")


# ---- reports built once per session, shared by every test that reads built HTML ----------
FIXTURE_REGISTRY = """
reports:
  - name: overview
    notebook: overview.ipynb
    title: "Fixture overview"
  - name: early-window
    notebook: overview.ipynb
    title: "Fixture early window"
    parameters: {end_date: "2023-11-30"}
  - name: late-window
    notebook: overview.ipynb
    title: "Fixture window after the reach"
    parameters: {start_date: "2024-10-15"}
  - name: iraq-and-jordan
    notebook: overview.ipynb
    title: "Fixture Iraq and Jordan"
    parameters: {countries: [Iraq, Jordan]}
  - name: phase
    for_each: phase
    notebook: overview.ipynb
    title: "Fixture {phase}"
  - name: region
    for_each: region
    min_attacks: 4
    notebook: region.ipynb
    title: "Fixture {region}"
"""


def _registry_copy(folder: Path, text: str) -> Path:
    """The project's report notebooks beside a registry of ``text``."""
    from analysis.inputs import paths

    folder.mkdir(parents=True, exist_ok=True)
    for name in ("overview.ipynb", "region.ipynb", "article.ipynb"):
        shutil.copy(paths.NOTEBOOKS_DIR / name, folder / name)
    (folder / "reports.yml").write_text(text, encoding="utf-8")
    return folder / "reports.yml"


def _quiet(*args, **kwargs) -> None:
    pass


def _built_once(tmp_path_factory, name: str, make) -> Path:
    """A build made once per test run, shared by every test and, under pytest-xdist, by
    every worker: the first to need it builds it under a lock, the others wait and read."""
    import os

    from filelock import FileLock

    if "PYTEST_XDIST_WORKER" not in os.environ:  # one process: the session's own temporary folder
        base = tmp_path_factory.mktemp(name)
        make(base)
        return base / "reports"
    root = tmp_path_factory.getbasetemp().parent  # this run's, shared by its workers
    base = root / name
    with FileLock(str(root / f"{name}.lock")):
        if not (base / "built").exists():
            shutil.rmtree(base, ignore_errors=True)
            make(base)
            (base / "built").touch()
    return base / "reports"


@pytest.fixture(scope="session")
def real_reports(tmp_path_factory) -> Path:
    """Every report of notebooks/reports.yml on the project's data: built once, read by the
    reader, browser and build tests."""
    from analysis.inputs import paths
    from analysis.publish.build import build

    def make(base: Path) -> None:
        registry = _registry_copy(base / "notebooks",
                                  paths.REGISTRY_FILE.read_text(encoding="utf-8"))
        assert build(out=base / "reports", registry=registry, log=_quiet) == 0

    return _built_once(tmp_path_factory, "real", make)


@pytest.fixture(scope="session")
def fixture_reports(tmp_path_factory) -> Path:
    """The reader fixture (SYNTHETIC, tests/fixtures/reader) built into reports."""
    from analysis.publish.build import build

    def make(base: Path) -> None:
        registry = _registry_copy(base / "notebooks", FIXTURE_REGISTRY)
        assert build(out=base / "reports", registry=registry, data=FIXTURES / "reader",
                     log=_quiet) == 0

    return _built_once(tmp_path_factory, "fixture", make)
