"""One function per chart; each returns a matplotlib Figure drawn in the shared style.

Never calls ``matplotlib.use()`` or pyplot: figures are plain Figure objects that the
notebook displays (see display.py), so they neither vanish nor appear twice.
"""

from __future__ import annotations

import matplotlib.dates as mdates
import pandas as pd
from matplotlib.figure import Figure

from analysis.style import (
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
            ax.text(when, top * (0.97 - 0.075 * (i % 3)), " " + label, fontsize=8,
                    color="#555555", va="top")


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


def weekly_chart(weekly: pd.DataFrame, source: str,
                 title: str = "Attacks on US positions per week, by country") -> Figure:
    """Stacked weekly bars, one colour per country."""
    with styled():
        fig = new_figure()
        ax = fig.add_subplot()
        bottom = pd.Series(0, index=weekly.index)
        for column in weekly.columns:
            ax.bar(weekly.index, weekly[column], bottom=bottom, width=6, align="edge",
                   color=country_colour(column), label=column)
            bottom = bottom + weekly[column]
        ax.set_title(title)
        ax.set_ylabel("Attacks (count per week)")
        ax.set_xlabel("Week beginning (Monday)")
        span = (weekly.index.max() - weekly.index.min()).days if len(weekly) else 0
        _date_axis(ax, span)
        if len(weekly.columns):
            ax.legend(loc="upper right")
        add_source_line(fig, source)
    return fig


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
