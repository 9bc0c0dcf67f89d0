"""Exporting an executed notebook to one self-contained HTML file that opens offline.

The page comes from the project's nbconvert template, ``since-oct7`` (templates/since-oct7):
its blocks say what a report shows (outputs and markdown, never code), its preprocessors
(conf.json, publish/preprocess.py) keep stderr out, give the page its title and its table of
contents. The build uses nbconvert's TemplateExporter with that template; the plain route
(``jupyter nbconvert --to html --template since-oct7``) uses the same template through
nbconvert's HTMLExporter, whose extra pass only re-serialises the page.
"""

from __future__ import annotations

import os
import shutil
import sys
from functools import lru_cache
from pathlib import Path

import nbformat
from nbconvert.exporters import TemplateExporter
from traitlets import default

TEMPLATES = Path(__file__).resolve().parent / "templates"
TEMPLATE_NAME = "since-oct7"


class ReportExporter(TemplateExporter):
    """nbconvert's template exporter, set to the report template (HTML out)."""

    output_mimetype = "text/html"
    export_from_notebook = "Since Oct 7 report"

    @default("file_extension")
    def _file_extension_default(self) -> str:
        return ".html"

    @default("template_name")
    def _template_name_default(self) -> str:
        return TEMPLATE_NAME

    @default("template_file")
    def _template_file_default(self) -> str:
        return "index.html.j2"

    @default("extra_template_basedirs")
    def _extra_template_basedirs_default(self) -> list[str]:
        return [str(TEMPLATES)]


@lru_cache(maxsize=1)
def exporter() -> ReportExporter:
    """One exporter per process: building it parses the templates, which is the slow part."""
    return ReportExporter()


def to_html(notebook: nbformat.NotebookNode, title: str) -> tuple[str, dict]:
    """The report's HTML and nbconvert's resources (``title``: the report's own H1;
    ``stderr``: what the kernel printed there, which the page never shows). ``title`` is
    the page title when the report shows no H1."""
    for i, cell in enumerate(notebook.cells):
        cell.id = f"cell-{i:02d}"  # papermill gives its injected cell a random id
    body, resources = exporter().from_notebook_node(
        notebook, resources={"metadata": {"name": title}})
    return body, resources


def template_dir() -> Path:
    """Where nbconvert looks for a named template in this environment."""
    return Path(sys.prefix) / "share" / "jupyter" / "nbconvert" / "templates" / TEMPLATE_NAME


def ensure_template() -> Path:
    """Make ``--template since-oct7`` known to this environment's ``jupyter nbconvert`` (a
    link to the project's template folder, so it never goes stale)."""
    target = template_dir()
    source = TEMPLATES / TEMPLATE_NAME
    if target.is_symlink() and Path(os.readlink(target)) == source:
        return target
    if target.is_symlink() or target.is_file():
        target.unlink()
    elif target.is_dir():
        shutil.rmtree(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.symlink_to(source, target_is_directory=True)
    return target
