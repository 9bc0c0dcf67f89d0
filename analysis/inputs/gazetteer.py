"""The gazetteer: regional roll-ups (country → governorate → site) and name matching."""

from __future__ import annotations

import re

import pandas as pd

from analysis.inputs.vocabulary import ALIAS_SEPARATOR, ATTACK, COUNTRIES


def region_key(country: str, admin1: str | None = None) -> str:
    """'Iraq' for a country, 'Iraq/Anbar' for one of its governorates."""
    return country if not admin1 else f"{country}/{admin1}"


def split_region(region: str) -> tuple[str, str | None]:
    """The inverse of region_key."""
    country, _, admin1 = region.partition("/")
    return country, admin1 or None


def in_region(events: pd.DataFrame, region: str) -> pd.DataFrame:
    """Events in a country or one of its governorates."""
    country, admin1 = split_region(region)
    mask = events["country"] == country
    if admin1:
        mask &= events["admin1"] == admin1
    return events[mask]


def region_attack_counts(events: pd.DataFrame) -> dict[str, int]:
    """Attacks per country (all three, even when zero) and per governorate with any."""
    attacks = events[events["category"] == ATTACK]
    counts: dict[str, int] = {}
    by_country = attacks["country"].value_counts()
    by_admin = attacks.groupby(["country", "admin1"]).size()
    for country in COUNTRIES:
        counts[country] = int(by_country.get(country, 0))
        if country in by_admin.index.get_level_values(0):
            for admin1, n in by_admin[country].sort_values(ascending=False).items():
                counts[region_key(country, admin1)] = int(n)
    return counts


def alias_table(places: pd.DataFrame) -> pd.DataFrame:
    """One row per (alias, place), longest aliases first so 'Erbil Air Base' beats 'Erbil'."""
    rows = [(alias.strip(), p.place) for p in places.itertuples(index=False)
            for alias in p.aliases.split(ALIAS_SEPARATOR) if alias.strip()]
    table = pd.DataFrame(rows, columns=["alias", "place"])
    return table.assign(length=table["alias"].str.len()).sort_values(
        ["length", "alias"], ascending=[False, True]).drop(columns="length").reset_index(drop=True)


def find_places(text: str, places: pd.DataFrame) -> pd.DataFrame:
    """Places named in a text (through their aliases), with the words that matched."""
    found = []
    taken: list[tuple[int, int]] = []
    for alias, place in alias_table(places).itertuples(index=False):
        # "(?!\s*24\b)": "Deir Ezzor 24" is a news collective, not the city.
        pattern = rf"(?<!\w){re.escape(alias)}(?!\w)(?!\s*24\b)"
        for m in re.finditer(pattern, text, flags=re.IGNORECASE):
            if any(m.start() < end and start < m.end() for start, end in taken):
                continue
            taken.append((m.start(), m.end()))
            found.append({"place": place, "matched": m.group(0), "position": m.start()})
    table = pd.DataFrame(found, columns=["place", "matched", "position"])
    return table.sort_values("position").reset_index(drop=True)
