"""The controlled vocabularies of the data model (DESIGN.md §3), defined once."""

ATTACK = "attack_on_us"  # on a US or US-led coalition position
STRIKE = "strike_on_militants"  # on an Iran-aligned group
CATEGORIES = (ATTACK, STRIKE)
ATTRIBUTIONS = ("claimed", "confirmed", "alleged", "unknown")
WEAPONS = ("drone", "rocket", "ballistic_missile", "mortar", "airstrike", "mixed", "unknown")
DATE_PRECISIONS = ("day", "week", "month")
PLACE_KINDS = ("base", "town", "city", "crossing", "facility", "region", "unlocated")
# Kinds no source locates: a whole area ("somewhere in Anbar"), or a named site. Their
# coordinates are their governorate's or country's centre (precision says which).
UNMAPPED_KINDS = ("region", "unlocated")
COUNTRIES = ("Iraq", "Syria", "Jordan")
# official: US government statements; tracker: independent analysts' running counts;
# claim: the militias' own cumulative claims; monitor: counts by local authorities (e.g. the
# Kurdistan Region) and monitoring groups. Kinds are never added to or equated with each other.
TALLY_KINDS = ("official", "tracker", "claim", "monitor")
# How directly a tally's cited page gives the count, best first: the speaker's own
# transcript or release; a major wire or newspaper of record; another site relaying it; a
# third party's summary of the speaker's figures.
SOURCE_KINDS = ("primary", "wire", "relay", "summary")

# The earliest date any row may carry: the war began on 7 October 2023 and the data model
# covers that month whole.
EARLIEST_DATE = "2023-10-01"
# Where reports start by default: the day of the Hamas attack (notebooks' parameter cells
# repeat it as a literal, which papermill needs; a test keeps them equal).
REPORT_START = "2023-10-07"

SOURCE_SEPARATOR = " | "
ALIAS_SEPARATOR = " | "

EVENT_COLUMNS = (
    "event_id", "event_date", "date_precision", "category", "actor", "attribution", "target",
    "weapon", "place", "us_killed", "us_injured", "killed", "us_injured_high", "killed_high",
    "disputes", "description", "sources", "seed", "projectiles",
)
# Whole-number columns of events.csv; blank is unknown, never zero. ``projectiles`` is the
# number of drones, rockets or missiles launched at the site that day, as reported.
COUNT_COLUMNS = ("us_killed", "us_injured", "killed", "us_injured_high", "killed_high",
                 "projectiles")
# How exactly a place's coordinates locate it: the site itself; its town or a stand-in; the
# centre of its governorate or country (no source locates the site). Maps draw all but
# ``exact`` hollow, as approximate.
PRECISIONS = ("exact", "town", "governorate", "country")
PLACE_COLUMNS = (
    "place", "aliases", "kind", "country", "admin1", "latitude", "longitude", "precision",
    "source", "notes",
    "us_presence_start", "us_presence_end", "presence_source", "presence_note",
)
PHASE_COLUMNS = ("name", "start", "end", "summary", "sources")
TALLY_COLUMNS = (
    "kind", "as_of", "stated_on", "total", "iraq", "syria", "jordan", "us_injured",
    "us_killed", "speaker", "source", "note", "source_kind", "counts",
)
TALLY_COUNT_COLUMNS = ("total", "iraq", "syria", "jordan", "us_injured", "us_killed")
ARTICLE_COLUMNS = ("id", "file", "published", "outlet", "title", "url")
# data/toll_statements.csv: one event's toll as stated over time (Tower 22: 34, then 40,
# then 47 injured), so a claim is held against the figure known on its article's day.
TOLL_COLUMNS = ("event_id", "measure", "value", "stated_on", "replaces_earlier", "speaker",
                "source", "note")
# The events.csv count column each statement states.
TOLL_MEASURES = ("us_killed", "us_injured", "killed")
