"""One look for every chart: colours per country, fonts, sizes, the source line."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any, Literal, cast

import matplotlib
from matplotlib.figure import Figure
from matplotlib.layout_engine import ConstrainedLayoutEngine, TightLayoutEngine
from matplotlib.typing import RcKeyType

COUNTRY_COLOURS = {"Iraq": "#1f5f8b", "Syria": "#c8553d", "Jordan": "#e0a526"}
OTHER_COLOUR = "#8a8a8a"
OFFICIAL_COLOUR = "#111111"
TRACKER_COLOUR = "#7a4fa3"
STRIKE_COLOUR = "#2a9d8f"
NO_DATA_COLOUR = "#e4e4e4"  # the part of a window after the sources' reach
WEAPON_COLOURS = {
    "drone": "#264653", "rocket": "#e76f51", "ballistic_missile": "#9b2226",
    "mortar": "#f4a261", "mixed": "#8ab17d", "airstrike": "#2a9d8f", "unknown": "#bdbdbd",
}
# The colours that carry meaning (a country, a weapon, a kind of strike, no data): a chart's
# PNG keeps each exactly, however few pixels it covers (html.figure_png).
KEY_COLOURS = tuple(dict.fromkeys([
    *COUNTRY_COLOURS.values(), *WEAPON_COLOURS.values(), OTHER_COLOUR, OFFICIAL_COLOUR,
    TRACKER_COLOUR, STRIKE_COLOUR, NO_DATA_COLOUR, "#ffffff"]))

# Report width is ~1000 px; 9.5 x 4.8 inches at 100 dpi fits it without scaling text down.
FIGSIZE = (9.5, 4.8)
DPI = 100

RC: dict[RcKeyType, Any] = {
    "font.family": "DejaVu Sans",
    "font.size": 10.5,
    "axes.titlesize": 13,
    "axes.titleweight": "bold",
    "axes.titlelocation": "left",
    "axes.labelsize": 10.5,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "grid.color": "#e6e6e6",
    "grid.linewidth": 0.8,
    "axes.axisbelow": True,
    "legend.frameon": False,
    "svg.hashsalt": "since-oct7",
}


def country_colour(country: str) -> str:
    """The colour of a country in every chart of every report."""
    return COUNTRY_COLOURS.get(country, OTHER_COLOUR)


@contextlib.contextmanager
def styled() -> Iterator[None]:
    """Apply the shared style while a chart is drawn, without touching global state."""
    with matplotlib.rc_context(RC):
        yield


Layout = Literal["constrained", "compressed", "tight"]


def new_figure(size: tuple[float, float] = FIGSIZE, layout: Layout | None = "constrained"
               ) -> Figure:
    """A Figure not registered with pyplot, so nothing is shown twice or leaks. Charts of
    several phase panels place their axes themselves (``layout=None``): the constrained
    layout solver was half of their drawing time."""
    return Figure(figsize=size, dpi=DPI, layout=layout)


def add_source_line(fig: Figure, text: str) -> None:
    """The small grey line under every chart saying where its numbers come from."""
    import textwrap

    lines = textwrap.wrap(text, 135)
    height = fig.get_figheight()
    bottom = (0.16 + 0.15 * len(lines)) / height
    engine = fig.get_layout_engine()
    if engine is not None:
        # a Figure's layout is one of Layout (see new_figure): each of those engines has a rect
        engine = cast(ConstrainedLayoutEngine | TightLayoutEngine, engine)
        engine.set(rect=(0, bottom, 1, 1 - bottom))
    fig.text(0.01, 0.1 / height, "\n".join(lines), ha="left", va="bottom", fontsize=9,
             color="#555555")
