"""One function per chart; each draws a matplotlib Figure from the frame it is given.

Never calls ``matplotlib.use()`` or pyplot: figures are plain Figure objects. Time charts
draw one panel per phase and take their bars from the bins of measures/periods.py (a week
cut at a phase edge is two bars, one in each panel), so a chart draws exactly the rows of
the table it is shown with. The part of a window after the sources' reach is shaded and
named in the legend: no data there, not zero.
"""

from __future__ import annotations

import textwrap

import matplotlib.dates as mdates
import numpy as np
import pandas as pd
from matplotlib.artist import Artist
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from analysis.report.scope import Span
from analysis.report.style import (
    NO_DATA_COLOUR,
    OFFICIAL_COLOUR,
    STRIKE_COLOUR,
    TRACKER_COLOUR,
    WEAPON_COLOURS,
    add_source_line,
    country_colour,
    new_figure,
    styled,
)

KEY_DATE_HEADROOM = 1.3  # the y range over the data's top: room for two key-date labels
KEY_DATES = {
    "2024-01-28": "28 Jan: Tower 22",
    "2024-02-02": "2 Feb: US strikes",
}
Unreached = tuple[pd.Timestamp, pd.Timestamp] | None


def _span_label(span: Span) -> str:
    """The phase's name and dates, wrapped to the panel's width."""
    width = max(10, int(span.weight * 2.3))
    dates = f"{span.start:%-d %b %Y} – {span.end:%-d %b %Y}"
    if len(dates) > width:
        dates = f"{span.start:%-d %b %Y} –\n{span.end:%-d %b %Y}"
    return "\n".join(textwrap.wrap(span.name, width) + [dates])


def _limits(span: Span) -> tuple[pd.Timestamp, pd.Timestamp]:
    pad = pd.Timedelta(days=max(1, (span.end - span.start).days // 60))
    return span.start - pad, span.end + pd.Timedelta(days=1) + pad


def phase_axes(fig: Figure, spans: list[Span], right: float = 0.985,
               left_inches: float = 0.75, bottom_inches: float = 1.0) -> list:
    """One axes per phase, side by side, widths by :attr:`Span.weight`, sharing the y axis,
    each with its own date axis and the phase's name on top. Margins are set in inches here
    (the figure has no layout engine)."""
    width, height = fig.get_size_inches()
    grid = fig.add_gridspec(1, len(spans), width_ratios=[s.weight for s in spans],
                            wspace=0.06, left=left_inches / width, right=right,
                            top=1 - 1.05 / height, bottom=bottom_inches / height)
    axes: list = []
    for i, span in enumerate(spans):
        ax = fig.add_subplot(grid[0, i], sharey=axes[0] if axes else None)
        ax.set_xlim(*_limits(span))
        ax.set_title(_span_label(span), fontsize=9, fontweight="normal", loc="left")
        ax.xaxis_date()
        _span_ticks(ax, span)
        ax.tick_params(axis="x", labelsize=9)
        ax.tick_params(axis="y", labelsize=9)
        if i:
            ax.tick_params(axis="y", labelleft=False)
        axes.append(ax)
    return axes


def _span_ticks(ax, span: Span) -> None:
    """Few, plain date ticks that fit a panel's width (no locator guessing, no warnings)."""
    days = (span.end - span.start).days
    room = max(2, int(span.weight // 3))
    if days <= 70:
        ax.xaxis.set_major_locator(mdates.WeekdayLocator(byweekday=mdates.MO,
                                                         interval=max(1, days // 7 // room + 1)))
        ax.xaxis.set_major_formatter(mdates.DateFormatter("%-d %b"))
    else:
        months = max(1, round(days / 30.4 / room))
        ax.xaxis.set_major_locator(mdates.MonthLocator(bymonthday=1, interval=months))
        ax.xaxis.set_major_formatter(mdates.DateFormatter("%b\n%Y"))


def _shade_unreached(ax, span: Span, unreached: Unreached, label: str) -> None:
    """Shade the part of a panel after the sources' reach."""
    if unreached is None:
        return
    lo, hi = max(unreached[0], span.start), min(unreached[1], span.end)
    if lo <= hi:
        ax.axvspan(lo, hi + pd.Timedelta(days=1), color=NO_DATA_COLOUR, zorder=0, lw=0,
                   label=label)


def _key_dates_within(spans: list[Span]) -> bool:
    return any(s.start <= pd.Timestamp(d) <= s.end for s in spans for d in KEY_DATES)


def _mark_key_dates(ax, start: pd.Timestamp, end: pd.Timestamp) -> None:
    """Dotted lines at the key dates, labelled in the headroom the caller left above the
    data (KEY_DATE_HEADROOM), under the data's own line and points wherever they meet."""
    top = ax.get_ylim()[1]
    for i, (day, label) in enumerate(KEY_DATES.items()):
        when = pd.Timestamp(day)
        if start <= when <= end:
            ax.axvline(when, color="#999999", linewidth=0.8, linestyle=":", zorder=1)
            ax.text(when, top * (0.98 - 0.07 * i), label + " ", fontsize=9, color="#444444",
                    va="top", ha="right", zorder=1.5,
                    bbox={"facecolor": "white", "edgecolor": "none", "pad": 0.5, "alpha": 0.8})


def _figure_legend(fig: Figure, axes: list, spans: list[Span]) -> None:
    """One legend for all panels, without repeats, in a row under the panels (where it
    hides no bar or point)."""
    seen: dict[str, Artist] = {}
    for ax in axes:
        for handle, label in zip(*ax.get_legend_handles_labels(), strict=True):
            seen.setdefault(label, handle)
    if seen:
        height = fig.get_figheight()
        fig.legend(list(seen.values()), list(seen), loc="lower left", fontsize=9,
                   ncols=min(len(seen), 2), frameon=False,
                   bbox_to_anchor=(0.06, 0.42 / height))


def _title(fig: Figure, title: str, source: str) -> None:
    fig.suptitle(title, x=0.01, ha="left", fontweight="bold", fontsize=13)
    add_source_line(fig, source)


def cumulative_chart(cumulative: pd.DataFrame, points: pd.DataFrame, spans: list[Span],
                     unreached: Unreached, source: str, title: str, ylabel: str,
                     no_data_label: str) -> Figure:
    """Documented attacks as a rising line, phase by phase, and the stated counts for the
    same countries as points (never joined to the line): all on one basis, since 17 Oct
    2023."""
    with styled():
        fig = new_figure((9.5, 5.4), layout=None)
        axes = phase_axes(fig, spans, bottom_inches=1.55)
        top = max(float(cumulative["total"].max()) if len(cumulative) else 1, 1)
        kinds = (("official", OFFICIAL_COLOUR, "o", "Official US count (as stated)"),
                 ("tracker", TRACKER_COLOUR, "D", "Independent tracker count"))
        for ax, span in zip(axes, spans, strict=True):
            part = cumulative[(cumulative.index >= span.start) & (cumulative.index <= span.end)]
            # The count at each week's end, joined by straight lines: a step drawn "pre"
            # showed each week's end total all week long (ahead of the count on the day of
            # an official figure), "post" a week behind; the straight line is neither.
            ax.plot(part.index, part["total"], color="#333333", linewidth=2,
                    label="Documented incidents (this dataset)")
            for kind, colour, marker, label in kinds:
                mine = points[(points["kind"] == kind) & (points["as_of"] >= span.start)
                              & (points["as_of"] <= span.end)]
                if not mine.empty:
                    ax.scatter(mine["as_of"], mine["value"], s=30, color=colour, marker=marker,
                               zorder=3, label=label,
                               facecolors="white" if kind == "tracker" else colour)
                    top = max(top, float(mine["value"].max()))
            _shade_unreached(ax, span, unreached, no_data_label)
        axes[0].set_ylim(0, top * (KEY_DATE_HEADROOM if _key_dates_within(spans) else 1.12))
        for ax, span in zip(axes, spans, strict=True):
            _mark_key_dates(ax, span.start, span.end)
        axes[0].set_ylabel(ylabel)
        _figure_legend(fig, axes, spans)
        _title(fig, title, source)
    return fig


def _bars(ax, rows: pd.DataFrame, series: list[str], colours: dict[str, str]) -> float:
    """Stacked bars, one per bin (left edge at the bin's start, as wide as its days), as one
    PolyCollection per series: the same picture as ``ax.bar``, drawn many times faster."""
    from matplotlib.collections import PolyCollection

    x0 = mdates.date2num(pd.to_datetime(rows["start"]).dt.to_pydatetime())
    x1 = x0 + rows["days"].to_numpy(dtype=float) - 0.15
    bottom = np.zeros(len(rows))
    for column in series:
        heights = rows[column].to_numpy(dtype=float)
        top = bottom + heights
        keep = heights > 0
        rects = [[(a, b), (a, t), (c, t), (c, b)]
                 for a, c, b, t in zip(x0[keep], x1[keep], bottom[keep], top[keep], strict=True)]
        ax.add_collection(PolyCollection(rects, facecolors=colours.get(column, "#8a8a8a"),
                                         edgecolors="none", label=column))
        bottom = top
    return float(bottom.max()) if len(bottom) else 0.0


def weekly_chart(weekly: pd.DataFrame, spans: list[Span], series: list[str],
                 unreached: Unreached, source: str, title: str, no_data_label: str,
                 rounds: pd.DataFrame | None = None, other_strikes: pd.Series | None = None
                 ) -> Figure:
    """Stacked bars per bin, one colour per country, one panel per phase; announced US
    strike rounds as triangles, other strikes as small ticks."""
    with styled():
        fig = new_figure((9.5, 5.3), layout=None)
        axes = phase_axes(fig, spans, bottom_inches=1.55)
        top = 1.0
        colours = {c: country_colour(c) for c in series}
        for ax, span in zip(axes, spans, strict=True):
            rows = weekly[weekly["phase"] == span.name]
            if rows["total"].sum() == 0:
                covered_end = span.end if unreached is None else min(
                    span.end, unreached[0] - pd.Timedelta(days=1))
                if covered_end >= span.start:
                    ax.text(span.start + (covered_end - span.start) / 2, 0.5, "none found",
                            ha="center", va="center", transform=ax.get_xaxis_transform(),
                            color="#555555", fontsize=9, rotation=90)
            top = max(top, _bars(ax, rows, series, colours))
            _shade_unreached(ax, span, unreached, no_data_label)
        axes[0].set_ylim(0, top * 1.25)
        axes[0].yaxis.get_major_locator().set_params(integer=True)
        marker_y = top * 1.17
        for ax, span in zip(axes, spans, strict=True):
            ax.set_xlim(*_limits(span))
            if rounds is not None and len(rounds):
                mine = rounds[(rounds["start"] >= span.start) & (rounds["start"] <= span.end)]
                if len(mine):
                    ax.plot(mine["start"], [marker_y] * len(mine), "v", color=STRIKE_COLOUR,
                            markersize=7, label="US strike round (see the rounds table)")
            if other_strikes is not None and len(other_strikes):
                days = other_strikes[(other_strikes >= span.start) & (other_strikes <= span.end)]
                if len(days):
                    ax.plot(days, [top * 0.03] * len(days), "v", color=TRACKER_COLOUR,
                            markersize=5, label="Other strikes (Israel / unknown)")
        axes[0].set_ylabel("Attacks (count per week)")
        _figure_legend(fig, axes, spans)
        _title(fig, title, source)
    return fig


def breakdown_chart(counts: pd.DataFrame, source: str, title: str) -> Figure:
    """Horizontal bars of attacks for every governorate, coloured by country."""
    table = counts.iloc[::-1]
    labels = (table["governorate"] + " (" + table["country"] + ")").astype(str)
    with styled():
        fig = new_figure((9.5, max(2.6, 0.34 * len(table) + 1.5)))
        ax = fig.add_subplot()
        ax.barh(labels, table["attacks"], color=[country_colour(c) for c in table["country"]])
        for y, v in enumerate(table["attacks"]):
            ax.text(v, y, f" {v:,}", va="center", fontsize=9.5)
        ax.set_title(title)
        ax.set_xlabel("Attacks (count)")
        ax.tick_params(labelsize=9.5)
        ax.grid(axis="y", visible=False)
        add_source_line(fig, source)
    return fig


def weapon_by_phase_chart(counts: pd.DataFrame, source: str, title: str) -> Figure:
    """One horizontal bar per phase split by weapon as a share of its attacks, with the
    number of attacks at the end of each bar."""
    ordered = counts[[w for w in WEAPON_COLOURS if w in counts.columns]]
    totals = ordered.sum(axis=1)
    shares = ordered.div(totals.where(totals > 0, 1), axis=0)
    with styled():
        fig = new_figure((9.5, max(2.8, 0.6 * len(shares) + 1.8)))
        ax = fig.add_subplot()
        left = pd.Series(0.0, index=shares.index)
        labels = ["\n".join(textwrap.wrap(str(i), 18)) for i in shares.index][::-1]
        for weapon in shares.columns:
            values = shares[weapon].iloc[::-1]
            ax.barh(labels, values.to_numpy(), left=left.iloc[::-1].to_numpy(),
                    color=WEAPON_COLOURS[weapon], label=weapon.replace("_", " "))
            left += shares[weapon]
        for y, total in enumerate(totals.iloc[::-1]):
            ax.text(1.01, y, f"{int(total):,} attacks", va="center", fontsize=9)
        ax.set_xlim(0, 1.2)
        ax.set_xticks([0, 0.25, 0.5, 0.75, 1.0], ["0%", "25%", "50%", "75%", "100%"])
        ax.set_xlabel("Share of the phase's documented attacks")
        ax.tick_params(labelsize=9.5)
        ax.grid(axis="y", visible=False)
        ax.set_title(title)
        if ax.get_legend_handles_labels()[0]:
            ax.legend(loc="upper center", bbox_to_anchor=(0.45, -0.3), ncols=4, fontsize=9)
        add_source_line(fig, source)
    return fig


def heatmap_chart(matrix: pd.DataFrame, bins: pd.DataFrame, spans: list[Span],
                  unreached: Unreached, source: str, title: str, no_data_label: str) -> Figure:
    """Sites down, bins across (one block per phase), darker = more attacks that week."""
    with styled():
        rows = max(len(matrix), 1)
        fig = new_figure((9.5, max(3.0, 0.32 * rows + 2.1)), layout=None)
        if matrix.empty:
            ax = fig.add_subplot()
            ax.text(0.5, 0.5, "No attack documented in this window", ha="center",
                    transform=ax.transAxes)
            ax.set_axis_off()
            _title(fig, title, source)
            return fig
        longest = max((len(str(i)) for i in matrix.index), default=10)
        axes = phase_axes(fig, spans, right=0.9, left_inches=min(4.0, 0.35 + 0.085 * longest))
        top = float(matrix.to_numpy().max())
        image = None
        from matplotlib.collections import PolyCollection
        from matplotlib.colors import Normalize

        cmap = __import__("matplotlib").colormaps["Reds"]
        norm = Normalize(0, max(top, 1))
        for ax, span in zip(axes, spans, strict=True):
            mine = bins.index[bins["phase"] == span.name]
            x0 = mdates.date2num(pd.to_datetime(bins.loc[mine, "start"]).dt.to_pydatetime())
            x1 = x0 + bins.loc[mine, "days"].to_numpy(dtype=float)
            polys, faces = [], []
            for r, site in enumerate(matrix.index):
                values = matrix.loc[site, list(mine)].to_numpy(dtype=float)
                for a, b, v in zip(x0, x1, values, strict=True):
                    polys.append([(a, r - 0.5), (a, r + 0.5), (b, r + 0.5), (b, r - 0.5)])
                    faces.append(cmap(norm(v)))
            image = PolyCollection(polys, facecolors=faces, edgecolors="none")
            ax.add_collection(image)
            _shade_unreached(ax, span, unreached, no_data_label)
            ax.set_ylim(len(matrix) - 0.5, -0.5)
            ax.grid(False)
        axes[0].set_yticks(range(len(matrix)), matrix.index, fontsize=9)
        if image is not None:
            from matplotlib.cm import ScalarMappable

            bar = fig.add_axes((0.92, 1.0 / fig.get_figheight(), 0.015,
                                1 - 2.05 / fig.get_figheight()))
            fig.colorbar(ScalarMappable(norm=norm, cmap=cmap), cax=bar,
                         label="Attacks (count per week)")
        if unreached is not None:
            axes[-1].legend(handles=[Patch(color=NO_DATA_COLOUR, label=no_data_label)],
                            loc="lower right", fontsize=9)
        _title(fig, title, source)
    return fig


# ---- maps ------------------------------------------------------------------------------------
MAP_EXTENT = (35.0, 49.0, 29.0, 38.0)
APPROXIMATE = {"town": "at its town", "governorate": "at its governorate's centre",
               "country": "at its country's centre"}
# Sizes in the key, and the marker area (points²) for n attacks.
SIZE_KEY = (1, 10, 40)


def marker_area(n: float) -> float:
    return 16 + 12 * n


def _outlines(ax, boundaries: dict) -> None:
    from matplotlib.collections import PolyCollection

    from analysis.report.style import COUNTRY_COLOURS

    for level, edge, width in (("country", "#777777", 1.0), ("admin1", "#cfcfcf", 0.5)):
        polys, faces = [], []
        for f in boundaries["features"]:
            if f["properties"]["level"] != level:
                continue
            study = f["properties"]["country"] in COUNTRY_COLOURS
            for polygon in f["geometry"]["coordinates"]:
                polys.append(polygon[0])
                faces.append(("#ffffff" if study else "#efede8") if level == "country"
                             else "none")
        ax.add_collection(PolyCollection(polys, facecolors=faces, edgecolors=edge,
                                         linewidths=width, zorder=1, antialiased=False))


def _country_labels(ax, labels: pd.DataFrame, extent) -> None:
    x0, x1, y0, y1 = extent
    for r in labels.itertuples(index=False):
        if x0 < r.longitude < x1 and y0 < r.latitude < y1:
            ax.text(r.longitude, r.latitude, r.country.upper(), fontsize=10, color="#8a8a8a",
                    ha="center", va="center", zorder=2, fontweight="bold")


def _place_labels(ax, points: pd.DataFrame, extent, fontsize: float = 9) -> None:
    """Names beside the markers, each moved to the first of eight positions where it
    overlaps no label already placed, with a thin leader line: sites a few km apart (Tower
    22 and al-Rukban) stay apart and named."""
    x0, x1, y0, y1 = extent
    deg_per_pt_x = (x1 - x0) / 650
    deg_per_pt_y = (y1 - y0) / 420
    taken: list[tuple[float, float, float, float]] = []
    offsets = [(8, 6), (8, -12), (-8, 6), (-8, -12), (14, 18), (14, -24), (-14, 18),
               (-14, -24), (22, 0), (-22, 0)]
    for r in points.itertuples(index=False):
        width = len(r.label) * fontsize * 0.62 * deg_per_pt_x
        height = fontsize * 1.2 * deg_per_pt_y
        for dx, dy in offsets:
            lx = r.longitude + dx * deg_per_pt_x - (width if dx < 0 else 0)
            ly = r.latitude + dy * deg_per_pt_y
            box = (lx, ly, lx + width, ly + height)
            if not any(box[0] < b[2] and b[0] < box[2] and box[1] < b[3] and b[1] < box[3]
                       for b in taken):
                taken.append(box)
                ax.annotate(r.label, (r.longitude, r.latitude), xytext=(dx, dy),
                            textcoords="offset points", fontsize=fontsize, zorder=6,
                            ha="right" if dx < 0 else "left",
                            arrowprops={"arrowstyle": "-", "color": "#777777", "lw": 0.6},
                            bbox={"facecolor": "white", "edgecolor": "none", "pad": 0.6,
                                  "alpha": 0.85})
                break


def _markers(ax, sites: pd.DataFrame, scale: float = 1.0) -> None:
    attacks_ = sites[sites["attacks"] > 0].sort_values("attacks", ascending=False)
    for exact, face in ((True, None), (False, "none")):
        part = attacks_[(attacks_["precision"] == "exact") == exact]
        for country, group in part.groupby("country"):
            colour = country_colour(country)
            ax.scatter(group["longitude"], group["latitude"],
                       s=marker_area(group["attacks"]) * scale,
                       facecolors=colour if face is None else "none", edgecolors=colour,
                       linewidths=0.9 if face is None else 1.6, alpha=0.8, zorder=4,
                       label=f"Attacks in {country}" if exact else None)
    hits = sites[sites["strikes"] > 0]
    for exact in (True, False):
        part = hits[(hits["precision"] == "exact") == exact]
        if len(part):
            ax.scatter(part["longitude"], part["latitude"], marker="x",
                       s=(30 + 6 * part["strikes"]) * scale, color=STRIKE_COLOUR,
                       linewidths=1.6 if exact else 0.9, alpha=1 if exact else 0.7, zorder=5,
                       label="Strikes on militias" if exact else None)


def _size_key(ax) -> list[Artist]:
    """Empty markers for the legend: the sizes of SIZE_KEY attacks, and a hollow one."""
    handles = [ax.scatter([], [], s=marker_area(n), facecolors="#bbbbbb", edgecolors="#777777",
                          label=f"{n} attack{'s' if n > 1 else ''}") for n in SIZE_KEY]
    handles.append(ax.scatter([], [], s=marker_area(3), facecolors="none", edgecolors="#555555",
                              linewidths=1.6, label="approximate (hollow)"))
    return handles


def map_chart(sites: pd.DataFrame, boundaries: dict, country_labels: pd.DataFrame,
              cities: pd.DataFrame, source: str, title: str, extent=None,
              named: pd.DataFrame | None = None) -> Figure:
    """Every site with an event, sized by its attacks (strikes as crosses), over country
    and governorate outlines with country and city names and a size key. A site without
    exact coordinates is drawn hollow at its town, governorate or country."""
    extent = extent or MAP_EXTENT
    with styled():
        fig = new_figure((9.5, 6.4))
        ax = fig.add_subplot()
        _outlines(ax, boundaries)
        _country_labels(ax, country_labels, extent)
        if len(cities):
            ax.scatter(cities["longitude"], cities["latitude"], s=10, color="#222222",
                       marker="s", zorder=3)
        _markers(ax, sites)
        labels = pd.concat([cities.assign(label=cities["name"]),
                            named if named is not None else sites.iloc[0:0]]) \
            .drop_duplicates("label")
        _place_labels(ax, labels, extent)
        x0, x1, y0, y1 = extent
        ax.set_xlim(x0, x1)
        ax.set_ylim(y0, y1)
        ax.set_aspect(1 / 0.82)  # about cos(35°): degrees of longitude shorter than latitude
        ax.set_title(title)
        ax.set_xticks([])
        ax.set_yticks([])
        ax.grid(False)
        handles, labels_ = ax.get_legend_handles_labels()
        key = _size_key(ax)
        ax.legend(handles + key, labels_ + [h.get_label() for h in key], loc="upper left",
                  bbox_to_anchor=(1.01, 1.0), fontsize=9, markerscale=0.7, frameon=False)
        add_source_line(fig, source + " Outlines: Natural Earth.")
    return fig
