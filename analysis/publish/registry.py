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

from analysis.report.parameters import ParameterError, safe_parameters, unknown_value

MAX_REGISTRY_BYTES = 1_000_000
# Set by the build itself (from --data), never by reports.yml or --param: a data folder
# given here would skip the up-front data check and the input fingerprint.
BUILD_SET = ("data_path",)
# The parameter each family sets per member; overriding it would give every member the same
# data under different titles.
FAMILY_PARAMETER = {"region": "region", "article": "article_id", "phase": "phase"}


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
        if path.stat().st_size > MAX_REGISTRY_BYTES:
            raise RegistryError(f"{path}: {path.stat().st_size:,} bytes: expected a registry "
                                f"of at most {MAX_REGISTRY_BYTES:,} bytes")
        content = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise RegistryError(f"{path}: file not found") from None
    except UnicodeDecodeError as err:
        raise RegistryError(f"{path}: byte {err.start}: expected UTF-8 text") from None
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
    """Each ``name = default`` of the cell tagged ``parameters`` (default as a value),
    read with ``ast``: the same names as ``papermill.inspect_notebook``, without importing
    papermill (about a second) in the build's main process. Anything ast cannot read is
    left to papermill."""
    import ast
    import json

    cells = json.loads(Path(path).read_text(encoding="utf-8")).get("cells", [])
    cell = next((c for c in cells if c.get("cell_type") == "code"
                 and "parameters" in c.get("metadata", {}).get("tags", [])), None)
    if cell is None:
        return ()
    source = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
    try:
        tree = ast.parse(source)
    except SyntaxError:
        import papermill

        return tuple((name, _literal(info["default"])) for name, info in
                     papermill.inspect_notebook(path).items())
    found = []
    for node in tree.body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1 \
                and isinstance(node.targets[0], ast.Name):
            found.append((node.targets[0].id,
                          _literal(ast.get_source_segment(source, node.value))))
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) \
                and node.value is not None:
            found.append((node.target.id, _literal(ast.get_source_segment(source, node.value))))
    return tuple(found)


def _literal(source: str) -> Any:
    """A parameter's default as papermill reports it (Python source) as a value."""
    import ast

    try:
        return ast.literal_eval(source)
    except (ValueError, SyntaxError):
        return None


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
    phases: tuple[str, ...] = ()
    last_date: object = None  # datetime.date of the data's last event or tally
    articles: tuple[str, ...] = ()
    region_attacks: dict[str, int] = field(default_factory=dict)
    article_titles: dict[str, str] = field(default_factory=dict)


def check_values(spec: ReportSpec, choices: Choices) -> None:
    """Refuse bad dates, unknown countries, regions or article ids before anything runs."""
    from analysis.report.parameters import check_window, parse_countries, parse_date

    p = spec.parameters
    where = f"report {spec.name!r}: "
    try:
        start = parse_date("start_date", p["start_date"], allow_none=False) \
            if "start_date" in p else None
        end = parse_date("end_date", p.get("end_date"))
        check_window(start, end, choices.last_date)
        if "countries" in p:
            parse_countries(p["countries"])
        if "region" in p and p["region"] not in choices.regions:
            raise unknown_value("region", p["region"], choices.regions)
        if p.get("phase") is not None and p["phase"] not in choices.phases:
            raise unknown_value("phase", p["phase"], choices.phases)
        if "article_id" in p and p["article_id"] not in choices.articles:
            raise unknown_value("article_id", p["article_id"], choices.articles)
    except ParameterError as err:
        raise ParameterError(where + str(err)) from None


def _notebook_in(base: Path, name: Any, entry: int) -> Path:
    """A notebook inside the registry's own folder: reports.yml names which of the reviewed
    notebooks run, never a file elsewhere on the machine."""
    path = (base / str(name)).resolve()
    if not isinstance(name, str) or path.suffix != ".ipynb" or \
            not path.is_relative_to(base.resolve()):
        raise RegistryError(f"reports.yml: entry {entry}: notebook: {name}: expected a "
                            f".ipynb file inside {base}")
    return base / name


def expand(registry: dict[str, Any], base: Path, choices: Choices,
           overrides: dict[str, Any] | None = None) -> list[ReportSpec]:
    """Every report the registry asks for, families expanded, parameters merged and checked."""
    defaults = registry.get("defaults") or {}
    if not isinstance(defaults, dict):
        raise RegistryError("reports.yml: defaults: expected a mapping of parameters")
    overrides = safe_parameters(overrides or {})
    for name in BUILD_SET:
        if name in overrides:
            raise ParameterError(f"{name}: set by the build; give the data with --data DIR "
                                 "or --data EXPORT.csv instead")
    specs: list[ReportSpec] = []
    origins: dict[str, list[str]] = {}
    for i, entry in enumerate(registry["reports"], 1):
        if not isinstance(entry, dict) or "notebook" not in entry:
            raise RegistryError(f"reports.yml: entry {i}: expected a mapping with 'notebook'")
        notebook = _notebook_in(base, entry["notebook"], i)
        allowed = notebook_parameters(notebook)
        own_parameters = entry.get("parameters") or {}
        if not isinstance(own_parameters, dict):
            raise RegistryError(f"reports.yml: entry {i}: parameters: expected a mapping")
        set_here = [n for n in BUILD_SET if n in own_parameters or n in defaults]
        if set_here:
            raise ParameterError(f"reports.yml: entry {i}: {set_here[0]}: set by the build; "
                                 "give the data with --data instead")
        family_owned = FAMILY_PARAMETER.get(entry.get("for_each"))
        if family_owned == "phase" and "phase" in overrides:
            pass  # --param phase=X builds only that member of the phase family (below)
        elif family_owned and family_owned in overrides:
            raise ParameterError(
                f"{family_owned}: set per report by the {entry.get('name', 'region')!r} "
                f"family; build one member with --only NAME instead of --param")
        for name, title, own, origin in _members(entry, choices):
            if family_owned == "phase" and "phase" in overrides and \
                    own["phase"] != overrides["phase"]:
                continue
            if family_owned != "phase" and overrides.get("phase") is not None:
                title = f"{title}: {overrides['phase']}"
            # Defaults are general: they apply to the notebooks that declare them.
            general = {k: v for k, v in defaults.items() if k in allowed}
            declared = {k: v for k, v in allowed.items() if k not in BUILD_SET}
            merged = {**declared, **general, **own_parameters, **own}
            merged.update({k: v for k, v in overrides.items() if k in allowed})
            try:
                merged = safe_parameters(merged)
            except ParameterError as err:
                raise ParameterError(f"report {name!r}: {err}") from None
            spec = ReportSpec(name, notebook, title, merged)
            origins.setdefault(name, []).append(origin or f"reports.yml entry {i}")
            if not _NAME.fullmatch(spec.name):
                raise RegistryError(f"reports.yml: entry {i}: name {spec.name!r}: expected "
                                    "lower-case letters, digits, '-' or '_'")
            check_names(spec, allowed)
            check_values(spec, choices)
            specs.append(spec)
    clashes = {n: o for n, o in origins.items() if len(o) > 1}
    if clashes:
        raise RegistryError("; ".join(f"{' and '.join(o)} give the same report name {n!r}: "
                                      "rename one of them" for n, o in sorted(clashes.items())))
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
    if not isinstance(title, str) or len(title) > 300:
        raise RegistryError(f"reports.yml: title: {str(title)[:40]!r}: expected text of at "
                            "most 300 characters")
    if family is None:
        if "name" not in entry:
            raise RegistryError("reports.yml: a report without for_each needs a 'name'")
        yield entry["name"], title, {}, None
    elif family == "region":
        minimum = entry.get("min_attacks", 10)
        if not isinstance(minimum, int) or isinstance(minimum, bool) or minimum < 0:
            raise RegistryError(f"reports.yml: min_attacks: {minimum!r}: expected a whole "
                                "number >= 0")
        prefix = entry.get("name", "region")
        for region in choices.regions:
            is_country = "/" not in region
            if is_country or choices.region_attacks.get(region, 0) >= minimum:
                shown = region.replace("/", " / ")
                yield (f"{prefix}-{slug(region)}", title.replace("{region}", shown),
                       {"region": region},
                       f"region {region!r} (country and admin1 in data/places.csv)")
    elif family == "phase":
        prefix = entry.get("name", "phase")
        for phase in choices.phases:
            yield (f"{prefix}-{slug(phase)}", title.replace("{phase}", phase), {"phase": phase},
                   f"phase {phase!r} (data/phases.csv)")
    elif family == "article":
        prefix = entry.get("name", "article")
        for article in choices.articles:
            label = choices.article_titles.get(article, article)
            yield (f"{prefix}-{slug(article)}", title.replace("{article}", label),
                   {"article_id": article}, f"article {article!r} (seeds/articles.csv)")
    else:
        raise RegistryError(f"reports.yml: for_each: {family!r}: expected 'region', 'phase' "
                            "or 'article'")
