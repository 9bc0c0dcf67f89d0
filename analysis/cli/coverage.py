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


def phase_lines(events: pd.DataFrame, tallies: pd.DataFrame, phases: pd.DataFrame) -> list[str]:
    """Per phase: documented attacks by country, and the coverage at the last official count
    stated for a date in the phase (cumulative since 17 Oct 2023, as the Pentagon counted)."""
    from analysis.measures import counting, stated_counts
    from analysis.measures import phases as phase_table

    by_phase = counting.by_phase(counting.attacks(events), phases, "country")
    lines = ["", "Per phase: documented attacks (Iraq / Syria / Jordan) and coverage at the "
             "phase's last official count"]
    for phase in phase_table.ordered(phases):
        row = by_phase.loc[phase.name] if phase.name in by_phase.index else None
        counts = [int(row.get(c, 0)) if row is not None else 0 for c in ("Iraq", "Syria",
                                                                           "Jordan")]
        official = stated_counts.latest(tallies, "official", phase.start, phase.end)
        if official is None:
            cover = "no official count stated for a date in this phase"
        else:
            documented = counting.attacks_since(events, counting.FIRST_ATTACKS,
                                                official["as_of"])
            cover = (f"official {format_number(official['total'])} as of "
                     f"{format_date(official['as_of'])}: {documented} documented = "
                     f"{format_percent(documented / official['total'])}")
        end = format_date(phase.end) if phase.end is not None else "open"
        lines.append(f"- {phase.name} ({format_date(phase.start)} to {end}): "
                     f"{sum(counts)} attacks ({' / '.join(map(str, counts))}); {cover}")
    return lines


def print_coverage(data: Path | None) -> int:
    dataset = load_any(data)
    print("\n".join(coverage_lines(dataset.events, dataset.tallies)
                    + phase_lines(dataset.events, dataset.tallies, dataset.phases)))
    return 0
