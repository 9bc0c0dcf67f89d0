"""The report template's preprocessors, on small notebooks made here (no kernel)."""

from __future__ import annotations

import nbformat

from analysis.publish.preprocess import Contents, DropStderr, ReportTitle, headings


def _notebook(*cells):
    nb = nbformat.v4.new_notebook()
    nb.cells = list(cells)
    return nb


def _html_output(html: str):
    cell = nbformat.v4.new_code_cell("x")
    cell.outputs = [nbformat.v4.new_output("display_data", data={"text/html": html})]
    return cell


def test_headings_reads_h1_and_h2_text_without_the_anchor_mark():
    found = headings('<h1>Title <em>A</em></h1><p>x</p><h2 id="A-b">A b<a class="anchor-link" '
                     'href="#A-b">¶</a></h2><h3>not this</h3>')
    assert found == [("h1", "", "Title A"), ("h2", "A-b", "A b")]


def test_the_title_is_the_first_h1_a_cell_shows():
    nb = _notebook(nbformat.v4.new_markdown_cell("# not output"),
                   _html_output("<p>none</p>"), _html_output("<h1>Attacks &amp; strikes</h1>"))
    _, resources = ReportTitle().preprocess(nb, {"metadata": {"name": "fallback"}})
    assert resources["title"] == "Attacks & strikes"
    assert resources["metadata"]["name"] == "Attacks & strikes"
    _, kept = ReportTitle().preprocess(_notebook(), {"metadata": {"name": "fallback"}})
    assert kept["metadata"]["name"] == "fallback" and "title" not in kept


def test_stderr_is_taken_out_and_kept_for_the_terminal():
    cell = nbformat.v4.new_code_cell("x")
    cell.outputs = [nbformat.v4.new_output("stream", name="stderr", text="/home/u/x.py: warn"),
                    nbformat.v4.new_output("stream", name="stdout", text="shown")]
    nb, resources = DropStderr().preprocess(_notebook(cell), {})
    assert [o["name"] for o in nb.cells[0].outputs] == ["stdout"]
    assert resources["stderr"] == ["/home/u/x.py: warn"]


def test_contents_list_every_section_and_sit_before_the_second():
    nb = _notebook(nbformat.v4.new_markdown_cell("## Headline numbers"),
                   nbformat.v4.new_markdown_cell("## Where: sites"),
                   nbformat.v4.new_markdown_cell("### detail"),
                   nbformat.v4.new_markdown_cell("## Sources"))
    nb, resources = Contents().preprocess(nb, {})
    assert [text for _, text in resources["contents"]] == ["Headline numbers", "Where: sites",
                                                           "Sources"]
    assert resources["contents"][1][0] == "Where:-sites"  # the id nbconvert gives the h2
    assert nb.cells[1].metadata.get("contents_before") is True
    assert not nb.cells[0].metadata.get("contents_before")
