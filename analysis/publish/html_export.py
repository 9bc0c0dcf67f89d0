"""Exporting an executed notebook to one self-contained HTML file that opens offline."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import nbformat
from nbconvert import HTMLExporter

from analysis.publish.css_prune import prune_styles

TEMPLATES = Path(__file__).resolve().parent / "templates"


@lru_cache(maxsize=1)
def exporter() -> HTMLExporter:
    """One exporter per process: building it parses the templates, which is the slow part."""
    exp = HTMLExporter(template_name="offline", extra_template_basedirs=[str(TEMPLATES)])
    exp.exclude_input = True
    exp.exclude_input_prompt = True
    exp.exclude_output_prompt = True
    exp.anchor_link_text = ""
    exp.embed_images = True
    return exp


_H2 = re.compile(r'<h2 id="([^"]+)">(.*?)</h2>', re.DOTALL)
_TAG = re.compile(r"<[^>]+>")


def table_of_contents(body: str) -> str:
    """A numbered list of links to the report's sections (its h2 headings)."""
    items = [f'<li><a href="#{anchor}">{_TAG.sub("", text).strip()}</a></li>'
             for anchor, text in _H2.findall(body)]
    if not items:
        return ""
    return '<nav class="toc" aria-label="Contents"><strong>Contents</strong><ol>' + \
        "".join(items) + "</ol></nav>"


def to_html(notebook: nbformat.NotebookNode, title: str) -> str:
    """The report's HTML: code hidden, images embedded, no script or style from the network,
    a table of contents after the first section, only the CSS rules the page can use."""
    notebook.metadata["title"] = title
    for i, cell in enumerate(notebook.cells):
        cell.id = f"cell-{i:02d}"  # papermill gives its injected cell a random id
    body, _ = exporter().from_notebook_node(notebook, resources={"metadata": {"name": title}})
    body = _insert_after_first_section(body, table_of_contents(body))
    return prune_styles(body)  # after the contents box: its classes count as used


def _insert_after_first_section(body: str, toc: str) -> str:
    """Put the contents after the first section (the headline numbers stay in the first
    screen), at the start of the cell that holds the second h2."""
    if not toc:
        return body
    headings = [m.start() for m in re.finditer(r"<h2 id=", body)]
    if len(headings) < 2:
        return body
    cell_start = body.rfind('<div class="jp-Cell ', 0, headings[1])
    at = cell_start if cell_start != -1 else headings[1]
    return body[:at] + toc + body[at:]
