"""Give every place in data/places.csv coordinates and a `precision`, so every event is drawn.

A place whose sources locate the site itself is `exact`; one located by its town or a
stand-in (the notes say "TOWN coordinates", "PROXY", ...) is `town`. A place no source
locates (kind `unlocated` or `region`) is put at the centre of its governorate (`governorate`)
or, with none, of its country (`country`): the centre of the outline in
data/boundaries.geojson (Natural Earth, public domain), the source written in the row.
Maps draw every place but `exact` hollow, as approximate. Re-run after adding places:

    .venv/bin/python scripts/place_precision.py
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

from analysis.inputs.boundaries import centre, outer_rings

DATA = Path(__file__).resolve().parents[1] / "data"
NATURAL_EARTH = "https://www.naturalearthdata.com/"
TOWN_MARKS = ("TOWN coordinates", "PROXY", "located by its town", "village", "Town coordinates")


def centres() -> dict[tuple[str, str], tuple[float, float]]:
    boundaries = json.loads((DATA / "boundaries.geojson").read_text(encoding="utf-8"))
    out: dict[tuple[str, str], tuple[float, float]] = {}
    for f in boundaries["features"]:
        p = f["properties"]
        if p["level"] == "admin1":
            out[(p["country"], p["admin1"])] = centre(outer_rings(boundaries, p["country"],
                                                                  p["admin1"]))
        out.setdefault((p["country"], ""), centre(outer_rings(boundaries, p["country"])))
    return out


def main() -> None:
    path = DATA / "places.csv"
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        fields = list(reader.fieldnames or [])
        rows = list(reader)
    if "precision" not in fields:
        fields.insert(fields.index("longitude") + 1, "precision")
    known = centres()
    for row in rows:
        if row.get("precision"):
            continue
        if row["latitude"] and row["longitude"]:
            town = any(mark in row["notes"] for mark in TOWN_MARKS)
            row["precision"] = "town" if town and row["kind"] not in ("city", "town") \
                else "exact"
            continue
        level = "governorate" if row["admin1"] else "country"
        lat, lon = known[(row["country"], row["admin1"])]
        row.update(latitude=f"{lat:.4f}", longitude=f"{lon:.4f}", precision=level,
                   source=row["source"] or NATURAL_EARTH)
        note = (f"Approximate: no source locates this place; drawn at the centre of the "
                f"{'governorate' if level == 'governorate' else 'country'}'s outline in "
                "boundaries.geojson (Natural Earth).")
        row["notes"] = f"{row['notes']} {note}".strip() if note not in row["notes"] \
            else row["notes"]
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


if __name__ == "__main__":
    main()
