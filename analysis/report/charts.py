"""One function per chart; each returns a matplotlib Figure drawn in the shared style.

Never calls ``matplotlib.use()`` or pyplot: figures are plain Figure objects that the
notebook displays (see display.py), so they neither vanish nor appear twice.
"""

from __future__ import annotations

from dataclasses import dataclass

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
    "2024-01-28": "28 Jan: Tower 22",
    "2024-02-02": "2 Feb: US strikes",
}


@dataclass(frozen=True)
class Span:
    """One panel of a time chart: a phase (or the part of it in the report's window) and how
    many attacks it holds, which sets how much width it gets."""

    name: str
    start: pd.Timestamp
    end: pd.Timestamp
    attacks: int

    @property
    def weight(self) -> float:
        """Width share: a busy phase gets about one unit per week, at most 16; a long quiet
        phase is compressed to 16 and an empty one to 4, so no chart spends most of its
        width on empty time."""
        weeks = max((self.end - self.start).days / 7, 1)
        return max(5.5, min(16.0, weeks)) if self.attacks else 5.5


def _span_label(span: Span) -> str:
    """The phase's name and dates, wrapped to the panel's width."""
    import textwrap

    width = max(10, int(span.weight * 2.3))
    dates = f"{span.start:%-d %b %Y} – {span.end:%-d %b %Y}"
    if len(dates) > width:
        dates = f"{span.start:%-d %b %Y} –\n{span.end:%-d %b %Y}"
    return "\n".join(textwrap.wrap(span.name, width) + [dates])


def phase_axes(fig: Figure, spans: list[Span], right: float = 0.985,
               left_inches: float = 0.75) -> list:
    """One axes per phase, side by side, widths by :attr:`Span.weight`, sharing the y axis,
    each with its own date axis and the phase's name on top. Margins are set in inches here
    (the figure has no layout engine): room for the title, the panel names, the y label,
    the date ticks and the source line."""
    width, height = fig.get_size_inches()
    grid = fig.add_gridspec(1, len(spans), width_ratios=[s.weight for s in spans],
                            wspace=0.06, left=left_inches / width, right=right,
                            top=1 - 1.0 / height, bottom=0.95 / height)
    axes: list = []
    for i, span in enumerate(spans):
        ax = fig.add_subplot(grid[0, i], sharey=axes[0] if axes else None)
        pad = pd.Timedelta(days=max(2, (span.end - span.start).days // 40))
        ax.set_xlim(span.start - pad, span.end + pad + pd.Timedelta(days=6))
        ax.set_title(_span_label(span), fontsize=9, fontweight="normal", loc="left")
        ax.xaxis_date()
        _span_ticks(ax, span)
        ax.tick_params(axis="x", labelsize=8)
        if i:
            ax.tick_params(axis="y", labelleft=False)
        axes.append(ax)
    return axes


def _span_ticks(ax, span: Span) -> None:
    """Few, plain date ticks that fit a panel's width (no locator guessing, no warnings)."""
    days = (span.end - span.start).days
    room = max(2, int(span.weight // 3))  # ticks that fit side by side
    if days <= 70:
        ax.xaxis.set_major_locator(mdates.WeekdayLocator(byweekday=mdates.MO,
                                                         interval=max(1, days // 7 // room + 1)))
        ax.xaxis.set_major_formatter(mdates.DateFormatter("%-d %b"))
    else:
        months = max(1, round(days / 30.4 / room))
        ax.xaxis.set_major_locator(mdates.MonthLocator(bymonthday=1, interval=months))
        ax.xaxis.set_major_formatter(mdates.DateFormatter("%b\n%Y"))


def _empty_panel(ax, text: str = "no attacks documented") -> None:
    ax.text(0.5, 0.5, text, ha="center", va="center", transform=ax.transAxes,
            color="#777777", fontsize=8.5, rotation=90)


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


def _mark_key_dates(ax, start: pd.Timestamp, end: pd.Timestamp) -> None:
    top = ax.get_ylim()[1]
    for i, (day, label) in enumerate(KEY_DATES.items()):
        when = pd.Timestamp(day)
        if start <= when <= end:
            ax.axvline(when, color="#999999", linewidth=0.8, linestyle=":")
            ax.text(when, top * (0.98 - 0.07 * i), " " + label, fontsize=7.5,
                    color="#555555", va="top",
                    bbox={"facecolor": "white", "edgecolor": "none", "pad": 0.5, "alpha": 0.8})


def _in_span(frame: pd.DataFrame, span: Span, column: str | None = None) -> pd.DataFrame:
    dates = frame.index if column is None else frame[column]
    return frame[(dates >= span.start) & (dates <= span.end)]


def cumulative_chart(cumulative: pd.DataFrame, tallies: pd.DataFrame, spans: list[Span],
                     source: str, title: str = "Attacks on US positions, cumulative") -> Figure:
    """Documented attacks as a rising line, phase by phase; stated counts as points, one
    marker per kind (official, tracker), never joined to the line."""
    with styled():
        fig = new_figure((9.5, 5.0), layout=None)
        axes = phase_axes(fig, spans)
        top = max(float(cumulative["total"].max()) if len(cumulative) else 1, 1)
        kinds = (("official", OFFICIAL_COLOUR, "o", "Official US count (as stated)"),
                 ("tracker", TRACKER_COLOUR, "D", "Independent tracker count"))
        for ax, span in zip(axes, spans, strict=True):
            part = _in_span(cumulative, span)
            ax.step(part.index, part["total"], where="post", color="#333333", linewidth=2,
                    label="Documented incidents (this dataset)")
            for kind, colour, marker, label in kinds:
                points = _in_span(tallies[tallies["kind"] == kind].dropna(subset=["total"]),
                                  span, "as_of")
                if not points.empty:
                    ax.scatter(points["as_of"], points["total"], s=30, color=colour,
                               marker=marker, zorder=3, label=label,
                               facecolors="white" if kind == "tracker" else colour)
                    top = max(top, float(points["total"].max()))
            _mark_key_dates(ax, span.start, span.end)
        axes[0].set_ylim(0, top * 1.12)
        axes[0].set_ylabel("Attacks since 17 Oct 2023 (count)")
        _figure_legend(fig, axes, spans)
        fig.suptitle(title, x=0.01, ha="left", fontweight="bold", fontsize=13)
        add_source_line(fig, source)
    return fig


def _legend(ax, **options) -> None:
    """A legend when something is labelled (an empty phase has nothing to name, and
    matplotlib would warn on the terminal)."""
    if ax.get_legend_handles_labels()[0]:
        ax.legend(**options)


def _figure_legend(fig: Figure, axes: list, spans: list[Span]) -> None:
    """One legend for all panels, without repeats, in the upper left of the widest panel."""
    seen: dict[str, object] = {}
    for ax in axes:
        for handle, label in zip(*ax.get_legend_handles_labels(), strict=True):
            seen.setdefault(label, handle)
    if seen:
        widest = max(range(len(spans)), key=lambda i: spans[i].weight)
        axes[widest].legend(list(seen.values()), list(seen), loc="upper left", fontsize=8,
                            frameon=True, framealpha=0.9, edgecolor="none")


def _stacked_by_phase(frame: pd.DataFrame, spans: list[Span], colours: dict[str, str],
                      labels: dict[str, str], title: str, ylabel: str, source: str,
                      width_days: float = 6, size: tuple[float, float] = (9.5, 4.8)) -> Figure:
    """Stacked bars (a column per series, indexed by week) in one panel per phase."""
    with styled():
        fig = new_figure(size, layout=None)
        axes = phase_axes(fig, spans)
        series = [c for c in frame.columns if c != "phase"]
        top = 1.0
        for ax, span in zip(axes, spans, strict=True):
            part = _in_span(frame, span)[series]
            if part.to_numpy().sum() == 0:
                _empty_panel(ax)
                continue
            _stacked_bars(ax, part, colours, width_days, labels)
            top = max(top, float(part.sum(axis=1).max()))
            _mark_key_dates(ax, span.start, span.end)
        for ax, span in zip(axes, spans, strict=True):
            pad = pd.Timedelta(days=max(2, (span.end - span.start).days // 40))
            ax.set_xlim(span.start - pad, span.end + pad + pd.Timedelta(days=6))
        axes[0].set_ylim(0, top * 1.1)
        axes[0].yaxis.get_major_locator().set_params(integer=True)
        axes[0].set_ylabel(ylabel)
        _figure_legend(fig, axes, spans)
        fig.suptitle(title, x=0.01, ha="left", fontweight="bold", fontsize=13)
        add_source_line(fig, source)
    return fig


def weekly_chart(weekly: pd.DataFrame, spans: list[Span], source: str,
                 title: str = "Attacks on US positions per week, by country") -> Figure:
    """Stacked weekly bars, one colour per country, one panel per phase."""
    countries = [c for c in weekly.columns if c != "phase"]
    return _stacked_by_phase(weekly, spans, {c: country_colour(c) for c in countries},
                             {c: c for c in countries}, title,
                             "Attacks (count per week)", source)


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


def weapon_by_phase_chart(counts: pd.DataFrame, source: str,
                          title: str = "Weapons used in attacks on US positions, by phase"
                          ) -> Figure:
    """One horizontal bar per phase split by weapon as a share of its attacks, with the
    number of attacks at the end of each bar."""
    from analysis.report.style import WEAPON_COLOURS

    ordered = counts[[w for w in WEAPON_COLOURS if w in counts.columns]]
    totals = ordered.sum(axis=1)
    shares = ordered.div(totals.where(totals > 0, 1), axis=0)
    with styled():
        fig = new_figure((9.5, max(2.6, 0.55 * len(shares) + 1.6)))
        ax = fig.add_subplot()
        left = pd.Series(0.0, index=shares.index)
        labels = [str(i) for i in shares.index][::-1]
        for weapon in shares.columns:
            values = shares[weapon].iloc[::-1]
            ax.barh(labels, values.to_numpy(), left=left.iloc[::-1].to_numpy(),
                    color=WEAPON_COLOURS[weapon], label=weapon.replace("_", " "))
            left += shares[weapon]
        for y, total in enumerate(totals.iloc[::-1]):
            ax.text(1.01, y, f"{int(total):,} attacks", va="center", fontsize=8.5)
        ax.set_xlim(0, 1.18)
        ax.set_xticks([0, 0.25, 0.5, 0.75, 1.0], ["0%", "25%", "50%", "75%", "100%"])
        ax.set_xlabel("Share of the phase's documented attacks")
        ax.grid(axis="y", visible=False)
        ax.set_title(title)
        _legend(ax, loc="upper center", bbox_to_anchor=(0.45, -0.32), ncols=4, fontsize=8.5)
        add_source_line(fig, source)
    return fig


def mark_strikes(fig: Figure, spans: list[Span], rounds: pd.DataFrame,
                 other_strikes: pd.Series) -> Figure:
    """Mark strikes on a chart drawn by phase: announced US strike rounds as triangles with a
    line (the rounds table lists them), other strikes (Israel, unknown) as small ticks."""
    from analysis.report.style import STRIKE_COLOUR

    with styled():
        axes = fig.axes[:len(spans)]
        top = axes[0].get_ylim()[1] * 1.12
        axes[0].set_ylim(0, top)
        for ax, span in zip(axes, spans, strict=True):
            mine = rounds[(rounds["start"] >= span.start) & (rounds["start"] <= span.end)] \
                if len(rounds) else rounds
            if len(mine):
                ax.plot(mine["start"], [top * 0.95] * len(mine), "v", color=STRIKE_COLOUR,
                        markersize=7, label="US strike round (see the rounds table)")
                for r in mine.itertuples(index=False):
                    ax.axvline(r.start, color=STRIKE_COLOUR, linewidth=0.8, alpha=0.5)
            others = other_strikes[(other_strikes.index >= span.start)
                                   & (other_strikes.index <= span.end)]
            if len(others):
                ax.plot(others.index, [top * 0.03] * len(others), "v", color=TRACKER_COLOUR,
                        markersize=5, label="Other strikes (Israel / unknown)")
        _figure_legend(fig, axes, spans)
    return fig


def map_chart(sites: pd.DataFrame, boundaries: dict, source: str,
              title: str = "Where the attacks hit", extent: tuple | None = None) -> Figure:
    """Sites as circles sized by attack count (strike locations as crosses) over outlines."""
    from matplotlib.collections import PolyCollection

    from analysis.report.style import COUNTRY_COLOURS, STRIKE_COLOUR

    with styled():
        fig = new_figure((9.5, 6.6))
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
        _legend(ax, loc="lower left", fontsize=8.5, markerscale=0.6)
        add_source_line(fig, source + " Outlines: Natural Earth.")
    return fig


def heatmap_chart(matrix: pd.DataFrame, spans: list[Span], source: str,
                  title: str = "Attacks per site and week") -> Figure:
    """Sites down, weeks across (one block per phase), darker = more attacks that week."""
    with styled():
        rows = max(len(matrix), 1)
        fig = new_figure((9.5, max(3.0, 0.32 * rows + 2.0)), layout=None)
        if matrix.empty:
            ax = fig.add_subplot()
            ax.text(0.5, 0.5, "No attacks in this window", ha="center", transform=ax.transAxes)
            ax.set_title(title)
            add_source_line(fig, source)
            return fig
        labels = max((len(str(i)) for i in matrix.index), default=10)
        axes = phase_axes(fig, spans, right=0.9, left_inches=min(4.0, 0.35 + 0.085 * labels))
        top = float(matrix.to_numpy().max())
        image = None
        for ax, span in zip(axes, spans, strict=True):
            weeks = [w for w in matrix.columns if span.start - pd.Timedelta(days=6) <= w
                     <= span.end]
            if not weeks:
                _empty_panel(ax)
                continue
            x0 = mdates.date2num(weeks[0])
            x1 = mdates.date2num(weeks[-1]) + 7
            image = ax.imshow(matrix[weeks].to_numpy(), aspect="auto", cmap="Reds",
                              interpolation="nearest", vmin=0, vmax=max(top, 1),
                              extent=(x0, x1, len(matrix) - 0.5, -0.5))
            ax.set_xlim(x0, x1)
            ax.grid(False)
        axes[0].set_yticks(range(len(matrix)), matrix.index)
        if image is not None:
            bar = fig.add_axes((0.92, 0.95 / fig.get_figheight(), 0.015,
                                1 - 1.95 / fig.get_figheight()))
            fig.colorbar(image, cax=bar, label="Attacks (count per week)")
        fig.suptitle(title, x=0.01, ha="left", fontweight="bold", fontsize=13)
        add_source_line(fig, source)
    return fig
