"""``python -m analysis coverage``: documented incidents against every official tally."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from analysis.inputs.data_source import load_any
from analysis.measures import coverage
from analysis.report.html import format_date, format_number, format_percent


def coverage_lines(events: pd.DataFrame, tallies: pd.DataFrame) -> list[str]:
    """The coverage table and the disagreeing official statements, as printable lines."""
    table = coverage.at_official_tallies(events, tallies)
    header = (f"{'as of':<12} {'stated':<12} " + " ".join(
        f"{s:>22}" for s in ("total", "Iraq", "Syria", "Jordan")))
    lines = ["Coverage at each official tally: official count / documented attacks since "
             "17 Oct 2023 = documented ÷ official",
             "(above 100% where the dataset holds militia claims the Pentagon did not count)",
             header, "-" * len(header)]
    for row in table.itertuples(index=False):
        cells = []
        for split in ("total", "iraq", "syria", "jordan"):
            official = getattr(row, f"official_{split}")
            documented = getattr(row, f"documented_{split}")
            ratio = getattr(row, f"ratio_{split}")
            cells.append(f"{format_number(official) or '-':>5} / {documented:>4} = "
                         f"{format_percent(ratio) or '-':>5}")
        lines.append(f"{row.as_of:%Y-%m-%d}   {row.stated_on:%Y-%m-%d}   "
                     + " ".join(f"{c:>22}" for c in cells) + f"   {row.speaker}")
    clashes = coverage.disagreements(tallies)
    lines += ["", f"Official statements that disagree with each other: {len(clashes)}"]
    for c in clashes.itertuples(index=False):
        lines.append(f"- {c.why}: {format_number(c.total_a)} as of {format_date(c.as_of_a)} "
                     f"({c.speaker_a}, {c.source_a}) vs {format_number(c.total_b)} as of "
                     f"{format_date(c.as_of_b)} ({c.speaker_b}, {c.source_b})")
    return lines


def print_coverage(data: Path | None) -> int:
    dataset = load_any(data)
    print("\n".join(coverage_lines(dataset.events, dataset.tallies)))
    return 0
