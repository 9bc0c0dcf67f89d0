"""Text from the data reaches the HTML as text; only http(s) URLs become links."""

from __future__ import annotations

import base64
import gzip
import re

import pandas as pd
import pytest

from analysis.report.html import csv_download, event_link, link, links, neutralise_formulas, table

HOSTILE = '<script>alert(1)</script> <img src=x onerror=alert(2)> javascript:alert(3)'


def test_table_escapes_markup():
    html = table(pd.DataFrame({"description": [HOSTILE]}))._repr_html_()
    assert "<script>" not in html and "<img" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_a_markup_column_that_pandas_turned_into_text_is_refused_not_escaped():
    """pandas 3 stores a list of Markup strings as a plain str column: the links would reach
    the page as escaped text. Built with object dtype they stay links."""
    ids = ["2024-01-28-tower-22-1"]
    with pytest.raises(TypeError, match="'event' holds str"):
        table(pd.DataFrame({"event": [event_link(i) for i in ids]}), raw_html=["event"])
    kept = pd.Series([event_link(i) for i in ids], dtype=object)
    html = table(pd.DataFrame({"event": kept}), raw_html=["event"])._repr_html_()
    assert '<a href="overview.html#2024-01-28-tower-22-1">' in html


@pytest.mark.parametrize("url", ["javascript:alert(1)", "data:text/html,hi", "file:///etc/passwd",
                                 "JAVASCRIPT:alert(1)"])
def test_only_http_urls_become_links(url):
    assert "<a " not in link(url)
    assert "<a " in link("https://example.org/a?b=1&c=2")
    assert 'href="https://example.org/a?b=1&amp;c=2"' in link("https://example.org/a?b=1&c=2")


def test_source_links_are_numbered_and_escaped():
    html = links('https://example.org/"x | https://example.org/y')
    assert html.count("<a ") == 2 and '"x' not in html.replace("&quot;x", "")


def test_csv_download_neutralises_formulas():
    frame = pd.DataFrame({"a": ["=1+1", "+2", "-3", "@SUM(A1)", "safe"], "n": [1, 2, 3, 4, 5]})
    assert list(neutralise_formulas(frame)["a"]) == ["'=1+1", "'+2", "'-3", "'@SUM(A1)", "safe"]
    html = csv_download(frame, "x.csv", "Download")._repr_html_()
    encoded = re.search(r'data-csv-gzip="([A-Za-z0-9+/=]+)"', html).group(1)
    text = gzip.decompress(base64.b64decode(encoded)).decode()
    assert "'=1+1" in text and "\n=1+1" not in text


@pytest.mark.slow
def test_hostile_description_renders_literally_in_a_built_report(tmp_path, data_dir):
    from analysis.publish.build import build

    events = data_dir / "events.csv"
    events.write_text(events.read_text().replace("Synthetic rocket claim.",
                                                 f'"{HOSTILE}"'))
    out = tmp_path / "out"
    assert build(out=out, data=data_dir, only=["overview"], log=lambda *a, **k: None) == 0
    html = (out / "overview.html").read_text(encoding="utf-8")
    assert "<script>alert(1)" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert 'href="javascript:' not in html.lower()
