"""The country and governorate outlines drawn under the maps (data/boundaries.geojson),
checked when read, and the geometry the data checks and maps need: a point's distance
from a country, the centre of an outline.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.inputs import paths
from analysis.inputs.csv_text import file_label, read_text
from analysis.inputs.problems import DataError, Problem

BOUNDARIES_FILE = "boundaries.geojson"
# A site this far (degrees) outside its country's simplified outline is still accepted:
# border bases (al-Tanf, Tower 22) sit within a few km of the line.
BORDER_TOLERANCE = 0.15


def _check(data: object, label: str) -> dict:
    """A FeatureCollection of polygons with level, country (and admin1) properties."""
    def bad(where: str, expected: str) -> DataError:
        return DataError([Problem(label, None, where, "", expected)])

    if not isinstance(data, dict) or not isinstance(data.get("features"), list):
        raise bad("(file)", "a GeoJSON FeatureCollection with a 'features' list")
    for i, f in enumerate(data["features"]):
        where = f"features[{i}]"
        props = f.get("properties") if isinstance(f, dict) else None
        geometry = f.get("geometry") if isinstance(f, dict) else None
        if not isinstance(props, dict) or props.get("level") not in ("country", "admin1") \
                or not isinstance(props.get("country"), str):
            raise bad(where, "properties with level 'country' or 'admin1' and a country name")
        if props["level"] == "admin1" and not isinstance(props.get("admin1"), str):
            raise bad(where, "an admin1 name for a governorate")
        rings = geometry.get("coordinates") if isinstance(geometry, dict) else None
        if not isinstance(rings, list) or not rings:
            raise bad(where, "geometry coordinates: a list of polygons")
        for polygon in rings:
            ok = isinstance(polygon, list) and polygon and isinstance(polygon[0], list) and \
                len(polygon[0]) >= 3 and all(
                    isinstance(p, list) and len(p) == 2 and all(
                        isinstance(v, int | float) and not isinstance(v, bool) for v in p)
                    and -180 <= p[0] <= 180 and -90 <= p[1] <= 90 for p in polygon[0])
            if not ok:
                raise bad(where, "polygons whose outer ring has 3 or more [longitude, "
                                 "latitude] points in range")
    return data


@lru_cache(maxsize=4)
def load_boundaries(path: Path = paths.DATA_DIR / BOUNDARIES_FILE) -> dict:
    """Natural Earth outlines extracted by scripts/extract_boundaries.py (committed),
    checked: a damaged file is a located error, never a broken map."""
    label = file_label(path)
    try:
        data = json.loads(read_text(path))
    except ValueError as err:
        raise DataError([Problem(label, None, "(file)", str(err)[:60], "GeoJSON")]) from None
    return _check(data, label)


def outer_rings(boundaries: dict, country: str, admin1: str | None = None) -> list:
    """The outer rings of a country (its governorates' outlines) or of one governorate."""
    rings = []
    for f in boundaries["features"]:
        p = f["properties"]
        if p["country"] != country:
            continue
        if admin1 is None and p["level"] == "country" or \
                admin1 is not None and p["level"] == "admin1" and p["admin1"] == admin1:
            rings += [polygon[0] for polygon in f["geometry"]["coordinates"]]
    if not rings and admin1 is None:  # no country outline: its governorates
        rings = [polygon[0] for f in boundaries["features"]
                 if f["properties"]["country"] == country
                 for polygon in f["geometry"]["coordinates"]]
    return rings


def centre(rings: list) -> tuple[float, float]:
    """(latitude, longitude) of the area-weighted centroid of outer rings (planar)."""
    area_sum = cx = cy = 0.0
    for pts in rings:
        for (x0, y0), (x1, y1) in zip(pts, pts[1:] + pts[:1], strict=True):
            cross = x0 * y1 - x1 * y0
            area_sum += cross
            cx += (x0 + x1) * cross
            cy += (y0 + y1) * cross
    area = area_sum / 2
    return round(cy / (6 * area), 4), round(cx / (6 * area), 4)


def _inside(x: float, y: float, ring: list) -> bool:
    pts = np.asarray(ring, dtype=float)
    xs, ys = pts[:, 0], pts[:, 1]
    xj, yj = np.roll(xs, 1), np.roll(ys, 1)
    crosses = ((ys > y) != (yj > y)) & (x < (xj - xs) * (y - ys) / (yj - ys + 1e-300) + xs)
    return bool(crosses.sum() % 2)


def _distance(x: float, y: float, ring: list) -> float:
    pts = np.asarray(ring, dtype=float)
    a, b = pts, np.roll(pts, -1, axis=0)
    ab = b - a
    t = np.clip(((x - a[:, 0]) * ab[:, 0] + (y - a[:, 1]) * ab[:, 1])
                / np.maximum((ab ** 2).sum(axis=1), 1e-18), 0, 1)
    nearest = a + ab * t[:, None]
    return float(np.sqrt(((nearest - [x, y]) ** 2).sum(axis=1)).min())


def degrees_outside(boundaries: dict, country: str, latitude: float, longitude: float
                    ) -> float | None:
    """How far (degrees) a point lies outside a country's outline: 0 inside; None when
    the outlines do not include the country."""
    rings = outer_rings(boundaries, country)
    if not rings:
        return None
    if any(_inside(longitude, latitude, r) for r in rings):
        return 0.0
    return min(_distance(longitude, latitude, r) for r in rings)


def country_label_points(boundaries: dict) -> pd.DataFrame:
    """Where a map writes each country's name: the centre of its outline."""
    countries = sorted({f["properties"]["country"] for f in boundaries["features"]})
    rows = []
    for country in countries:
        rings = outer_rings(boundaries, country)
        if rings:
            lat, lon = centre(rings)
            rows.append({"country": country, "latitude": lat, "longitude": lon})
    return pd.DataFrame(rows, columns=["country", "latitude", "longitude"])


def extent_of(boundaries: dict, country: str, admin1: str | None = None,
              margin: float = 0.6) -> tuple[float, float, float, float]:
    """Longitude/latitude box around a country or governorate, for zooming a map."""
    rings = outer_rings(boundaries, country, admin1)
    if not rings:
        return (35.0, 49.0, 29.0, 38.0)
    xs = [pt[0] for r in rings for pt in r]
    ys = [pt[1] for r in rings for pt in r]
    return (min(xs) - margin, max(xs) + margin, min(ys) - margin, max(ys) + margin)
