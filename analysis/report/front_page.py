"""What the front page (reports/index.html) says before it lists the reports: the latest
count of each kind, documented attacks per phase, US killed and injured, the sources' reach,
and a line on what each report covers. Computed from the same Scope as the reports."""

from __future__ import annotations

from typing import Any, cast

import pandas as pd

from analysis.inputs.curated import Dataset
from analysis.measures import stated_counts
from analysis.report.html import (
    HeadlineFigure,
    Html,
    format_date,
    format_number,
    format_range,
    headline,
    show,
)
from analysis.report.scope import Scope


def summary(dataset: Dataset) -> dict[str, Any]:
    """The front page's opening: a paragraph, the key numbers, documented attacks per
    phase, the two dates of the search, the latest data changes and a cite-as line."""
    import mistune

    scope = Scope.from_parameters(dataset)
    n = scope.headline_numbers()
    counts = [f"The latest {stated_counts.LABELS[kind]}: {format_number(n[f'{kind}_total'])} "
              f"by {format_date(n[f'{kind}_as_of'])} ({n[f'{kind}_counts']})."
              for kind in stated_counts.KINDS if n[f"{kind}_total"] is not None]
    lead = ("How many attacks have Iran-aligned militias made on US positions in Iraq, Syria "
            "and Jordan since 7 October 2023? There are several honest answers, and they are "
            "never added together:")
    documented = (f"This dataset documents {n['attacks_total']:,} attacks one by one from "
                  f"published sources ({n['attacks_confirmed']:,} confirmed by US officials, "
                  f"{n['attacks_claimed_only']:,} known only from a militia claim, "
                  f"{n['attacks_other']:,} reported by others) and {n['strikes_total']:,} "
                  "strikes on the militias, phase by phase:")
    boxes = [
        HeadlineFigure("attacks_total", "documented attacks since 7 Oct 2023",
                       format_number(n["attacks_total"]),
                       f"last found {format_date(n['last_attack'])}"),
        HeadlineFigure("us_killed", "US service members killed (documented)",
                       format_number(n["us_killed"]),
                       f"toll known for {n['us_killed_known']:,} of {n['attacks_total']:,} "
                       "attacks"),
        HeadlineFigure("us_injured", "US personnel injured (documented)",
                       format_range(n["us_injured"], n["us_injured_high"]),
                       f"known for {n['us_injured_known']:,} of {n['attacks_total']:,} attacks"
                       + (f"; officially {format_number(n['official_injured'])} by "
                          f"{format_date(n['official_injured_as_of'])}"
                          if n["official_injured"] is not None else "")),
    ]
    if n["official_total"] is not None:
        boxes.insert(0, HeadlineFigure(
            "official_total", "latest official US count of attacks",
            format_number(n["official_total"]), f"as of {format_date(n['official_as_of'])}"))
    phases = scope.phase_counts()
    phases = phases[["phase", "start", "end", "attacks", "confirmed", "claimed_only", "other",
                     "strikes"]]
    dates = (f"Sources last searched on {format_date(dataset.searched_on)}; the searched "
             f"outlets reach to {format_date(dataset.sources_reach)}: after that there is no "
             "data, which is not evidence that attacks stopped.") \
        if dataset.searched_on is not None else "An export: its searching is not stated."
    package = dataset.package
    changes = (package.changes_heading, package.changes) if package and package.changes \
        else None
    # mistune's HTML renderer gives a str (its AST renderer a list)
    changes_html = Html(cast(str, mistune.create_markdown(escape=True)(changes[1]))) \
        if changes else None
    return {
        "lead": lead, "counts": counts, "documented": documented, "boxes": headline(boxes),
        "phases": show(phases.rename(columns={
            "start": "from", "end": "to", "confirmed": "US-confirmed",
            "claimed_only": "claimed only", "other": "reported by others"})),
        "dates": dates,
        "changes_heading": changes[0] if changes else "",
        "changes": changes_html,
        "cite": (f"Cite as: since-oct7 project, data version {package.version}, licence "
                 f"{package.licence}.") if package else "",
    }


def describe(parameters: dict[str, Any], dataset: Dataset,
             articles: pd.DataFrame | None = None) -> str:
    """One line on what a report covers, from its parameters."""
    if parameters.get("article_id") is not None and articles is not None:
        row = articles[articles["id"] == parameters["article_id"]]
        if len(row):
            a = row.iloc[0]
            return (f"{a['outlet']}, {format_date(a['published'])}: each claim held against "
                    "the data as it stood that day.")
    from analysis.inputs.problems import ParameterError

    try:
        scope = Scope.from_parameters(dataset, **{k: v for k, v in parameters.items() if k in (
            "start_date", "end_date", "countries", "region", "phase")})
    except ParameterError as err:  # a report the data cannot fill (outside its dates)
        return f"Not covered by this data: {err}"
    n = len(scope.attacks)
    return (f"{n:,} documented attack{'s' if n != 1 else ''} and {len(scope.strikes):,} "
            f"strike{'s' if len(scope.strikes) != 1 else ''} in {scope.label}, "
            f"{format_date(scope.start)} to {format_date(scope.end)}.")
