"""Work on the distinct values of a categorical column, spread back to every row.

An export repeats its dates, places, actors and notes: every rule of the ACLED mapping runs
once per distinct value and reaches a million rows as integer codes, so no million Python
strings are ever built.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd


def codes(column: pd.Series) -> tuple[np.ndarray, pd.Series]:
    """A categorical column as (codes, distinct values)."""
    values = column.array
    return np.asarray(values.codes), pd.Series(values.categories.to_numpy(dtype=object))


def spread(column: pd.Series, fn: Callable[[pd.Series], object]) -> np.ndarray:
    """A vectorised ``fn`` run on the distinct values of a categorical, spread to every row."""
    row_codes, uniques = codes(column)
    return np.asarray(fn(uniques))[row_codes]


def per_unique(column: pd.Series, fn: Callable[[pd.Series], object] = lambda u: u
               ) -> pd.Categorical:
    """``fn`` on the distinct values only, spread back as a categorical."""
    row_codes, uniques = codes(column)
    result = pd.Categorical(np.asarray(fn(uniques)))
    return pd.Categorical.from_codes(result.codes[row_codes], result.categories)


def first_of(keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For integer keys: each row's group number (in order of first appearance) and the
    row where each group first appears. Hashing (``pd.factorize``) numbers groups in that
    order already; a group's first row is where its number exceeds every earlier one."""
    group, _ = pd.factorize(keys)
    seen = np.maximum.accumulate(np.concatenate(([-1], group[:-1])))
    return group, np.flatnonzero(group > seen)


def combined(columns: list[pd.Series]) -> np.ndarray:
    """One integer key per distinct combination of several categorical columns."""
    key = np.zeros(len(columns[0]) if columns else 0, dtype=np.int64)
    for column in columns:
        row_codes, uniques = codes(column)
        key = key * (len(uniques) + 1) + row_codes
        key = pd.factorize(key)[0].astype(np.int64)  # keep the key small: no overflow
    return key


def same(value: str, n: int) -> pd.Categorical:
    """A categorical column holding one value on every row."""
    return pd.Categorical.from_codes(np.zeros(n, dtype=np.int8), [value])
