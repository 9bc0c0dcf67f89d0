"""data/datapackage.json and data/CHANGELOG.md: what the data says about itself.

The package states the data's version and date, its licence, when the sources were last
searched and how far they reach (the newest page of the outlets searched); every report
shows these. The changelog says what the latest version added, changed and removed.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import asdict, dataclass
from pathlib import Path

import pandas as pd

from analysis.inputs import vocabulary as V
from analysis.inputs.csv_text import file_label, read_text
from analysis.inputs.problems import DataError, Problem

CHANGELOG_FILE = "CHANGELOG.md"


@dataclass(frozen=True)
class Package:
    """The data package's own statements (all optional in an export's absence of one)."""

    version: str | None = None
    created: pd.Timestamp | None = None
    licence: str | None = None
    licence_url: str | None = None
    searched_on: pd.Timestamp | None = None
    reach: pd.Timestamp | None = None
    # The newest section of the folder's CHANGELOG.md: its heading and markdown text.
    changes_heading: str | None = None
    changes: str | None = None

    def to_json(self) -> dict[str, str | None]:
        return {k: (v.date().isoformat() if isinstance(v, pd.Timestamp) else v)
                for k, v in asdict(self).items()}

    @classmethod
    def from_json(cls, data: dict) -> Package:
        dates = ("created", "searched_on", "reach")
        return cls(**{k: (pd.Timestamp(v) if k in dates and v else v) for k, v in data.items()
                      if k in cls.__dataclass_fields__})


def _date(value: object, name: str, label: str, today: dt.date) -> pd.Timestamp | None:
    if value is None:
        return None
    try:
        day = dt.date.fromisoformat(str(value)[:10]) if isinstance(value, str) else None
    except ValueError:
        day = None
    if day is None:
        raise DataError([Problem(label, None, name, str(value)[:60], "a date as YYYY-MM-DD")])
    if not dt.date.fromisoformat(V.EARLIEST_DATE) <= day <= today:
        raise DataError([Problem(label, None, name, day.isoformat(),
                                 f"a date between {V.EARLIEST_DATE} and today")])
    return pd.Timestamp(day)


def load_package(path: Path, today: dt.date | None = None) -> Package | None:
    """The package's version, date, licence and the two dates of the search, checked (None
    when the folder has no package). The sources cannot reach past the day they were
    searched."""
    if not path.exists():
        return None
    label = file_label(path)
    today = today or dt.date.today()
    try:
        raw = json.loads(read_text(path))
    except ValueError as err:
        raise DataError([Problem(label, None, "(file)", str(err)[:60],
                                 "a JSON object (a Frictionless data package)")]) from None
    if not isinstance(raw, dict):
        raise DataError([Problem(label, None, "(file)", type(raw).__name__,
                                 "a JSON object (a Frictionless data package)")])
    version = raw.get("version")
    if version is not None and not (isinstance(version, str) and 0 < len(version) <= 40):
        raise DataError([Problem(label, None, "version", str(version)[:60],
                                 "a version string such as 3.0.0")])
    licences = raw.get("licenses") or [{}]
    first = licences[0] if isinstance(licences, list) and licences and \
        isinstance(licences[0], dict) else {}
    changes = latest_changes(path.parent) or (None, None)
    package = Package(version, _date(raw.get("created"), "created", label, today),
                      first.get("name"), first.get("path"),
                      _date(raw.get("sources_searched_on"), "sources_searched_on", label, today),
                      _date(raw.get("sources_reach"), "sources_reach", label, today),
                      *changes)
    if package.searched_on is not None and package.reach is not None and \
            package.reach > package.searched_on:
        raise DataError([Problem(label, None, "sources_reach", package.reach.date().isoformat(),
                                 "a date on or before sources_searched_on "
                                 f"({package.searched_on.date().isoformat()})")])
    return package


def latest_changes(folder: Path) -> tuple[str, str] | None:
    """The heading and the markdown text of the newest version in CHANGELOG.md (None when
    there is no changelog)."""
    path = folder / CHANGELOG_FILE
    if not path.exists():
        return None
    text = read_text(path, empty="a changelog with a '## <version>' section")
    sections = text.split("\n## ")[1:]
    if not sections:
        return None
    heading, _, body = sections[0].partition("\n")
    return heading.strip(), body.strip()
