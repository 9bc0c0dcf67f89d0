"""A report's scope: the dataset seen through its parameters (dates, countries, region).

Each method answers one question of the report and returns numbers, a table or a Figure;
the notebooks call these and nothing else.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from matplotlib.figure import Figure

from analysis import charts, counting, reconcile
from analysis.display import Html, HeadlineFigure, format_date, format_number, headline, table
from analysis.loading import Dataset
from analysis.parameters import check_window, parse_countries, parse_date
from analysis.vocabulary import COUNTRIES


@dataclass(frozen=True)
class Scope:
    """The events and tallies a report covers."""

    dataset: Dataset
    start: pd.Timestamp
    end: pd.Timestamp
    countries: tuple[str, ...] | None = None

    @classmethod
    def from_parameters(cls, dataset: Dataset, start_date: str = "2023-10-07",
                        end_date: str | None = None,
                        countries: list[str] | None = None) -> Scope:
        """Check the notebook's parameters and fix the window (end defaults to the data's as-of)."""
        start = parse_date("start_date", start_date, allow_none=False)
        end = parse_date("end_date", end_date)
        check_window(start, end)
        chosen = parse_countries(countries)
        return cls(dataset, pd.Timestamp(start),
                   pd.Timestamp(end) if end else dataset.as_of,
                   tuple(chosen) if chosen else None)

    # ---- the rows in scope -------------------------------------------------------------
    @property
    def events(self) -> pd.DataFrame:
        return counting.window(self.dataset.events, self.start, self.end,
                               list(self.countries) if self.countries else None)

    @property
    def attacks(self) -> pd.DataFrame:
        return counting.attacks(self.events)

    @property
    def strikes(self) -> pd.DataFrame:
        return counting.strikes(self.events)

    @property
    def tallies(self) -> pd.DataFrame:
        t = self.dataset.tallies
        return t[t["as_of"] <= self.end]

    @property
    def source_line(self) -> str:
        return (f"Source: since-oct7 dataset, {len(self.attacks):,} documented attacks, "
                f"{format_date(self.start)} to {format_date(self.end)}; "
                "official counts as stated by US officials (see tallies).")

    # ---- what the report says ------------------------------------------------------------
    def parameters(self) -> Html:
        """The parameters the report was built with and the data's as-of date."""
        rows = pd.DataFrame({
            "parameter": ["start_date", "end_date", "countries", "data as of"],
            "value": [format_date(self.start), format_date(self.end),
                      ", ".join(self.countries) if self.countries else "all (Iraq, Syria, Jordan)",
                      format_date(self.dataset.as_of)],
        })
        return table(rows, css_class="parameters")

    def headline_numbers(self) -> dict[str, object]:
        """The numbers the report opens with, as plain values."""
        attacks = self.attacks
        by_country = attacks["country"].value_counts()
        injured = counting.casualties(attacks, "us_injured", "us_injured_high")
        killed = counting.casualties(attacks, "us_killed")
        militants = counting.casualties(self.strikes, "killed", "killed_high")
        latest = reconcile.latest_official(self.tallies, self.end)
        numbers: dict[str, object] = {
            "attacks_total": len(attacks),
            **{f"attacks_{c.lower()}": int(by_country.get(c, 0)) for c in COUNTRIES},
            **{f"attacks_{k}": v for k, v in counting.split_by_attribution(attacks).items()},
            "us_killed": killed["low"],
            "us_injured": injured["low"],
            "us_injured_high": injured["high"],
            "strikes_total": len(self.strikes),
            "militants_killed": militants["low"],
            "militants_killed_high": militants["high"],
            "official_total": None if latest is None else int(latest["total"]),
            "official_as_of": None if latest is None else latest["as_of"],
        }
        return numbers

    def headlines(self) -> Html:
        """The first screen: documented attacks by country, casualties, strikes, official count."""
        n = self.headline_numbers()
        boxes = [HeadlineFigure("attacks_total", "documented attacks on US positions",
                                format_number(n["attacks_total"]),
                                f"{format_number(n['attacks_confirmed'])} US-confirmed, "
                                f"{format_number(n['attacks_claimed_only'])} claimed only")]
        boxes += [HeadlineFigure(f"attacks_{c.lower()}", f"in {c}",
                                 format_number(n[f"attacks_{c.lower()}"]))
                  for c in (self.countries or COUNTRIES)]
        if n["official_total"] is not None:
            boxes.append(HeadlineFigure("official_total", "official US count",
                                        format_number(n["official_total"]),
                                        f"as of {format_date(n['official_as_of'])}"))
        boxes += [
            HeadlineFigure("us_killed", "US service members killed", format_number(n["us_killed"])),
            HeadlineFigure("us_injured", "US personnel injured (documented)",
                           _range(n["us_injured"], n["us_injured_high"])),
            HeadlineFigure("strikes_total", "strikes on Iran-aligned groups",
                           format_number(n["strikes_total"])),
            HeadlineFigure("militants_killed", "killed in those strikes",
                           _range(n["militants_killed"], n["militants_killed_high"])),
        ]
        return headline(boxes)

    def cumulative_chart(self) -> Figure:
        """Documented attacks accumulating, with the official counts as points."""
        series = counting.cumulative_series(self.attacks, self.start, self.end)
        return charts.cumulative_chart(series, self.tallies, self.source_line)

    def weekly_chart(self) -> Figure:
        """Attacks per week, stacked by country."""
        weekly = counting.weekly_counts(self.attacks, "country", self.start, self.end)
        return charts.weekly_chart(weekly, self.source_line)

    def breakdown_table(self) -> Html:
        """Attacks by country, governorate and site, largest first within each country."""
        counts = counting.counts_by(self.attacks, ["country", "admin1", "place_name"])
        order = {c: i for i, c in enumerate(COUNTRIES)}
        counts = counts.sort_values(["country", "events"], key=lambda s: s.map(order)
                                    if s.name == "country" else -s, kind="stable")
        counts = counts.rename(columns={"admin1": "governorate / province",
                                        "place_name": "site", "events": "attacks"})
        return table(counts)


def _range(low: int, high: int) -> str:
    return format_number(low) if low == high else f"{format_number(low)}–{format_number(high)}"


