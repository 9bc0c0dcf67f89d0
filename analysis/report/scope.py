"""A report's scope: the dataset seen through its parameters (dates, phase, countries, region).

Each question a report answers is a method that returns a tidy DataFrame (or, for the
headline, a dict of plain numbers); the ``*_chart`` methods draw a Figure from a frame they
are given, and :func:`analysis.report.html.show` formats any of the frames. Notebooks name
each frame (``coverage = scope.coverage()``), so Run All leaves the report's data in the
kernel for exploring.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import pandas as pd
from matplotlib.figure import Figure

from analysis.inputs.boundaries import extent_of, load_boundaries
from analysis.inputs.curated import Dataset
from analysis.inputs.gazetteer import in_region, region_attack_counts, split_region
from analysis.inputs.vocabulary import ATTACK, COUNTRIES, REPORT_START, STRIKE, UNMAPPED_KINDS
from analysis.measures import counting, coverage, stated_counts
from analysis.measures import phases as phase_table
from analysis.report import charts
from analysis.report.html import (
    HeadlineFigure,
    Html,
    bullet_list,
    esc,
    event_table,
    format_date,
    format_number,
    format_percent,
    headline,
    hints,
    show,
    table,
)
from analysis.report.parameters import check_window, parse_countries, parse_date, unknown_value

ALL_PHASES = "All phases"


@dataclass(frozen=True)
class Scope:
    """The events and stated counts a report covers."""

    dataset: Dataset
    start: pd.Timestamp
    end: pd.Timestamp
    countries: tuple[str, ...] | None = None
    region: str | None = None
    phase: str | None = None

    @classmethod
    def from_parameters(cls, dataset: Dataset, start_date: str = REPORT_START,
                        end_date: str | None = None, countries: list[str] | None = None,
                        region: str | None = None, phase: str | None = None) -> Scope:
        """Check the notebook's parameters and fix the window: end defaults to the date the
        sources were searched through, and a phase narrows the window to its dates."""
        start = pd.Timestamp(parse_date("start_date", start_date, allow_none=False))
        end_day = parse_date("end_date", end_date)
        check_window(start.date(), end_day)
        end = pd.Timestamp(end_day) if end_day else dataset.current_to
        chosen = parse_countries(countries)
        if region is not None:
            known = region_attack_counts(dataset.events)
            if region not in known:
                raise unknown_value("region", region, known)
        if phase is not None:
            window = phase_table.clip(phase_table.get(dataset.phases, phase), start, end)
            if window is None:
                raise unknown_value("phase", phase, _names_meeting(dataset.phases, start, end))
            start, end = window
        dataset = replace(dataset,
                          events=phase_table.with_phase(dataset.events, dataset.phases))
        return cls(dataset, start, end, tuple(chosen) if chosen else None, region, phase)

    def __repr__(self) -> str:
        return (f"Scope({self.label}, {format_date(self.start)} to {format_date(self.end)}"
                f"{', phase ' + repr(self.phase) if self.phase else ''}: "
                f"{len(self.attacks):,} attacks, {len(self.strikes):,} strikes, "
                f"{len(self.tallies):,} stated counts, {len(self.spans())} phase(s))")

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
        """Stated counts covering a date in the window (every kind)."""
        t = self.dataset.tallies
        return t[(t["as_of"] >= self.start) & (t["as_of"] <= self.end)]

    @property
    def country(self) -> str | None:
        """The one country the report covers, if it covers one."""
        if self.region:
            return split_region(self.region)[0]
        return self.countries[0] if self.countries and len(self.countries) == 1 else None

    @property
    def is_governorate(self) -> bool:
        return bool(self.region and "/" in self.region)

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
    def title(self) -> str:
        """What the report covers, for its H1: the region, and the phase when there is one."""
        where = f"Attacks on US positions in {self.label}"
        if self.phase:
            return f"{where}: {self.phase}"
        return f"{where} since {self.start:%-d %B %Y}" \
            if self.start == pd.Timestamp(REPORT_START) else \
            f"{where}, {format_date(self.start)} to {format_date(self.end)}"

    @property
    def source_line(self) -> str:
        return (f"Source: since-oct7 dataset ({len(self.attacks):,} documented attacks, "
                f"{format_date(self.start)} to {format_date(self.end)}), built from published "
                "reports; see Sources.")

    def spans(self) -> list[charts.Span]:
        """The phases in the window, clipped to it, with their attack counts (chart panels)."""
        attacks = self.attacks
        spans = []
        for phase in phase_table.ordered(self.dataset.phases):
            window = phase_table.clip(phase, self.start, self.end)
            if window is not None:
                n = int((attacks["phase"] == phase.name).sum())
                spans.append(charts.Span(phase.name, window[0], window[1], n))
        return spans

    # ---- title, parameters and dates -------------------------------------------------------
    def title_block(self) -> Html:
        """The H1 naming what the report covers, and how current its data is."""
        last = self.dataset.events
        last = last[last["category"] == ATTACK]["event_date"].max()
        searched = format_date(self.dataset.searched_through) \
            if self.dataset.searched_through is not None else "not stated (an export)"
        read = self.dataset.sources_read_through
        gap = "" if read is None or read >= self.end else (
            f" The outlets searched could be read only up to about <strong>{esc(format_date(read))}"
            "</strong> (the copies available end there): no attack after that date is in the "
            "data, which is a gap in the sources, not evidence that attacks stopped.")
        return Html(f"<h1>{esc(self.title)}</h1>"
                    f'<p class="currency">Sources searched through <strong>{esc(searched)}'
                    f"</strong>; last attack found <strong>{esc(format_date(last))}</strong>."
                    f"{gap}</p>")

    def parameters(self) -> Html:
        """The parameters the report was built with and the data's dates."""
        rows = pd.DataFrame({
            "parameter": ["region", "phase", "start_date", "end_date", "data as of"],
            "value": [self.label, self.phase or ALL_PHASES, format_date(self.start),
                      format_date(self.end), format_date(self.dataset.as_of)],
        })
        return table(rows, css_class="parameters")

    # ---- headline ------------------------------------------------------------------------
    def latest_counts(self) -> pd.DataFrame:
        """The latest stated count of each kind by the written rule (stated_counts.RULE):
        the total, or in a country report that country's own figure. A governorate report
        has none: no stated count is given for a governorate."""
        column = self.country.lower() if self.country else "total"
        rows = []
        if not self.is_governorate:
            for kind in stated_counts.KINDS:
                pick = stated_counts.latest(self.tallies, kind, self.start, self.end, column)
                if pick is not None:
                    rows.append({"kind": kind, "value": int(pick[column]),
                                 "as_of": pick["as_of"], "speaker": pick["speaker"],
                                 "second_hand": pick["second_hand"], "note": pick["note"],
                                 "source": pick["source"]})
        frame = pd.DataFrame(rows, columns=["kind", "value", "as_of", "speaker", "second_hand",
                                            "note", "source"])
        return hints(frame, labels={"as_of": "as of", "second_hand": "second-hand copy"},
                     empty="No stated count covers this region or window: only documented "
                           "incidents are counted here.")

    def headline_numbers(self) -> dict[str, object]:
        """Every number the headline shows, as plain values (tests read these back)."""
        attacks = self.attacks
        by_country = attacks["country"].value_counts()
        injured = counting.casualties(attacks, "us_injured", "us_injured_high")
        killed = counting.casualties(attacks, "us_killed")
        militants = counting.casualties(self.strikes, "killed", "killed_high")
        latest = {r.kind: r for r in self.latest_counts().itertuples(index=False)}
        official = latest.get("official")
        documented_at_official = None
        if official is not None:
            upto = counting.window(self.dataset.events, counting.FIRST_ATTACKS, official.as_of,
                                   [self.country] if self.country else None)
            documented_at_official = len(counting.attacks(upto))
        official_hurt = None if self.region or self.countries else \
            stated_counts.latest(self.tallies, "official", self.start, self.end, "us_injured")
        numbers: dict[str, object] = {
            "attacks_total": len(attacks),
            **{f"attacks_{c.lower()}": int(by_country.get(c, 0)) for c in COUNTRIES},
            **{f"attacks_{k}": v for k, v in counting.split_by_attribution(attacks).items()},
            "us_killed": killed["low"], "us_killed_known": killed["rows"] - killed["unknown_rows"],
            "us_injured": injured["low"], "us_injured_high": injured["high"],
            "us_injured_known": injured["rows"] - injured["unknown_rows"],
            "strikes_total": len(self.strikes),
            "us_strike_rows": len(counting.announced_strikes(self.strikes)),
            "militants_killed": militants["low"], "militants_killed_high": militants["high"],
            "militants_killed_known": militants["rows"] - militants["unknown_rows"],
            "documented_at_official": documented_at_official,
            "coverage": None if official is None else documented_at_official / official.value,
            "official_injured": None if official_hurt is None else
            int(official_hurt["us_injured"]),
            "official_injured_as_of": None if official_hurt is None else official_hurt["as_of"],
        }
        for kind in stated_counts.KINDS:
            pick = latest.get(kind)
            numbers[f"{kind}_total"] = None if pick is None else pick.value
            numbers[f"{kind}_as_of"] = None if pick is None else pick.as_of
            numbers[f"{kind}_speaker"] = None if pick is None else pick.speaker
            numbers[f"{kind}_second_hand"] = None if pick is None else pick.second_hand
        return numbers

    def headlines(self, numbers: dict[str, object] | None = None) -> Html:
        """The first screen: each measure in its own box, then casualties and strikes."""
        n = numbers or self.headline_numbers()
        where = self.country or "Iraq, Syria and Jordan"
        boxes = []
        for kind in stated_counts.KINDS:
            if n[f"{kind}_total"] is None:
                continue
            relay = "; second-hand copy (original not found)" if n[f"{kind}_second_hand"] else ""
            boxes.append(HeadlineFigure(
                f"{kind}_total", f"latest {stated_counts.LABELS[kind]}"
                + (f", {where}" if self.country else ""),
                format_number(n[f"{kind}_total"]),
                f"as of {format_date(n[f'{kind}_as_of'])} ({n[f'{kind}_speaker']}){relay}"))
        boxes.append(HeadlineFigure(
            "attacks_total", f"documented attacks in {self.label}",
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
        second = []
        if not self.is_governorate:
            second = [HeadlineFigure(f"attacks_{c.lower()}", f"documented attacks in {c}",
                                     format_number(n[f"attacks_{c.lower()}"]))
                      for c in self.shown_countries]
        attacks = n["attacks_total"]
        injured_note = (f"injuries known for {n['us_injured_known']:,} of {attacks:,} attacks; "
                        "low–high where sources disagree")
        if n["official_injured"] is not None:
            injured_note += (f". Officially stated: {format_number(n['official_injured'])} "
                             f"injured by {format_date(n['official_injured_as_of'])}")
        second += [
            HeadlineFigure("us_killed", "US service members killed (documented)",
                           format_number(n["us_killed"]),
                           f"known for {n['us_killed_known']:,} of {attacks:,} attacks"),
            HeadlineFigure("us_injured", "US personnel injured (documented)",
                           _range(n["us_injured"], n["us_injured_high"]), injured_note),
            HeadlineFigure("strikes_total", "strikes on Iran-aligned groups (locations hit)",
                           format_number(n["strikes_total"]),
                           f"{format_number(n['us_strike_rows'])} announced by the United States"),
            HeadlineFigure("militants_killed", "killed in those strikes",
                           _range(n["militants_killed"], n["militants_killed_high"]),
                           f"toll known for {n['militants_killed_known']:,} of "
                           f"{n['strikes_total']:,} strikes; low–high where sources disagree"),
        ]
        return Html(first + headline(second).markup)

    # ---- per phase -----------------------------------------------------------------------
    def phase_counts(self) -> pd.DataFrame:
        """Documented counts per phase in the window, and over all of them."""
        rows = []
        spans = self.spans()
        for span in spans:
            rows.append(self._counts_row(span.name, span.start, span.end,
                                         self.events[self.events["phase"] == span.name]))
        if len(spans) > 1:
            rows.append(self._counts_row(ALL_PHASES, self.start, self.end, self.events))
        frame = pd.DataFrame(rows)
        return hints(frame, labels={
            "phase": "phase", "start": "from", "end": "to", "confirmed": "US-confirmed",
            "claimed_only": "claimed only", "other": "reported by others",
            "militants_killed": "killed in strikes (low)",
            "militants_killed_high": "killed in strikes (high)", "us_killed": "US killed",
            "us_injured": "US injured (low)", "us_injured_high": "US injured (high)",
            "injuries_known": "attacks with injuries known"})

    def _counts_row(self, name: str, start: pd.Timestamp, end: pd.Timestamp,
                    events: pd.DataFrame) -> dict[str, object]:
        attacks, strikes = counting.attacks(events), counting.strikes(events)
        split = counting.split_by_attribution(attacks)
        injured = counting.casualties(attacks, "us_injured", "us_injured_high")
        killed = counting.casualties(strikes, "killed", "killed_high")
        by_country = attacks["country"].value_counts()
        return {"phase": name, "start": start, "end": end, "attacks": len(attacks),
                "confirmed": split["confirmed"], "claimed_only": split["claimed_only"],
                "other": split["other"],
                **{c: int(by_country.get(c, 0)) for c in self.shown_countries
                   if len(self.shown_countries) > 1},
                "strikes": len(strikes), "militants_killed": killed["low"],
                "militants_killed_high": killed["high"],
                "us_killed": counting.casualties(attacks, "us_killed")["low"],
                "us_injured": injured["low"], "us_injured_high": injured["high"],
                "injuries_known": injured["rows"] - injured["unknown_rows"]}

    def phase_tallies(self) -> pd.DataFrame:
        """Per phase, the latest stated count of each kind whose date falls in the phase
        (same rule as the headline); kinds side by side, never combined."""
        column = self.country.lower() if self.country else "total"
        rows = []
        if not self.is_governorate:
            for span in self.spans():
                for kind in stated_counts.KINDS:
                    pick = stated_counts.latest(self.tallies, kind, span.start, span.end, column)
                    if pick is not None:
                        rows.append({"phase": span.name, "kind": kind,
                                     "value": int(pick[column]), "as_of": pick["as_of"],
                                     "speaker": pick["speaker"], "source": pick["source"]})
        frame = pd.DataFrame(rows, columns=["phase", "kind", "value", "as_of", "speaker",
                                            "source"])
        return hints(frame, labels={"as_of": "as of"},
                     empty="No stated count falls in these phases for this region.")

    # ---- the stated counts -----------------------------------------------------------------
    def coverage(self) -> pd.DataFrame:
        """Every official tally in the window beside the documented count at its date."""
        cov = coverage.at_official_tallies(self.dataset.events, self.tallies)
        cov = cov[["as_of", "speaker", "official_total", "documented_total", "ratio_total",
                   "official_iraq", "documented_iraq", "ratio_iraq", "official_syria",
                   "documented_syria", "ratio_syria", "source"]]
        cov = cov.assign(phase=phase_table.phase_of(cov["as_of"], self.dataset.phases))
        cov = cov[["phase", *cov.columns[:-1]]]
        return hints(cov.reset_index(drop=True), labels={
            "as_of": "as of", "official_total": "official", "documented_total": "documented",
            "ratio_total": "coverage", "official_iraq": "Iraq official",
            "documented_iraq": "Iraq documented", "ratio_iraq": "Iraq coverage",
            "official_syria": "Syria official", "documented_syria": "Syria documented",
            "ratio_syria": "Syria coverage"},
            percents=["ratio_total", "ratio_iraq", "ratio_syria"],
            empty="No official count covers a date in this window.")

    def stated(self, kind: str) -> pd.DataFrame:
        """The stated counts of one kind in the window, as stated, with what each counts."""
        if kind not in stated_counts.KINDS:
            raise unknown_value("kind", kind, stated_counts.KINDS)
        t = stated_counts.of_kind(self.tallies, kind)
        t = t[["as_of", "total", "iraq", "syria", "us_injured", "us_killed", "speaker", "note",
               "source"]].reset_index(drop=True)
        return hints(t, labels={"as_of": "as of", "us_injured": "US injured",
                                "us_killed": "US killed"},
                     empty=f"No {stated_counts.LABELS[kind]} in this window.")

    def disagreements(self) -> pd.DataFrame:
        """Official statements that cannot both be right."""
        d = coverage.disagreements(self.tallies)
        if not d.empty:
            d = d[["why", "as_of_a", "total_a", "speaker_a", "source_a", "as_of_b", "total_b",
                   "speaker_b", "source_b"]]
        return hints(d, labels={"as_of_a": "as of (A)", "total_a": "count (A)",
                                "speaker_a": "said by (A)", "source_a": "source (A)",
                                "as_of_b": "as of (B)", "total_b": "count (B)",
                                "speaker_b": "said by (B)", "source_b": "source (B)"},
                     empty="No official statements in this window contradict each other.")

    # ---- over time -------------------------------------------------------------------------
    def weekly(self) -> pd.DataFrame:
        """Attacks per week by country, phase by phase (a week cut by a phase boundary is
        counted in each phase for its own days)."""
        parts = []
        for span in self.spans():
            part = counting.weekly_counts(self.attacks, "country", span.start, span.end)
            part = part.reindex(columns=list(self.shown_countries), fill_value=0)
            parts.append(part.assign(phase=span.name))
        return pd.concat(parts) if parts else pd.DataFrame(columns=["phase"])

    def cumulative(self) -> pd.DataFrame:
        """Documented attacks accumulating day by day from the start of the window."""
        series = counting.cumulative_series(self.attacks, self.start, self.end)
        return series.assign(phase=phase_table.phase_of(series.index.to_series(),
                                                        self.dataset.phases))

    def cumulative_chart(self, cumulative: pd.DataFrame) -> Figure:
        """The cumulative line with official and tracker counts as points (whole-area
        reports only: stated counts are not given for a governorate)."""
        tallies = self.tallies if not (self.region or self.countries) else \
            self.tallies.iloc[0:0]
        return charts.cumulative_chart(cumulative, tallies, self.spans(), self.source_line,
                                       title=f"Attacks on US positions in {self.label}, "
                                             "cumulative")

    def weekly_chart(self, weekly: pd.DataFrame, rounds: pd.DataFrame | None = None
                     ) -> Figure:
        """Attacks per week by country, phase by phase; with ``rounds``, the announced US
        strike rounds and the other strikes are marked on it."""
        spans = self.spans()
        fig = charts.weekly_chart(weekly, spans, self.source_line,
                                  title=f"Attacks on US positions in {self.label} per week")
        if rounds is None:
            return fig
        others = self.strikes[self.strikes["actor"] != "United States"]
        return charts.mark_strikes(fig, spans, rounds, others.groupby("event_date").size())

    # ---- where -----------------------------------------------------------------------------
    def breakdown(self) -> pd.DataFrame:
        """Attacks by country → governorate → site, countries in fixed order, largest first."""
        counts = counting.counts_by(self.attacks, ["country", "admin1", "place_name"])
        counts["admin1"] = counts["admin1"].fillna("").replace("", "(unspecified)")
        order = {c: i for i, c in enumerate(COUNTRIES)}
        admin_totals = counts.groupby(["country", "admin1"])["events"].transform("sum")
        return counts.assign(_c=counts["country"].map(order), _a=-admin_totals) \
            .sort_values(["_c", "_a", "admin1", "events"], ascending=[True, True, True, False],
                         kind="stable").drop(columns=["_c", "_a"]).reset_index(drop=True)

    def breakdown_table(self, breakdown: pd.DataFrame) -> Html:
        """The regional breakdown with subtotals per country and governorate."""
        rows = []
        for country, c_rows in breakdown.groupby("country", sort=False):
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

    def breakdown_chart(self, breakdown: pd.DataFrame) -> Figure:
        """Attacks per governorate, coloured by country."""
        counts = breakdown.groupby(["country", "admin1"], sort=False)["events"].sum() \
            .reset_index()
        counts["label"] = counts["admin1"] + " (" + counts["country"] + ")"
        return charts.breakdown_chart(counts, "label", self.source_line,
                                      f"Attacks on US positions by governorate, {self.label}")

    def sites(self) -> pd.DataFrame:
        """Mappable places with their attack and strike counts in scope."""
        ev = self.events
        ev = ev[~ev["place_kind"].isin(UNMAPPED_KINDS)]
        counts = ev.groupby(["place", "category"]).size().unstack(fill_value=0)
        counts = counts.reindex(columns=[ATTACK, STRIKE], fill_value=0)
        places = self.dataset.places.set_index("place")
        found = counts.join(places[["name", "country", "latitude", "longitude"]])
        return found.rename(columns={ATTACK: "attacks", STRIKE: "strikes"}).reset_index()

    def map_chart(self, sites: pd.DataFrame) -> Figure:
        """Sites sized by attack count over country and governorate outlines."""
        boundaries = load_boundaries()
        extent = None
        if self.region:
            country, admin1 = split_region(self.region)
            extent = extent_of(boundaries, country, admin1)
        unmapped = self.events["place_kind"].isin(UNMAPPED_KINDS).sum()
        note = f" {unmapped} events at unlocated places are not drawn." if unmapped else ""
        return charts.map_chart(sites, boundaries, self.source_line + note,
                                title=f"Where: attacks on US positions and strikes, "
                                      f"{self.label}", extent=extent)

    def site_weeks(self) -> pd.DataFrame:
        """Attacks per site (rows, busiest first) per week (columns): a heat map's data."""
        return counting.site_week_matrix(self.attacks, self.start, self.end)

    def heatmap(self, site_weeks: pd.DataFrame) -> Figure:
        return charts.heatmap_chart(site_weeks, self.spans(), self.source_line,
                                    f"Attacks per site and week, {self.label}")

    # ---- with what -------------------------------------------------------------------------
    def weapons(self) -> pd.DataFrame:
        """Attacks per weapon (each phase, and all phases) with their share."""
        counts = counting.counts_by(self.attacks, "weapon").rename(columns={"events": "attacks"})
        counts["share"] = counts["attacks"] / max(counts["attacks"].sum(), 1)
        return hints(counts, percents=["share"])

    def weapons_by_phase(self) -> pd.DataFrame:
        """Attacks per phase (rows) and weapon (columns)."""
        table_ = counting.by_phase(self.attacks, self.dataset.phases, "weapon")
        names = [s.name for s in self.spans()]
        return table_.reindex(names, fill_value=0)

    def weapon_chart(self, weapons_by_phase: pd.DataFrame) -> Figure:
        return charts.weapon_by_phase_chart(weapons_by_phase, self.source_line)

    # ---- strikes ---------------------------------------------------------------------------
    def rounds(self) -> pd.DataFrame:
        """US strike rounds in scope with the attacks in the 7 days before and after."""
        rounds = counting.strike_rounds(self.events)
        found = counting.attacks_around(counting.attacks(self.dataset.events), rounds)
        return hints(found, labels={
            "start": "first day", "end": "last day", "rows": "locations hit",
            "killed": "killed (low)", "killed_high": "killed (high)",
            "attacks_7d_before": "attacks 7 days before",
            "attacks_7d_after": "attacks 7 days after"},
            empty="No announced US strike round in this window.")

    def strike_list(self, disputes: bool = False) -> pd.DataFrame:
        """Every strike in scope: who struck (and how we know), whom, and the killed as a
        range; ``disputes`` adds what each source said (long: the region reports show it,
        the overview leaves it to the CSV to stay small enough to share)."""
        columns = ["event_date", "phase", "actor", "attribution", "place_name", "target",
                   "killed", "killed_high"] + (["disputes"] if disputes else [])
        s = self.strikes[columns].reset_index(drop=True)
        return hints(s, labels={"event_date": "date", "place_name": "place",
                                "killed": "killed (low)", "killed_high": "killed (high)"},
                     empty="No strike on the militias is documented in this window.")

    # ---- casualties ------------------------------------------------------------------------
    def casualties(self) -> pd.DataFrame:
        """Attacks that killed or injured US personnel."""
        a = self.attacks
        hurt = a[(a["us_killed"].fillna(0) > 0) | (a["us_injured"].fillna(0) > 0)]
        hurt = hurt[["event_date", "phase", "place_name", "weapon", "us_killed", "us_injured",
                     "us_injured_high", "disputes"]].reset_index(drop=True)
        return hints(hurt, labels={"event_date": "date", "place_name": "site",
                                   "us_killed": "US killed", "us_injured": "US injured (low)",
                                   "us_injured_high": "US injured (high)"},
                     empty="No documented attack in this window killed or injured US "
                           "personnel (injuries are unknown for many attacks).")

    # ---- notes and sources -----------------------------------------------------------------
    def method_notes(self) -> Html:
        n = self.headline_numbers()
        lines = [
            "Four measures are kept apart and never added to each other: the official count "
            "(what US officials stated, cumulative from 17 October 2023), independent "
            "trackers' counts, the militias' own claimed totals, and counts by local "
            "authorities and monitors (in 2026 mostly the Kurdistan Region's, which include "
            "attacks by Iran's own forces and on non-US targets). Documented attacks are this "
            "dataset's rows, one per attacker, site and day, each with its sources.",
            "Latest counts: " + stated_counts.RULE,
            f"Documented attacks split into {n['attacks_confirmed']} confirmed by US "
            f"officials, {n['attacks_claimed_only']} known only from a militia claim and "
            f"{n['attacks_other']} reported by third parties only.",
            "Coverage is documented ÷ official at an official tally's date. It can exceed "
            "100% where the dataset holds militia claims the Pentagon did not count.",
            "Phases are those of data/phases.csv, each bounded by a sourced event; charts "
            "give each phase its own panel so quiet years do not take the width.",
            "Casualty figures are the most conservative reported; where sources disagree the "
            "highest is shown as the upper end of a range. Blank figures are unknown and are "
            f"not counted as zero: US injuries are known for {n['us_injured_known']} of "
            f"{n['attacks_total']} documented attacks, so documented injuries are far below "
            "official totals.",
            "Breakdowns by place, governorate and weapon come from documented incidents only.",
            "Dates are local (Iraq/Syria); where US Eastern and local dates differ the row "
            "says so in its disputes.",
        ]
        return bullet_list(lines)

    def event_list(self) -> pd.DataFrame:
        """Every event in scope with its sources: the report's searchable list."""
        ev = self.events[["event_date", "phase", "country", "admin1", "place_name", "category",
                          "attribution", "actor", "weapon", "projectiles", "us_killed",
                          "us_injured", "killed", "description", "sources"]]
        ev = ev.assign(category=ev["category"].map({ATTACK: "attack", STRIKE: "strike"}),
                       phase=ev["phase"].astype(str))
        return hints(ev.reset_index(drop=True), labels={
            "event_date": "date", "admin1": "governorate", "place_name": "place",
            "us_killed": "US killed", "us_injured": "US injured"})

    def event_list_table(self, event_list: pd.DataFrame) -> Html:
        """The event list, searchable as you type, sortable and filterable offline."""
        return event_table(event_list, filters=("country", "phase", "category", "attribution"))

    def download(self) -> Html:
        """The events in scope as a CSV file the reader can open in a spreadsheet."""
        from analysis.inputs.vocabulary import EVENT_COLUMNS
        from analysis.report.html import csv_download

        columns = [*EVENT_COLUMNS, "phase", "place_name", "country", "admin1"]
        return csv_download(self.events[columns], "events.csv", "Download these events as CSV")


def _range(low: int, high: int) -> str:
    return format_number(low) if low == high else f"{format_number(low)}–{format_number(high)}"


def _names_meeting(phases: pd.DataFrame, start: pd.Timestamp, end: pd.Timestamp) -> list[str]:
    return [p.name for p in phase_table.ordered(phases) if phase_table.clip(p, start, end)]


__all__ = ["ALL_PHASES", "Scope", "show"]
