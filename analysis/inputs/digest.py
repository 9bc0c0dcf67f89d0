"""Content hashes of everything that shapes a report, to decide what needs rebuilding."""

from __future__ import annotations

import hashlib
import sys
from collections.abc import Iterable
from pathlib import Path

from analysis.inputs import paths

_CODE = Path(__file__).resolve().parents[1]  # the whole analysis package


def file_digest(path: Path) -> str:
    """SHA-256 of a file's bytes (streamed, so large exports are fine)."""
    h = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def tree_digest(files: Iterable[Path], root: Path) -> str:
    """One hash over several files, including their names relative to ``root``."""
    h = hashlib.sha256()
    for f in sorted(files):
        h.update(str(f.relative_to(root)).encode())
        h.update(file_digest(f).encode())
    return h.hexdigest()


def code_digest() -> str:
    """The analysis package (code and templates), the lock file and the Python version."""
    files = [p for p in _CODE.rglob("*") if p.is_file() and "__pycache__" not in p.parts]
    lock = paths.PROJECT_ROOT / "requirements.lock"
    extra = file_digest(lock) if lock.exists() else ""
    return hashlib.sha256((tree_digest(files, _CODE) + extra + sys.version).encode()).hexdigest()


def folder_files(folder: Path) -> list[Path]:
    """Every file of an input folder that could shape a report: all but hidden ones and
    links (which validation refuses before anything runs)."""
    return sorted(p for p in folder.rglob("*") if p.is_file() and not p.is_symlink() and not any(
        part.startswith(".") or part == "__pycache__" for part in p.relative_to(folder).parts))


def data_digest(data: Path) -> str:
    """Everything a report reads as data: every file of a data folder (CSVs, the package,
    the changelog, the outlines), or an export file together with the project's own data
    folder, whose phases, outlines and package an export's reports use too."""
    if data.is_file():
        project = paths.DATA_DIR
        return file_digest(data) + (tree_digest(folder_files(project), project)
                                    if project.is_dir() else "")
    return tree_digest(folder_files(data), data)


def seeds_digest() -> str:
    """Seed articles and their metadata (article reports read them)."""
    folder = paths.SEEDS_DIR
    return tree_digest(folder_files(folder), folder) if folder.exists() else ""


def report_digest(notebook: Path, parameters_json: str, shared: str) -> str:
    """The input hash of one report: its notebook, its parameters and the shared inputs."""
    return hashlib.sha256(
        (file_digest(notebook) + parameters_json + shared).encode()).hexdigest()
