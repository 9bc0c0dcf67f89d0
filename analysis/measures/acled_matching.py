"""Which curated event an ACLED event is: an export's in-scope rows held against
data/events.csv, for a person to review before any row is added (``python -m analysis
update``).

An ACLED row matches a curated event of the same category, dated within a day, at the same
place (a gazetteer alias of the ACLED location, or a curated place within MAX_KM of its
coordinates) or, where one side names no known site, in the same governorate. The actor
breaks ties and, like the date and the tolls, is reported where the two disagree. Each
curated event is matched to at most one ACLED row: the closest pair first.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
import pandas as pd

from analysis.inputs.vocabulary import ALIAS_SEPARATOR, UNMAPPED_KINDS

MAX_KM = 10.0  # an ACLED point this close to a curated place is that place
GENERIC_ACTORS = {"unknown", "iranalignedmilitia", "iranalignedmilitias"}
TOLLS = (("us_killed", "us_killed"), ("us_injured", "us_injured_high"),
         ("killed", "killed_high"))
WHAT = {"attack_on_us": "attack", "strike_on_militants": "strike"}


def _letters(text: str) -> str:
    """A name as letters only, lower-case, without a leading article: "Al-Asad" = "asad"."""
    letters = "".join(c for c in str(text).lower() if c.isalnum())
    return letters[2:] if letters.startswith("al") and len(letters) > 4 else letters


def same_governorate(a: str, b: str) -> bool:
    """Governorates spelled by ACLED and by Natural Earth ("Al Hasakeh", "Hasakah";
    "Ninewa", "Nineveh"): the same when their first four letters are."""
    a, b = _letters(a), _letters(b)
    return bool(a) and bool(b) and a[:4] == b[:4]


def _km(lat1, lon1, lat2, lon2) -> np.ndarray:
    lat1, lon1, lat2, lon2 = (np.radians(np.asarray(v, dtype=float))
                              for v in (lat1, lon1, lat2, lon2))
    h = (np.sin((lat2 - lat1) / 2) ** 2
         + np.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2)
    return 6371.0 * 2 * np.arcsin(np.sqrt(h))


def curated_place(location: str, country: str, lat: float, lon: float,
                  places: pd.DataFrame) -> str:
    """The gazetteer's key for an ACLED location: an alias with the same letters, else
    the nearest located place within MAX_KM; '' when there is none."""
    here = places[places["country"] == country]
    wanted = _letters(location)
    for row in here.itertuples(index=False):
        if any(_letters(a) == wanted for a in row.aliases.split(ALIAS_SEPARATOR)):
            return row.place
    located = here[~here["kind"].isin(UNMAPPED_KINDS) & here["latitude"].notna()]
    if located.empty or pd.isna(lat) or pd.isna(lon):
        return ""
    distance = _km(lat, lon, located["latitude"], located["longitude"])
    nearest = int(np.argmin(distance))
    return str(located["place"].iat[nearest]) if distance[nearest] <= MAX_KM else ""


def _actors_agree(a: str, b: str) -> bool:
    a, b = _letters(a), _letters(b)
    return a == b or a in GENERIC_ACTORS or b in GENERIC_ACTORS


def _vague(a: pd.Series, c: pd.Series) -> bool:
    """Only a governorate can match: one side names no site (the ACLED location is in no
    gazetteer entry, or the curated place is a region or an unlocated site). Two known,
    different sites are two events."""
    return not a["place"] or c["place_kind"] in UNMAPPED_KINDS


class _Pair(NamedTuple):
    """One row of ``_pairs``: an ACLED row, a curated event, and how well they match."""
    acled: int
    curated: int
    level: int
    days: int
    agree: bool
    score: int


def _pairs(acled: pd.DataFrame, curated: pd.DataFrame) -> pd.DataFrame:
    """Every (ACLED row, curated event) that may be one event, with its score."""
    rows = []
    for i, a in acled.iterrows():
        near = curated[(curated["category"] == a["category"])
                       & ((curated["event_date"] - a["event_date"]).abs()
                          <= pd.Timedelta(days=1))
                       & (curated["country"] == a["country"])]
        for j, c in near.iterrows():
            level = 2 if a["place"] and c["place"] == a["place"] else \
                1 if _vague(a, c) and same_governorate(a["admin1"], c["admin1"]) else 0
            if level == 0:
                continue
            days = abs((c["event_date"] - a["event_date"]).days)
            agree = _actors_agree(a["actor"], c["actor"])
            rows.append((i, j, level, days, agree, level * 4 + (1 - days) * 2 + agree))
    return pd.DataFrame(rows, columns=list(_Pair._fields))


def _assign(pairs: pd.DataFrame) -> dict[int, _Pair]:
    """Greedy one-to-one: the best-scoring pairs first, each side used once."""
    chosen: dict[int, _Pair] = {}
    used: set[int] = set()
    ranked = pairs.sort_values(["score", "acled"], ascending=[False, True])
    for pair in map(_Pair._make, ranked.itertuples(index=False, name=None)):
        if pair.acled not in chosen and pair.curated not in used:
            chosen[pair.acled] = pair
            used.add(pair.curated)
    return chosen


def disagreements(a: pd.Series, c: pd.Series) -> list[str]:
    """Where a matched pair differs: date, tolls (outside the curated range), actor."""
    found = []
    if a["event_date"] != c["event_date"]:
        found.append(f"date: ACLED {a['event_date']:%Y-%m-%d}, curated "
                     f"{c['event_date']:%Y-%m-%d}")
    for column, high in TOLLS:
        low, top = c[column], c[high] if pd.notna(c[high]) else c[column]
        if pd.notna(a[column]) and pd.notna(low) and not low <= a[column] <= top:
            shown = f"{low}" if top == low else f"{low}–{top}"
            found.append(f"{column}: ACLED {a[column]}, curated {shown}")
    if not _actors_agree(a["actor"], c["actor"]):
        found.append(f"attribution: ACLED {a['actor']}, curated {c['actor']}")
    return found


def match_events(acled: pd.DataFrame, curated: pd.DataFrame, places: pd.DataFrame
                 ) -> pd.DataFrame:
    """For each ACLED event (canonical columns): the curated ``place`` it is at (or ''),
    the curated event it ``match``-es (or '' when new), the ``reason``, and the
    ``disagreements`` with the match (' | '-separated)."""
    acled = acled.reset_index(drop=True).copy()
    acled["place"] = [curated_place(r.place_name, r.country, r.latitude, r.longitude, places)
                      for r in acled.itertuples(index=False)]
    curated = curated.reset_index(drop=True)
    pairs = _pairs(acled, curated)
    chosen = _assign(pairs)
    first_alias = places["aliases"].str.split(ALIAS_SEPARATOR, regex=False).str[0]
    names = dict(zip(places["place"], first_alias, strict=True))
    out = []
    for i, a in acled.iterrows():
        pair = chosen.get(i)
        if pair is None:
            out.append((a["place"], "", _new_reason(i, a, pairs, chosen, curated, acled, names),
                        ""))
            continue
        c = curated.loc[pair.curated]
        where = (f"place ({names.get(c['place'], c['place'])})" if pair.level == 2
                 else f"governorate ({c['admin1']})")
        reason = (f"same category, {where}, {'same day' if pair.days == 0 else 'a day apart'}"
                  f", actor {'agrees' if pair.agree else 'differs'}")
        out.append((c["place"] if pair.level == 2 else a["place"], c["event_id"], reason,
                    " | ".join(disagreements(a, c))))
    return pd.DataFrame(out, columns=["place", "match", "reason", "disagreements"])


def _new_reason(i: int, a: pd.Series, pairs: pd.DataFrame, chosen: dict[int, _Pair],
                curated: pd.DataFrame, acled: pd.DataFrame, names: dict) -> str:
    what = WHAT.get(a["category"], "event")
    mine = pairs[pairs["acled"] == i]
    if len(mine):
        best = mine.sort_values("score", ascending=False).iloc[0]
        taken = next(k for k, p in chosen.items() if p.curated == best["curated"])
        return (f"new: curated {curated.loc[best['curated'], 'event_id']} (the same day and "
                f"{'place' if best['level'] == 2 else 'governorate'}) is matched to ACLED "
                f"{acled.loc[taken, 'event_id']}")
    where = names.get(a["place"], a["place"]) if a["place"] else \
        f"{a['admin1']}, {a['country']}"
    return f"new: no curated {what} within a day at {where}"
