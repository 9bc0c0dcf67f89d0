"""The controlled vocabularies of the data model (DESIGN.md §3), defined once."""

CATEGORIES = ("attack_on_us", "strike_on_militants")
ATTRIBUTIONS = ("claimed", "confirmed", "alleged", "unknown")
WEAPONS = ("drone", "rocket", "ballistic_missile", "mortar", "airstrike", "mixed", "unknown")
DATE_PRECISIONS = ("day", "week", "month")
PLACE_KINDS = ("base", "town", "city", "crossing", "facility", "region", "unlocated")
# Kinds that may have no coordinates: a whole area ("somewhere in Anbar"), or a named site
# that no source locates. Neither is drawn on a map; both still count in tables.
UNMAPPED_KINDS = ("region", "unlocated")
COUNTRIES = ("Iraq", "Syria", "Jordan")
TALLY_KINDS = ("official", "tracker")

# The earliest date any row may carry: the war began on 7 October 2023 and the data model
# covers that month whole.
EARLIEST_DATE = "2023-10-01"

SOURCE_SEPARATOR = " | "
ALIAS_SEPARATOR = " | "

EVENT_COLUMNS = (
    "event_id", "event_date", "date_precision", "category", "actor", "attribution", "target",
    "weapon", "place", "us_killed", "us_injured", "killed", "us_injured_high", "killed_high",
    "disputes", "description", "sources", "seed",
)
COUNT_COLUMNS = ("us_killed", "us_injured", "killed", "us_injured_high", "killed_high")
PLACE_COLUMNS = (
    "place", "aliases", "kind", "country", "admin1", "latitude", "longitude", "source", "notes",
)
TALLY_COLUMNS = (
    "kind", "as_of", "stated_on", "total", "iraq", "syria", "jordan", "us_injured",
    "us_killed", "speaker", "source", "note",
)
TALLY_COUNT_COLUMNS = ("total", "iraq", "syria", "jordan", "us_injured", "us_killed")
ARTICLE_COLUMNS = ("id", "file", "published", "outlet", "title", "url")
