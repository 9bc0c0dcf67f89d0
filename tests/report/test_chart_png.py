"""A chart's PNG keeps the colours that carry meaning, however small their area."""

from __future__ import annotations

import io

from PIL import Image

from analysis.report.html import figure_png
from analysis.report.style import COUNTRY_COLOURS, KEY_COLOURS, new_figure, styled


def _colours(png: bytes) -> set[str]:
    image = Image.open(io.BytesIO(png)).convert("RGB")
    return {"#{:02x}{:02x}{:02x}".format(*c) for _, c in image.getcolors(1 << 24)}


def _stack(small: int):
    """Stacked bars: tall Iraq and Syria bars, a Jordan sliver of ``small`` units on one."""
    with styled():
        fig = new_figure((6, 3))
        ax = fig.add_subplot()
        ax.bar(range(40), [30] * 40, color=COUNTRY_COLOURS["Iraq"])
        ax.bar(range(40), [20] * 40, bottom=30, color=COUNTRY_COLOURS["Syria"])
        ax.bar([39], [small], bottom=50, color=COUNTRY_COLOURS["Jordan"])
    return fig


def test_a_sliver_of_a_country_keeps_its_colour_exactly():
    colours = _colours(figure_png(_stack(1)))
    assert {COUNTRY_COLOURS["Iraq"], COUNTRY_COLOURS["Syria"], COUNTRY_COLOURS["Jordan"],
            "#ffffff"} <= colours


def test_the_png_is_small_and_the_same_for_the_same_figure():
    first, second = figure_png(_stack(1)), figure_png(_stack(1))
    assert first == second
    image = Image.open(io.BytesIO(first))
    assert image.mode == "P" and len(image.getpalette()) // 3 <= 48
    assert len(KEY_COLOURS) < 48
