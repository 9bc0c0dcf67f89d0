"""Extract country and governorate outlines for the maps, once, into data/boundaries.geojson.

Source: Natural Earth admin-1 and admin-0 layers (public domain) as shipped by Debian's
`qgis-common` package in /usr/share/qgis/resources/data/world_map.gpkg. Run by hand after
`apt-get install qgis-common`; the output is committed, so builds need neither QGIS nor the
network. Standard library only: GeoPackage geometries are WKB behind a small header.
"""

from __future__ import annotations

import json
import sqlite3
import struct
import sys
from pathlib import Path

GPKG = Path("/usr/share/qgis/resources/data/world_map.gpkg")
OUT = Path(__file__).resolve().parent.parent / "data" / "boundaries.geojson"
STUDY = ("Iraq", "Syria", "Jordan")
NEIGHBOURS = ("Turkey", "Iran", "Saudi Arabia", "Lebanon", "Israel", "Kuwait", "Palestine")
# Natural Earth's spelling -> the gazetteer's (data/places.csv admin1).
ADMIN1_NAMES = {
    "Al-Anbar": "Anbar", "Arbil": "Erbil", "At-Ta'mim": "Kirkuk", "Ninawa": "Nineveh",
    "Dihok": "Duhok", "Sala ad-Din": "Saladin", "Al-Basrah": "Basra", "An-Najaf": "Najaf",
    "Karbala'": "Karbala", "Al-Muthannia": "Muthanna", "Al-Qādisiyyah": "Qadisiyyah",
    "Dhi-Qar": "Dhi Qar", "As-Sulaymaniyah": "Sulaymaniyah",
    "Dayr Az Zawr": "Deir ez-Zor", "Hasaka (Al Haksa)": "Hasakah", "Homs (Hims)": "Homs",
    "Ar Raqqah": "Raqqa", "Hamah": "Hama", "Dar`a": "Daraa", "As Suwayda'": "Suwayda",
    "Lattakia": "Latakia", "Ma`an": "Ma'an",
}
DECIMALS = 3


def _wkb_polygons(blob: bytes) -> list:
    flags = blob[3]
    envelope = {0: 0, 1: 32, 2: 48, 3: 48, 4: 64}[(flags >> 1) & 0b111]
    data, offset = blob[8 + envelope:], 0

    def read(fmt: str, order: str):
        nonlocal offset
        values = struct.unpack_from(order + fmt, data, offset)
        offset += struct.calcsize(fmt)
        return values

    def geometry():
        order = "<" if data[offset] == 1 else ">"
        _advance(1)
        (kind,) = read("I", order)
        kind %= 1000
        if kind == 3:
            return [polygon(order)]
        if kind == 6:
            (n,) = read("I", order)
            return [p for _ in range(n) for p in geometry()]
        raise ValueError(f"unsupported geometry type {kind}")

    def polygon(order: str):
        (rings,) = read("I", order)
        out = []
        for _ in range(rings):
            (n,) = read("I", order)
            pts = [read("dd", order) for _ in range(n)]
            out.append(_simplify(pts))
        return out

    def _advance(n: int):
        nonlocal offset
        offset += n

    return geometry()


def _simplify(points: list[tuple[float, float]]) -> list[list[float]]:
    rounded, last = [], None
    for x, y in points:
        p = [round(x, DECIMALS), round(y, DECIMALS)]
        if p != last:
            rounded.append(p)
            last = p
    return rounded


def main() -> int:
    if not GPKG.exists():
        print(f"{GPKG} not found: apt-get install qgis-common", file=sys.stderr)
        return 1
    db = sqlite3.connect(GPKG)
    features = []
    for name, admin, geom in db.execute(
            "select name, admin, geom from states_provinces where admin in (?, ?, ?) "
            "order by admin, name", STUDY):
        features.append({"type": "Feature", "properties": {
            "level": "admin1", "country": admin, "admin1": ADMIN1_NAMES.get(name, name),
            "natural_earth_name": name},
            "geometry": {"type": "MultiPolygon", "coordinates": _wkb_polygons(geom)}})
    columns = [r[1] for r in db.execute("pragma table_info(countries)")]
    name_col = "ADMIN" if "ADMIN" in columns else ("admin" if "admin" in columns else "name")
    for name, geom in db.execute(
            f"select {name_col}, geom from countries where {name_col} in "
            f"({','.join('?' * (len(STUDY) + len(NEIGHBOURS)))}) order by {name_col}",
            STUDY + NEIGHBOURS):
        features.append({"type": "Feature", "properties": {"level": "country", "country": name},
                         "geometry": {"type": "MultiPolygon", "coordinates": _wkb_polygons(geom)}})
    OUT.write_text(json.dumps({
        "type": "FeatureCollection",
        "source": "Natural Earth admin-0 and admin-1 (public domain), via Debian qgis-common "
                  "world_map.gpkg",
        "features": features}, separators=(",", ":")))
    print(f"wrote {OUT} ({OUT.stat().st_size // 1024} KiB, {len(features)} features)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
