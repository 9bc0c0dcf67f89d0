"""A report's scope: the dataset seen through its parameters (dates, phase, countries, region).

Each question a report answers is a method that returns a tidy DataFrame (or, for the
headline, a dict of plain values); :mod:`analysis.report.view` presents them. Notebooks name
each frame (``coverage = scope.coverage()``), so Run All leaves the report's data in the
kernel for exploring. The rows in view are computed once per scope.

Every figure has one scope: the report's countries (or governorate) and window. Stated
counts are cumulative since 17 October 2023 and are labelled so; coverage divides
documented by official for the same countries at the same date.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cached_property

import pandas as pd

from analysis.inputs.curated import Dataset
from analysis.inputs.gazetteer import in_region, region_attack_counts, split_region
from analysis.inputs.vocabulary import ATTACK, COUNTRIES, REPORT_START, STRIKE
from analysis.measures import counting, coverage, periods, stated_counts
from analysis.measures import phases as phase_table
from analysis.report.html import format_date, hints
from analysis.report.parameters import (
    ParameterError,
    check_window,
    parse_countries,
    parse_date,
    unknown_value,
)

ALL_PHASES = "All phases"


@dataclass(frozen=True)
class Span:
    """One panel of a time chart: a phase (or the part of it in the report's window) and
    how many attacks it holds, which sets how much width it gets."""

    name: str
    start: pd.Timestamp
    end: pd.Timestamp
    attacks: int

    @property
    def weight(self) -> float:
        """Width share: a busy phase gets about one unit per week, at most 16; a long quiet
        phase is compressed and an empty one gets the least, so no chart spends most of its
        width on empty time."""
        weeks = max((self.end - self.start).days / 7, 1)
        return max(5.5, min(16.0, weeks)) if self.attacks else 5.5


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
        """Check the notebook's parameters together and fix the window: end defaults to the
        day the sources were searched, and a phase narrows the window to its dates."""
        start = pd.Timestamp(parse_date("start_date", start_date, allow_none=False))
        end_day = parse_date("end_date", end_date)
        check_window(start.date(), end_day)
        end = pd.Timestamp(end_day) if end_day else dataset.current_to
        if end < start:
            raise ParameterError(f"start_date: {start.date().isoformat()}: expected a date on "
                                 f"or before the data's end {end.date().isoformat()}")
        chosen = parse_countries(countries)
        if region is not None:
            if chosen:
                raise ParameterError("countries: give either region or countries, not both")
            known = region_attack_counts(dataset.events)
            if region not in known:
                raise unknown_value("region", region, known)
        if phase is not None:
            window = phase_table.clip(phase_table.get(dataset.phases, phase), start, end)
            if window is None:
                raise unknown_value("phase", phase, names_meeting(dataset.phases, start, end))
            start, end = window
        dataset = replace(dataset,
                          events=phase_table.with_phase(dataset.events, dataset.phases))
        return cls(dataset, start, end, tuple(chosen) if chosen else None, region, phase)

    def __repr__(self) -> str:
        return (f"Scope({self.label}, {format_date(self.start)} to {format_date(self.end)}"
                f"{', phase ' + repr(self.phase) if self.phase else ''}: "
                f"{len(self.attacks):,} attacks, {len(self.strikes):,} strikes, "
                f"{len(self.tallies):,} stated counts, {len(self.spans())} phase(s))")

    # ---- the rows in scope (computed once) ---------------------------------------------------
    @cached_property
    def events(self) -> pd.DataFrame:
        rows = counting.window(self.dataset.events, self.start, self.end,
                               list(self.countries) if self.countries else None)
        return in_region(rows, self.region) if self.region else rows

    @cached_property
    def attacks(self) -> pd.DataFrame:
        return counting.attacks(self.events)

    @cached_property
    def strikes(self) -> pd.DataFrame:
        return counting.strikes(self.events)

    @cached_property
    def tallies(self) -> pd.DataFrame:
        """Stated counts covering a date in the window (every kind)."""
        t = self.dataset.tallies
        return t[(t["as_of"] >= self.start) & (t["as_of"] <= self.end)]

    # ---- what the scope covers -------------------------------------------------------------
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
    def stated_countries(self) -> tuple[str, ...] | None:
        """The countries a stated count must give figures for (None: its total); a
        governorate has no stated count at all (see :attr:`has_stated_counts`)."""
        shown = self.shown_countries
        return None if set(shown) == set(COUNTRIES) else shown

    @property
    def has_stated_counts(self) -> bool:
        return not self.is_governorate

    @property
    def label(self) -> str:
        return self.region.replace("/", " / ") if self.region else \
            (", ".join(self.countries) if self.countries else "Iraq, Syria and Jordan")

    @property
    def default_window(self) -> bool:
        """The window the report family is built for: from 7 Oct 2023 to the search date
        (or, for a phase report, the phase's own dates)."""
        if self.phase:
            phase = phase_table.get(self.dataset.phases, self.phase)
            return self.start == phase.start and \
                self.end == (phase.end if phase.end is not None else self.dataset.current_to)
        return self.start == pd.Timestamp(REPORT_START) and self.end == self.dataset.current_to

    @property
    def window_label(self) -> str:
        return (f"since {self.start:%-d %b %Y}" if self.default_window and not self.phase
                else f"{format_date(self.start)} to {format_date(self.end)}")

    @property
    def title(self) -> str:
        """What the report covers, for its H1 and <title>: the region, the phase when there
        is one, and the window whenever it is not the family's own."""
        where = f"Attacks on US positions in {self.label}"
        if self.phase:
            own = f"{where}: {self.phase}"
            return own if self.default_window else f"{own}, {self.window_label}"
        if self.default_window:
            return f"{where} since {self.start:%-d %B %Y}"
        return f"{where}, {self.window_label}"

    # ---- how far the sources reach -----------------------------------------------------------
    @property
    def reach(self) -> pd.Timestamp | None:
        return self.dataset.sources_reach

    @property
    def beyond_reach(self) -> bool:
        """The whole window lies after the sources' reach: nothing in it can be known."""
        return self.reach is not None and self.start > self.reach

    @property
    def unreached(self) -> tuple[pd.Timestamp, pd.Timestamp] | None:
        """The part of the window after the sources' reach (no data), if any."""
        if self.reach is None or self.reach >= self.end:
            return None
        return max(self.start, self.reach + pd.Timedelta(days=1)), self.end

    # ---- time: phases and bins ---------------------------------------------------------------
    def spans(self) -> list[Span]:
        """The phases in the window, clipped to it, with their attack counts (chart panels)."""
        spans = []
        for phase in phase_table.ordered(self.dataset.phases):
            window = phase_table.clip(phase, self.start, self.end)
            if window is not None:
                n = int((self.attacks["phase"] == phase.name).sum())
                spans.append(Span(phase.name, window[0], window[1], n))
        return spans

    @cached_property
    def bins(self) -> pd.DataFrame:
        """The weeks of the window, cut at phase edges: every chart and table over time uses
        these (see measures/periods.py)."""
        return periods.bins(self.dataset.phases, self.start, self.end)

    def last(self, category: str = ATTACK) -> pd.Series | None:
        """The latest event of ``category`` in this scope (its own countries, governorate and
        window), or None."""
        rows = self.attacks if category == ATTACK else self.strikes
        if rows.empty:
            return None
        return rows.sort_values(["event_date", "event_id"]).iloc[-1]

    # ---- headline ------------------------------------------------------------------------------
    def latest_counts(self) -> pd.DataFrame:
        """The latest stated count of each kind by the written rule (stated_counts.RULE), for
        the scope's countries (their total, one country's figure, or the sum of several
        countries' figures where each was stated). A governorate has none."""
        rows = []
        if self.has_stated_counts:
            for kind in stated_counts.KINDS:
                pick = stated_counts.latest(self.tallies, kind, self.start, self.end,
                                            countries=self.stated_countries)
                if pick is not None:
                    rows.append({"kind": kind, "value": int(pick["value"]),
                                 "as_of": pick["as_of"], "speaker": pick["speaker"],
                                 "source_kind": pick["source_kind"], "counts": pick["counts"],
                                 "source": pick["source"]})
        frame = pd.DataFrame(rows, columns=["kind", "value", "as_of", "speaker", "source_kind",
                                            "counts", "source"])
        return hints(frame, labels={"as_of": "as of", "source_kind": "source kind",
                                    "counts": "what it counts"},
                     empty="No stated count covers this region or window: only documented "
                           "incidents are counted here.")

    def coverage_at(self, tally) -> dict[str, object] | None:
        """Coverage at one official tally for this scope's countries (None: it gives no
        figure for them)."""
        if not self.has_stated_counts:
            return None
        return coverage.at_tally(self.dataset.events, tally, self.stated_countries)

    def headline_numbers(self) -> dict[str, object]:
        """Every number the headline shows, as plain values (tests read these back)."""
        attacks = self.attacks
        by_country = attacks["country"].value_counts()
        injured = counting.casualties(attacks, "us_injured", "us_injured_high")
        killed = counting.casualties(attacks, "us_killed")
        militants = counting.casualties(self.strikes, "killed", "killed_high")
        last_attack, last_strike = self.last(ATTACK), self.last(STRIKE)
        numbers: dict[str, object] = {
            "beyond_reach": self.beyond_reach,
            "attacks_total": len(attacks),
            **{f"attacks_{c.lower()}": int(by_country.get(c, 0)) for c in COUNTRIES},
            **{f"attacks_{k}": v for k, v in counting.split_by_attribution(attacks).items()},
            "last_attack": None if last_attack is None else last_attack["event_date"],
            "last_attack_place": None if last_attack is None else last_attack["place_name"],
            "last_strike": None if last_strike is None else last_strike["event_date"],
            "us_killed": killed["low"], "us_killed_known": killed["rows"] - killed["unknown_rows"],
            "us_injured": injured["low"], "us_injured_high": injured["high"],
            "us_injured_known": injured["rows"] - injured["unknown_rows"],
            "strikes_total": len(self.strikes),
            "us_strike_rows": len(counting.announced_strikes(self.strikes)),
            "militants_killed": militants["low"], "militants_killed_high": militants["high"],
            "militants_killed_known": militants["rows"] - militants["unknown_rows"],
        }
        latest = {r.kind: r for r in self.latest_counts().itertuples(index=False)}
        for kind in stated_counts.KINDS:
            pick = latest.get(kind)
            for field in ("value", "as_of", "speaker", "source_kind", "counts"):
                key = "total" if field == "value" else field
                numbers[f"{kind}_{key}"] = None if pick is None else getattr(pick, field)
        numbers.update(self._coverage_numbers())
        hurt = stated_counts.latest(self.tallies, "official", self.start, self.end,
                                    "us_injured") if self.stated_countries is None else None
        numbers["official_injured"] = None if hurt is None else int(hurt["value"])
        numbers["official_injured_as_of"] = None if hurt is None else hurt["as_of"]
        return numbers

    def _coverage_numbers(self) -> dict[str, object]:
        """Both coverage figures at the latest official count in the window, or None."""
        keys = ("coverage_as_of", "coverage_official", "documented_all",
                "documented_confirmed", "coverage_all", "coverage_confirmed")
        if not self.has_stated_counts:
            return dict.fromkeys(keys)
        pick = stated_counts.latest(self.tallies, "official", self.start, self.end,
                                    countries=self.stated_countries)
        row = None if pick is None else self.coverage_at(pick)
        if row is None:
            return dict.fromkeys(keys)
        return {"coverage_as_of": row["as_of"], "coverage_official": row["official"],
                "documented_all": row["documented_all"],
                "documented_confirmed": row["documented_confirmed"],
                "coverage_all": row["ratio_all"], "coverage_confirmed": row["ratio_confirmed"]}

    # ---- per phase -----------------------------------------------------------------------------
    def phase_counts(self) -> pd.DataFrame:
        """Documented counts per phase in the window, and over all of them. A phase wholly
        after the sources' reach has no counts (NA: no data), never zeros."""
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
        unknown = self.reach is not None and start > self.reach
        countries = {c: int(by_country.get(c, 0)) for c in self.shown_countries
                     if len(self.shown_countries) > 1}
        row: dict[str, object] = {
            "phase": name, "start": start, "end": end, "attacks": len(attacks),
            "confirmed": split["confirmed"], "claimed_only": split["claimed_only"],
            "other": split["other"], **countries,
            "strikes": len(strikes),
            "militants_killed": killed["low"] if killed["unknown_rows"] < len(strikes) else None,
            "militants_killed_high": killed["high"] if killed["unknown_rows"] < len(strikes)
            else None,
            "us_killed": counting.casualties(attacks, "us_killed")["low"] if len(attacks)
            else None,
            "us_injured": injured["low"] if injured["unknown_rows"] < len(attacks) else None,
            "us_injured_high": injured["high"] if injured["unknown_rows"] < len(attacks)
            else None,
            "injuries_known": injured["rows"] - injured["unknown_rows"],
        }
        if unknown:  # after the sources' reach: no data, not zero
            row.update({k: None for k in row if k not in ("phase", "start", "end")})
        return row

    def phase_tallies(self) -> pd.DataFrame:
        """Per phase, the latest stated count of each kind whose date falls in the phase
        (same rule as the headline; cumulative since 17 Oct 2023); kinds side by side, never
        combined."""
        rows = []
        if self.has_stated_counts:
            for span in self.spans():
                for kind in stated_counts.KINDS:
                    pick = stated_counts.latest(self.tallies, kind, span.start, span.end,
                                                countries=self.stated_countries)
                    if pick is not None:
                        rows.append({"phase": span.name, "kind": kind,
                                     "value": int(pick["value"]), "as_of": pick["as_of"],
                                     "counts": pick["counts"], "speaker": pick["speaker"],
                                     "source": pick["source"]})
        frame = pd.DataFrame(rows, columns=["phase", "kind", "value", "as_of", "counts",
                                            "speaker", "source"])
        return hints(frame, labels={"as_of": "as of", "counts": "what it counts"},
                     empty="No stated count falls in these phases for this region.")

    def coverage_by_phase(self) -> pd.DataFrame:
        """Per phase, both coverage figures at the phase's latest official count for this
        scope's countries (numerator and denominator cumulative since 17 Oct 2023)."""
        rows = []
        if self.has_stated_counts:
            for span in self.spans():
                pick = stated_counts.latest(self.tallies, "official", span.start, span.end,
                                            countries=self.stated_countries)
                row = None if pick is None else self.coverage_at(pick)
                if row is not None:
                    rows.append({"phase": span.name, "as_of": row["as_of"],
                                 "official": row["official"],
                                 "documented_all": row["documented_all"],
                                 "ratio_all": row["ratio_all"],
                                 "documented_confirmed": row["documented_confirmed"],
                                 "ratio_confirmed": row["ratio_confirmed"]})
        frame = pd.DataFrame(rows, columns=["phase", "as_of", "official", "documented_all",
                                            "ratio_all", "documented_confirmed",
                                            "ratio_confirmed"])
        return hints(frame, labels=_COVERAGE_LABELS, percents=["ratio_all", "ratio_confirmed"],
                     empty="No official count falls in these phases for this region.")

    # ---- the stated counts ---------------------------------------------------------------------
    def coverage(self) -> pd.DataFrame:
        """Every official tally in the window that gives a figure for this scope's countries,
        beside the documented count at its date: all documented and US-confirmed."""
        rows = []
        if self.has_stated_counts:
            for tally in coverage.official(self.tallies).itertuples(index=False):
                row = self.coverage_at(tally)
                if row is not None:
                    rows.append({**row, "speaker": tally.speaker, "source": tally.source})
        frame = pd.DataFrame(rows, columns=["as_of", "official", "documented_all", "ratio_all",
                                            "documented_beyond_claims", "ratio_beyond_claims",
                                            "documented_confirmed", "ratio_confirmed",
                                            "speaker", "source"])
        frame.insert(0, "phase", phase_table.phase_of(frame["as_of"], self.dataset.phases)
                     .astype(str) if len(frame) else pd.Series(dtype=str))
        return hints(frame.reset_index(drop=True), labels=_COVERAGE_LABELS,
                     percents=["ratio_all", "ratio_beyond_claims", "ratio_confirmed"],
                     empty="No official count gives a figure for this region in this window.")

    def stated(self, kind: str) -> pd.DataFrame:
        """The stated counts of one kind in the window, as stated, with what each counts."""
        if kind not in stated_counts.KINDS:
            raise unknown_value("kind", kind, stated_counts.KINDS)
        t = stated_counts.of_kind(self.tallies, kind)
        t = t[["as_of", "total", "iraq", "syria", "counts", "us_injured", "us_killed",
               "speaker", "source_kind", "source"]].reset_index(drop=True)
        return hints(t, labels={"as_of": "as of", "us_injured": "US injured",
                                "us_killed": "US killed", "counts": "what it counts",
                                "source_kind": "source kind"},
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

    # ---- over time -----------------------------------------------------------------------------
    def weekly(self) -> pd.DataFrame:
        """Attacks per bin (a week, cut at phase edges) by country: one row per bar of the
        weekly chart, with the strikes marked on it; the attack columns sum to the
        headline's documented attacks."""
        table = periods.counts(self.attacks, self.bins, "country", list(self.shown_countries))
        rounds = counting.strike_rounds(self.events)
        others = self.strikes[self.strikes["actor"] != "United States"]
        at_round = periods.bin_of(rounds["start"], self.bins) if len(rounds) else pd.Series(
            dtype=int)
        at_other = periods.bin_of(others["event_date"], self.bins)
        table["us_strike_rounds"] = [int((at_round == i).sum()) for i in range(len(table))]
        table["other_strike_days"] = [
            int(others.loc[at_other == i, "event_date"].nunique()) for i in range(len(table))]
        return table

    def cumulative(self) -> pd.DataFrame:
        """Documented attacks since 17 Oct 2023 at the window's start and at the end of each
        bin (a report that starts later starts from the count before it): the same basis as
        the official counts drawn beside it. Indexed by date, with the bin's phase."""
        earlier = counting.window(self.dataset.events, counting.FIRST_ATTACKS,
                                  self.start - pd.Timedelta(days=1), list(self.shown_countries))
        before = len(counting.attacks(self._in_area(earlier)))
        per_bin = periods.counts(self.attacks, self.bins, "country", [])["total"]
        first = self.bins["phase"].iloc[0] if len(self.bins) else None
        frame = pd.DataFrame({"total": [before, *(before + per_bin.cumsum())],
                              "phase": [first, *self.bins["phase"]]},
                             index=pd.DatetimeIndex([self.start, *self.bins["end"]],
                                                    name="date"))
        return frame

    def _in_area(self, events: pd.DataFrame) -> pd.DataFrame:
        return in_region(events, self.region) if self.region else events

    def stated_points(self) -> pd.DataFrame:
        """Official and tracker counts in the window, for this scope's countries (none for
        a governorate): the points drawn on the cumulative chart."""
        if not self.has_stated_counts:
            return pd.DataFrame(columns=["kind", "as_of", "value", "speaker"])
        t = self.tallies[self.tallies["kind"].isin(["official", "tracker"])]
        values = stated_counts.figure(t, self.stated_countries)
        return t.assign(value=values).dropna(subset=["value"])[
            ["kind", "as_of", "value", "speaker"]].reset_index(drop=True)

    # ---- where ---------------------------------------------------------------------------------
    def breakdown(self) -> pd.DataFrame:
        """Attacks by country → governorate → site, countries in fixed order, largest first."""
        counts = counting.counts_by(self.attacks, ["country", "admin1", "place_name"])
        counts["admin1"] = counts["admin1"].fillna("").replace("", "(unspecified)")
        order = {c: i for i, c in enumerate(COUNTRIES)}
        admin_totals = counts.groupby(["country", "admin1"])["events"].transform("sum")
        return counts.assign(_c=counts["country"].map(order), _a=-admin_totals) \
            .sort_values(["_c", "_a", "admin1", "events"], ascending=[True, True, True, False],
                         kind="stable").drop(columns=["_c", "_a"]).reset_index(drop=True)

    def governorates(self, breakdown: pd.DataFrame) -> pd.DataFrame:
        """Attacks per governorate (all of them): the bars of the governorate chart."""
        counts = breakdown.groupby(["country", "admin1"], sort=False)["events"].sum() \
            .reset_index().rename(columns={"admin1": "governorate", "events": "attacks"})
        return counts.sort_values("attacks", ascending=False, kind="stable") \
            .reset_index(drop=True)

    def sites(self) -> pd.DataFrame:
        """Every place with an event in scope, its attack and strike counts, and where it is
        drawn (exactly, or approximately at its town, governorate or country)."""
        return self._sites(self.events)

    def _sites(self, ev: pd.DataFrame) -> pd.DataFrame:
        if ev.empty:
            return pd.DataFrame({"place": pd.Series(dtype=str),
                                 "attacks": pd.Series(dtype=int),
                                 "strikes": pd.Series(dtype=int),
                                 **{c: pd.Series(dtype=str) for c in (
                                     "name", "country", "admin1", "precision")},
                                 "latitude": pd.Series(dtype=float),
                                 "longitude": pd.Series(dtype=float)})
        counts = ev.groupby(["place", "category"]).size().unstack(fill_value=0)
        counts = counts.reindex(columns=[ATTACK, STRIKE], fill_value=0)
        places = self.dataset.places.set_index("place")
        found = counts.join(places[["name", "country", "admin1", "latitude", "longitude",
                                    "precision"]])
        return found.rename(columns={ATTACK: "attacks", STRIKE: "strikes"}).reset_index()

    def site_weeks(self, top: int = 15) -> pd.DataFrame:
        """Attacks per site (the busiest, then all others in one row) per bin: the heat map's
        cells, which sum to the documented attacks."""
        return periods.site_matrix(self.attacks, self.bins, top)

    # ---- with what -----------------------------------------------------------------------------
    def weapons(self) -> pd.DataFrame:
        """Attacks per weapon over the whole window, with their share."""
        counts = counting.counts_by(self.attacks, "weapon").rename(columns={"events": "attacks"})
        counts["share"] = counts["attacks"] / max(counts["attacks"].sum(), 1)
        return hints(counts, percents=["share"], empty="No attack is documented in this window.")

    def weapons_by_phase(self) -> pd.DataFrame:
        """Attacks per phase (rows) and weapon (columns)."""
        table_ = counting.by_phase(self.attacks, self.dataset.phases, "weapon")
        names = [s.name for s in self.spans()]
        return table_.reindex(names, fill_value=0)

    # ---- strikes -------------------------------------------------------------------------------
    def rounds(self) -> pd.DataFrame:
        """US strike rounds in scope with the attacks in the 7 days before and after."""
        rounds = counting.strike_rounds(self.events)
        found = counting.attacks_around(counting.attacks(self._in_area(counting.window(
            self.dataset.events, countries=list(self.shown_countries)))), rounds)
        return hints(found, labels={
            "start": "first day", "end": "last day", "rows": "locations hit",
            "killed": "killed (low)", "killed_high": "killed (high)",
            "attacks_7d_before": "attacks 7 days before",
            "attacks_7d_after": "attacks 7 days after"},
            empty="No announced US strike round in this window.")

    def strike_list(self, disputes: bool = False) -> pd.DataFrame:
        """Every strike in scope: who struck (and how we know), whom, and the killed as a
        range; ``disputes`` adds what each source said."""
        columns = ["event_date", "phase", "actor", "attribution", "place_name", "target",
                   "killed", "killed_high"] + (["disputes"] if disputes else [])
        s = self.strikes[columns].reset_index(drop=True)
        return hints(s, labels={"event_date": "date", "place_name": "place",
                                "killed": "killed (low)", "killed_high": "killed (high)"},
                     empty="No strike on the militias is documented in this window.")

    # ---- casualties ----------------------------------------------------------------------------
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

    # ---- the event list ------------------------------------------------------------------------
    def event_list(self) -> pd.DataFrame:
        """Every event in scope with its sources: the report's searchable list."""
        ev = self.events[["event_id", "event_date", "phase", "country", "admin1", "place",
                          "place_name", "category", "attribution", "actor", "target", "weapon",
                          "projectiles", "us_killed", "us_injured", "us_injured_high",
                          "killed", "killed_high", "description", "sources"]]
        return ev.assign(category=ev["category"].map({ATTACK: "attack", STRIKE: "strike"}),
                         phase=ev["phase"].astype(str)).reset_index(drop=True)

    def download_rows(self) -> pd.DataFrame:
        """The events in scope as the CSV download gives them (every curated column)."""
        from analysis.inputs.vocabulary import EVENT_COLUMNS

        columns = [*EVENT_COLUMNS, "phase", "place_name", "country", "admin1"]
        return self.events[columns].assign(phase=self.events["phase"].astype(str))


_COVERAGE_LABELS = {
    "as_of": "as of", "official": "official (cumulative)",
    "documented_all": "all documented", "ratio_all": "all documented ÷ official",
    "documented_beyond_claims": "documented beyond claims",
    "ratio_beyond_claims": "beyond claims ÷ official",
    "documented_confirmed": "US-confirmed", "ratio_confirmed": "US-confirmed ÷ official"}


def names_meeting(phases: pd.DataFrame, start: pd.Timestamp, end: pd.Timestamp) -> list[str]:
    return [p.name for p in phase_table.ordered(phases) if phase_table.clip(p, start, end)]


__all__ = ["ALL_PHASES", "Scope", "Span"]
