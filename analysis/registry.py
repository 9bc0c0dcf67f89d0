"""notebooks/reports.yml: which reports to build, with which parameters, checked up front.

Parameters merge from general to specific (``defaults`` → the report's own → the command
line). Names are checked against the notebook's parameters cell (papermill only warns on
unknown names); values are checked by the same parsers the notebooks use.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from analysis.parameters import ParameterError


@dataclass(frozen=True)
class ReportSpec:
    """One report to build: its output name, notebook, title and full parameters."""

    name: str
    notebook: Path
    title: str
    parameters: dict[str, Any] = field(default_factory=dict)

    @property
    def html_name(self) -> str:
        return f"{self.name}.html"

    def parameters_json(self) -> str:
        return json.dumps(self.parameters, sort_keys=True, default=str)


class RegistryError(ValueError):
    """reports.yml cannot be used as written."""


_NAME = re.compile(r"[a-z0-9][a-z0-9_-]*")


def slug(text: str) -> str:
    """A file-name-safe, lower-case version of a name."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def read_registry(path: Path) -> dict[str, Any]:
    """The YAML file as data, with a clear error when it is not valid YAML."""
    try:
        content = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise RegistryError(f"{path}: file not found") from None
    except yaml.YAMLError as err:
        raise RegistryError(f"{path}: not valid YAML: {err}") from None
    if not isinstance(content, dict) or not isinstance(content.get("reports"), list):
        raise RegistryError(f"{path}: expected a mapping with a 'reports' list")
    return content


def notebook_parameters(notebook: Path) -> dict[str, Any]:
    """The names and defaults in a notebook's ``parameters`` cell (via papermill)."""
    if not notebook.exists():
        raise RegistryError(f"{notebook}: notebook not found")
    return dict(_inspect(str(notebook), notebook.stat().st_mtime_ns))


@lru_cache(maxsize=64)
def _inspect(path: str, _mtime: int) -> tuple[tuple[str, Any], ...]:
    import papermill

    return tuple((name, info["default"]) for name, info in
                 papermill.inspect_notebook(path).items())


def check_names(spec: ReportSpec, allowed: dict[str, Any]) -> None:
    """Refuse parameter names that the notebook does not declare."""
    unknown = sorted(set(spec.parameters) - set(allowed))
    if unknown:
        raise ParameterError(
            f"report {spec.name!r}: unknown parameter(s) {', '.join(unknown)}; "
            f"{spec.notebook.name} accepts: {', '.join(sorted(allowed))}")


@dataclass(frozen=True)
class Choices:
    """The values a parameter may take, drawn from the data (listed in error messages)."""

    regions: tuple[str, ...] = ()
    articles: tuple[str, ...] = ()
    region_attacks: dict[str, int] = field(default_factory=dict)
    article_titles: dict[str, str] = field(default_factory=dict)


def check_values(spec: ReportSpec, choices: Choices) -> None:
    """Refuse bad dates, unknown countries, regions or article ids before anything runs."""
    from analysis.parameters import check_window, parse_countries, parse_date

    p = spec.parameters
    where = f"report {spec.name!r}: "
    try:
        start = parse_date("start_date", p["start_date"], allow_none=False) \
            if "start_date" in p else None
        end = parse_date("end_date", p.get("end_date"))
        check_window(start, end)
        if "countries" in p:
            parse_countries(p["countries"])
        if "region" in p and p["region"] not in choices.regions:
            raise ParameterError(f"region: {p['region']!r}: unknown; allowed: "
                                 f"{', '.join(choices.regions)}")
        if "article_id" in p and p["article_id"] not in choices.articles:
            raise ParameterError(f"article_id: {p['article_id']!r}: unknown; allowed: "
                                 f"{', '.join(choices.articles)}")
    except ParameterError as err:
        raise ParameterError(where + str(err)) from None


def expand(registry: dict[str, Any], base: Path, choices: Choices,
           overrides: dict[str, Any] | None = None) -> list[ReportSpec]:
    """Every report the registry asks for, families expanded, parameters merged and checked."""
    defaults = registry.get("defaults") or {}
    specs: list[ReportSpec] = []
    for i, entry in enumerate(registry["reports"], 1):
        if not isinstance(entry, dict) or "notebook" not in entry:
            raise RegistryError(f"reports.yml: entry {i}: expected a mapping with 'notebook'")
        notebook = base / entry["notebook"]
        allowed = notebook_parameters(notebook)
        for name, title, own in _members(entry, choices):
            # Defaults are general: they apply to the notebooks that declare them.
            general = {k: v for k, v in defaults.items() if k in allowed}
            merged = {**general, **(entry.get("parameters") or {}), **own}
            if overrides:
                merged.update({k: v for k, v in overrides.items() if k in allowed})
            spec = ReportSpec(name, notebook, title, merged)
            if not _NAME.fullmatch(spec.name):
                raise RegistryError(f"reports.yml: entry {i}: name {spec.name!r}: expected "
                                    "lower-case letters, digits, '-' or '_'")
            check_names(spec, allowed)
            check_values(spec, choices)
            specs.append(spec)
    names = [s.name for s in specs]
    dupes = sorted({n for n in names if names.count(n) > 1})
    if dupes:
        raise RegistryError(f"reports.yml: report names used twice: {', '.join(dupes)}")
    if overrides:
        accepted = {k for s in specs for k in notebook_parameters(s.notebook)}
        unused = sorted(set(overrides) - accepted)
        if unused:
            raise ParameterError(f"unknown parameter(s) on the command line: {', '.join(unused)}")
    return specs


def _members(entry: dict[str, Any], choices: Choices):
    """(name, title, parameters) for a plain entry, or for each member of a family."""
    family = entry.get("for_each")
    title = entry.get("title", entry.get("name", ""))
    if family is None:
        if "name" not in entry:
            raise RegistryError("reports.yml: a report without for_each needs a 'name'")
        yield entry["name"], title, {}
    elif family == "region":
        minimum = int(entry.get("min_attacks", 10))
        prefix = entry.get("name", "region")
        for region in choices.regions:
            is_country = "/" not in region
            if is_country or choices.region_attacks.get(region, 0) >= minimum:
                yield (f"{prefix}-{slug(region)}", title.format(region=region.replace("/", " / ")),
                       {"region": region})
    elif family == "article":
        prefix = entry.get("name", "article")
        for article in choices.articles:
            label = choices.article_titles.get(article, article)
            yield f"{prefix}-{slug(article)}", title.format(article=label), \
                {"article_id": article}
    else:
        raise RegistryError(f"reports.yml: for_each: {family!r}: expected 'region' or 'article'")
