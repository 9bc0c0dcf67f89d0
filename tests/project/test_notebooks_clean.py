"""Notebooks are committed without outputs, and stay so after a user runs and saves them."""

from __future__ import annotations

import json
import subprocess

import pytest

from analysis.inputs import paths


def _git(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], cwd=paths.PROJECT_ROOT, capture_output=True,
                          text=True, input=stdin)


def test_committed_notebooks_have_no_outputs():
    for notebook in sorted(paths.NOTEBOOKS_DIR.glob("*.ipynb")):
        cells = json.loads(notebook.read_text())["cells"]
        code = [c for c in cells if c["cell_type"] == "code"]
        assert all(not c["outputs"] and c["execution_count"] is None for c in code), notebook


def test_git_strips_outputs_when_a_run_notebook_is_staged():
    """`make` configures the nbstripout filter; staging a notebook with outputs stores none."""
    if _git("rev-parse", "--git-dir").returncode != 0:
        pytest.skip("not a git checkout")
    clean = _git("config", "--get", "filter.nbstripout.clean").stdout.strip()
    if not clean:
        pytest.skip("nbstripout filter not configured: run `make hooks` (make test does)")
    attribute = _git("check-attr", "filter", "notebooks/overview.ipynb").stdout
    assert attribute.strip().endswith("nbstripout"), attribute
    notebook = json.loads((paths.NOTEBOOKS_DIR / "overview.ipynb").read_text())
    for cell in notebook["cells"]:
        if cell["cell_type"] == "code":
            cell["execution_count"] = 7
            cell["outputs"] = [{"output_type": "stream", "name": "stdout", "text": "ran\n"}]
    staged = subprocess.run(clean, shell=True, cwd=paths.PROJECT_ROOT, capture_output=True,
                            text=True, input=json.dumps(notebook))
    assert staged.returncode == 0, staged.stderr
    stored = json.loads(staged.stdout)
    code = [c for c in stored["cells"] if c["cell_type"] == "code"]
    assert code and all(not c["outputs"] and c["execution_count"] is None for c in code)
