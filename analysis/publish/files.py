"""The output folder's own files: the manifest of the last build, and atomic writes.

The manifest is state this program wrote, but it sits in a folder anyone can edit: it is
read through a typed model, and an entry that does not hold exactly what the build writes
(a report name and ``<name>.html``) is dropped, so no edited manifest can make the build
delete or link a file of its choosing.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, ValidationError

MANIFEST = ".manifest.json"
# A report's name: also its file name without ".html" (see registry.ReportSpec.html_name).
REPORT_NAME = re.compile(r"[a-z0-9][a-z0-9_-]{0,199}")


class ReportEntry(BaseModel):
    """What the last build recorded of one report."""

    model_config = ConfigDict(extra="ignore")

    html: str
    status: Literal["ok", "failed"]
    title: str | None = None
    notebook: str | None = None
    parameters: dict[str, Any] = {}
    data_as_of: str | None = None
    seconds: float | None = None
    inputs: str | None = None
    built: str | None = None
    error: str | None = None
    failing_cell: int | None = None
    executed: str | None = None
    last_good: str | None = None


def _entries(raw: object, problems: list[str], section: str) -> dict[str, dict[str, Any]]:
    if not isinstance(raw, dict):
        if raw is not None:
            problems.append(f"{section}: expected a mapping of report names")
        return {}
    kept = {}
    for name, entry in raw.items():
        try:
            parsed = ReportEntry.model_validate(entry)
        except ValidationError as err:
            problems.append(f"{section}.{str(name)[:60]}: {err.errors()[0]['msg']}")
            continue
        if not (isinstance(name, str) and REPORT_NAME.fullmatch(name)
                and parsed.html == f"{name}.html"):
            problems.append(f"{section}.{str(name)[:60]}: html {parsed.html[:60]!r}: expected "
                            "'<name>.html' for a report name of lower-case letters, digits, "
                            "'-' and '_'")
            continue
        kept[name] = parsed.model_dump()
    return kept


def check_manifest(out: Path) -> tuple[dict[str, Any], list[str]]:
    """The manifest as the build uses it, and what was dropped from it and why.

    A missing manifest is an empty one; an unreadable or damaged one is empty too (every
    report is rebuilt, nothing is deleted) and says so."""
    path = out / MANIFEST
    problems: list[str] = []
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}, []
    except (OSError, UnicodeDecodeError, ValueError) as err:
        return {}, [f"cannot be read ({type(err).__name__}: {str(err)[:80]})"]
    if not isinstance(raw, dict):
        return {}, ["expected a JSON object"]
    manifest: dict[str, Any] = {"reports": _entries(raw.get("reports"), problems, "reports"),
                                "previews": _entries(raw.get("previews"), problems, "previews")}
    if isinstance(raw.get("plan_key"), str):
        manifest["plan_key"] = raw["plan_key"]
    return manifest, problems


def read_manifest(out: Path) -> dict[str, Any]:
    """The manifest of the last build, with damaged entries dropped (see check_manifest)."""
    return check_manifest(out)[0]


def write_manifest(out: Path, manifest: dict[str, Any]) -> None:
    atomic_write(out / MANIFEST, json.dumps(manifest, indent=1, sort_keys=True, default=str))


def atomic_write(path: Path, text: str) -> None:
    """Write a file so a reader sees either the old content or the new, never half; on any
    failure (a full disk, a read-only folder) no temporary file is left behind."""
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    try:
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
