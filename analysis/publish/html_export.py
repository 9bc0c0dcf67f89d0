"""Exporting an executed notebook to one self-contained HTML file that opens offline."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import nbformat
from nbconvert import HTMLExporter
from nbconvert.preprocessors import TagRemovePreprocessor

from analysis.publish.css_prune import prune_styles

TEMPLATES = Path(__file__).resolve().parent / "templates"
EXPLORE_TAG = "explore"


_IMG_WITHOUT_ALT = re.compile(r"<img(?![^>]*\salt=)")
# '<a ... />' (mistune's empty heading anchors) is an opening tag to a browser; BeautifulSoup
# used to turn it into '<a ...></a>'.
_SELF_CLOSED = re.compile(r"<(a|div|span|p|i|b|em|strong)(\s[^<>]*?)?\s*/>")
_FOCUSABLE = re.compile(r'<div class="([^"]*\b(?:jp-OutputArea-output|jp-Cell-inputWrapper)\b'
                        r'[^"]*)"(?![^>]*\stabindex=)')


class _Exporter(HTMLExporter):
    """nbconvert's HTMLExporter without its last step, which parses the whole page with
    BeautifulSoup and writes it out again only to add ``alt`` to images that have none and
    ``tabindex`` to outputs: the same two edits done here with two regular expressions
    (that parse was half of the export time of a report: 1.7 of 3.5 s for the overview,
    profiled)."""

    def from_notebook_node(self, nb, resources=None, **kw):
        from nbconvert.exporters.templateexporter import TemplateExporter
        from nbconvert.filters.highlight import Highlight2HTML
        from nbconvert.filters.widgetsdatatypefilter import WidgetsDataTypeFilter

        langinfo = nb.metadata.get("language_info", {})
        lexer = langinfo.get("pygments_lexer", langinfo.get("name", None))
        highlight_code = self.filters.get(
            "highlight_code", Highlight2HTML(pygments_lexer=lexer, parent=self))
        resources = self._init_resources(resources)
        filter_data_type = WidgetsDataTypeFilter(
            notebook_metadata=self._nb_metadata, parent=self, resources=resources)
        self.register_filter("highlight_code", highlight_code)
        self.register_filter("filter_data_type", filter_data_type)
        html, resources = TemplateExporter.from_notebook_node(self, nb, resources, **kw)
        html = _SELF_CLOSED.sub(lambda m: f"<{m.group(1)}{m.group(2) or ''}></{m.group(1)}>", html)
        html = _IMG_WITHOUT_ALT.sub(
            '<img alt="No description has been provided for this image"', html)
        html = _FOCUSABLE.sub(lambda m: f'<div class="{m.group(1)}" tabindex="0"', html)
        return html, resources


@lru_cache(maxsize=1)
def exporter() -> HTMLExporter:
    """One exporter per process: building it parses the templates, which is the slow part."""
    exp = _Exporter(template_name="offline", extra_template_basedirs=[str(TEMPLATES)])
    exp.exclude_input = True
    exp.exclude_input_prompt = True
    exp.exclude_output_prompt = True
    exp.anchor_link_text = ""
    exp.embed_images = True
    # Cells tagged "explore" are for JupyterLab users (they show the data behind the report)
    # and never reach the shared HTML.
    exp.register_preprocessor(TagRemovePreprocessor(remove_cell_tags={EXPLORE_TAG}),
                              enabled=True)
    return exp


_CELL = re.compile(r'<div (?:id="[^"]*" )?class="jp-Cell ')
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


_H1 = re.compile(r"<h1[^>]*>(.*?)</h1>", re.DOTALL)


def heading(body: str) -> str | None:
    """The text of the report's H1 (what the report says it covers), if it has one."""
    import html

    found = _H1.search(body)
    return html.unescape(_TAG.sub("", found.group(1))).strip() if found else None


def take_stderr(notebook: nbformat.NotebookNode) -> list[str]:
    """Remove every stderr stream from the notebook's outputs and return their text.

    A report shows what its cells display, never what the kernel printed to stderr:
    warnings (matplotlib's "Glyph missing", deprecations, log records) carry local file
    paths and mean nothing to a reader. The build prints them on the terminal instead.
    """
    taken: list[str] = []
    for cell in notebook.cells:
        if "outputs" not in cell:
            continue
        kept = []
        for output in cell["outputs"]:
            if output.get("output_type") == "stream" and output.get("name") == "stderr":
                taken.append(output.get("text", ""))
            else:
                kept.append(output)
        cell["outputs"] = kept
    return taken


def to_html(notebook: nbformat.NotebookNode, title: str) -> str:
    """The report's HTML: code hidden, images embedded, no script or style from the network,
    a table of contents after the first section, only the CSS rules the page can use, no
    stderr output (see :func:`take_stderr`), and a <title> equal to its H1 (so a shared link
    says what the report covers, whatever parameters built it)."""
    import html

    take_stderr(notebook)
    notebook.metadata["title"] = title
    for i, cell in enumerate(notebook.cells):
        cell.id = f"cell-{i:02d}"  # papermill gives its injected cell a random id
    body, _ = exporter().from_notebook_node(notebook, resources={"metadata": {"name": title}})
    shown = heading(body)
    if shown:
        body = re.sub(r"<title>.*?</title>", lambda m: f"<title>{html.escape(shown)}</title>",
                      body, count=1, flags=re.DOTALL)
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
    cells = [m.start() for m in _CELL.finditer(body, 0, headings[1])]
    at = cells[-1] if cells else headings[1]
    return body[:at] + toc + body[at:]
