"""nbconvert preprocessors of the ``since-oct7`` report template (its conf.json lists them).

They run in the build and in the plain route alike (``jupyter nbconvert --to html
--template since-oct7 executed.ipynb``), so both give the same report: stderr kept out of
the page, the ``<title>`` equal to the report's H1, and a table of contents of its sections.
"""

from __future__ import annotations

from html.parser import HTMLParser

from nbconvert.filters import markdown2html
from nbconvert.preprocessors import Preprocessor


class _Headings(HTMLParser):
    """The text (and id) of every h1 and h2 in a piece of HTML, in order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, str, str]] = []  # (tag, id, text)
        self._open: tuple[str, str] | None = None
        self._text: list[str] = []
        self._skip = 0  # inside an anchor link (the '¶' after a heading's text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("h1", "h2") and self._open is None:
            self._open = (tag, dict(attrs).get("id") or "")
            self._text = []
        elif tag == "a" and self._open and "anchor-link" in (dict(attrs).get("class") or ""):
            self._skip += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._skip:
            self._skip -= 1
        elif self._open and tag == self._open[0]:
            text = " ".join("".join(self._text).split())
            self.found.append((self._open[0], self._open[1], text))
            self._open = None

    def handle_data(self, data: str) -> None:
        if self._open and not self._skip:
            self._text.append(data)


def headings(html: str) -> list[tuple[str, str, str]]:
    """(tag, id, text) of each h1 and h2 in ``html``."""
    parser = _Headings()
    parser.feed(html)
    parser.close()
    return parser.found


class DropStderr(Preprocessor):
    """Remove every stderr stream from the outputs (kept in ``resources['stderr']``): a
    report shows what its cells display, never the kernel's warnings, which carry local
    paths and mean nothing to a reader. The build prints them on the terminal instead."""

    def preprocess(self, nb, resources):
        taken: list[str] = resources.setdefault("stderr", [])
        for cell in nb.cells:
            if "outputs" not in cell:
                continue
            kept = []
            for output in cell.outputs:
                if output.get("output_type") == "stream" and output.get("name") == "stderr":
                    taken.append(output.get("text", ""))
                else:
                    kept.append(output)
            cell.outputs = kept
        return nb, resources


class ReportTitle(Preprocessor):
    """The page's ``<title>`` is the report's own H1 (what it covers, whatever parameters
    built it): the first an output shows, else the first a markdown cell writes, else the
    notebook's name."""

    def preprocess(self, nb, resources):
        shown = [out.get("data", {}).get("text/html") for cell in nb.cells
                 for out in cell.get("outputs", [])]
        written = [markdown2html(cell.source) for cell in nb.cells
                   if cell.cell_type == "markdown"]
        for html in [h for h in shown if h is not None] + written:
            found = [text for tag, _, text in headings("".join(html)) if tag == "h1"]
            if found:
                resources.setdefault("metadata", {})["name"] = found[0]
                resources["title"] = found[0]
                break
        return nb, resources


class Contents(Preprocessor):
    """A table of contents of the report's sections (its markdown h2 headings, with the ids
    nbconvert's markdown filter gives them), placed before the cell of the second section
    so the headline numbers stay on the first screen."""

    def preprocess(self, nb, resources):
        entries: list[tuple[str, str]] = []
        first_of_second = None
        for cell in nb.cells:
            if cell.cell_type != "markdown":
                continue
            html = markdown2html(cell.source)  # the template's own filter: the same ids
            for tag, anchor, text in headings(html):
                if tag == "h2" and anchor:
                    entries.append((anchor, text))
                    if len(entries) == 2 and first_of_second is None:
                        first_of_second = cell
        resources["contents"] = entries
        if first_of_second is not None and len(entries) > 2:
            first_of_second.metadata["contents_before"] = True
        return nb, resources
