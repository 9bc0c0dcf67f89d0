"""SYNTHETIC ACLED-layout data for scale tests and benchmarks: never shown in a report.

Rows are random draws over the project's real places, with ACLED's columns and its four
date formats; the notes carry weapon keywords so every mapping path is exercised.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

US = "Military Forces of the United States (2021-)"
PLACES = [  # (location, admin1, country, latitude, longitude)
    ("Ain al-Asad Air Base", "Anbar", "Iraq", 33.7856, 42.4412),
    ("Erbil Air Base", "Erbil", "Iraq", 36.2375, 43.9631),
    ("Harir Air Base", "Erbil", "Iraq", 36.5306, 44.3417),
    ("Victory Base Complex", "Baghdad", "Iraq", 33.2625, 44.2344),
    ("At-Tanf Garrison", "Homs", "Syria", 33.5058, 38.6178),
    ("Conoco gas field", "Deir ez-Zor", "Syria", 35.3361, 40.3094),
    ("Green Village", "Deir ez-Zor", "Syria", 35.1517, 40.5758),
    ("al-Shaddadi", "Hasakah", "Syria", 36.0561, 40.7303),
    ("Abu Kamal", "Deir ez-Zor", "Syria", 34.4536, 40.9367),
    ("Tower 22", "Mafraq", "Jordan", 33.3142, 38.7033),
]
NOTES = ["A drone attack on the base.", "Rockets were fired at the base; the group claimed it.",
         "A Pentagon official said a one-way drone was shot down.", "Mortar rounds hit nearby.",
         "A ballistic missile and rockets struck the base.", "An air strike hit a depot."]
FORMATS = ["%Y-%m-%d", "%d %B %Y", "%d-%m-%Y", "%d-%b-%y"]


def write_synthetic_acled(path: Path, rows: int, seed: int = 7) -> Path:
    """Write ``rows`` synthetic ACLED rows to ``path`` (about 200 bytes a row)."""
    rng = np.random.default_rng(seed)
    place = rng.integers(0, len(PLACES), rows)
    strike = rng.random(rows) < 0.15
    days = pd.to_datetime("2023-10-17") + pd.to_timedelta(rng.integers(0, 700, rows), unit="D")
    fmt = rng.integers(0, 4, rows)
    dates = np.empty(rows, dtype=object)
    for i, f in enumerate(FORMATS):
        mask = fmt == i
        dates[mask] = days[mask].strftime(f)
    p = [PLACES[i] for i in range(len(PLACES))]
    frame = pd.DataFrame({
        "event_id_cnty": np.char.add("SYN", np.arange(rows).astype(str)),
        "event_date": dates,
        "year": days.year,
        "time_precision": "1",
        "event_type": "Explosions/Remote violence",
        "sub_event_type": np.where(strike, "Air/drone strike", "Shelling/artillery/missile attack"),
        "actor1": np.where(strike, US, "Islamic Resistance in Iraq"),
        "actor2": np.where(strike, "Kata'ib Hezbollah", US),
        "country": [p[i][2] for i in place],
        "admin1": [p[i][1] for i in place],
        "location": [p[i][0] for i in place],
        "latitude": [p[i][3] for i in place],
        "longitude": [p[i][4] for i in place],
        "source": "Synthetic",
        "notes": np.array(NOTES, dtype=object)[rng.integers(0, len(NOTES), rows)],
        "fatalities": rng.integers(0, 4, rows),
    })
    frame.to_csv(path, index=False)
    return path
