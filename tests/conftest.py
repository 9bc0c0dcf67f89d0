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
