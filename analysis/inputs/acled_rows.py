"""Which rows of an ACLED export are kept, and why every other row is skipped.

A row is skipped, never a reason to refuse the file, when it is a repeated header line,
lies outside Iraq, Syria and Jordan, is dated before the data model's first month or after
today, repeats an earlier row exactly (same ``event_id_cnty``, same values: overlapping
exports), or the mapping table puts it out of scope. Two rows with one ``event_id_cnty``
and different values are refused: which one ACLED meant cannot be told. The build's
summary counts skipped rows by reason, with their line numbers.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis.inputs.acled_codes import codes, spread
from analysis.inputs.acled_mapping import classify, rules
from analysis.inputs.problems import DataError, DataWarning, Problem
from analysis.inputs.vocabulary import COUNTRIES, EARLIEST_DATE

SHOWN_LINES = 10
HEADER = "a repeated header line (two exports joined into one file?)"
OUTSIDE = "a row outside Iraq, Syria and Jordan"
EARLY = f"a row dated before {EARLIEST_DATE} (the data covers October 2023 on)"
LATE = "a row dated after today"
REPEATED = ("a row that repeats an earlier one exactly (same event_id_cnty, same values: "
            "overlapping exports?); the event is kept once")
FIXED = (HEADER, OUTSIDE, EARLY, LATE, REPEATED)
KEPT = -1


@dataclass(frozen=True)
class Selection:
    """Each row's fate: KEPT, or the index of its reason in ``reasons``."""

    reason: np.ndarray
    reasons: tuple[str, ...]
    repeats: dict[int, int]  # line of a repeated row -> line of the row it repeats
    rule: np.ndarray  # each row's rule in the mapping table (see acled_mapping.rules)

    @property
    def keep(self) -> np.ndarray:
        return self.reason == KEPT


def header_rows(frame: pd.DataFrame, header_name: str) -> np.ndarray:
    """Rows whose event_date reads as the header's own column name."""
    name = header_name.strip().lower()
    return spread(frame["event_date"], lambda v: v.str.strip().str.lower() == name)


def outside_countries(frame: pd.DataFrame) -> np.ndarray:
    return spread(frame["country"], lambda c: ~c.str.strip().isin(COUNTRIES))


def _row_keys(frame: pd.DataFrame, rows: np.ndarray) -> np.ndarray:
    """One integer per distinct combination of every column's value, for ``rows``."""
    key = np.zeros(len(rows), dtype=np.int64)
    for column in frame.columns:
        values = frame[column]
        part = codes(values)[0][rows] if isinstance(values.dtype, pd.CategoricalDtype) \
            else pd.factorize(values.to_numpy()[rows])[0]
        key = pd.factorize(key * (int(part.max(initial=0)) + 2) + part)[0].astype(np.int64)
    return key


def _all_distinct(ids: pd.Series, candidates: np.ndarray) -> bool:
    """No id is used twice among the candidates (checked in Arrow: no Python strings)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    chosen = pa.array(ids.array)
    if not candidates.all():
        chosen = pc.filter(chosen, pa.array(candidates))
    return pc.count_distinct(chosen, mode="all").as_py() == len(chosen)


def repeated_rows(frame: pd.DataFrame, candidates: np.ndarray, lines: np.ndarray,
                  label: str) -> dict[int, int]:
    """Rows (by position) that repeat an earlier candidate row with the same
    ``event_id_cnty`` and the same values, mapped to the earlier row's position. Refuses
    (DataError) two candidate rows with one id and different values."""
    if "event_id_cnty" not in frame or _all_distinct(frame["event_id_cnty"], candidates):
        return {}
    where = np.flatnonzero(candidates)
    ids = pd.Series(frame["event_id_cnty"].to_numpy()[where])
    twice = ids.duplicated(keep=False).to_numpy()
    if not twice.any():
        return {}
    rows = where[twice]
    table = pd.DataFrame({"id": ids[twice].to_numpy(), "key": _row_keys(frame, rows),
                          "row": rows})
    first = table.groupby("id", sort=False)["row"].transform("min").to_numpy()
    differ = table.groupby("id", sort=False)["key"].transform("nunique").to_numpy() > 1
    if differ.any():
        raise DataError(_differing(table[differ], frame, lines, label))
    later = table["row"].to_numpy() != first
    return dict(zip(table["row"].to_numpy()[later].tolist(), first[later].tolist(),
                    strict=True))


def _differing(table: pd.DataFrame, frame: pd.DataFrame, lines: np.ndarray,
               label: str) -> list[Problem]:
    problems = []
    for event_id, group in list(table.groupby("id", sort=False))[:50]:
        a, b = group["row"].iloc[0], group["row"].iloc[1]
        changed = [c for c in frame.columns if str(frame[c].iat[a]) != str(frame[c].iat[b])]
        problems.append(Problem(
            label, int(lines[b]), "event_id_cnty", str(event_id),
            f"one row per event: line {lines[a]} has the same id with other values "
            f"({', '.join(changed[:4])}); keep the newer export's row and delete the other"))
    return problems


def select_rows(frame: pd.DataFrame, dates: np.ndarray, lines: np.ndarray, *,
                header_name: str, today: pd.Timestamp, label: str) -> Selection:
    """Each row's fate and the mapping rule that decides it; the first reason that applies
    is the one counted. Only rows in the countries and dates are classified."""
    table = rules()
    reasons = [*FIXED, *(r.reason for r in table if r.outcome == "skip")]
    reason = np.full(len(frame), KEPT, dtype=np.int64)
    tests = [header_rows(frame, header_name), outside_countries(frame),
             dates < np.datetime64(EARLIEST_DATE), dates > np.datetime64(today.date())]
    for index, test in enumerate(tests):
        reason = np.where((reason == KEPT) & test, index, reason)
    repeats = repeated_rows(frame, reason == KEPT, lines, label)
    if repeats:
        reason[np.fromiter(repeats, dtype=np.int64)] = FIXED.index(REPEATED)
    rule = classify(frame, reason == KEPT)
    skip = np.full(len(table), KEPT, dtype=np.int64)
    skip[[i for i, r in enumerate(table) if r.outcome == "skip"]] = \
        np.arange(len(FIXED), len(reasons))
    reason = np.where(reason == KEPT, skip[rule], reason)
    return Selection(reason, tuple(reasons),
                     {int(lines[r]): int(lines[e]) for r, e in repeats.items()}, rule)


def _lines_text(lines: np.ndarray, repeats: dict[int, int]) -> str:
    shown = [f"{n} = {repeats[n]}" if n in repeats else str(n)
             for n in lines[:SHOWN_LINES].tolist()]
    more = f", … {len(lines) - SHOWN_LINES:,} more" if len(lines) > SHOWN_LINES else ""
    return ", ".join(shown) + more


def warn_summary(selection: Selection, lines: np.ndarray, kept: dict[str, int],
                 label: str) -> None:
    """The build's summary as warnings: rows kept, then each reason for skipping with its
    rows' count and line numbers (the first SHOWN_LINES)."""
    total, skipped = len(lines), int((~selection.keep).sum())
    shown = ", ".join(f"{n:,} {what}" for what, n in kept.items())
    _warn(Problem(label, None, "(summary)", f"{total - skipped:,} of {total:,} rows kept",
                  f"{shown}; {skipped:,} skipped" + (", by reason:" if skipped else ""),
                  "warning"))
    counts = np.bincount(selection.reason[~selection.keep], minlength=len(selection.reasons))
    for index in np.argsort(-counts, kind="stable"):
        if counts[index] == 0:
            continue
        at = lines[selection.reason == index]
        plural = "s" if len(at) > 1 else ""
        _warn(Problem(label, int(at[0]), "(rows)", f"{len(at):,} row{plural} skipped",
                      f"{selection.reasons[index]} (line{plural} "
                      f"{_lines_text(at, selection.repeats)})", "warning"))


def _warn(problem: Problem) -> None:
    warnings.warn(str(problem), DataWarning, stacklevel=3)
