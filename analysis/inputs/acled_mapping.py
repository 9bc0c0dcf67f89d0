"""What each ACLED row is, an attack on US positions, a strike on an Iran-aligned group, or
out of scope, decided by a table that is data: ``acled_mapping.csv`` (rules) and
``acled_actors.csv`` (ACLED's actor names, in groups).

Rules are tried in order; the first whose every condition holds decides, and the last rule
matches everything. A condition is blank (any value) or:

- ``event_type``, ``sub_event_type``, ``country``, ``admin1``: values separated by ``|``
  (case, spaces and punctuation ignored for ``admin1``);
- ``actor1``, ``actor2``: groups of ``acled_actors.csv`` separated by ``|``; ``(none)`` is a
  blank actor and ``(other)`` an actor in no group;
- ``interaction``, ``notes``: a regular expression, searched without regard to case.
  ``interaction`` reads ACLED's roles as text ("Political militia-External/Other forces"),
  from ``inter1``/``inter2`` in actor order when the export has them, else from
  ``interaction`` (numeric codes as in ACLED's codebook, or text).

A leading ``!`` negates a condition. Actors are matched by ACLED's names, never by a bare
word: a name with its parenthesised qualifiers removed ("(2021-)", "(Iraq)") must equal a
listed name, or start with it followed by a unit ("... Special Forces"); the longest listed
name wins. "State of Law Coalition" is in no group; "Civilians (United States)" neither.

Every condition is evaluated once per distinct value of its column; each row then combines
one bit mask per column (one bit per rule), so a million rows cost a few integer gathers.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.inputs.acled_codes import codes, same

MAPPING_FILE = Path(__file__).with_name("acled_mapping.csv")
ACTORS_FILE = Path(__file__).with_name("acled_actors.csv")
CONDITIONS = ("event_type", "sub_event_type", "interaction", "actor1", "actor2", "country",
              "admin1", "notes")
LISTS = ("event_type", "sub_event_type", "country", "admin1")
PATTERNS = ("interaction", "notes")
OUTCOMES = ("attack", "strike", "skip")
MAX_RULES = 64  # one bit each in a uint64 mask
NO_ACTOR, OTHER_ACTOR = "(none)", "(other)"
# ACLED's codebook: the first digit of ``interaction`` (and ``inter1``/``inter2``).
ROLES = {"1": "State forces", "2": "Rebel group", "3": "Political militia",
         "4": "Identity militia", "5": "Rioters", "6": "Protesters", "7": "Civilians",
         "8": "External/Other forces"}


@dataclass(frozen=True)
class Rule:
    """One row of the mapping table."""

    name: str
    conditions: dict[str, str]
    outcome: str
    reason: str


class MappingError(ValueError):
    """The mapping table itself is wrong (a maintainer's error, caught by the tests)."""


@lru_cache(maxsize=1)
def rules() -> tuple[Rule, ...]:
    """The mapping table, checked: known outcomes and actor groups, a catch-all last."""
    with MAPPING_FILE.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    groups = set(actor_names()["group"]) | {NO_ACTOR, OTHER_ACTOR}
    table = tuple(Rule(r["rule"], {c: r[c].strip() for c in CONDITIONS}, r["outcome"],
                       r["reason"]) for r in rows)
    for rule in table:
        if rule.outcome not in OUTCOMES:
            raise MappingError(f"{rule.name}: outcome {rule.outcome!r}: expected {OUTCOMES}")
        for side in ("actor1", "actor2"):
            unknown = set(_items(rule.conditions[side])) - groups
            if unknown:
                raise MappingError(f"{rule.name}: {side}: unknown group(s) {sorted(unknown)}")
    if not table or any(table[-1].conditions.values()) or len(table) > MAX_RULES:
        raise MappingError(f"{MAPPING_FILE.name}: expected at most {MAX_RULES} rules, the "
                           "last with no condition (it catches every other row)")
    return table


@lru_cache(maxsize=1)
def actor_names() -> pd.DataFrame:
    """ACLED's actor names by group, normalised for matching (see :func:`normalise_actor`)."""
    frame = pd.read_csv(ACTORS_FILE, dtype=str, keep_default_na=False)
    return frame.assign(key=frame["name"].map(normalise_actor))


def normalise_actor(name: str) -> str:
    """An actor's name without its qualifiers, case, apostrophes and hyphens:
    "Kata'ib Hezbollah (Iraq)" and "Kataib Hezbollah" are one name."""
    name = re.sub(r"\([^)]*\)", " ", name).replace("’", "").replace("'", "")
    return " ".join(re.sub(r"[-–]", " ", name).lower().split())


def _listed(key: str) -> int | None:
    """The row of the longest listed name that ``key`` is, or is a unit of."""
    names = actor_names()["key"]
    hits = [i for i, n in enumerate(names) if key == n or key.startswith(n + " ")]
    return max(hits, key=lambda i: len(names.iat[i])) if hits else None


def actor_table(actors: pd.Series) -> pd.DataFrame:
    """For distinct actor names: their group, and how the canonical table shows them as
    the one who acted (``actor``) and as a target (``target``)."""
    table = actor_names()
    rows = []
    for name in actors:
        shown = " ".join(re.sub(r"\([^)]*\)", " ", name).split())
        hit = _listed(normalise_actor(name)) if name.strip() else None
        if hit is None:
            rows.append((NO_ACTOR if not name.strip() else OTHER_ACTOR, shown, shown))
        else:
            listed = table.iloc[hit]
            rows.append((listed["group"], listed["actor"] or shown, listed["target"] or shown))
    return pd.DataFrame(rows, columns=["group", "actor", "target"], index=actors.index)


def _role(value: str) -> str:
    value = value.strip()
    return ROLES.get(value[:1], "") if value.isdigit() else value


def _interaction(pair: str, numeric_code: bool) -> str:
    """ACLED's roles as text: "3-8" (inter1, inter2), or an ``interaction`` code or text."""
    if numeric_code:
        if pair.isdigit() and len(pair) == 2:
            first, second = ROLES.get(pair[0], ""), ROLES.get(pair[1], "")
            return f"{first}-{second}" if second else f"{first} only"
        return pair
    first, _, second = pair.partition("\x1f")
    first, second = _role(first), _role(second)
    return f"{first}-{second}" if second else (f"{first} only" if first else "")


def interaction_column(frame: pd.DataFrame) -> pd.Series:
    """Each row's interaction as text, categorical (see :func:`_interaction`)."""
    if "inter1" in frame and "inter2" in frame:
        pair = frame["inter1"].astype(str) + "\x1f" + frame["inter2"].astype(str)
        numeric_code = False
    elif "interaction" in frame:
        pair, numeric_code = frame["interaction"].astype(str), True
    else:
        return pd.Series(same("", len(frame)), index=frame.index)
    pair = pair.astype("category")
    row_codes, uniques = codes(pair)
    texts = pd.Categorical([_interaction(u, numeric_code) for u in uniques])
    return pd.Series(pd.Categorical.from_codes(texts.codes[row_codes], texts.categories),
                     index=frame.index)


def _letters(values: pd.Series) -> pd.Series:
    return values.str.lower().str.replace(r"[\W_]+", "", regex=True)


def _holds(condition: str, column: str, values: pd.Series) -> np.ndarray:
    """Where a condition holds, for the distinct (prepared) values of its column."""
    negate = condition.startswith("!")
    condition = condition[1:] if negate else condition
    if column in PATTERNS:
        hit = values.str.contains(condition, case=False, regex=True).to_numpy(dtype=bool)
    elif column == "admin1":
        hit = values.isin({_letters(pd.Series([c]))[0] for c in _items(condition)}).to_numpy()
    elif column in LISTS:
        hit = values.str.lower().isin({c.lower() for c in _items(condition)}).to_numpy()
    else:  # actor groups
        hit = values.isin(set(_items(condition))).to_numpy()
    return ~hit if negate else hit


def _items(condition: str) -> list[str]:
    return [c.strip() for c in condition.lstrip("!").split("|") if c.strip()]


def _prepared(column: str, uniques: pd.Series) -> pd.Series:
    """The distinct values of a column as its conditions read them."""
    uniques = uniques.astype(str)
    if column in ("actor1", "actor2"):
        return actor_table(uniques)["group"]
    if column == "admin1":
        return _letters(uniques)
    return uniques.str.strip() if column != "notes" else uniques


def _bits(column: str, values: pd.Series, rows: np.ndarray, table: tuple[Rule, ...]
          ) -> np.ndarray:
    """One uint64 for each of ``rows``: bit r set where rule r's condition on this column
    holds. Conditions run on the distinct values those rows use, nothing else."""
    row_codes, uniques = codes(values)
    row_codes = row_codes[rows]
    used = np.flatnonzero(np.bincount(row_codes, minlength=len(uniques)))
    prepared = _prepared(column, uniques.iloc[used].reset_index(drop=True))
    bits = np.zeros(len(uniques), dtype=np.uint64)
    for r, rule in enumerate(table):
        condition = rule.conditions[column]
        holds = _holds(condition, column, prepared) if condition else True
        bits[used] |= np.where(holds, np.uint64(1) << np.uint64(r), np.uint64(0))
    return bits[row_codes]


def classify(frame: pd.DataFrame, among: np.ndarray | None = None) -> np.ndarray:
    """The index into :func:`rules` of the rule that decides each row (of the rows
    ``among`` selects; the others get the catch-all, the last rule).

    ``frame`` holds the export's columns as categoricals (a missing optional column reads
    as blank) plus ``interaction`` as made by :func:`interaction_column`."""
    table = rules()
    rows = np.arange(len(frame)) if among is None else np.flatnonzero(among)
    mask = np.full(len(rows), np.uint64((1 << len(table)) - 1), dtype=np.uint64)
    for column in CONDITIONS:
        if any(rule.conditions[column] for rule in table):
            mask &= _bits(column, frame[column], rows, table)
    lowest = mask & (~mask + np.uint64(1))  # the first rule that holds (the last always does)
    rule = np.full(len(frame), len(table) - 1, dtype=np.int64)
    rule[rows] = np.log2(lowest.astype(np.float64)).astype(np.int64)
    return rule
