"""A report's scope: the dataset seen through its parameters (dates, countries, region).

Each method answers one question of the report and returns numbers, a table or a Figure;
the notebooks call these and nothing else.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from matplotlib.figure import Figure

from analysis.inputs.boundaries import extent_of, load_boundaries
from analysis.inputs.curated import Dataset
from analysis.inputs.gazetteer import in_region, region_attack_counts, split_region
from analysis.inputs.vocabulary import COUNTRIES, UNMAPPED_KINDS
from analysis.measures import counting, coverage
from analysis.report import charts
from analysis.report.html import (
    HeadlineFigure,
    Html,
    bullet_list,
    esc,
    format_date,
    format_number,
    format_percent,
    headline,
    table,
)
from analysis.report.parameters import check_window, parse_countries, parse_date, unknown_value


@dataclass(frozen=True)
class Scope:
    """The events and tallies a report covers."""

    dataset: Dataset
    start: pd.Timestamp
    end: pd.Timestamp
    countries: tuple[str, ...] | None = None
    region: str | None = None

    @classmethod
    def from_parameters(cls, dataset: Dataset, start_date: str = "2023-10-07",
                        end_date: str | None = None, countries: list[str] | None = None,
                        region: str | None = None) -> Scope:
        """Check the notebook's parameters and fix the window (end defaults to the data's as-of)."""
        start = parse_date("start_date", start_date, allow_none=False)
        end = parse_date("end_date", end_date)
        check_window(start, end)
        chosen = parse_countries(countries)
        if region is not None:
            known = region_attack_counts(dataset.events)
            if region not in known:
                raise unknown_value("region", region, known)
        return cls(dataset, pd.Timestamp(start),
                   pd.Timestamp(end) if end else dataset.as_of,
                   tuple(chosen) if chosen else None, region)

    # ---- the rows in scope -------------------------------------------------------------
    @property
    def events(self) -> pd.DataFrame:
        rows = counting.window(self.dataset.events, self.start, self.end,
                               list(self.countries) if self.countries else None)
        return in_region(rows, self.region) if self.region else rows

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
    def shown_countries(self) -> tuple[str, ...]:
        if self.region:
            return (split_region(self.region)[0],)
        return self.countries or COUNTRIES

    @property
    def label(self) -> str:
        return self.region.replace("/", " / ") if self.region else \
            (", ".join(self.countries) if self.countries else "Iraq, Syria and Jordan")

    @property
    def source_line(self) -> str:
        return (f"Source: since-oct7 dataset ({len(self.attacks):,} documented attacks, "
                f"{format_date(self.start)} to {format_date(self.end)}), built from published "
                "reports; see Sources.")

    # ---- parameters and headline ---------------------------------------------------------
    def parameters(self) -> Html:
        """The parameters the report was built with and the data's as-of date."""
        rows = pd.DataFrame({
            "parameter": ["region", "start_date", "end_date", "data as of"],
            "value": [self.label, format_date(self.start), format_date(self.end),
                      format_date(self.dataset.as_of)],
        })
        return table(rows, css_class="parameters")

    def headline_numbers(self) -> dict[str, object]:
        """Every number the headline shows, as plain values (tests read these back)."""
        attacks = self.attacks
        by_country = attacks["country"].value_counts()
        injured = counting.casualties(attacks, "us_injured", "us_injured_high")
        killed = counting.casualties(attacks, "us_killed")
        militants = counting.casualties(self.strikes, "killed", "killed_high")
        latest = None if self.region or self.countries else \
            coverage.latest_official(self.tallies, self.end)
        tracker = coverage.trackers(self.tallies).dropna(subset=["total"])
        tracker = None if tracker.empty or self.region or self.countries else tracker.iloc[-1]
        documented_at_official = None
        if latest is not None:
            documented_at_official = counting.attacks_since(
                self.dataset.events, counting.FIRST_ATTACKS, latest["as_of"])
        return {
            "attacks_total": len(attacks),
            **{f"attacks_{c.lower()}": int(by_country.get(c, 0)) for c in COUNTRIES},
            **{f"attacks_{k}": v for k, v in counting.split_by_attribution(attacks).items()},
            "us_killed": killed["low"],
            "us_injured": injured["low"],
            "us_injured_high": injured["high"],
            "strikes_total": len(self.strikes),
            "us_strike_rows": int((self.strikes["actor"] == "United States").sum()),
            "militants_killed": militants["low"],
            "militants_killed_high": militants["high"],
            "official_total": None if latest is None else int(latest["total"]),
            "official_as_of": None if latest is None else latest["as_of"],
            "official_speaker": None if latest is None else latest["speaker"],
            "documented_at_official": documented_at_official,
            "coverage": (None if latest is None
                         else documented_at_official / int(latest["total"])),
            "tracker_total": None if tracker is None else int(tracker["total"]),
            "tracker_as_of": None if tracker is None else tracker["as_of"],
            "tracker_speaker": None if tracker is None else tracker["speaker"],
        }

    def headlines(self) -> Html:
        """The first screen: the three measures side by side, then casualties and strikes."""
        n = self.headline_numbers()
        boxes = []
        if n["official_total"] is not None:
            boxes.append(HeadlineFigure(
                "official_total", "official US count of attacks",
                format_number(n["official_total"]),
                f"as of {format_date(n['official_as_of'])} ({n['official_speaker']})"))
        if n["tracker_total"] is not None:
            boxes.append(HeadlineFigure(
                "tracker_total", "latest independent tracker count",
                format_number(n["tracker_total"]),
                f"as of {format_date(n['tracker_as_of'])} ({n['tracker_speaker']})"))
        boxes.append(HeadlineFigure(
            "attacks_total", "documented attacks (this dataset)",
            format_number(n["attacks_total"]),
            f"{format_number(n['attacks_confirmed'])} US-confirmed, "
            f"{format_number(n['attacks_claimed_only'])} claimed only, "
            f"{format_number(n['attacks_other'])} reported by others; "
            f"{format_date(self.start)} to {format_date(self.end)}"))
        if n["coverage"] is not None:
            boxes.append(HeadlineFigure(
                "coverage", "coverage: documented ÷ official", format_percent(n["coverage"]),
                f"{format_number(n['documented_at_official'])} documented by "
                f"{format_date(n['official_as_of'])} vs {format_number(n['official_total'])}"))
        first = headline(boxes).markup
        second = [HeadlineFigure(f"attacks_{c.lower()}", f"documented attacks in {c}",
                                 format_number(n[f"attacks_{c.lower()}"]))
                  for c in self.shown_countries]
        second += [
            HeadlineFigure("us_killed", "US service members killed",
                           format_number(n["us_killed"])),
            HeadlineFigure("us_injured", "US personnel injured (documented incidents)",
                           _range(n["us_injured"], n["us_injured_high"]),
                           "low–high where sources disagree"),
            HeadlineFigure("strikes_total", "strikes on Iran-aligned groups (locations hit)",
                           format_number(n["strikes_total"]),
                           f"{format_number(n['us_strike_rows'])} by the United States"),
            HeadlineFigure("militants_killed", "killed in those strikes",
                           _range(n["militants_killed"], n["militants_killed_high"]),
                           "low–high where sources disagree"),
        ]
        return Html(first + headline(second).markup)

    # ---- the three measures ------------------------------------------------------------
    def coverage_table(self) -> Html:
        """Every official tally in the window beside the documented count at its date."""
        cov = coverage.at_official_tallies(self.dataset.events, self.tallies)
        cov = cov[cov["as_of"] >= self.start]
        shown = cov[["as_of", "speaker", "official_total", "documented_total", "ratio_total",
                     "official_iraq", "documented_iraq", "ratio_iraq", "official_syria",
                     "documented_syria", "ratio_syria", "source"]].rename(columns={
                         "as_of": "as of", "official_total": "official",
                         "documented_total": "documented", "ratio_total": "coverage",
                         "official_iraq": "Iraq official", "documented_iraq": "Iraq documented",
                         "ratio_iraq": "Iraq coverage", "official_syria": "Syria official",
                         "documented_syria": "Syria documented", "ratio_syria": "Syria coverage"})
        return table(shown, dates=["as of"],
                     percents=["coverage", "Iraq coverage", "Syria coverage"],
                     sources=["source"])

    def tracker_table(self) -> Html:
        """Independent trackers' running counts, as stated."""
        t = coverage.trackers(self.tallies)
        t = t[t["as_of"] >= self.start][["as_of", "total", "iraq", "syria", "us_injured",
                                         "speaker", "note", "source"]]
        return table(t.rename(columns={"as_of": "as of", "us_injured": "US injured"}),
                     dates=["as of"], sources=["source"])

    def disagreements_table(self) -> Html:
        """Official statements that cannot both be right."""
        d = coverage.disagreements(self.tallies)
        if d.empty:
            return Html("<p>No official statements in this window contradict each other.</p>")
        d = d[["why", "as_of_a", "total_a", "speaker_a", "source_a", "as_of_b", "total_b",
               "speaker_b", "source_b"]]
        return table(d.rename(columns={"as_of_a": "as of (A)", "total_a": "count (A)",
                                       "speaker_a": "said by (A)", "source_a": "source (A)",
                                       "as_of_b": "as of (B)", "total_b": "count (B)",
                                       "speaker_b": "said by (B)", "source_b": "source (B)"}),
                     dates=["as of (A)", "as of (B)"], sources=["source (A)", "source (B)"])

    # ---- charts ------------------------------------------------------------------------
    def cumulative_chart(self) -> Figure:
        """Documented attacks accumulating, with the official counts as points."""
        series = counting.cumulative_series(self.attacks, self.start, self.end)
        tallies = self.tallies if not (self.region or self.countries) else \
            self.tallies.iloc[0:0]
        return charts.cumulative_chart(series, tallies, self.source_line,
                                       title=f"Attacks on US positions in {self.label}, "
                                             "cumulative")

    def weekly_chart(self) -> Figure:
        """Attacks per week, stacked by country."""
        weekly = counting.weekly_counts(self.attacks, "country", self.start, self.end)
        return charts.weekly_chart(weekly, self.source_line,
                                   title=f"Attacks on US positions in {self.label} per week")

    def breakdown(self) -> pd.DataFrame:
        """Attacks by country → governorate → site, countries in fixed order, largest first."""
        counts = counting.counts_by(self.attacks, ["country", "admin1", "place_name"])
        counts["admin1"] = counts["admin1"].fillna("").replace("", "(unspecified)")
        order = {c: i for i, c in enumerate(COUNTRIES)}
        admin_totals = counts.groupby(["country", "admin1"])["events"].transform("sum")
        return counts.assign(_c=counts["country"].map(order), _a=-admin_totals) \
            .sort_values(["_c", "_a", "admin1", "events"], ascending=[True, True, True, False],
                         kind="stable").drop(columns=["_c", "_a"]).reset_index(drop=True)

    def breakdown_table(self) -> Html:
        """The regional breakdown with subtotals per country and governorate."""
        rows = []
        detail = self.breakdown()
        for country, c_rows in detail.groupby("country", sort=False):
            rows.append({"region": f"<strong>{esc(country)}</strong>",
                         "attacks": f"<strong>{c_rows['events'].sum():,}</strong>"})
            for admin1, a_rows in c_rows.groupby("admin1", sort=False):
                rows.append({"region": f"&nbsp;&nbsp;&nbsp;{esc(admin1)}",
                             "attacks": f"{a_rows['events'].sum():,}"})
                rows += [{"region": f"&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;· {esc(r.place_name)}",
                          "attacks": f"{r.events:,}"} for r in a_rows.itertuples(index=False)]
        frame = pd.DataFrame(rows, columns=["region", "attacks"])
        frame = frame.rename(columns={"region": "country / governorate / site"})
        return table(frame, raw_html=frame.columns, numeric_columns=["attacks"])

    def breakdown_chart(self) -> Figure:
        """Attacks per governorate, coloured by country."""
        counts = counting.counts_by(self.attacks, ["country", "admin1"])
        counts["label"] = counts["admin1"].fillna("(unspecified)").replace("", "(unspecified)") \
            + " (" + counts["country"] + ")"
        return charts.breakdown_chart(counts, "label", self.source_line,
                                      f"Attacks on US positions by governorate, {self.label}")

    def weapon_chart(self) -> Figure:
        """Weapon mix by month."""
        monthly = counting.monthly_counts(self.attacks, "weapon")
        return charts.weapon_mix_chart(monthly, self.source_line)

    def weapon_table(self) -> Html:
        counts = counting.counts_by(self.attacks, "weapon").rename(columns={"events": "attacks"})
        counts["share"] = counts["attacks"] / max(counts["attacks"].sum(), 1)
        return table(counts, percents=["share"])

    def rounds(self) -> pd.DataFrame:
        """US strike rounds in scope with the attacks in the 7 days before and after."""
        rounds = counting.strike_rounds(self.events)
        return counting.attacks_around(counting.attacks(self.dataset.events), rounds)

    def timeline_chart(self) -> Figure:
        """Weekly attacks with US strike rounds and other strikes marked."""
        weekly = counting.weekly_counts(self.attacks.assign(all="all"), "all", self.start,
                                        self.end)["all"] if len(self.attacks) else pd.Series()
        others = self.strikes[self.strikes["actor"] != "United States"]
        other_days = others.groupby("event_date").size()
        return charts.timeline_chart(weekly, self.rounds(), other_days, self.source_line)

    def rounds_table(self) -> Html:
        r = self.rounds()
        r = r.rename(columns={"start": "first day", "end": "last day",
                              "rows": "locations hit", "killed": "killed (low)",
                              "killed_high": "killed (high)",
                              "attacks_7d_before": "attacks 7 days before",
                              "attacks_7d_after": "attacks 7 days after"})
        return table(r, dates=["first day", "last day"])

    def strikes_table(self) -> Html:
        """Every strike in scope, with the killed as a range and what sources disagree on."""
        s = self.strikes[["event_date", "actor", "attribution", "place_name", "target",
                          "killed", "killed_high", "disputes", "sources"]]
        return table(s.rename(columns={"event_date": "date", "place_name": "place",
                                       "killed": "killed (low)", "killed_high": "killed (high)"}),
                     dates=["date"], sources=["sources"])

    def casualties_table(self) -> Html:
        """Attacks that killed or injured US personnel."""
        a = self.attacks
        hurt = a[(a["us_killed"].fillna(0) > 0) | (a["us_injured"].fillna(0) > 0)]
        hurt = hurt[["event_date", "place_name", "weapon", "us_killed", "us_injured",
                     "us_injured_high", "disputes", "sources"]]
        return table(hurt.rename(columns={"event_date": "date", "place_name": "site",
                                          "us_killed": "US killed",
                                          "us_injured": "US injured (low)",
                                          "us_injured_high": "US injured (high)"}),
                     dates=["date"], sources=["sources"])

    def sites(self) -> pd.DataFrame:
        """Mappable places with their attack and strike counts in scope."""
        ev = self.events
        ev = ev[~ev["place_kind"].isin(UNMAPPED_KINDS)]
        counts = ev.groupby(["place", "category"]).size().unstack(fill_value=0)
        counts = counts.reindex(columns=[counting.ATTACK, counting.STRIKE], fill_value=0)
        places = self.dataset.places.set_index("place")
        table_ = counts.join(places[["name", "country", "latitude", "longitude"]])
        return table_.rename(columns={counting.ATTACK: "attacks",
                                      counting.STRIKE: "strikes"}).reset_index()

    def map_chart(self) -> Figure:
        """Sites sized by attack count over country and governorate outlines."""
        boundaries = load_boundaries()
        extent = None
        if self.region:
            country, admin1 = split_region(self.region)
            extent = extent_of(boundaries, country, admin1)
        unmapped = self.events["place_kind"].isin(UNMAPPED_KINDS).sum()
        note = f" {unmapped} events at unlocated places are not drawn." if unmapped else ""
        return charts.map_chart(self.sites(), boundaries, self.source_line + note,
                                title=f"Where: attacks on US positions and strikes, "
                                      f"{self.label}", extent=extent)

    def heatmap(self) -> Figure:
        """Site-by-week heat map of attacks."""
        matrix = counting.site_week_matrix(self.attacks, self.start, self.end)
        return charts.heatmap_chart(matrix, self.source_line,
                                    f"Attacks per site and week, {self.label}")

    # ---- notes and sources -------------------------------------------------------------
    def method_notes(self) -> Html:
        n = self.headline_numbers()
        lines = [
            "Three measures are kept apart. The official count is what US officials stated "
            "at briefings, cumulative from 17 October 2023. Trackers are independent "
            "monitors, analysts and the militias' own claim counts. Documented attacks are "
            "this dataset's rows, one per attacker, site and day, each with its sources.",
            f"Documented attacks split into {n['attacks_confirmed']} confirmed by US "
            f"officials, {n['attacks_claimed_only']} known only from a militia claim and "
            f"{n['attacks_other']} reported by third parties only.",
            "Coverage is documented ÷ official at an official tally's date. It can exceed "
            "100% where the dataset holds militia claims the Pentagon did not count.",
            "Casualty figures are the most conservative reported; where sources disagree the "
            "highest is shown as the upper end of a range. Blank figures are unknown and are "
            "not counted as zero, so documented US injuries are far below official totals.",
            "Breakdowns by place, governorate and weapon come from documented incidents only.",
            "Dates are local (Iraq/Syria); where US Eastern and local dates differ the row "
            "says so in its disputes.",
        ]
        return bullet_list(lines)

    def download(self) -> Html:
        """The events in scope as a CSV file the reader can open in a spreadsheet."""
        from analysis.inputs.vocabulary import EVENT_COLUMNS
        from analysis.report.html import csv_download

        columns = [*EVENT_COLUMNS, "place_name", "country", "admin1"]
        return csv_download(self.events[columns], "events.csv",
                            "Download these events as CSV")

    def sources_appendix(self) -> Html:
        """Every event in scope with its links."""
        ev = self.events[["event_date", "category", "place_name", "actor", "attribution",
                          "weapon", "description", "sources"]]
        ev = ev.assign(category=ev["category"].map({counting.ATTACK: "attack",
                                                    counting.STRIKE: "strike"}))
        return table(ev.rename(columns={"event_date": "date", "place_name": "place"}),
                     dates=["date"], sources=["sources"])


def _range(low: int, high: int) -> str:
    return format_number(low) if low == high else f"{format_number(low)}–{format_number(high)}"
