"""One entry point for input data: the project's curated folder or an ACLED export file."""

from __future__ import annotations

from pathlib import Path

from analysis.loading import Dataset, load_dataset
from analysis.problems import DataError, Problem


def load_any(data: Path | str | None = None) -> Dataset:
    """Load a data folder (events/places/tallies CSVs) or a single ACLED-layout CSV export."""
    if data is None:
        return load_dataset()
    path = Path(data)
    if path.is_dir():
        return load_dataset(path)
    if path.is_file():
        from analysis.acled import load_acled

        return load_acled(path)
    raise DataError([Problem(str(path), None, "(file)", str(path),
                             "a data folder or an ACLED export (.csv)")])
