"""``python -m analysis validate [FILES…]``: every problem in the inputs, one per line."""

from __future__ import annotations

import sys
import warnings
from pathlib import Path

from analysis.inputs import paths
from analysis.inputs.problems import DataError, Problem


def _kind(path: Path) -> str | None:
    """The file's kind, judged from its header as ``build --data`` judges it (None when
    it is no input of ours: :func:`check_file` says why)."""
    from analysis.inputs.file_kind import file_kind

    try:
        return file_kind(path)[0]
    except DataError:
        return None


def check_file(path: Path, place_keys: set[str] | None) -> list[Problem]:
    """Problems of one file (warnings included), none raised."""
    from analysis.inputs import curated
    from analysis.inputs.file_kind import file_kind

    try:
        kind, layout = file_kind(path)
    except DataError as err:
        return list(err.problems)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            if kind == "events":
                curated.load_events(path, place_keys)
            elif kind == "places":
                curated.load_places(path)
            elif kind == "tallies":
                curated.load_tallies(path)
            elif kind == "articles":
                curated.load_articles(path)
            elif kind == "phases":
                curated.load_phases(path)
            elif kind == "toll_statements":
                curated.load_toll_statements(path)
            else:
                from analysis.inputs.acled import load_acled

                load_acled(path, layout=layout)
            problems: list[Problem] = []
        except DataError as err:
            problems = list(err.problems)
    return [Problem(str(path), 1, "(warning)", str(w.message), "", "warning")
            for w in caught] + problems


def validate_files(files: list[Path]) -> int:
    """Print every problem as file:line: column: value: expected; 0 when all clean."""
    if not files:
        files = [paths.DATA_DIR / paths.PLACES_FILE, paths.DATA_DIR / paths.EVENTS_FILE,
                 paths.DATA_DIR / paths.TALLIES_FILE, paths.DATA_DIR / paths.PHASES_FILE,
                 paths.DATA_DIR / paths.TOLLS_FILE, paths.SEEDS_DIR / paths.ARTICLES_FILE]
    place_keys = None
    places = [f for f in files if _kind(f) == "places"]
    sibling = [f.parent / paths.PLACES_FILE for f in files if _kind(f) == "events"]
    for candidate in places + sibling:
        if candidate.exists():
            try:
                from analysis.inputs.curated import load_places

                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    place_keys = set(load_places(candidate)["place"])
                break
            except DataError:
                pass
    errors = 0
    for f in files:
        for problem in check_file(f, place_keys):
            if problem.severity == "warning":
                print(f"{problem.value}", file=sys.stderr)
            else:
                errors += 1
                print(problem, file=sys.stderr)
    if not errors:
        errors += _print_cross_file_problems(files)
    print(f"{len(files)} file(s) checked: "
          + ("no problems" if not errors else f"{errors} problem(s)"))
    return 0 if errors == 0 else 1


def _print_cross_file_problems(files: list[Path]) -> int:
    """Checks that need several files of one data folder: presence of US forces at attacked
    sites, and every event inside a phase. Run only when each file is clean on its own."""
    from analysis.inputs.curated import load_dataset

    folders = {f.parent for f in files if _kind(f) == "events"}
    count = 0
    for folder in sorted(folders):
        if not all((folder / name).exists() for name in (
                paths.PLACES_FILE, paths.TALLIES_FILE, paths.PHASES_FILE)):
            continue
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                load_dataset(folder)
        except DataError as err:
            for problem in err.problems:
                count += 1
                print(problem, file=sys.stderr)
    return count
