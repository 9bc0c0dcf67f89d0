"""Files the build reads come only from where they should: regular files inside their folder.

Git stores symbolic links, so one pull request could add ``seeds/004.txt -> /etc/passwd``
and a shared report would print the file. Every input named by data (a seed's file name)
or found in an input folder must be a regular file, not a link, inside that folder.
"""

from __future__ import annotations

from pathlib import Path

from analysis.inputs.problems import DataError, Problem


def regular_file_inside(path: Path, folder: Path, label: str | None = None) -> Path:
    """``path`` if it is a regular file (not a symbolic link) whose real location lies
    inside ``folder``; otherwise a DataError that says which rule it broke."""
    name = label or str(path)
    where = f"a regular file inside {folder}"
    if path.is_symlink():
        raise DataError([Problem(name, None, "(file)", str(path),
                                 f"{where}, not a symbolic link")])
    try:
        real = path.resolve(strict=True)
    except (FileNotFoundError, RuntimeError, OSError):
        raise DataError([Problem(name, None, "(file)", str(path), f"{where} that exists")]) \
            from None
    if not real.is_relative_to(folder.resolve()):
        raise DataError([Problem(name, None, "(file)", str(path),
                                 f"{where} (this path leads outside it)")])
    if not real.is_file():
        raise DataError([Problem(name, None, "(file)", str(path),
                                 f"{where} (this is not a regular file)")])
    return path


def problem_with(path: Path, folder: Path, label: str | None = None) -> list[Problem]:
    """The problems :func:`regular_file_inside` would raise, as a list (empty when fine)."""
    try:
        regular_file_inside(path, folder, label)
    except DataError as err:
        return err.problems
    return []
