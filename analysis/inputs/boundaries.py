"""The country and governorate outlines drawn under the maps (data/boundaries.geojson)."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from analysis.inputs import paths

BOUNDARIES_FILE = "boundaries.geojson"


@lru_cache(maxsize=4)
def load_boundaries(path: Path = paths.DATA_DIR / BOUNDARIES_FILE) -> dict:
    """Natural Earth outlines extracted by scripts/extract_boundaries.py (committed)."""
    return json.loads(path.read_text(encoding="utf-8"))


def extent_of(boundaries: dict, country: str, admin1: str | None = None,
              margin: float = 0.6) -> tuple[float, float, float, float]:
    """Longitude/latitude box around a country or governorate, for zooming a map."""
    xs, ys = [], []
    for f in boundaries["features"]:
        p = f["properties"]
        wanted = (p["level"] == "admin1" and p["country"] == country
                  and (admin1 is None or p["admin1"] == admin1))
        if wanted:
            for polygon in f["geometry"]["coordinates"]:
                xs += [pt[0] for pt in polygon[0]]
                ys += [pt[1] for pt in polygon[0]]
    if not xs:
        return (35.0, 49.0, 29.0, 38.0)
    return (min(xs) - margin, max(xs) + margin, min(ys) - margin, max(ys) + margin)
