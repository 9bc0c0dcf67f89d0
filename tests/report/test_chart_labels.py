"""Labels on a chart never cover what it plots: the key-date labels of the cumulative chart
once hid the campaign's last two weeks of the documented line (168 → 184 → 190)."""

from __future__ import annotations

import pandas as pd
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.transforms import Bbox

from analysis.report import entry


def _covered(line, box: Bbox) -> list[tuple[float, float]]:
    """Points of ``line`` (sampled every pixel along it, in display coordinates) that lie
    in ``box``."""
    xy = line.axes.transData.transform(line.get_xydata())
    hidden = []
    for (x0, y0), (x1, y1) in zip(xy[:-1], xy[1:], strict=True):
        steps = max(int(abs(x1 - x0) + abs(y1 - y0)), 1)
        hidden += [(x0 + (x1 - x0) * t / steps, y0 + (y1 - y0) * t / steps)
                   for t in range(steps + 1)
                   if box.contains(x0 + (x1 - x0) * t / steps, y0 + (y1 - y0) * t / steps)]
    return hidden


@pytest.mark.parametrize("phase", [None, "2023–24 campaign"])
def test_key_date_labels_leave_the_documented_line_visible(phase):
    scope = entry.overview("2023-10-07", None, None, None, phase)
    chart = entry.view(scope).cumulative_chart(scope.cumulative(), scope.stated_points())
    fig = chart.figure
    FigureCanvasAgg(fig).draw()
    renderer = fig.canvas.get_renderer()
    labelled = 0
    for ax in fig.axes:
        line = next((ln for ln in ax.lines if ln.get_label().startswith("Documented")), None)
        if line is None or not ax.texts:
            continue
        for text in ax.texts:
            box = text.get_window_extent(renderer)
            labelled += 1
            hidden = _covered(line, box)
            assert not hidden, f"{text.get_text()!r} covers the line at {hidden[:3]}"
        points = ax.collections
        for text in ax.texts:
            box = text.get_window_extent(renderer)
            for c in points:
                xy = ax.transData.transform(c.get_offsets())
                inside = [p for p in xy if box.contains(*p)]
                assert not inside, f"{text.get_text()!r} covers stated points"
    assert labelled == 2  # both key dates fall in the campaign
    assert pd.Timestamp("2024-01-28") <= scope.end
