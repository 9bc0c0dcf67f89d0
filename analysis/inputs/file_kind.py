"""Which input a file is, judged from its header and never from its name: one judgement
that ``validate FILE`` and ``build --data FILE`` share, so they can never disagree.

Kinds: the curated CSVs (``events``, ``places``, ``tallies``, ``phases``, ``articles``) and
``acled`` (an ACLED event-level export). A file is the kind whose columns its header holds
the largest share of. ACLED aggregates (events counted per week or month), Excel workbooks
and files of no known kind are refused, with a message that says what the file is.
"""

from __future__ import annotations

from pathlib import Path

from analysis.inputs import vocabulary as V
from analysis.inputs.acled_layout import Layout, read_layout
from analysis.inputs.problems import DataError, Problem

# The columns the ACLED mapping cannot do without (DESIGN.md §3).
ACLED_REQUIRED = ("event_date", "event_type", "actor1", "actor2", "country", "admin1",
                  "location", "latitude", "longitude", "fatalities", "notes")
# Columns only ACLED's layouts have: a header with two of them is an ACLED file.
ACLED_MARKERS = frozenset({"event_id_cnty", "event_id_no_cnty", "data_id", "event_type",
                           "sub_event_type", "actor1", "actor2", "assoc_actor_1", "inter1",
                           "inter2", "interaction", "disorder_type", "geo_precision",
                           "time_precision", "source_scale", "fatalities"})
CURATED = {"events": V.EVENT_COLUMNS, "places": V.PLACE_COLUMNS, "tallies": V.TALLY_COLUMNS,
           "phases": V.PHASE_COLUMNS, "articles": V.ARTICLE_COLUMNS,
           "toll_statements": V.TOLL_COLUMNS}
AGGREGATE = ("an ACLED event-level export (one row per event); this is an ACLED aggregate "
             "(events and fatalities counted per {unit} and area), which names no actors, "
             "sites or dates of single events: export event-level data from ACLED instead")
UNKNOWN = ("an ACLED event export (columns event_id_cnty, event_date, event_type, actor1, "
           "actor2, country, admin1, location, latitude, longitude, fatalities, notes) or "
           "one of the curated CSVs (events, places, tallies, phases, articles)")


def _aggregate_unit(names: set[str]) -> str | None:
    """'week' or 'month' when the header is one of ACLED's aggregates (weekly regional
    files, HDX monthly files): they count ``events`` and hold no actor."""
    if "events" not in names or "actor1" in names:
        return None
    return "week" if "week" in names else "month"


def kind_of(layout: Layout) -> str:
    """The kind of a file whose header was read; DataError when it is none of them."""
    names = set(layout.names)
    unit = _aggregate_unit(names)
    if unit:
        raise DataError([Problem(layout.label, 1, "(file)", "events per " + unit,
                                 AGGREGATE.format(unit=unit))])
    shares = {kind: len(names & set(columns)) / len(columns)
              for kind, columns in CURATED.items()}
    shares["acled"] = len(names & set(ACLED_REQUIRED)) / len(ACLED_REQUIRED)
    best = max(shares, key=lambda k: shares[k])
    if shares[best] >= 0.5:
        return best
    if len(names & ACLED_MARKERS) >= 2:
        return "acled"  # an ACLED file with columns missing: its loader lists which
    shown = ", ".join(list(layout.names.values())[:6])
    raise DataError([Problem(layout.label, 1, "(header)", shown, UNKNOWN)])


def file_kind(path: Path) -> tuple[str, Layout]:
    """The file's kind and layout (DataError for a file that is no input of ours)."""
    layout = read_layout(path)
    return kind_of(layout), layout
