"""One function per chart; each returns a matplotlib Figure drawn in the shared style.

Never calls ``matplotlib.use()`` or pyplot: figures are plain Figure objects that the
notebook displays (see display.py), so they neither vanish nor appear twice.
"""

from __future__ import annotations

import matplotlib.dates as mdates
import pandas as pd
from matplotlib.figure import Figure

from analysis.report.style import (
    OFFICIAL_COLOUR,
    TRACKER_COLOUR,
    add_source_line,
    country_colour,
    new_figure,
    styled,
)

KEY_DATES = {
    "2023-10-07": "7 Oct: Hamas attack, war begins",
    "2023-10-17": "17 Oct: first attacks",
    "2024-01-28": "28 Jan: Tower 22",
    "2024-02-02": "2 Feb: US strikes",
    "2024-02-04": "4 Feb: pause",
}


def _stacked_bars(ax, frame: pd.DataFrame, colours: dict[str, str], width_days: float,
                  labels: dict[str, str] | None = None) -> None:
    """Stacked bars as one PolyCollection per series: the same picture as ``ax.bar`` for
    each bar, drawn many times faster (a chart has hundreds of weekly bars)."""
    from matplotlib.collections import PolyCollection

    if frame.empty or frame.columns.empty:
        ax.text(0.5, 0.5, "No attacks in this window", ha="center", va="center",
                transform=ax.transAxes, color="#555555")
        return
    x0 = mdates.date2num(frame.index.to_pydatetime())
    x1 = x0 + width_days
    bottom = pd.Series(0.0, index=frame.index).to_numpy()
    for column in frame.columns:
        heights = frame[column].to_numpy(dtype=float)
        top = bottom + heights
        keep = heights > 0
        rects = [[(a, b), (a, t), (c, t), (c, b)]
                 for a, c, b, t in zip(x0[keep], x1[keep], bottom[keep], top[keep], strict=True)]
        ax.add_collection(PolyCollection(rects, facecolors=colours.get(column, "#8a8a8a"),
                                         edgecolors="none",
                                         label=(labels or {}).get(column, column)))
        bottom = top
    ax.update_datalim([(x0.min(), 0), (x1.max(), max(bottom.max(), 1))] if len(x0) else [(0, 0)])
    ax.xaxis_date()
    ax.autoscale_view()
    ax.set_ylim(0, max(bottom.max() if len(bottom) else 1, 1) * 1.08)


def _date_axis(ax, span_days: int) -> None:
    if span_days > 400:
        ax.xaxis.set_major_locator(mdates.MonthLocator(bymonth=(1, 4, 7, 10)))
    elif span_days > 120:
        ax.xaxis.set_major_locator(mdates.MonthLocator())
    else:
        ax.xaxis.set_major_locator(mdates.WeekdayLocator(byweekday=mdates.MO, interval=2))
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%-d %b\n%Y" if span_days <= 120
                                                      else "%b\n%Y"))


def _mark_key_dates(ax, start: pd.Timestamp, end: pd.Timestamp) -> None:
    top = ax.get_ylim()[1]
    for i, (day, label) in enumerate(KEY_DATES.items()):
        when = pd.Timestamp(day)
        if start <= when <= end:
            ax.axvline(when, color="#999999", linewidth=0.8, linestyle=":")
            ax.text(when, top * (0.98 - 0.065 * i), " " + label, fontsize=8,
                    color="#555555", va="top",
                    bbox={"facecolor": "white", "edgecolor": "none", "pad": 0.5, "alpha": 0.8})


def cumulative_chart(cumulative: pd.DataFrame, tallies: pd.DataFrame, source: str,
                     title: str = "Attacks on US positions, cumulative") -> Figure:
    """Documented attacks as a rising line, official and tracker tallies as points."""
    with styled():
        fig = new_figure()
        ax = fig.add_subplot()
        ax.step(cumulative.index, cumulative["total"], where="post", color="#333333",
                linewidth=2, label="Documented incidents (this dataset)")
        in_range = tallies[(tallies["as_of"] >= cumulative.index.min())
                           & (tallies["as_of"] <= cumulative.index.max())]
        for kind, colour, marker, label in (
            ("official", OFFICIAL_COLOUR, "o", "Official US count (as stated)"),
            ("tracker", TRACKER_COLOUR, "D", "Independent tracker count"),
        ):
            points = in_range[in_range["kind"] == kind].dropna(subset=["total"])
            if not points.empty:
                ax.scatter(points["as_of"], points["total"], s=36, color=colour,
                           marker=marker, zorder=3, label=label,
                           facecolors="white" if kind == "tracker" else colour)
        ax.set_ylim(0, max(ax.get_ylim()[1], 1) * 1.12)
        ax.set_title(title)
        ax.set_ylabel("Attacks since 17 Oct 2023 (count)")
        ax.set_xlabel("Date")
        start, end = cumulative.index.min(), cumulative.index.max()
        _date_axis(ax, (end - start).days)
        _mark_key_dates(ax, start, end)
        ax.legend(loc="center right")
        add_source_line(fig, source)
    return fig


def _stacked_over_time(frame: pd.DataFrame, colours: dict[str, str], width_days: float,
                       labels: dict[str, str], title: str, unit: str, xlabel: str,
                       source: str, min_span: int = 0) -> Figure:
    """The shared shape of the weekly and monthly stacked bar charts."""
    with styled():
        fig = new_figure()
        ax = fig.add_subplot()
        _stacked_bars(ax, frame, colours, width_days, labels)
        ax.set_title(title)
        ax.set_ylabel(f"Attacks (count per {unit})")
        ax.yaxis.get_major_locator().set_params(integer=True)
        ax.set_xlabel(xlabel)
        span = (frame.index.max() - frame.index.min()).days if len(frame) else 0
        _date_axis(ax, max(span, min_span))
        if len(frame.columns) and not frame.empty:
            ax.legend(loc="upper right", ncols=1 if len(frame.columns) <= 3 else 2)
        add_source_line(fig, source)
    return fig


def weekly_chart(weekly: pd.DataFrame, source: str,
                 title: str = "Attacks on US positions per week, by country") -> Figure:
    """Stacked weekly bars, one colour per country."""
    return _stacked_over_time(weekly, {c: country_colour(c) for c in weekly.columns}, 6,
                              {c: c for c in weekly.columns}, title, "week",
                              "Week beginning (Monday)", source)


def breakdown_chart(counts: pd.DataFrame, label: str, source: str, title: str,
                    colour_by: str = "country", top: int = 15) -> Figure:
    """Horizontal bars of event counts for the ``top`` largest values of ``label``."""
    table = counts.nlargest(top, "events").iloc[::-1]
    with styled():
        fig = new_figure((9.5, max(2.6, 0.34 * len(table) + 1.4)))
        ax = fig.add_subplot()
        colours = [country_colour(c) for c in table[colour_by]] if colour_by in table else None
        ax.barh(table[label].astype(str), table["events"], color=colours)
        for y, v in enumerate(table["events"]):
            ax.text(v, y, f" {v:,}", va="center", fontsize=9)
        ax.set_title(title)
        ax.set_xlabel("Attacks (count)")
        ax.grid(axis="y", visible=False)
        add_source_line(fig, source)
    return fig


def weapon_mix_chart(monthly: pd.DataFrame, source: str,
                     title: str = "Weapons used in attacks on US positions, by month") -> Figure:
    """Stacked monthly bars, one colour per weapon."""
    from analysis.report.style import WEAPON_COLOURS

    ordered = monthly[[w for w in WEAPON_COLOURS if w in monthly.columns]]
    return _stacked_over_time(ordered, WEAPON_COLOURS, 25,
                              {w: w.replace("_", " ") for w in ordered.columns}, title,
                              "month", "Month", source, min_span=121)


def timeline_chart(daily_attacks: pd.Series, rounds: pd.DataFrame, other_strikes: pd.Series,
                   source: str,
                   title: str = "Attacks on US positions and strikes on the militias") -> Figure:
    """Weekly attacks as bars; US strike rounds as labelled lines; other strikes as ticks."""
    from analysis.report.style import STRIKE_COLOUR

    with styled():
        fig = new_figure((9.5, 5.2))
        ax = fig.add_subplot()
        _stacked_bars(ax, daily_attacks.to_frame("attacks"), {"attacks": "#555555"}, 6,
                      {"attacks": "Attacks on US positions per week"})
        top = max(float(daily_attacks.max()) if len(daily_attacks) else 1, 1) * 1.25
        ax.set_ylim(0, top)
        if len(rounds):
            ax.plot(rounds["start"], [top * 0.95] * len(rounds), "v", color=STRIKE_COLOUR,
                    markersize=9, label="US strike round (see table)")
            for r in rounds.itertuples(index=False):
                ax.axvline(r.start, color=STRIKE_COLOUR, linewidth=0.8, alpha=0.5)
        if len(other_strikes):
            ax.plot(other_strikes.index, [top * 0.02] * len(other_strikes), "v",
                    color="#7a4fa3", markersize=6, label="Other strikes (Israel / unknown)")
        ax.set_title(title)
        ax.set_ylabel("Attacks (count per week)")
        ax.set_xlabel("Week beginning (Monday)")
        span = (daily_attacks.index.max() - daily_attacks.index.min()).days \
            if len(daily_attacks) else 0
        _date_axis(ax, span)
        ax.legend(loc="upper right", fontsize=8.5)
        add_source_line(fig, source)
    return fig


def map_chart(sites: pd.DataFrame, boundaries: dict, source: str,
              title: str = "Where the attacks hit", extent: tuple | None = None) -> Figure:
    """Sites as circles sized by attack count (strike locations as crosses) over outlines."""
    from matplotlib.collections import PolyCollection

    from analysis.report.style import COUNTRY_COLOURS, STRIKE_COLOUR

    with styled():
        fig = new_figure((9.5, 7.2))
        ax = fig.add_subplot()
        for level, face, edge, width in (("country", "#f3f1ec", "#9a9a9a", 0.9),
                                         ("admin1", "none", "#c9c9c9", 0.5)):
            polys, faces = [], []
            for f in boundaries["features"]:
                if f["properties"]["level"] != level:
                    continue
                study = f["properties"]["country"] in COUNTRY_COLOURS
                for polygon in f["geometry"]["coordinates"]:
                    polys.append(polygon[0])
                    faces.append(("#ffffff" if study else face) if level == "country"
                                 else "none")
            ax.add_collection(PolyCollection(polys, facecolors=faces, edgecolors=edge,
                                             linewidths=width, zorder=1))
        attacks_ = sites[sites["attacks"] > 0]
        for country, group in attacks_.groupby("country"):
            ax.scatter(group["longitude"], group["latitude"], s=18 + 14 * group["attacks"],
                       color=country_colour(country), alpha=0.75, edgecolors="white",
                       linewidths=0.8, zorder=3, label=f"Attacks in {country}")
        hits = sites[sites["strikes"] > 0]
        if len(hits):
            ax.scatter(hits["longitude"], hits["latitude"], marker="x", s=40,
                       color=STRIKE_COLOUR, zorder=4, label="Strikes on militias")
        labelled: list[tuple[float, float]] = []
        for r in attacks_.nlargest(10, "attacks").itertuples(index=False):
            if any(abs(r.longitude - x) < 0.5 and abs(r.latitude - y) < 0.25
                   for x, y in labelled):
                continue  # keep labels legible: skip a site right next to a labelled one
            labelled.append((r.longitude, r.latitude))
            ax.annotate(f"{r.name} ({r.attacks})", (r.longitude, r.latitude), fontsize=8,
                        xytext=(6, 4), textcoords="offset points", zorder=5)
        x0, x1, y0, y1 = extent or (35.0, 49.0, 29.0, 38.0)
        ax.set_xlim(x0, x1)
        ax.set_ylim(y0, y1)
        ax.set_aspect(1 / 0.82)  # about cos(35°): degrees of longitude shorter than latitude
        ax.set_title(title)
        ax.set_xlabel("Longitude (°E)")
        ax.set_ylabel("Latitude (°N)")
        ax.grid(False)
        ax.legend(loc="lower left", fontsize=8.5, markerscale=0.6)
        add_source_line(fig, source + " Outlines: Natural Earth.")
    return fig


def heatmap_chart(matrix: pd.DataFrame, source: str,
                  title: str = "Attacks per site and week") -> Figure:
    """Sites down, weeks across, darker = more attacks that week."""
    with styled():
        rows = max(len(matrix), 1)
        fig = new_figure((9.5, max(2.8, 0.32 * rows + 1.8)))
        ax = fig.add_subplot()
        if matrix.empty:
            ax.text(0.5, 0.5, "No attacks in this window", ha="center", transform=ax.transAxes)
        else:
            image = ax.imshow(matrix.to_numpy(), aspect="auto", cmap="Reds",
                              interpolation="nearest", vmin=0)
            ax.set_yticks(range(len(matrix)), matrix.index)
            ticks = list(range(0, matrix.shape[1], max(1, matrix.shape[1] // 10)))
            ax.set_xticks(ticks, [f"{matrix.columns[t]:%-d %b\n%Y}" for t in ticks])
            fig.colorbar(image, ax=ax, label="Attacks (count per week)", shrink=0.8)
        ax.grid(False)
        ax.set_title(title)
        ax.set_xlabel("Week beginning (Monday)")
        add_source_line(fig, source)
    return fig
