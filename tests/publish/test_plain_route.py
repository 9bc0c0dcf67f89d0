"""The standard route (papermill, then `jupyter nbconvert --template since-oct7`) gives the
same self-contained, styled, offline report as the build (SYNTHETIC fixture data)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import FIXTURE_DATA

pytestmark = pytest.mark.slow
FIXTURE_NOTEBOOKS = Path(__file__).parents[1] / "fixtures" / "notebooks"


def test_the_named_template_gives_an_offline_styled_report(tmp_path):
    import papermill

    from analysis.publish.html_export import ensure_template
    from analysis.publish.kernel import ensure_kernel

    ensure_kernel()
    assert ensure_template().resolve().name == "since-oct7"
    executed = tmp_path / "out.ipynb"
    papermill.execute_notebook(str(FIXTURE_NOTEBOOKS / "tiny.ipynb"), str(executed),
                               parameters={"data_path": str(FIXTURE_DATA)},
                               kernel_name="since-oct7", progress_bar=False)
    subprocess.run([sys.executable, "-m", "jupyter", "nbconvert", "--to", "html",
                    "--template", "since-oct7", str(executed)], check=True,
                   capture_output=True, timeout=300)
    html = executed.with_suffix(".html").read_text(encoding="utf-8")
    assert not re.search(r"<script[^>]+src=|<link[^>]+href=\"?https?:|cdn\.|@import", html)
    assert ".headline-box" in html and "data-headline" in html  # the reports' stylesheet
    assert "event-list" in html  # the reports' script
    assert "data_path =" not in html  # no code cell, no injected parameters
    assert re.search(r"<title>(.*?)</title>", html).group(1) == "Tiny fixture report"
