"""Turning results into what a report shows: headline boxes, tables, figures.

All text from the data is escaped here; only http(s) URLs ever become links.
"""

from __future__ import annotations

import html
import io
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import pandas as pd
from matplotlib.figure import Figure

from analysis.report.style import DPI


def esc(value: object) -> str:
    """Text as HTML text: never markup."""
    return html.escape("" if value is None or value is pd.NA else str(value), quote=True)


def is_web_url(url: str) -> bool:
    """Only http(s) URLs may become links (no javascript:, data:, file:)."""
    return url.lower().startswith(("http://", "https://"))


_ENCODED_UTF8 = re.compile(r"(?:%[c-fC-F][0-9a-fA-F](?:%[89abAB][0-9a-fA-F]){1,3})+")


def compact_url(url: str) -> str:
    """The same address with percent-encoded non-ASCII letters written as themselves (an
    IRI, which browsers follow as the same URL): an Arabic path is a third as long. ASCII
    escapes such as %2F or %22 stay encoded, so nothing else changes meaning."""
    from urllib.parse import unquote

    def decode(m: re.Match) -> str:
        text = unquote(m.group(0), errors="strict")
        return text if all(ord(c) > 127 and c.isprintable() for c in text) else m.group(0)

    try:
        return _ENCODED_UTF8.sub(decode, url)
    except UnicodeDecodeError:
        return url


def link(url: str, text: str | None = None) -> str:
    """An escaped link for an http(s) URL; anything else is shown as plain text. (Links open
    in the same tab, so no rel=noopener is needed.)"""
    label = esc(text if text is not None else url)
    if not is_web_url(url):
        return label
    return f'<a href="{esc(compact_url(url))}">{label}</a>'


def links(sources: str, separator: str = " | ") -> str:
    """Numbered links for a ' | '-separated list of URLs."""
    parts = [u.strip() for u in sources.split(separator) if u.strip()]
    return " ".join(link(u, f"[{i}]") for i, u in enumerate(parts, 1))


@dataclass(frozen=True)
class Html:
    """A piece of HTML that Jupyter shows as is."""

    markup: str

    def _repr_html_(self) -> str:
        return self.markup


# Charts use a dozen flat colours; 64 keep their anti-aliased edges clean (checked by eye at
# 1280 and 390 px) at about 15 % fewer bytes than 256.
PALETTE_COLOURS = 64


def figure_image(fig: Figure):
    """The figure drawn at DPI as a full-colour RGB ``PIL.Image`` (its DPI left as it was)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from PIL import Image

    original = fig.dpi
    try:
        fig.dpi = DPI
        canvas = FigureCanvasAgg(fig)
        canvas.draw()
        return Image.frombuffer("RGBA", canvas.get_width_height(physical=True),
                                canvas.buffer_rgba(), "raw", "RGBA", 0, 1).convert("RGB")
    finally:
        fig.dpi = original


def figure_png(fig: Figure) -> bytes:
    """PNG bytes of a figure, identical for identical inputs (no software/date metadata).

    Drawn at DPI, then stored as a 64-colour palette PNG (median cut, no dithering): charts
    have a few flat colours plus their anti-aliased edges, so this keeps the pixels (all
    but a few percent identical, measured by bench/palette_options.py) at about a third
    of the bytes of the full-colour PNG."""
    from PIL import Image

    palette = figure_image(fig).quantize(colors=PALETTE_COLOURS, method=Image.Quantize.MEDIANCUT,
                                         dither=Image.Dither.NONE)
    buffer = io.BytesIO()
    palette.save(buffer, format="PNG", compress_level=8)  # 9: 1 % smaller, 2.5x the time
    return buffer.getvalue()


def setup_notebook() -> None:
    """Show Figures as embedded PNGs; call once per notebook. Changes no pandas option."""
    from IPython import get_ipython

    shell = get_ipython()
    if shell is not None:
        shell.display_formatter.formatters["image/png"].for_type(Figure, figure_png)
        shell.display_formatter.formatters["text/plain"].for_type(
            Figure, lambda fig, p, cycle: p.text("<chart>"))


def format_number(value: object) -> str:
    """Whole numbers with thousands separators; blank for unknown."""
    if value is None or value is pd.NA or (isinstance(value, float) and pd.isna(value)):
        return ""
    if isinstance(value, float) and not value.is_integer():
        return f"{value:,.2f}"
    return f"{int(value):,}"


def format_date(value: object) -> str:
    """Dates as '17 Oct 2023'; blank for unknown."""
    if value is None or value is pd.NA or pd.isna(value):
        return ""
    return pd.Timestamp(value).strftime("%-d %b %Y")


def format_percent(value: object) -> str:
    """Ratios as whole percentages; blank for unknown."""
    if value is None or value is pd.NA or pd.isna(value):
        return ""
    return f"{float(value):.0%}"


def table(frame: pd.DataFrame, *, dates: Iterable[str] = (), percents: Iterable[str] = (),
          sources: Iterable[str] = (), raw_html: Iterable[str] = (),
          caption: str | None = None, css_class: str = "data",
          numeric_columns: Iterable[str] = ()) -> Html:
    """An HTML table with formatted dates, numbers and source links; all else escaped."""
    dates, percents, sources, raw = set(dates), set(percents), set(sources), set(raw_html)
    numeric = {c for c in frame.columns if pd.api.types.is_numeric_dtype(frame[c])}
    numeric |= set(numeric_columns)

    def cell(column: str, value: object) -> str:
        if column in raw:
            return str(value)
        if column in sources:
            return links(str(value))
        if column in dates:
            return esc(format_date(value))
        if column in percents:
            return esc(format_percent(value))
        if column in numeric:
            return esc(format_number(value))
        return esc(value)

    # Numbers are marked (right-aligned); text cells carry no class: a report's tables have
    # thousands of them, and an unused class="txt" on each was 30 KB of the overview.
    opening = {c: ' class="num"' if c in numeric or c in percents else "" for c in frame.columns}
    head = "".join(f"<th{opening[c]}>{esc(c)}</th>" for c in frame.columns)
    body = "".join(
        "<tr>" + "".join(
            f"<td{opening[c]}>{cell(c, v)}</td>" for c, v in zip(frame.columns, row, strict=True))
        + "</tr>"
        for row in frame.itertuples(index=False))
    cap = f"<caption>{esc(caption)}</caption>" if caption else ""
    return Html(f'<table class="{css_class}">{cap}<thead><tr>{head}</tr></thead>'
                f"<tbody>{body}</tbody></table>")


def hints(frame: pd.DataFrame, **how: object) -> pd.DataFrame:
    """Attach presentation hints to a tidy frame (labels for its columns, which columns are
    percents or sources, what to say when it is empty); :func:`show` reads them. The frame's
    data and column names stay as they are for pandas work."""
    frame.attrs.update(how)
    return frame


def show(frame: pd.DataFrame) -> Html:
    """Any tidy frame as an HTML table: dates, numbers, percents and source links formatted,
    columns relabelled, by the hints the frame carries (see :func:`hints`)."""
    how = frame.attrs
    if frame.empty:
        return Html(f"<p>{esc(how.get('empty', 'Nothing in this window.'))}</p>")
    labels: dict[str, str] = dict(how.get("labels", {}))
    shown = frame[[c for c in frame.columns if c not in how.get("hidden", ())]]
    dates = [c for c in shown.columns if pd.api.types.is_datetime64_any_dtype(shown[c])]
    sources = [c for c in shown.columns if c.startswith("source")]

    def named(columns: Iterable[str]) -> list[str]:
        return [labels.get(c, c) for c in columns]

    return table(shown.rename(columns=labels), dates=named(dates),
                 percents=named(how.get("percents", ())), sources=named(sources),
                 raw_html=named(how.get("raw_html", ())),
                 css_class=str(how.get("css_class", "data")))


def event_table(frame: pd.DataFrame, filters: Iterable[str] = ()) -> Html:
    """The event list: a full static table (it works with scripts off and in print) that the
    report's script turns into a searchable, sortable, filterable list. ``filters`` are the
    columns offered as drop-down filters; dates carry an ISO sort key. The cells carry no
    attributes but that key (numeric columns are aligned by the table's column classes), so
    a list of hundreds of events stays light."""
    filters = set(filters)
    labels = dict(frame.attrs.get("labels", {}))
    numeric = [pd.api.types.is_numeric_dtype(frame[c]) for c in frame.columns]
    dated = [pd.api.types.is_datetime64_any_dtype(frame[c]) for c in frame.columns]
    linked = [c in ("source", "sources") for c in frame.columns]
    head = "".join(
        f'<th class="{"num" if n else "txt"}" scope="col"' + (' data-filter=""' if c in filters
                                                             else "")
        + f">{esc(labels.get(c, c))}</th>" for c, n in zip(frame.columns, numeric, strict=True))
    cols = "".join(f'<col class="{"num" if n else "txt"}">' for n in numeric)
    rows = []
    for row in frame.itertuples(index=False):
        cells = []
        for value, n, d, u in zip(row, numeric, dated, linked, strict=True):
            if d:
                key = "" if pd.isna(value) else pd.Timestamp(value).strftime("%Y-%m-%d")
                cells.append(f'<td data-sort="{key}">{esc(format_date(value))}')
            elif u:
                cells.append(f"<td>{links(str(value))}")
            else:
                cells.append(f"<td>{esc(format_number(value) if n else value)}")
        rows.append("<tr>" + "</td>".join(cells) + "</td></tr>")
    return Html(f'<table class="data event-list"><colgroup>{cols}</colgroup>'
                f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>")


@dataclass(frozen=True)
class HeadlineFigure:
    """A headline number: what it counts, the value, and a note on how it was measured."""

    key: str
    label: str
    value: str
    note: str = ""


def headline(items: Iterable[HeadlineFigure | Mapping[str, str]]) -> Html:
    """Headline boxes; each value carries ``data-headline=key`` so tests can read it back."""
    boxes = []
    for item in items:
        item = item if isinstance(item, HeadlineFigure) else HeadlineFigure(**item)
        boxes.append(
            f'<div class="headline-box"><div class="headline-value" '
            f'data-headline="{esc(item.key)}">{esc(item.value)}</div>'
            f'<div class="headline-label">{esc(item.label)}</div>'
            + (f'<div class="headline-note">{esc(item.note)}</div>' if item.note else "")
            + "</div>")
    return Html('<div class="headlines">' + "".join(boxes) + "</div>")


def bullet_list(lines: Iterable[str]) -> Html:
    """An escaped bullet list."""
    return Html("<ul>" + "".join(f"<li>{esc(line)}</li>" for line in lines) + "</ul>")


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise_formulas(frame: pd.DataFrame) -> pd.DataFrame:
    """Prefix text cells that a spreadsheet would run as a formula with an apostrophe."""
    out = frame.copy()
    for column in out.columns:
        if out[column].dtype == object or pd.api.types.is_string_dtype(out[column]):
            text = out[column].astype("string")
            risky = text.str.startswith(_FORMULA_START).fillna(False)
            out[column] = text.where(~risky, "'" + text)
    return out


# Unpacks the gzip'd CSV in the page and saves it (DecompressionStream: every current browser).
_SAVE_CSV = (
    "const b=Uint8Array.from(atob(this.dataset.csvGzip),c=>c.charCodeAt(0)),n=this.dataset.name;"
    "new Response(new Blob([b]).stream().pipeThrough(new DecompressionStream('gzip'))).blob()"
    ".then(t=>{const u=window.URL.createObjectURL(new Blob([t],{type:'text/csv;charset=utf-8'})),"
    "l=document.createElement('a');l.href=u;l.download=n;document.body.appendChild(l);"
    "l.click();l.remove();setTimeout(()=>window.URL.revokeObjectURL(u),60000);});"
)


def csv_download(frame: pd.DataFrame, filename: str, label: str) -> Html:
    """A button that saves ``frame`` as CSV from inside the page (no server, no network).

    The CSV travels gzip'd (a fifth of its size as base64; byte-identical for identical
    input: no timestamp in the gzip header) and is unpacked in the browser on click."""
    import base64
    import gzip

    data = neutralise_formulas(frame).to_csv(index=False, date_format="%Y-%m-%d")
    packed = base64.b64encode(gzip.compress(data.encode("utf-8"), compresslevel=9, mtime=0))
    return Html(f'<p><button type="button" class="csv-download" data-name="{esc(filename)}" '
                f'data-csv-gzip="{packed.decode("ascii")}" onclick="{esc(_SAVE_CSV)}">'
                f"{esc(label)}</button> ({len(frame):,} rows, CSV; text that a spreadsheet "
                "would run as a formula is prefixed with an apostrophe)</p>")
