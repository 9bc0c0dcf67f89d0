"""What a report shows: the scope's frames presented as headline boxes, charts with their
data, tables, the event list, the method notes and the citation.

Presenting only: every number comes from :class:`analysis.report.scope.Scope`; every piece
of HTML from a template (report/templates); every chart is a :class:`Chart` that carries
exactly the values it plots.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import cast

import pandas as pd

from analysis.inputs.vocabulary import ATTACK
from analysis.measures import stated_counts
from analysis.report import charts
from analysis.report.html import (
    Chart,
    HeadlineFigure,
    Html,
    bullet_list,
    csv_download,
    format_date,
    format_number,
    format_percent,
    format_range,
    headline,
    render,
    slug,
    source_links,
    table,
)
from analysis.report.scope import Scope

NO_DATA = "no data"
SOURCE_KIND_NOTE = {"primary": "the speaker's own transcript or release",
                    "wire": "a wire or newspaper of record",
                    "relay": "read in a copy of the statement",
                    "summary": "a third party's summary of the statement"}


@dataclass(frozen=True)
class ReportView:
    """A scope, presented."""

    scope: Scope

    # ---- words every part shares ---------------------------------------------------------------
    @property
    def where(self) -> str:
        return self.scope.label

    @cached_property
    def source_line(self) -> str:
        s = self.scope
        return (f"Source: since-oct7 dataset ({len(s.attacks):,} documented attacks, "
                f"{format_date(s.start)} to {format_date(s.end)}), built from published "
                "reports; see Sources.")

    @property
    def reach_text(self) -> str:
        reach = self.scope.reach
        return "" if reach is None else format_date(reach)

    @property
    def no_data_label(self) -> str:
        return f"No data: the sources searched reach only {self.reach_text}"

    def _shaded(self, caption: str) -> str:
        """A time chart's caption, naming the shaded part after the sources' reach."""
        if self.scope.unreached is None:
            return caption
        lo, hi = self.scope.unreached
        return (f"{caption} The shaded part, {format_date(lo)} to {format_date(hi)}, has no "
                f"data: the sources searched reach only {self.reach_text}.")

    # ---- title and parameters --------------------------------------------------------------------
    def title_block(self) -> Html:
        """The H1 naming what the report covers, and how current its data is."""
        s = self.scope
        last = s.last(ATTACK)
        gap = ""
        if s.unreached is not None:
            lo, hi = s.unreached
            gap = (f"This window runs past the sources' reach: the outlets searched have no "
                   f"page after {self.reach_text}, so from {format_date(lo)} to "
                   f"{format_date(hi)} there is no data. That is a gap in the sources, not "
                   "evidence that attacks stopped.")
        searched = format_date(s.dataset.searched_on) if s.dataset.searched_on is not None \
            else "not stated (an export)"
        return render("title_block.html.j2", title=s.title, searched=searched,
                      reach=self.reach_text, where=self.where,
                      window=None if s.default_window and not s.phase else s.window_label,
                      last=None if last is None else format_date(last["event_date"]),
                      last_place=None if last is None else last["place_name"], gap=gap)

    def parameters(self) -> Html:
        """The parameters the report was built with and the data's dates."""
        s = self.scope
        rows = pd.DataFrame({
            "parameter": ["region", "phase", "start_date", "end_date", "newest record in the data"],
            "value": [s.label, s.phase or "All phases", format_date(s.start),
                      format_date(s.end), format_date(s.dataset.as_of)],
        })
        return table(rows, css_class="parameters", scroll=False)

    # ---- headline --------------------------------------------------------------------------------
    def headlines(self, n: dict[str, object]) -> Html:
        """The first screen: each measure in its own box, each box naming its scope."""
        s = self.scope
        unknown = bool(n["beyond_reach"])
        attacks = int(n["attacks_total"])  # type: ignore[call-overload]
        in_where = f" in {self.where}" if s.stated_countries else ""
        boxes = [self._stated_box(kind, n, in_where) for kind in stated_counts.KINDS
                 if n[f"{kind}_total"] is not None]
        split = (f"{format_number(n['attacks_confirmed'])} US-confirmed, "
                 f"{format_number(n['attacks_claimed_only'])} claimed only, "
                 f"{format_number(n['attacks_other'])} reported by others")
        partly = "" if s.unreached is None or unknown else (
            f"; no data after {self.reach_text}, the sources' reach")
        boxes.append(HeadlineFigure(
            "attacks_total", f"documented attacks in {self.where}, {s.window_label}",
            NO_DATA if unknown else format_number(attacks),
            self._after_reach_note() if unknown else split + partly, no_data=unknown))
        if n["coverage_all"] is not None:
            at = format_date(n["coverage_as_of"])
            official = format_number(n["coverage_official"])
            boxes += [
                HeadlineFigure("coverage_all", f"coverage at {at}: all documented ÷ official"
                               f"{in_where}", format_percent(n["coverage_all"]),
                               f"{format_number(n['documented_all'])} documented (confirmed, "
                               f"claimed or reported by others) ÷ {official} official; both "
                               "counted since 17 Oct 2023"),
                HeadlineFigure("coverage_confirmed", f"coverage at {at}: US-confirmed ÷ "
                               f"official{in_where}", format_percent(n["coverage_confirmed"]),
                               f"{format_number(n['documented_confirmed'])} confirmed by US "
                               f"officials ÷ {official} official; both counted since 17 Oct "
                               "2023")]
        second = []
        if len(s.shown_countries) > 1:
            second = [HeadlineFigure(f"attacks_{c.lower()}", f"documented attacks in {c}, "
                                     f"{s.window_label}", NO_DATA if unknown else
                                     format_number(n[f"attacks_{c.lower()}"]), no_data=unknown)
                      for c in s.shown_countries]
        second += self._casualty_boxes(n, unknown, attacks)
        return Html(headline(boxes).markup + headline(second).markup)

    def _stated_box(self, kind: str, n: dict[str, object], in_where: str) -> HeadlineFigure:
        how = SOURCE_KIND_NOTE.get(str(n[f"{kind}_source_kind"]), "")
        return HeadlineFigure(
            f"{kind}_total", f"latest {stated_counts.LABELS[kind]}{in_where}",
            format_number(n[f"{kind}_total"]),
            f"as of {format_date(n[f'{kind}_as_of'])}: {n[f'{kind}_counts']}. Stated by "
            f"{n[f'{kind}_speaker']}" + (f"; {how}" if how else "") + ".")

    def _after_reach_note(self) -> str:
        return (f"the whole window lies after {self.reach_text}, the last day the sources "
                "searched reach")

    def _casualty_boxes(self, n: dict[str, object], unknown: bool, attacks: int
                        ) -> list[HeadlineFigure]:
        if unknown:
            note = self._after_reach_note()
            return [HeadlineFigure(key, label, NO_DATA, note, no_data=True) for key, label in (
                ("us_killed", "US service members killed (documented)"),
                ("us_injured", "US personnel injured (documented)"),
                ("strikes_total", "strikes on Iran-aligned groups (locations hit)"),
                ("militants_killed", "killed in those strikes"))]
        boxes = []
        none_attacks = "no attack is documented in this window, so no toll either"
        if attacks:
            boxes.append(HeadlineFigure(
                "us_killed", "US service members killed (documented)",
                format_number(n["us_killed"]),
                f"toll known for {n['us_killed_known']:,} of {attacks:,} attacks"))
            note = (f"injuries known for {n['us_injured_known']:,} of {attacks:,} attacks; "
                    "low–high where sources disagree")
            if n["official_injured"] is not None:
                note += (f". Officially stated: {format_number(n['official_injured'])} injured "
                         f"by {format_date(n['official_injured_as_of'])} (cumulative since 17 "
                         "Oct 2023)")
            boxes.append(HeadlineFigure("us_injured", "US personnel injured (documented)",
                                        format_range(n["us_injured"], n["us_injured_high"]), note))
        else:
            boxes += [HeadlineFigure("us_killed", "US service members killed (documented)",
                                     "—", none_attacks),
                      HeadlineFigure("us_injured", "US personnel injured (documented)", "—",
                                     none_attacks)]
        strikes = int(n["strikes_total"])  # type: ignore[call-overload]
        boxes.append(HeadlineFigure(
            "strikes_total", "strikes on Iran-aligned groups (locations hit)",
            format_number(strikes),
            f"{format_number(n['us_strike_rows'])} announced by the United States" if strikes
            else "no strike on the militias is documented in this window"))
        known = int(n["militants_killed_known"])  # type: ignore[call-overload]
        if not strikes:
            value, note = "—", "no strike is documented in this window, so no toll either"
        elif not known:
            value, note = "unknown", f"the toll is known for none of the {strikes:,} strikes"
        else:
            value = format_range(n["militants_killed"], n["militants_killed_high"])
            note = (f"toll known for {known:,} of {strikes:,} strikes; low–high where sources "
                    "disagree")
        boxes.append(HeadlineFigure("militants_killed", "killed in those strikes", value, note))
        return boxes

    # ---- charts ----------------------------------------------------------------------------------
    def cumulative_chart(self, cumulative: pd.DataFrame, points: pd.DataFrame) -> Chart:
        """Documented attacks since 17 Oct 2023 with the official and tracker counts for the
        same countries, on one axis."""
        s = self.scope
        spans = s.spans()
        title = f"Attacks on US positions in {self.where}, cumulative since 17 Oct 2023"
        counted = "" if s.has_stated_counts else " (no stated count is given for a governorate)"
        fig = charts.cumulative_chart(cumulative, points, spans, s.unreached, self.source_line,
                                      title, "Attacks since 17 Oct 2023 (cumulative)",
                                      self.no_data_label)
        changed = cumulative["total"].ne(cumulative["total"].shift())
        edges = cumulative.index.isin([sp.start for sp in spans] + [sp.end for sp in spans])
        line = cumulative[changed | edges].reset_index()  # flat weeks repeat the one before
        data = pd.concat([
            pd.DataFrame({"date": line["date"], "series": "documented (this dataset)",
                          "value": line["total"], "said by": ""}),
            pd.DataFrame({"date": points["as_of"], "series": points["kind"].map(
                {"official": "official US count", "tracker": "tracker count"}),
                "value": points["value"].astype(int), "said by": points["speaker"]}),
        ]).sort_values(["date", "series"], kind="stable").reset_index(drop=True)
        last = int(cumulative["total"].iloc[-1]) if len(cumulative) else 0
        official = points[points["kind"] == "official"]
        lead = (f"; the latest official count in this window is "
                f"{int(official['value'].iloc[-1]):,} "
                f"({format_date(official['as_of'].iloc[-1])})") if len(official) else \
            "; no official count for this scope falls in the window"
        return Chart("cumulative", fig, data, title,
                     f"{title}: the documented count reaches {last:,} by "
                     f"{format_date(s.end)}{lead}.",
                     self._shaded("The line counts documented incidents since 17 Oct 2023, "
                                  "week by week (the count at the end of each week, cut "
                                  "at phase edges, joined by straight lines); dots are "
                                  "official counts for the same countries, diamonds "
                                  "trackers' counts. Each phase has its own panel and time "
                                  f"scale{counted}."),
                     {"labels": {"value": "count"},
                      "caption": "Weeks not listed carry the documented count of the week "
                                 "before; official and tracker counts as stated."})

    def weekly_chart(self, weekly: pd.DataFrame, rounds: pd.DataFrame | None = None) -> Chart:
        """Attacks per week by country, phase by phase, with the strikes marked."""
        s = self.scope
        spans = s.spans()
        series = list(s.shown_countries)
        title = f"Attacks on US positions in {self.where} per week"
        others = s.strikes[s.strikes["actor"] != "United States"]["event_date"].drop_duplicates()
        fig = charts.weekly_chart(weekly, spans, series, s.unreached, self.source_line, title,
                                  self.no_data_label, rounds, others)
        marked = (weekly["total"] > 0) | (weekly["us_strike_rounds"] > 0) | \
            (weekly["other_strike_days"] > 0)
        data = weekly.loc[marked, ["phase", "start", "end", *series, "total",
                                   "us_strike_rounds", "other_strike_days"]]
        busiest = weekly.loc[weekly["total"].idxmax()] if len(weekly) and \
            weekly["total"].max() > 0 else None
        lead = "" if busiest is None else (
            f"; the busiest week, from {format_date(busiest['start'])}, had "
            f"{int(busiest['total'])}")
        return Chart("weekly", fig, data, title,
                     f"{title}: {int(weekly['total'].sum()):,} attacks in {len(spans)} "
                     f"phase{'s' if len(spans) != 1 else ''}{lead}.",
                     self._shaded("One bar per week, cut where a phase begins or ends (the "
                                  "first and last bars of a phase may be shorter than a "
                                  "week). Each phase has its own panel and time scale. "
                                  "Triangles mark announced US strike rounds, small ticks "
                                  "other strikes on the militias."),
                     {"labels": {"start": "from", "end": "to", "total": "attacks",
                                 "us_strike_rounds": "US strike rounds begun",
                                 "other_strike_days": "days with other strikes"},
                      "caption": "One row per bar; weeks not listed had no attack and no "
                                 "strike."})

    def breakdown_chart(self, governorates: pd.DataFrame) -> Chart:
        title = f"Attacks on US positions by governorate, {self.where}"
        fig = charts.breakdown_chart(governorates, self.source_line, title)
        top = governorates.iloc[0] if len(governorates) else None
        lead = "" if top is None else (f"; most in {top['governorate']} ({top['country']}), "
                                       f"{int(top['attacks']):,}")
        return Chart("governorates", fig, governorates, title,
                     f"{title}: {int(governorates['attacks'].sum()):,} attacks in "
                     f"{len(governorates)} governorates{lead}.", "Every governorate with a "
                     "documented attack in this window.")

    def breakdown_table(self, breakdown: pd.DataFrame) -> Html:
        """The regional breakdown with subtotals per country and governorate."""
        rows = []
        for country, c_rows in breakdown.groupby("country", sort=False):
            rows.append({"level": "country", "name": country, "attacks": c_rows["events"].sum()})
            for admin1, a_rows in c_rows.groupby("admin1", sort=False):
                rows.append({"level": "governorate", "name": admin1,
                             "attacks": a_rows["events"].sum()})
                rows += [{"level": "site", "name": r.place_name, "attacks": r.events}
                         for r in a_rows.itertuples(index=False)]
        return render("breakdown.html.j2", rows=rows)

    def map_chart(self, sites: pd.DataFrame) -> Chart:
        """Every site with an event, over outlines with country and city names."""
        from analysis.inputs.boundaries import country_label_points, extent_of, load_boundaries
        from analysis.inputs.gazetteer import split_region

        s = self.scope
        boundaries = load_boundaries()
        extent = None
        if s.region:
            extent = extent_of(boundaries, *split_region(s.region))
        places = s.dataset.places
        cities = places[(places["kind"] == "city") & (places["precision"] == "exact")][
            ["name", "latitude", "longitude"]]
        named = self._named_sites(sites)
        title = f"Where: attacks on US positions and strikes, {self.where}"
        approximate = int((sites["precision"] != "exact").sum())
        fig = charts.map_chart(sites, boundaries, country_label_points(boundaries), cities,
                               self.source_line, title, extent, named)
        data = sites[["name", "country", "admin1", "precision", "latitude", "longitude",
                      "attacks", "strikes"]].sort_values(["attacks", "strikes"],
                                                         ascending=False, kind="stable")
        return Chart("map", fig, data.reset_index(drop=True), title,
                     f"{title}: {int(sites['attacks'].sum()):,} attacks and "
                     f"{int(sites['strikes'].sum()):,} strikes at {len(sites)} places, "
                     f"{approximate} of them drawn approximately.",
                     f"Every event is drawn. {approximate} places without exact coordinates "
                     "are drawn hollow at their town, governorate or country (precision "
                     "column). Labels name the busiest sites and every site where US "
                     "personnel were killed.",
                     {"labels": {"name": "place", "admin1": "governorate"}})

    def _named_sites(self, sites: pd.DataFrame) -> pd.DataFrame:
        """The sites a map names: the busiest ten and every one where US personnel died."""
        deadly = set(self.scope.attacks.loc[self.scope.attacks["us_killed"].fillna(0) > 0,
                                            "place"])
        exact = sites[sites["precision"] == "exact"]
        chosen = pd.concat([exact[exact["place"].isin(deadly)],
                            exact.nlargest(10, ["attacks", "strikes"])]).drop_duplicates("place")
        return chosen.assign(label=chosen["name"] + " (" + chosen["attacks"].astype(str) + ")")

    def heatmap(self, site_weeks: pd.DataFrame) -> Chart:
        s = self.scope
        title = f"Attacks per site and week, {self.where}"
        fig = charts.heatmap_chart(site_weeks, s.bins, s.spans(), s.unreached,
                                   self.source_line, title, self.no_data_label)
        long = site_weeks.stack().rename("attacks").reset_index() if len(site_weeks) else \
            pd.DataFrame(columns=["site", "bin", "attacks"])
        long.columns = ["site", "bin", "attacks"]
        long = long[long["attacks"] > 0]
        bins = s.bins.reset_index(drop=True)
        data = long.assign(phase=long["bin"].map(bins["phase"]),
                           start=long["bin"].map(bins["start"]),
                           end=long["bin"].map(bins["end"]))[
            ["site", "phase", "start", "end", "attacks"]].reset_index(drop=True)
        sites = [i for i in site_weeks.index if i != "all other sites"]
        return Chart("site-weeks", fig, data, title,
                     f"{title}: {int(site_weeks.to_numpy().sum()):,} attacks at "
                     f"{len(sites)} named sites"
                     + (" and all others in one row" if len(sites) < len(site_weeks) else "")
                     + ".", self._shaded("Darker cells, more attacks that week. The table "
                                         "lists every cell with an attack; cells not listed "
                                         "are zero."),
                     {"labels": {"start": "from", "end": "to"}})

    def weapon_chart(self, weapons_by_phase: pd.DataFrame) -> Chart:
        title = f"Weapons used in attacks on US positions in {self.where}, by phase"
        fig = charts.weapon_by_phase_chart(weapons_by_phase, self.source_line, title)
        long = weapons_by_phase.stack().rename("attacks").reset_index()
        long.columns = ["phase", "weapon", "attacks"]
        totals = long.groupby("phase", sort=False)["attacks"].transform("sum")
        long = long[long["attacks"] > 0].assign(share=lambda d: d["attacks"] / totals[d.index])
        top = long.sort_values("attacks", ascending=False).iloc[0] if len(long) else None
        lead = "" if top is None else f"; the most common, {top['weapon']} ({top['phase']})"
        return Chart("weapons", fig, long.reset_index(drop=True), title,
                     f"{title}: {int(long['attacks'].sum()):,} attacks{lead}.",
                     "The share of each weapon in each phase's documented attacks.",
                     {"percents": ["share"]})

    # ---- notes, the event list, the download, the citation -------------------------------------
    def method_notes(self, n: dict[str, object]) -> Html:
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
            f"{n['attacks_other']} reported by third parties (some of them also claimed).",
            "Coverage is documented ÷ official at an official count's date, for the same "
            "countries, both counted since 17 October 2023. It is given twice: all documented "
            "attacks (confirmed, claimed or reported by others) ÷ official, and US-confirmed "
            "÷ official. The first can exceed 100% because militia claims that name a site "
            "are rows the Pentagon may not have counted.",
            "Phases are those of data/phases.csv, each bounded by a sourced event; charts give "
            "each phase its own panel and time scale, and a week that a phase boundary cuts "
            "is counted in each phase for its own days.",
            "Casualty figures are the most conservative reported; where sources disagree the "
            "highest is shown as the upper end of a range. Blank figures are unknown and are "
            "not counted as zero" + (
                f": US injuries are known for {n['us_injured_known']} of "
                f"{n['attacks_total']} documented attacks, so documented injuries are far below "
                "official totals." if n["attacks_total"] else
                "; no attack is documented in this window, so no toll is either."),
            "Where a report's window runs past the sources' reach (the newest page of the "
            "outlets searched), that part has no data: charts shade it and boxes say so.",
            "Breakdowns by place, governorate and weapon come from documented incidents only.",
            "Dates are local (Iraq/Syria); where US Eastern and local dates differ the row "
            "says so in its disputes.",
        ]
        return bullet_list(lines)

    def event_list_table(self, events: pd.DataFrame) -> Html:
        """The event list: date, place, what happened and its sources; searchable by id,
        date, place alias, actor and plain spelling; one anchor per event."""
        s = self.scope
        places = s.dataset.places.set_index("place")["aliases"]
        keys = {name: sorted(events[col].astype(str).unique()) for name, col in
                (("c", "country"), ("p", "phase"), ("k", "category"), ("a", "attribution"))}
        index = {name: {v: i for i, v in enumerate(values)} for name, values in keys.items()}
        rows = []
        for e in events.itertuples(index=False):
            facts = ([] if e.category == "attack" else [e.category]) + [
                e.attribution, e.actor, _weapon(e.weapon, e.projectiles)]
            facts += [f"{format_range(low, high)} {label}" for low, high, label in (
                (e.us_killed, e.us_killed, "US killed"),
                (e.us_injured, e.us_injured_high, "US injured"),
                (e.killed, e.killed_high, "killed")) if pd.notna(low)]
            iso = f"{e.event_date:%Y-%m-%d}"
            readable = str(e.event_id).startswith(f"{iso}-{e.place}-")  # the curated ids
            rows.append({
                "id": e.event_id, "iso": None if readable else iso,
                "date": format_date(e.event_date), "place": None if readable else e.place,
                "place_name": e.place_name + (f" ({e.admin1})" if e.admin1 else ""),
                "description": e.description, "facts": " · ".join(facts),
                "links": source_links(e.sources),
                "f": " ".join(str(index[k][str(v)]) for k, v in (
                    ("c", e.country), ("p", e.phase), ("k", e.category),
                    ("a", e.attribution)))})
        meta = {"filters": [["country", keys["c"]], ["phase", keys["p"]],
                            ["category", keys["k"]], ["attribution", keys["a"]]],
                "aliases": {k: places.get(k, "") for k in sorted(events["place"].unique())}}
        return render("event_list.html.j2", events=rows, meta=meta,
                      filename=self.download_name,
                      caption=f"{len(rows):,} events in {self.where}, {s.window_label}")

    @property
    def download_name(self) -> str:
        return f"{slug(self.scope.title)}-events.csv"

    def download(self) -> Html:
        """The events in scope as a CSV file: the rows the list shows, once filtered. The
        page carries every column but the description and the sources, which the script
        takes from the list itself (so the report does not carry them twice)."""
        return csv_download(self.scope.download_rows(), self.download_name,
                            "Download the events shown as CSV",
                            from_list=("description", "sources"))

    def citation(self) -> Html:
        """How to cite the report: data version and date, licence, build date, commit."""
        return citation(self.scope.dataset, self.scope.title)


def citation(dataset, title: str) -> Html:
    """Every report's last lines: a cite-as line, the data version and its date, the
    licence, the two dates of the search, the build date and commit, and what changed in
    the latest data version."""
    import mistune

    from analysis.inputs.provenance import build_date, commit

    package = dataset.package
    built = build_date()
    version = package.version if package else None
    cite = (f"since-oct7 project, “{title}”, data version {version or 'not stated'}, built "
            f"{built:%-d %b %Y} (commit {commit()}). Data licence "
            f"{(package.licence if package else None) or 'not stated'}.")
    changes = (package.changes_heading, package.changes) if package and package.changes \
        else None
    reach = dataset.sources_reach
    # mistune's HTML renderer gives a str (its AST renderer a list)
    changes_html = Html(cast(str, mistune.create_markdown(escape=True)(
        _top_level(changes[1])))) if changes else None
    return render("citation.html.j2", cite=cite, version=version,
                  released=format_date(package.created) if package else "",
                  licence=package.licence if package else None,
                  licence_url=package.licence_url if package else None,
                  searched=format_date(dataset.searched_on),
                  reach=format_date(reach) if reach is not None else "",
                  built=f"{built:%-d %b %Y}", commit=commit(),
                  changes_heading=changes[0] if changes else "",
                  changes=changes_html)


def _top_level(markdown: str) -> str:
    """A changelog section in brief: its headings and the first clause of each top-level
    item (up to a colon or the end of its first sentence); the details stay in
    data/CHANGELOG.md, and the front page shows them whole."""
    import re

    items = re.split(r"\n(?=- |\*\*)", markdown)
    brief = []
    for item in items:
        text = " ".join(line.strip() for line in item.splitlines()
                        if not line.startswith(("  -", "    ")))
        if text.startswith("- "):
            text = "- " + re.split(r"(?<=[a-z0-9)])[:.](?:\s|$)", text[2:], maxsplit=1)[0]
        brief.append(text)
    return "\n".join(brief) + "\n\nThe details are in data/CHANGELOG.md."


def _weapon(weapon: str, projectiles: object) -> str:
    name = str(weapon).replace("_", " ")
    return f"{name} ×{int(projectiles)}" if pd.notna(projectiles) else name  # type: ignore[call-overload]


__all__ = ["ReportView"]
