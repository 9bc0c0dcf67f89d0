"""``python -m analysis coverage``: documented incidents against every official tally, per
country and per phase, three ways (all documented, beyond the militias' claims,
US-confirmed), each as documented ÷ official for the same countries."""

from __future__ import annotations

from pathlib import Path
from typing import cast

import pandas as pd

from analysis.inputs.data_source import load_any
from analysis.measures import coverage, stated_counts
from analysis.measures import phases as phase_table
from analysis.report.html import format_date, format_number

SCOPES = {"total": None, "iraq": ("Iraq",), "syria": ("Syria",), "jordan": ("Jordan",)}
NAMES = {"total": "Iraq, Syria and Jordan (the official total)", "iraq": "Iraq",
         "syria": "Syria", "jordan": "Jordan"}
HEADER = (f"{'as of':<11} {'stated':<11} {'official':>8}  {'all documented ÷ official':>26}  "
          f"{'beyond claims ÷ official':>26}  {'US-confirmed ÷ official':>26}  said by")


def _fraction(documented: int, official: int) -> str:
    return f"{documented:>4} ÷ {official:<4} = {documented / official:>5.0%}"


def tally_lines(events: pd.DataFrame, tallies: pd.DataFrame) -> list[str]:
    """One block per country (and the total): every official tally that gives its figure."""
    table = coverage.at_official_tallies(events, tallies)
    lines = ["Coverage at each official count: documented attacks from 17 Oct 2023 to the "
             "count's date ÷ the official count, for the same countries.",
             "  all documented = US-confirmed + claimed only + reported by others; beyond "
             "claims = US-confirmed + reported by others (not the militias' own claims alone)",
             "  all documented can exceed 100%: militia claims that name a site are rows the "
             "Pentagon may not have counted."]
    for split, name in NAMES.items():
        rows = table[table["split"] == split]
        lines += ["", f"{name}: {len(rows)} official count(s) give its figure", HEADER,
                  "-" * len(HEADER)]
        for r in rows.itertuples(index=False):
            stated = f"{r.stated_on:%Y-%m-%d}" if pd.notna(r.stated_on) else "-"
            lines.append(
                f"{r.as_of:%Y-%m-%d}  {stated:<11} {r.official:>8}  "
                f"{_fraction(r.documented_all, r.official):>26}  "
                f"{_fraction(r.documented_beyond_claims, r.official):>26}  "
                f"{_fraction(r.documented_confirmed, r.official):>26}  {r.speaker}")
    clashes = coverage.disagreements(tallies)
    lines += ["", f"Official statements that disagree with each other: {len(clashes)}"]
    for c in clashes.itertuples(index=False):
        lines.append(f"- {c.why}: {format_number(c.total_a)} as of {format_date(c.as_of_a)} "
                     f"({c.speaker_a}, {c.source_a}) vs {format_number(c.total_b)} as of "
                     f"{format_date(c.as_of_b)} ({c.speaker_b}, {c.source_b})")
    return lines


def phase_lines(events: pd.DataFrame, tallies: pd.DataFrame, phases: pd.DataFrame) -> list[str]:
    """Per phase and country: documented attacks, and coverage at the phase's latest official
    count (by the rule the reports use; cumulative since 17 Oct 2023)."""
    from analysis.measures import counting

    attacks = counting.attacks(phase_table.with_phase(events, phases))
    lines = ["", "Per phase: documented attacks, and coverage at the phase's latest official "
             "count for the same countries (all documented | US-confirmed, each ÷ official)"]
    for phase in phase_table.ordered(phases):
        mine = attacks[attacks["phase"] == phase.name]
        end = format_date(phase.end) if phase.end is not None else "open"
        by_country = mine["country"].value_counts()
        lines.append(f"- {phase.name} ({format_date(phase.start)} to {end}): {len(mine)} "
                     "attacks (" + " / ".join(f"{c} {int(by_country.get(c, 0))}" for c in
                                              ("Iraq", "Syria", "Jordan")) + ")")
        for split, countries in SCOPES.items():
            pick = stated_counts.latest(tallies, "official", phase.start, phase.end,
                                        countries=countries)
            row = None if pick is None else coverage.at_tally(events, pick, countries)
            if row is None:
                if split == "total":
                    lines.append("    no official count stated for a date in this phase")
                continue
            # at_tally's official and documented figures are whole numbers
            official = cast(int, row["official"])
            documented_all = cast(int, row["documented_all"])
            confirmed = cast(int, row["documented_confirmed"])
            lines.append(f"    {NAMES[split]}: official {row['official']} as of "
                         f"{format_date(row['as_of'])}: all documented "
                         f"{_fraction(documented_all, official)} | US-confirmed "
                         f"{_fraction(confirmed, official)}")
    return lines


def print_coverage(data: Path | None) -> int:
    dataset = load_any(data)
    print("\n".join(tally_lines(dataset.events, dataset.tallies)
                    + phase_lines(dataset.events, dataset.tallies, dataset.phases)))
    return 0
