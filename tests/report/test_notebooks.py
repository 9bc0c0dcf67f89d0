"""Notebooks are committed without outputs and declare the parameters the build passes."""

from __future__ import annotations

import nbformat
import pytest

from analysis.inputs import paths
from analysis.publish.registry import notebook_parameters

NOTEBOOKS = sorted(paths.NOTEBOOKS_DIR.glob("*.ipynb"))
# explore.ipynb is for JupyterLab users, not a report: it takes no parameters.
REPORT_NOTEBOOKS = [n for n in NOTEBOOKS if n.name != "explore.ipynb"]


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.name)
def test_committed_notebook_has_no_outputs(notebook):
    nb = nbformat.read(notebook, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, notebook.name


@pytest.mark.parametrize("notebook", REPORT_NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_has_parameters_cell_with_data_path(notebook):
    assert "data_path" in notebook_parameters(notebook)


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.name)
def test_code_cells_are_thin(notebook):
    """A cell calls one or two functions: no loops, defs or long cells in notebooks."""
    nb = nbformat.read(notebook, as_version=4)
    for cell in nb.cells:
        if cell.cell_type != "code" or "parameters" in cell.metadata.get("tags", []):
            continue
        lines = [line for line in cell.source.splitlines() if line.strip()]
        assert len(lines) <= 4, cell.source
        assert not any(line.lstrip().startswith(("for ", "def ", "class ", "while "))
                       for line in lines), cell.source


@pytest.mark.parametrize("name", ["overview.ipynb", "region.ipynb"])
def test_default_start_is_the_one_defined_in_the_vocabulary(name):
    """papermill needs a literal in the parameters cell; it must equal REPORT_START."""
    from analysis.inputs.vocabulary import REPORT_START

    assert notebook_parameters(paths.NOTEBOOKS_DIR / name)["start_date"] == REPORT_START


def test_opening_a_report_changes_no_pandas_option(data_dir):
    import pandas as pd

    from analysis.report import entry

    before = {o: pd.get_option(o) for o in ("display.max_rows", "display.max_colwidth",
                                            "display.width", "display.precision")}
    scope = entry.overview(data_path=data_dir)
    assert repr(scope).startswith("Scope(Iraq, Syria and Jordan")
    assert {o: pd.get_option(o) for o in before} == before
