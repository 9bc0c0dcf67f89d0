"""The package's layers import one way: inputs <- measures <- report <- publish <- cli."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from analysis.inputs import paths


def _lint_imports(cwd: Path) -> subprocess.CompletedProcess:
    command = [str(Path(sys.executable).with_name("lint-imports"))]
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True)


def test_layer_contract_is_kept():
    result = _lint_imports(paths.PROJECT_ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "KEPT" in result.stdout


def test_contract_breaks_when_a_lower_layer_imports_a_higher_one(tmp_path):
    """The contract is live: an inputs module importing the report layer is caught."""
    shutil.copytree(paths.PROJECT_ROOT / "analysis", tmp_path / "analysis",
                    ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(paths.PROJECT_ROOT / "pyproject.toml", tmp_path)
    bad = tmp_path / "analysis" / "inputs" / "vocabulary.py"
    bad.write_text(bad.read_text() + "\nfrom analysis.report import html  # noqa\n")
    result = subprocess.run([str(Path(sys.executable).with_name("lint-imports"))],
                            cwd=tmp_path, capture_output=True, text=True,
                            env={"PYTHONPATH": str(tmp_path), "PATH": "/usr/bin:/bin"})
    assert result.returncode != 0
    assert "BROKEN" in result.stdout and "analysis.inputs.vocabulary" in result.stdout
