"""Turning results into what a report shows: headline boxes, tables, charts, downloads.

All HTML comes from the Jinja templates in ``report/templates`` with autoescape: text from
the data is escaped there, and only http(s) URLs ever become links (:func:`link`).
"""

from __future__ import annotations

import base64
import io
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import pandas as pd
from markupsafe import Markup

TEMPLATES = Path(__file__).resolve().parent / "templates"


@dataclass(frozen=True)
class Html:
    """A piece of HTML that Jupyter shows as is (and Jinja inserts without escaping)."""

    markup: str

    def _repr_html_(self) -> str:
        return self.markup

    def __html__(self) -> str:
        return self.markup


def _control_characters():
    import re

    return re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


_CONTROL = _control_characters()


def _no_control(value: object) -> object:
    """Every value a template shows, without control characters or direction overrides
    (from whatever input: a curated CSV refuses them, an export's notes may not): each
    becomes U+FFFD, so a reader sees that something was there."""
    if isinstance(value, Markup):
        return Markup(_CONTROL.sub("\ufffd", str(value)))
    if isinstance(value, str):
        return _CONTROL.sub("\ufffd", value)
    return value


@lru_cache(maxsize=1)
def _environment():
    import jinja2

    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES)), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True,
                             lstrip_blocks=True, keep_trailing_newline=False,
                             finalize=_no_control)
    env.filters.update(date=format_date, number=format_number, percent=format_percent)
    return env


def render(template: str, **context: Any) -> Html:
    """A report fragment from ``templates/<template>``, every value escaped unless it is
    already markup (an :class:`Html` or a link)."""
    return Html(_environment().get_template(template).render(**context).strip())


def is_web_url(url: str) -> bool:
    """Only http(s) URLs may become links (no javascript:, data:, file:)."""
    return url.lower().startswith(("http://", "https://"))


def compact_url(url: str) -> str:
    """The same address with percent-encoded non-ASCII letters written as themselves (an
    IRI, which browsers follow as the same URL): an Arabic path is a third as long. ASCII
    escapes such as %2F or %22 stay encoded, so nothing else changes meaning."""
    import re
    from urllib.parse import unquote

    def decode(m: re.Match) -> str:
        text = unquote(m.group(0), errors="strict")
        return text if all(ord(c) > 127 and c.isprintable() for c in text) else m.group(0)

    try:
        return _ENCODED_UTF8.sub(decode, url)
    except UnicodeDecodeError:
        return url


def _encoded_utf8():
    import re

    return re.compile(r"(?:%[C-F][0-9A-F](?:%[89AB][0-9A-F]){1,3})+")


_ENCODED_UTF8 = _encoded_utf8()
_LINK = Markup('<a href="{}">{}</a>')


def link(url: str, text: str | None = None, exact: bool = False) -> Markup:
    """An escaped link for an http(s) URL; anything else is shown as escaped text. (Links
    open in the same tab, so no rel=noopener is needed.) ``exact`` keeps the address as
    written (the event list's download reads it back)."""
    label = text if text is not None else url
    if not is_web_url(url):
        return Markup.escape(label)
    return _LINK.format(url if exact else compact_url(url), label)


def links(sources: str, separator: str = " | ", exact: bool = False) -> Markup:
    """Numbered links for a ' | '-separated list of URLs."""
    parts = [u.strip() for u in str(sources).split(separator) if u.strip()]
    return Markup(" ").join(link(u, f"[{i}]", exact) for i, u in enumerate(parts, 1))


_SOURCE = Markup('<a href="{}">{}</a>')
_SOURCE_COMPACT = Markup('<a href="{}" data-e>{}</a>')


def source_links(sources: str, separator: str = " | ") -> Markup:
    """The event list's numbered links. An address whose non-ASCII letters were
    percent-encoded is shown as an IRI (a third as long) and marked ``data-e``, so the
    list's download can encode them again and give back the address exactly as written."""
    parts = [u.strip() for u in str(sources).split(separator) if u.strip()]
    out = []
    for i, url in enumerate(parts, 1):
        if not is_web_url(url):
            out.append(Markup.escape(url))
            continue
        short = compact_url(url)
        exact = short == url or _reencoded(short) != url
        out.append((_SOURCE if exact else _SOURCE_COMPACT).format(url if exact else short, i))
    return Markup(" ").join(out)


def _reencoded(iri: str) -> str:
    """What the download's script makes of a compacted address (report.js, asWritten)."""
    from urllib.parse import quote

    return "".join(quote(c, safe="") if ord(c) > 127 else c for c in iri)


_EVENT = Markup('<a href="overview.html#{}">{}</a>')


def event_link(event_id: str) -> Markup:
    """An event id linked to its row in the overview's event list (reports are built into
    one folder, so the link works wherever the folder is shared)."""
    return _EVENT.format(event_id, event_id)


def format_number(value: object) -> str:
    """Whole numbers with thousands separators; blank for unknown."""
    if value is None or value is pd.NA or (isinstance(value, float) and pd.isna(value)):
        return ""
    if isinstance(value, float) and not value.is_integer():
        return f"{value:,.2f}"
    return f"{int(value):,}"  # type: ignore[call-overload]


def format_date(value: object) -> str:
    """Dates as '17 Oct 2023'; blank for unknown."""
    if value is None or value is pd.NA or pd.isna(value):
        return ""
    return pd.Timestamp(value).strftime("%-d %b %Y")


def format_range(low: object, high: object) -> str:
    """'4' or '4–25' where sources disagree; an unknown high end is no range."""
    if high is None or high is pd.NA or pd.isna(high) or high == low:
        return format_number(low)
    return f"{format_number(low)}–{format_number(high)}"


def format_percent(value: object) -> str:
    """Ratios as whole percentages; blank for unknown."""
    if value is None or value is pd.NA or pd.isna(value):
        return ""
    return f"{float(value):.0%}"  # type: ignore[arg-type]


def table(frame: pd.DataFrame, *, dates: Iterable[str] = (), percents: Iterable[str] = (),
          sources: Iterable[str] = (), raw_html: Iterable[str] = (),
          caption: str | None = None, css_class: str = "data",
          numeric_columns: Iterable[str] = (), scroll: bool = True) -> Html:
    """An HTML table with formatted dates, numbers and source links; all else escaped.
    ``raw_html`` columns hold :class:`Html` or Markup already built from templates."""
    dates, percents, sources, raw = set(dates), set(percents), set(sources), set(raw_html)
    numeric = {c for c in frame.columns if pd.api.types.is_numeric_dtype(frame[c])}
    numeric |= set(numeric_columns) | percents

    def cell(column: str, value: object) -> object:
        if column in raw:
            if not hasattr(value, "__html__"):  # e.g. Markup a str column turned into str
                raise TypeError(f"column {column!r} holds {type(value).__name__}, not HTML")
            return value
        if column in sources:
            return links(str(value))
        if column in dates:
            return format_date(value)
        if column in percents:
            return format_percent(value)
        if column in numeric:
            return format_number(value)
        return "" if value is None or value is pd.NA else value

    columns = [{"label": str(c), "numeric": c in numeric, "date": c in dates}
               for c in frame.columns]
    rows = [[cell(c, v) for c, v in zip(frame.columns, row, strict=True)]
            for row in frame.itertuples(index=False)]
    return render("table.html.j2", columns=columns, rows=rows, caption=caption,
                  css_class=css_class, scroll=scroll)


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
        return render("paragraph.html.j2", text=how.get("empty", "Nothing in this window."))
    labels: dict[str, str] = dict(how.get("labels", {}))
    shown = frame[[c for c in frame.columns if c not in how.get("hidden", ())]]
    dates = [c for c in shown.columns if pd.api.types.is_datetime64_any_dtype(shown[c])]
    sources = [c for c in shown.columns if str(c).startswith("source")]

    def named(columns: Iterable[str]) -> list[str]:
        return [labels.get(c, c) for c in columns]

    return table(shown.rename(columns=labels), dates=named(dates),
                 percents=named(how.get("percents", ())),
                 sources=named(sources),
                 raw_html=named(how.get("raw_html", ())),
                 caption=how.get("caption"),
                 css_class=str(how.get("css_class", "data")))


@dataclass(frozen=True)
class HeadlineFigure:
    """A headline number: what it counts (its label names the scope), the value, and a note
    on how it was measured. ``no_data`` marks a window the sources do not reach."""

    key: str
    label: str
    value: str
    note: str = ""
    no_data: bool = False


def headline(items: Iterable[HeadlineFigure | Mapping[str, Any]]) -> Html:
    """Headline boxes; each value carries ``data-headline=key`` so tests can read it back."""
    boxes = [i if isinstance(i, HeadlineFigure) else HeadlineFigure(**i) for i in items]
    return render("headlines.html.j2", boxes=boxes)


def bullet_list(lines: Iterable[str]) -> Html:
    """An escaped bullet list."""
    return render("bullet_list.html.j2", lines=list(lines))


def paragraph(text: str) -> Html:
    return render("paragraph.html.j2", text=text)


# ---- charts --------------------------------------------------------------------------------
# Charts use a dozen flat colours; 48 keep them and their anti-aliased edges clean (checked
# by eye at 1280 and 390 px; 32 visibly shift the country colours) at about 10 % fewer
# bytes than 64, which the overview's 600 KB budget needed.
PALETTE_COLOURS = 48


def figure_image(fig):
    """The figure drawn at DPI as a full-colour RGB ``PIL.Image`` (its DPI left as it was)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from PIL import Image

    from analysis.report.style import DPI

    original = fig.dpi
    try:
        fig.dpi = DPI
        canvas = FigureCanvasAgg(fig)
        canvas.draw()
        return Image.frombuffer("RGBA", canvas.get_width_height(physical=True),
                                canvas.buffer_rgba(), "raw", "RGBA", 0, 1).convert("RGB")
    finally:
        fig.dpi = original


def indexed(image, key_colours: Iterable[str], size: int = PALETTE_COLOURS):
    """``image`` in a palette of ``size`` colours that holds every key colour exactly, the
    rest chosen by median cut; each pixel takes its nearest palette colour.

    Median cut alone drops a colour that covers few pixels: one week's Jordan attack, the
    strike markers of a map, went to the nearest large area's colour (measured: 3 to 6 key
    colours lost per overview chart). Pillow's own mapping to a given palette is approximate
    (it moved white off the background), so the nearest colour is found here, once per
    distinct colour of the image (a few thousand), with numpy."""
    import numpy as np
    from PIL import Image

    keys = [tuple(int(c[i:i + 2], 16) for i in (1, 3, 5)) for c in key_colours]
    rest = size - len(keys)
    median = image.quantize(colors=rest, method=Image.Quantize.MEDIANCUT,
                            dither=Image.Dither.NONE).getpalette()[:3 * rest]
    palette = np.array(keys, dtype=np.int32).reshape(-1, 3)
    palette = np.vstack([palette, np.array(median, dtype=np.int32).reshape(-1, 3)])
    pixels = np.asarray(image, dtype=np.int32)
    packed = (pixels[..., 0] << 16) | (pixels[..., 1] << 8) | pixels[..., 2]
    colours, where = np.unique(packed.ravel(), return_inverse=True)
    rgb = np.stack([colours >> 16, (colours >> 8) & 255, colours & 255], axis=1)
    nearest = ((rgb[:, None, :] - palette[None, :, :]) ** 2).sum(axis=2).argmin(axis=1)
    out = Image.fromarray(nearest[where].reshape(packed.shape).astype(np.uint8), "P")
    out.putpalette(palette.astype(np.uint8).ravel().tolist())
    return out


def figure_png(fig) -> bytes:
    """PNG bytes of a figure, identical for identical inputs (no software/date metadata).

    Drawn at DPI, then stored as a 48-colour palette PNG (:func:`indexed`): charts have a
    few flat colours plus their anti-aliased edges, so this keeps the pixels (96 % identical
    on the overview's charts, measured) at about a third of the bytes of full colour."""
    from analysis.report.style import KEY_COLOURS

    buffer = io.BytesIO()
    indexed(figure_image(fig), KEY_COLOURS).save(buffer, format="PNG",
                                                 compress_level=8)  # 9: 1 % smaller, 2.5x time
    return buffer.getvalue()


@dataclass(frozen=True)
class Chart:
    """A chart as a report shows it: the picture, what it shows in words (its alt text),
    a caption, and ``data``: exactly the values it plots, one row per bar, cell or point,
    shown after it in a ``<details class="chart-data">`` table that readers can copy and
    tests read back."""

    key: str
    figure: Any  # a matplotlib Figure
    data: pd.DataFrame
    title: str
    alt: str
    caption: str = ""
    data_hints: dict[str, object] = field(default_factory=dict)

    def _repr_html_(self) -> str:
        from analysis.report.style import DPI

        png = base64.b64encode(figure_png(self.figure)).decode("ascii")
        width, height = (round(v * DPI) for v in self.figure.get_size_inches())
        data = hints(self.data.copy(), **{"empty": "Nothing is plotted.", **self.data_hints})
        return render("chart.html.j2", key=self.key, png=png, width=width, height=height,
                      title=self.title, alt=self.alt, caption=self.caption,
                      rows=len(self.data), table=show(data)).markup

    def __html__(self) -> str:
        return self._repr_html_()


def setup_notebook() -> None:
    """Show a bare Figure as a placeholder (charts are shown as :class:`Chart`); call once
    per notebook. Changes no pandas option."""
    from IPython import get_ipython
    from matplotlib.figure import Figure

    shell = get_ipython()
    if shell is not None:
        shell.display_formatter.formatters["image/png"].for_type(Figure, figure_png)
        shell.display_formatter.formatters["text/plain"].for_type(
            Figure, lambda fig, p, cycle: p.text("<chart>"))


# ---- downloads -----------------------------------------------------------------------------
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


def csv_text(frame: pd.DataFrame) -> str:
    """The CSV a download gives: UTF-8 with a byte-order mark (so Excel reads '2023–24'
    right; pandas.read_csv skips it), formulas neutralised, ISO dates."""
    return "\ufeff" + neutralise_formulas(frame).to_csv(index=False, date_format="%Y-%m-%d")


def csv_download(frame: pd.DataFrame, filename: str, label: str,
                 from_list: Iterable[str] = ()) -> Html:
    """A button that saves ``frame`` as CSV from inside the page (no server, no network);
    in a report with an event list it saves the rows the list shows (report.js).

    The CSV travels gzip'd (a fifth of its size as base64; byte-identical for identical
    input: no timestamp in the gzip header) and is unpacked in the browser on click. The
    ``from_list`` columns travel blank: the script fills them from the event list's own
    cells (description text, source links), which the page already holds."""
    import gzip

    blanked = list(from_list)
    shipped = frame.assign(**dict.fromkeys(blanked, "")) if blanked else frame
    packed = base64.b64encode(gzip.compress(csv_text(shipped).encode("utf-8"),
                                            compresslevel=9, mtime=0)).decode("ascii")
    return render("csv_download.html.j2", filename=filename, packed=packed, label=label,
                  rows=len(frame), from_list=",".join(blanked))


def slug(text: str) -> str:
    """A file-name-safe, lower-case version of a title or filter."""
    import re
    import unicodedata

    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")
