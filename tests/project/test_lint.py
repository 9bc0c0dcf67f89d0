"""The code passes ruff with the project's settings (pyproject.toml)."""

from __future__ import annotations

import subprocess
import sys

from analysis.inputs import paths


def test_ruff_is_clean():
    result = subprocess.run([sys.executable, "-m", "ruff", "check", "analysis", "tests",
                             "bench", "scripts"], cwd=paths.PROJECT_ROOT, capture_output=True,
                            text=True)
    assert result.returncode == 0, result.stdout + result.stderr
