"""An independent recount of what a report should say, straight from the CSV files with the
csv module: none of analysis/ is used here, so a bug there cannot hide in both places."""

from __future__ import annotations

import csv
import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path

COUNTRIES = ("Iraq", "Syria", "Jordan")
FIRST_ATTACKS = dt.date(2023, 10, 17)
SOURCE_RANK = {"primary": 0, "wire": 1, "relay": 2, "summary": 3}
NEAR_DAYS = 3


def _date(text: str) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def _int(text: str) -> int | None:
    return int(text) if text else None


@dataclass
class Data:
    events: list[dict]
    tallies: list[dict]
    phases: list[dict]
    searched_on: dt.date | None
    reach: dt.date | None

    @classmethod
    def load(cls, folder: Path) -> Data:
        with open(folder / "places.csv", encoding="utf-8") as f:
            places = {r["place"]: r for r in csv.DictReader(f)}
        with open(folder / "events.csv", encoding="utf-8") as f:
            events = []
            for r in csv.DictReader(f):
                p = places[r["place"]]
                events.append({**r, "date": _date(r["event_date"]), "country": p["country"],
                               "admin1": p["admin1"], "place_name": p["aliases"].split(" | ")[0]})
        with open(folder / "tallies.csv", encoding="utf-8") as f:
            tallies = [{**r, "as_of": _date(r["as_of"]), "stated_on": _date(r["stated_on"])}
                       for r in csv.DictReader(f)]
        with open(folder / "phases.csv", encoding="utf-8") as f:
            phases = [{**r, "start": _date(r["start"]), "end": _date(r["end"])}
                      for r in csv.DictReader(f)]
        package = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
        return cls(events, tallies, phases, _date(package.get("sources_searched_on", "")),
                   _date(package.get("sources_reach", "")))


@dataclass
class Window:
    start: dt.date
    end: dt.date
    countries: tuple[str, ...] = COUNTRIES
    admin1: str | None = None
    phases: list[dict] = field(default_factory=list)

    def holds(self, e: dict) -> bool:
        return self.start <= e["date"] <= self.end and e["country"] in self.countries and \
            (self.admin1 is None or e["admin1"] == self.admin1)


def window_of(parameters: dict, data: Data) -> Window:
    """The report's countries, governorate and dates, from its parameters."""
    start = _date(parameters.get("start_date") or "2023-10-07")
    end = _date(parameters.get("end_date") or "") or data.searched_on
    countries, admin1 = COUNTRIES, None
    if parameters.get("region"):
        country, _, admin1 = parameters["region"].partition("/")
        countries, admin1 = (country,), admin1 or None
    elif parameters.get("countries"):
        countries = tuple(parameters["countries"])
    if parameters.get("phase"):
        phase = next(p for p in data.phases if p["name"] == parameters["phase"])
        start, end = max(start, phase["start"]), min(end, phase["end"] or end)
    phases = [p for p in data.phases if p["start"] <= end and (p["end"] or end) >= start]
    return Window(start, end, countries, admin1, phases)


def in_window(data: Data, w: Window, category: str) -> list[dict]:
    return [e for e in data.events if e["category"] == category and w.holds(e)]


def headline(data: Data, w: Window) -> dict:
    attacks = in_window(data, w, "attack_on_us")
    strikes = in_window(data, w, "strike_on_militants")
    out = {"attacks_total": len(attacks), "strikes_total": len(strikes),
           "confirmed": sum(e["attribution"] == "confirmed" for e in attacks),
           "claimed": sum(e["attribution"] == "claimed" for e in attacks),
           "us_killed": sum(_int(e["us_killed"]) or 0 for e in attacks),
           "last_attack": max((e["date"] for e in attacks), default=None)}
    out["other"] = out["attacks_total"] - out["confirmed"] - out["claimed"]
    for c in COUNTRIES:
        out[f"attacks_{c.lower()}"] = sum(e["country"] == c for e in attacks)
    return out


def stated_figure(t: dict, w: Window) -> int | None:
    """The tally's figure for the window's countries (None when not stated)."""
    if set(w.countries) == set(COUNTRIES):
        return _int(t["total"])
    parts = [_int(t[c.lower()]) for c in w.countries]
    return None if any(p is None for p in parts) else sum(parts)


def latest_official(data: Data, w: Window, start: dt.date | None = None,
                    end: dt.date | None = None) -> dict | None:
    """The official count the written rule picks in [start, end] for the window's
    countries: the latest date; among counts within 3 days of it the better source."""
    if w.admin1 is not None:
        return None
    lo, hi = start or w.start, end or w.end
    pool = [t for t in data.tallies if t["kind"] == "official" and lo <= t["as_of"] <= hi
            and stated_figure(t, w) is not None]
    if not pool:
        return None
    latest = max(t["as_of"] for t in pool)
    near = [t for t in pool if (latest - t["as_of"]).days <= NEAR_DAYS]
    return min(near, key=lambda t: (SOURCE_RANK[t["source_kind"]], -t["as_of"].toordinal(),
                                    -(t["stated_on"] or t["as_of"]).toordinal(),
                                    -stated_figure(t, w)))


def coverage(data: Data, w: Window, tally: dict) -> tuple[int, int, int]:
    """(official, all documented, US-confirmed) at the tally's date, same countries."""
    upto = [e for e in data.events if e["category"] == "attack_on_us"
            and FIRST_ATTACKS <= e["date"] <= tally["as_of"] and e["country"] in w.countries]
    return (stated_figure(tally, w), len(upto),
            sum(e["attribution"] == "confirmed" for e in upto))
