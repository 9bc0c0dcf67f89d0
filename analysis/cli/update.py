"""``python -m analysis update``: from an ACLED export to the curated data, with a person in
between.

- ``update --acled EXPORT --out REVIEW_DIR`` maps the export as the build does, matches each
  in-scope event to data/events.csv (:mod:`analysis.measures.acled_matching`) and writes
  ``REVIEW_DIR/candidates.csv`` (one row per in-scope ACLED event) and
  ``REVIEW_DIR/review.html`` (the new events, and the disagreements with the matched rows).
  It never writes into the data folder.
- ``update --add REVIEW_DIR/candidates.csv`` appends the rows marked ``add`` = ``yes`` to
  data/events.csv in the curated format. The curated rule is that descriptions are the
  project's own words, so a row is refused until its ``description`` is written by the
  reviewer (and is not ACLED's notes), and until it has ``sources`` (the pages read) and a
  ``place`` key of places.csv. The ACLED id and ACLED's source names are recorded in the
  added row's ``disputes``. The folder is checked as ``validate`` checks it before anything
  is written.
"""

from __future__ import annotations

import csv
import re
import sys
import warnings
from pathlib import Path

import pandas as pd

from analysis.inputs import paths
from analysis.inputs.csv_text import file_label
from analysis.inputs.problems import DataError, Problem

CANDIDATES = "candidates.csv"
REVIEW_PAGE = "review.html"
COLUMNS = ["acled_event_id", "event_date", "category", "place", "match", "reason",
           "disagreements", "location", "admin1", "country", "latitude", "longitude", "actor",
           "attribution", "target", "weapon", "date_precision", "us_killed", "us_injured",
           "killed", "acled_line", "acled_source", "acled_notes", "add", "description",
           "sources", "disputes"]
REVIEWED = ("add", "description", "sources", "disputes")
_URLS = re.compile(r"https?://[^\s|<>\"']+(?: \| https?://[^\s|<>\"']+)*")
_ACLED_MARK = "From ACLED event "


def _refuse_data_folder(out: Path, data: Path) -> None:
    target, folder = out.resolve(), data.resolve()
    for guarded in {folder, paths.DATA_DIR.resolve()}:
        if target == guarded or guarded in target.parents:
            raise DataError([Problem(str(out), None, "--out", str(out),
                                     "a review folder outside the data folder (update never "
                                     "writes into data/)")])


def review(export: Path, out: Path, data: Path = paths.DATA_DIR) -> pd.DataFrame:
    """Write candidates.csv and review.html for an export; return the candidates."""
    from analysis.inputs.acled import load_acled, read_export
    from analysis.inputs.curated import load_dataset
    from analysis.measures.acled_matching import match_events

    _refuse_data_folder(out, data)
    acled = load_acled(export).events
    raw, lines, _ = read_export(export)
    curated = load_dataset(data)
    matches = match_events(acled, curated.events, curated.places)
    candidates = _candidates(acled, matches, raw, lines)
    out.mkdir(parents=True, exist_ok=True)
    _write_candidates(candidates, out / CANDIDATES)
    (out / REVIEW_PAGE).write_text(_page(candidates, curated.events, export, data, out),
                                   encoding="utf-8")
    return candidates


def _candidates(acled: pd.DataFrame, matches: pd.DataFrame, raw: pd.DataFrame,
                lines) -> pd.DataFrame:
    by_line = pd.DataFrame({"notes": raw["notes"].astype(str).to_numpy(),
                            "source": raw["source"].astype(str).to_numpy()}, index=lines)
    acled = acled.reset_index(drop=True)
    frame = pd.DataFrame({
        "acled_event_id": acled["event_id"].astype(str),
        "event_date": acled["event_date"].dt.strftime("%Y-%m-%d"),
        "category": acled["category"].astype(str),
        **{c: matches[c] for c in ("place", "match", "reason", "disagreements")},
        "location": acled["place_name"].astype(str), "admin1": acled["admin1"].astype(str),
        "country": acled["country"].astype(str),
        "latitude": acled["latitude"], "longitude": acled["longitude"],
        **{c: acled[c].astype(str) for c in ("actor", "attribution", "target", "weapon",
                                             "date_precision")},
        **{c: acled[c].astype("Int64").astype(str).replace("<NA>", "")
           for c in ("us_killed", "us_injured", "killed")},
        "acled_line": acled["source_line"],
        "acled_source": by_line.loc[acled["source_line"], "source"].to_numpy(),
        "acled_notes": by_line.loc[acled["source_line"], "notes"].to_numpy(),
        **{c: "" for c in REVIEWED},
    })
    frame["disputes"] = acled["disputes"].astype(str).to_numpy()
    return frame[COLUMNS].sort_values(["event_date", "acled_event_id"], kind="stable")


def _write_candidates(frame: pd.DataFrame, path: Path) -> None:
    from analysis.report.html import neutralise_formulas

    neutralise_formulas(frame).to_csv(path, index=False, quoting=csv.QUOTE_MINIMAL)


def _page(candidates: pd.DataFrame, curated: pd.DataFrame, export: Path, data: Path,
          out: Path) -> str:
    """The review page, from a Jinja2 template with autoescape (ACLED text is untrusted)."""
    import jinja2

    env = jinja2.Environment(loader=jinja2.FileSystemLoader(Path(__file__).with_name(
        "templates")), autoescape=True, undefined=jinja2.StrictUndefined)
    rows = candidates.fillna("").to_dict("records")
    shown = curated.assign(event_date=curated["event_date"].dt.strftime("%Y-%m-%d"))
    by_id = shown.astype(object).where(shown.notna(), "").astype(str).set_index("event_id")
    matched = [r for r in rows if r["match"]]
    disagreeing = [{"acled": r, "curated": by_id.loc[r["match"]].to_dict() | {
        "event_id": r["match"]}, "differs": r["disagreements"].split(" | ")}
        for r in matched if r["disagreements"]]
    summary = {"in_scope": len(rows), "new": len(rows) - len(matched),
               "matched": len(matched), "disagreeing": len(disagreeing)}
    return env.get_template("acled_review.html.j2").render(
        export=file_label(export), data=file_label(data), summary=summary,
        candidates=file_label(out / CANDIDATES), new=[r for r in rows if not r["match"]],
        disagreeing=disagreeing, agreeing=[r for r in matched if not r["disagreements"]])


# ---- adding reviewed rows ------------------------------------------------------------------
def _plain(value: str) -> str:
    """A cell as the reviewer meant it: without the apostrophe that kept a spreadsheet
    from running it as a formula."""
    value = (value or "").strip()
    return value[1:] if value[:2] in {"'=", "'+", "'-", "'@"} else value


def _words(text: str) -> str:
    return " ".join(re.sub(r"[^\w]+", " ", text.lower()).split())


def _row_problems(row: dict, line: int, label: str, places: set[str],
                  added: dict[str, str]) -> list[Problem]:
    problems = []

    def refuse(column: str, value: str, expected: str) -> None:
        problems.append(Problem(label, line, column, value, expected))

    if row["match"]:
        refuse("match", row["match"], "a new event (blank match); this ACLED event is the "
               "curated one named here: add what it adds to that row by hand")
    if row["acled_event_id"] in added:
        refuse("acled_event_id", row["acled_event_id"], "an ACLED event not added before "
               f"(it is {added[row['acled_event_id']]} in events.csv)")
    notes = _words(row["acled_notes"])
    description = _words(row["description"])
    if not description:
        refuse("description", "", "a one-sentence description in your own words (ACLED's "
               "notes are in acled_notes: rewrite them, never copy)")
    elif len(description) >= 20 and (description in notes or notes in description):
        refuse("description", row["description"], "a description in your own words, not "
               "ACLED's notes")
    if not _URLS.fullmatch(row["sources"]):
        refuse("sources", row["sources"], "the http(s) URLs of the pages you read, separated "
               "by ' | ' (ACLED names its outlets in acled_source)")
    if row["place"] not in places:
        refuse("place", row["place"], "a place key of places.csv (add the place there first, "
               "with its coordinates and their source)")
    return problems


def _curated_row(row: dict) -> dict:
    note = f"{_ACLED_MARK}{row['acled_event_id']} (ACLED's sources: {row['acled_source']})."
    disputes = " ".join(part for part in (row["disputes"], note) if part)
    return {**{c: row[c] for c in ("event_date", "date_precision", "category", "actor",
                                   "attribution", "target", "weapon", "place", "us_killed",
                                   "us_injured", "killed", "description", "sources")},
            "us_injured_high": "", "killed_high": "", "disputes": disputes, "seed": "",
            "projectiles": ""}


def _added_before(events: pd.DataFrame) -> dict[str, str]:
    found = {}
    for event_id, disputes in zip(events["event_id"], events["disputes"], strict=True):
        for acled_id in re.findall(re.escape(_ACLED_MARK) + r"(\S+?) \(", str(disputes)):
            found[acled_id] = event_id
    return found


def add_reviewed(candidates: Path, data: Path = paths.DATA_DIR) -> list[str]:
    """Append the candidates marked ``add`` = yes to data/events.csv; their new ids."""
    from analysis.inputs.csv_text import read_table
    from analysis.inputs.curated import load_dataset
    from analysis.inputs.events_append import append_events, next_event_ids

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # extra columns of the review file are expected
        table = read_table(candidates, tuple(COLUMNS))
    chosen = table[table["add"].str.strip().str.lower().isin({"yes", "y", "x", "1"})]
    if chosen.empty:
        raise DataError([Problem(file_label(candidates), None, "add", "",
                                 "at least one row with add = yes")])
    dataset = load_dataset(data)
    added = _added_before(dataset.events)
    label = file_label(candidates)
    rows = [{c: _plain(v) for c, v in r.items()} for r in chosen.to_dict("records")]
    problems = [p for line, row in zip(chosen.index, rows, strict=True)
                for p in _row_problems(row, int(line), label, set(dataset.places["place"]),
                                       added)]
    if problems:
        raise DataError(problems)
    curated = [_curated_row(r) for r in rows]
    ids = next_event_ids([r["event_date"] for r in curated], [r["place"] for r in curated],
                         set(dataset.events["event_id"]))
    append_events(data, [{"event_id": i, **r} for i, r in zip(ids, curated, strict=True)])
    return ids


def run(args) -> int:
    """The command: review an export, or add reviewed rows."""
    if args.add is not None:
        ids = add_reviewed(args.add, args.data)
        events = file_label(args.data / paths.EVENTS_FILE)
        print(f"added {len(ids)} event(s) to {events}: {', '.join(ids)}\n"
              "each description is yours and each row records its ACLED id in disputes; "
              "`python -m analysis validate` passes")
        return 0
    if args.out is None:
        print("error: update --acled EXPORT needs --out REVIEW_DIR", file=sys.stderr)
        return 2
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            candidates = review(args.acled, args.out, args.data)
        finally:  # the export's summary: rows kept, skipped by reason
            for w in caught:
                print(w.message, file=sys.stderr)
    new = int((candidates["match"] == "").sum())
    disagree = int((candidates["disagreements"] != "").sum())
    print(f"{len(candidates)} ACLED event(s) in scope: {new} new, {len(candidates) - new} "
          f"matched to curated events ({disagree} with a disagreement)\n"
          f"  {file_label(args.out / CANDIDATES)}\n  {file_label(args.out / REVIEW_PAGE)}\n"
          f"nothing was written into {file_label(args.data)}")
    return 0
