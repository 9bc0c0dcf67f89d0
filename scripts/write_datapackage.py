"""Write data/datapackage.json (Frictionless Data Package) from the project's vocabulary.

Run after changing a column, a vocabulary or the dates of the search:
    python scripts/write_datapackage.py [--searched-on YYYY-MM-DD] [--reach YYYY-MM-DD]
                                        [--version X.Y.Z] [--created YYYY-MM-DD]
tests/inputs/test_datapackage.py validates the package with frictionless and fails when it
disagrees with the pandera schemas, so an edit to one without the other is caught.
"""

from __future__ import annotations

import argparse
import json

from analysis.inputs import paths
from analysis.inputs import vocabulary as V

URLS = "One or more http(s) URLs of published pages, separated by ' | '."
PARTIAL_DATE = r"^(\d{4}(-\d{2}(-\d{2})?)?)?$"
URL_LIST = r"^https?://[^\s|<>\"']+( \| https?://[^\s|<>\"']+)*$"
COUNT = {"type": "integer", "constraints": {"minimum": 0}}

DESCRIPTIONS = {
    "events": {
        "event_id": ("string", "Unique, stable id: YYYY-MM-DD-<place>-<n>."),
        "event_date": ("date", "Local date of the incident (Iraq/Syria time)."),
        "date_precision": ("string", "How exactly the date is known."),
        "category": ("string", "attack_on_us (on a US or US-led coalition position) or "
                               "strike_on_militants (on an Iran-aligned group)."),
        "actor": ("string", "Who did it, as sources name it."),
        "attribution": ("string", "What kind of knowledge: confirmed by the actor's or the US "
                                  "government, claimed by the militia only, alleged by a third "
                                  "party, or unknown."),
        "target": ("string", "Whom it hit."),
        "weapon": ("string", "The weapon, as reported."),
        "place": ("string", "Key into places.csv."),
        "us_killed": ("integer", "US personnel killed; most conservative figure reported. "
                                 "Blank = unknown, never zero."),
        "us_injured": ("integer", "US personnel injured; most conservative figure. Blank = "
                                  "unknown."),
        "killed": ("integer", "Others killed (militants in a strike; non-US people in an "
                              "attack); most conservative figure. Blank = unknown."),
        "us_injured_high": ("integer", "Highest figure of US injured reported, where sources "
                                       "disagree."),
        "killed_high": ("integer", "Highest figure of others killed reported, where sources "
                                   "disagree."),
        "disputes": ("string", "Where sources disagree (date, toll, site, attribution): what "
                               "each says, naming the source."),
        "description": ("string", "One sentence in the project's own words."),
        "sources": ("string", URLS),
        "seed": ("string", "Id of a seed article (seeds/articles.csv) that reports the event."),
        "projectiles": ("integer", "Drones, rockets or missiles launched at the site that day, "
                                   "as reported. Blank = not reported."),
    },
    "places": {
        "place": ("string", "Key."),
        "aliases": ("string", "Names articles use, separated by ' | '; the first is the display "
                              "name."),
        "kind": ("string", "What the place is; region and unlocated have no coordinates."),
        "country": ("string", "Country."),
        "admin1": ("string", "Governorate or province, spelt as in boundaries.geojson."),
        "latitude": ("number", "Decimal degrees (see precision)."),
        "longitude": ("number", "Decimal degrees (see precision)."),
        "precision": ("string", "How exactly the coordinates locate the place: exact (the site "
                                "itself), town (its town or a stand-in), governorate or country "
                                "(the centre of its outline: no source locates the site)."),
        "source": ("string", "The page the coordinates come from."),
        "notes": ("string", "Precision of the location and other remarks."),
        "us_presence_start": ("string", "When US or coalition presence began, as YYYY, YYYY-MM "
                                        "or YYYY-MM-DD; blank if no source says."),
        "us_presence_end": ("string", "When it ended (same form); blank if ongoing or unknown."),
        "presence_source": ("string", URLS + " Required when a presence date is given."),
        "presence_note": ("string", "What the presence dates rest on and what is disputed."),
    },
    "tallies": {
        "kind": ("string", "official (US government), tracker (independent analysts), claim "
                           "(the militias' own cumulative claims), monitor (local authorities "
                           "and monitors). Kinds are never added to or equated with each "
                           "other."),
        "as_of": ("date", "The date the count covers up to."),
        "stated_on": ("date", "When it was said or published; blank if unknown."),
        "total": ("integer", "Cumulative count as stated; blank = not stated."),
        "iraq": ("integer", "Iraq's share as stated."),
        "syria": ("integer", "Syria's share as stated."),
        "jordan": ("integer", "Jordan's share as stated."),
        "us_injured": ("integer", "US injured as stated."),
        "us_killed": ("integer", "US killed as stated (for a claim: as claimed)."),
        "speaker": ("string", "Who stated it; relays are written 'X (via Y)'."),
        "source": ("string", "URL of the page read."),
        "note": ("string", "What the source says about the count, and how it compares "
                           "with others."),
        "source_kind": ("string", "How directly the page gives the count: primary (the "
                                  "speaker's own transcript or release), wire (a major wire "
                                  "or newspaper of record), relay (another site copying it), "
                                  "summary (a third party's summary of the figures)."),
        "counts": ("string", "What the count includes, in a few words: targets, region, "
                             "period, whether Iran's own strikes are in it (reports show it)."),
    },
    "toll_statements": {
        "event_id": ("string", "The event (events.csv) whose toll was stated."),
        "measure": ("string", "The events.csv count stated: us_killed, us_injured or "
                              "killed."),
        "value": ("integer", "The figure as stated ('more than 40' is 40, a floor: the note "
                             "says so). Blank: the source gave no number ('several')."),
        "stated_on": ("date", "When it was said or published; blank if unknown (then never "
                              "used to check an article)."),
        "replaces_earlier": ("string", "'yes' where the figure replaces the earlier ones (an "
                                       "update, a correction); blank where it stands beside "
                                       "them (another source)."),
        "speaker": ("string", "Who stated it; relays are written 'X (via Y)'."),
        "source": ("string", "URL of the page read."),
        "note": ("string", "The words of the source, what the figure covers, doubts."),
    },
    "phases": {
        "name": ("string", "The phase's name, as reports show it."),
        "start": ("date", "First day."),
        "end": ("date", "Last day; blank for the phase still running."),
        "summary": ("string", "One line on what marks the phase."),
        "sources": ("string", URLS + " The boundaries rest on these."),
    },
}
ENUMS = {("events", "date_precision"): V.DATE_PRECISIONS, ("events", "category"): V.CATEGORIES,
         ("events", "attribution"): V.ATTRIBUTIONS, ("events", "weapon"): V.WEAPONS,
         ("places", "kind"): V.PLACE_KINDS, ("places", "country"): V.COUNTRIES,
         ("places", "precision"): V.PRECISIONS,
         ("tallies", "kind"): V.TALLY_KINDS, ("tallies", "source_kind"): V.SOURCE_KINDS,
         ("toll_statements", "measure"): V.TOLL_MEASURES,
         ("toll_statements", "replaces_earlier"): ("yes",)}
COLUMNS = {"events": V.EVENT_COLUMNS, "places": V.PLACE_COLUMNS, "tallies": V.TALLY_COLUMNS,
           "phases": V.PHASE_COLUMNS, "toll_statements": V.TOLL_COLUMNS}
REQUIRED = {"events": {"event_id", "event_date", "date_precision", "category", "actor",
                       "attribution", "target", "weapon", "place", "description", "sources"},
            "places": {"place", "aliases", "kind", "country", "latitude", "longitude",
                       "precision", "source"},
            "tallies": {"kind", "as_of", "speaker", "source", "source_kind", "counts"},
            "phases": {"name", "start", "summary", "sources"},
            "toll_statements": {"event_id", "measure", "speaker", "source"}}
PATTERNS = {("events", "sources"): URL_LIST, ("phases", "sources"): URL_LIST,
            ("places", "us_presence_start"): PARTIAL_DATE,
            ("places", "us_presence_end"): PARTIAL_DATE}


def field(resource: str, name: str) -> dict:
    kind, description = DESCRIPTIONS[resource][name]
    spec: dict = {"name": name, "type": kind, "description": description}
    constraints: dict = {}
    if name in REQUIRED[resource]:
        constraints["required"] = True
    if (resource, name) in ENUMS:
        constraints["enum"] = list(ENUMS[(resource, name)])
    if (resource, name) in PATTERNS:
        constraints["pattern"] = PATTERNS[(resource, name)]
    if kind == "integer":
        constraints["minimum"] = 0
    if resource == "events" and name == "event_id" or resource in ("places", "phases") \
            and name in ("place", "name"):
        constraints["unique"] = True
    if constraints:
        spec["constraints"] = constraints
    return spec


def package(searched_on: str, version: str, reach: str | None, created: str) -> dict:
    resources = []
    for name, columns in COLUMNS.items():
        resources.append({
            "name": name, "path": f"{name}.csv", "format": "csv", "encoding": "utf-8",
            "schema": {"fields": [field(name, c) for c in columns],
                       **({"primaryKey": [columns[0]]}
                          if name not in ("tallies", "toll_statements") else {}),
                       **({"foreignKeys": [{"fields": ["place"],
                                            "reference": {"resource": "places",
                                                          "fields": ["place"]}}]}
                          if name == "events" else {}),
                       **({"foreignKeys": [{"fields": ["event_id"],
                                            "reference": {"resource": "events",
                                                          "fields": ["event_id"]}}]}
                          if name == "toll_statements" else {}),
                       "missingValues": [""]},
        })
    return {
        "name": "since-oct7",
        "title": "Attacks by Iran-aligned militias on US positions in Iraq, Syria and Jordan "
                 "since 7 October 2023, and the strikes that answered them",
        "version": version,
        # Frictionless wants a datetime: the version's day, at midnight UTC.
        "created": f"{created[:10]}T00:00:00Z" if created else None,
        # When the sources were last searched, and how far they reach (the newest available
        # page of the outlets searched): after the reach, reports say "no data".
        "sources_searched_on": searched_on,
        **({"sources_reach": reach} if reach else {}),
        "licenses": [{"name": "CC-BY-4.0", "title": "Creative Commons Attribution 4.0",
                      "path": "https://creativecommons.org/licenses/by/4.0/"}],
        "sources_policy": "Every event, count and place rests on published pages that were "
                          "found and read; their URLs are in the rows. Descriptions are the "
                          "project's own words; the linked pages remain their publishers'. "
                          "Blank means unknown, never zero. See data/README.md.",
        "resources": resources,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    current = json.loads((paths.DATA_DIR / paths.PACKAGE_FILE).read_text()) \
        if (paths.DATA_DIR / paths.PACKAGE_FILE).exists() else {}
    parser.add_argument("--searched-on", default=current.get("sources_searched_on"))
    parser.add_argument("--reach", default=current.get("sources_reach"))
    parser.add_argument("--version", default=current.get("version", "0.1.0"))
    parser.add_argument("--created", default=current.get("created"),
                        help="the data version's date, YYYY-MM-DD")
    args = parser.parse_args()
    text = json.dumps(package(args.searched_on, args.version, args.reach, args.created),
                      indent=1, ensure_ascii=False)
    (paths.DATA_DIR / paths.PACKAGE_FILE).write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
