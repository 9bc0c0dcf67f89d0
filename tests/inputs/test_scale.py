"""A million SYNTHETIC ACLED-layout rows load, validate and give every overview breakdown
within 1 GB of memory (measured in its own process). Time is reported by bench/, not here."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from analysis.inputs import paths

pytestmark = pytest.mark.slow


def test_million_rows_breakdowns_within_one_gigabyte(tmp_path):
    sys.path.insert(0, str(paths.PROJECT_ROOT / "bench"))
    from synthetic import write_synthetic_acled

    path = write_synthetic_acled(tmp_path / "synthetic.csv", 1_000_000)
    result = json.loads(subprocess.run(
        [sys.executable, str(paths.PROJECT_ROOT / "bench" / "scale_check.py"), str(path)],
        check=True, capture_output=True, text=True, cwd=paths.PROJECT_ROOT).stdout)
    assert result["rows"] == 1_000_000  # every synthetic row is in scope
    assert sum(result["by_country"]) == result["attacks"] == result["weekly_total"]
    assert result["cumulative_last"] == result["attacks"]
    assert result["peak_mb"] < 1024, result
