"""One entry point for input data: the project's curated folder or an ACLED export file."""

from __future__ import annotations

from pathlib import Path

from analysis.inputs.curated import Dataset, load_dataset
from analysis.inputs.problems import DataError, Problem


def load_any(data: Path | str | None = None, *, use_cache: bool = True) -> Dataset:
    """Load a data folder (events/places/tallies CSVs) or a single ACLED-layout CSV export.

    Validated data is cached as Parquet keyed by the inputs' content hash (cache.py).
    """
    from analysis.inputs import paths
    from analysis.inputs.cache import cached

    path = Path(data) if data is not None else paths.DATA_DIR
    if path.is_dir():
        loader = lambda: load_dataset(path)  # noqa: E731
    elif path.is_file():
        from analysis.inputs.acled import load_acled
        from analysis.inputs.file_kind import file_kind

        kind, layout = file_kind(path)  # the same judgement as ``validate FILE``
        if kind != "acled":
            raise DataError([Problem(str(path), 1, "(file)", f"the curated {kind} CSV",
                                     "an ACLED export; to build from curated CSVs give "
                                     "their folder (--data DIR)")])
        loader = lambda: load_acled(path, layout=layout)  # noqa: E731
    else:
        loader = None
    if loader is not None:
        return cached(path, loader) if use_cache else loader()
    raise DataError([Problem(str(path), None, "(file)", str(path),
                             "a data folder or an ACLED export (.csv, .gz or a .zip "
                             "holding one CSV)")])
