"""Notebooks are committed without outputs and declare the parameters the build passes."""

from __future__ import annotations

import nbformat
import pytest

from analysis.inputs import paths
from analysis.publish.registry import notebook_parameters

NOTEBOOKS = sorted(paths.NOTEBOOKS_DIR.glob("*.ipynb"))


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.name)
def test_committed_notebook_has_no_outputs(notebook):
    nb = nbformat.read(notebook, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, notebook.name


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.name)
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
