"""notebooks/reports.yml: which reports to build, with which parameters, checked up front.

Two passes. First the file's shape, by typed models (pydantic, ``extra="forbid"``): every
unknown key, wrong type or impossible value is an error that names its place in the file
and what is allowed. Then what depends on the data (regions, phases, articles, windows),
against the values the data offers (:class:`Choices`). Parameters merge from general to
specific (``defaults`` → the report's own → the command line); names are checked against
the notebook's parameters cell (papermill only warns on unknown names), values by the
parsers the notebooks use.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError

from analysis.report.parameters import ParameterError, safe_parameters, unknown_value

MAX_REGISTRY_BYTES = 1_000_000
MAX_DEPTH = 12  # reports.yml nests 4 levels deep; far more is no registry
# Set by the build itself (from --data), never by reports.yml or --param: a data folder
# given here would skip the up-front data check and the input fingerprint.
BUILD_SET = ("data_path",)
# The parameter each family sets per member; overriding it would give every member the same
# data under different titles.
FAMILY_PARAMETER = {"region": "region", "article": "article_id", "phase": "phase"}
NAME_PATTERN = r"[a-z0-9][a-z0-9_-]{0,99}"


class RegistryError(ValueError):
    """reports.yml cannot be used as written."""


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


def _checked_parameters(value: dict[str, Any]) -> dict[str, Any]:
    try:
        return safe_parameters(value)
    except ParameterError as err:
        raise ValueError(str(err)) from None


Parameters = Annotated[dict[str, Any], AfterValidator(_checked_parameters)]


class Entry(BaseModel):
    """One entry of ``reports``: a report, or a family of them (``for_each``)."""

    model_config = ConfigDict(extra="forbid", strict=True)

    notebook: Annotated[str, Field(min_length=1, max_length=200)]
    name: Annotated[str, Field(pattern=f"^{NAME_PATTERN}$")] | None = None
    title: Annotated[str, Field(max_length=300)] | None = None
    parameters: Parameters = {}
    for_each: Literal["region", "phase", "article"] | None = None
    min_attacks: Annotated[int, Field(ge=0, le=100_000)] = 10


class Registry(BaseModel):
    """The whole file."""

    model_config = ConfigDict(extra="forbid", strict=True)

    reports: Annotated[list[Entry], Field(min_length=1, max_length=1_000)]
    defaults: Parameters = {}


def _depth(value: object) -> int:
    """How deeply lists and mappings nest (iteratively: no recursion to overflow)."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, depth = stack.pop()
        deepest = max(deepest, depth)
        if depth > MAX_DEPTH:
            break
        children = item.values() if isinstance(item, dict) else \
            item if isinstance(item, list) else ()
        stack += [(c, depth + 1) for c in children if isinstance(c, dict | list)]
    return deepest


def _where(location: tuple) -> str:
    """('reports', 0, 'min_attacks') as 'entry 1: min_attacks' (entries counted from 1)."""
    parts = list(location)
    if len(parts) >= 2 and parts[0] == "reports" and isinstance(parts[1], int):
        parts = [f"entry {parts[1] + 1}", *parts[2:]]
    return ": ".join(str(p) for p in parts) or "(file)"


def _located(err: ValidationError, path: Path) -> RegistryError:
    """Each of pydantic's errors as 'reports.yml: reports.2.min_attacks: value: why'."""
    fields = {"Entry": ", ".join(Entry.model_fields), "Registry": ", ".join(
        Registry.model_fields)}
    lines = []
    for e in err.errors(include_url=False):
        where = _where(e["loc"])
        why = e["msg"]
        if e["type"] == "extra_forbidden":
            model = "Registry" if len(e["loc"]) == 1 else "Entry"
            why = f"an unknown key; allowed: {fields[model]}"
        value = repr(e.get("input"))[:60]
        lines.append(f"{path.name}: {where}: {value}: {why}")
    return RegistryError("\n".join(lines))


def read_registry(path: Path) -> Registry:
    """The YAML file as a checked :class:`Registry`, or one located error per problem."""
    try:
        if path.stat().st_size > MAX_REGISTRY_BYTES:
            raise RegistryError(f"{path}: {path.stat().st_size:,} bytes: expected a registry "
                                f"of at most {MAX_REGISTRY_BYTES:,} bytes")
        content = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise RegistryError(f"{path}: file not found") from None
    except IsADirectoryError:
        raise RegistryError(f"{path}: a folder: expected a reports.yml file") from None
    except UnicodeDecodeError as err:
        raise RegistryError(f"{path}: byte {err.start}: expected UTF-8 text") from None
    except yaml.YAMLError as err:
        raise RegistryError(f"{path}: not valid YAML: {err}") from None
    except RecursionError:
        raise RegistryError(f"{path}: nested too deeply to read: expected at most "
                            f"{MAX_DEPTH} levels") from None
    except ValueError as err:  # PyYAML builds dates itself: 2024-02-30 fails there
        raise RegistryError(f"{path}: {err}: expected real calendar dates (YYYY-MM-DD)") \
            from None
    except OSError as err:
        raise RegistryError(f"{path}: cannot be read ({err.strerror or err})") from None
    if _depth(content) > MAX_DEPTH:
        raise RegistryError(f"{path}: nested more than {MAX_DEPTH} levels deep: expected a "
                            "mapping with a 'reports' list of report entries")
    if not isinstance(content, dict):
        raise RegistryError(f"{path}: expected a mapping with a 'reports' list")
    try:
        return Registry.model_validate(_dates_as_text(content))
    except ValidationError as err:
        raise _located(err, path) from None


def _dates_as_text(value: Any) -> Any:
    """YAML reads an unquoted 2024-02-29 as a date: parameters take ISO text."""
    if isinstance(value, dict):
        return {k: _dates_as_text(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_dates_as_text(v) for v in value]
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value.isoformat()
    return value


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
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            target, value = node.targets[0], node.value
        elif isinstance(node, ast.AnnAssign) and node.value is not None:
            target, value = node.target, node.value
        else:
            continue
        if isinstance(target, ast.Name):
            found.append((target.id, _literal(ast.get_source_segment(source, value))))
    return tuple(found)


def _literal(source: str | None) -> Any:
    """A parameter's default as papermill reports it (Python source) as a value."""
    import ast

    try:
        return ast.literal_eval(source or "None")
    except (ValueError, SyntaxError):
        return None


@dataclass(frozen=True)
class Choices:
    """The values a parameter may take, drawn from the data (listed in error messages)."""

    regions: tuple[str, ...] = ()
    phases: tuple[str, ...] = ()
    last_date: object = None  # datetime.date the data speaks for (the default window's end)
    articles: tuple[str, ...] = ()
    region_attacks: dict[str, int] = field(default_factory=dict)
    article_titles: dict[str, str] = field(default_factory=dict)
    # Each phase's first and last day (None: still running), to check windows against.
    phase_windows: dict[str, tuple[dt.date, dt.date | None]] = field(default_factory=dict)


def check_names(spec: ReportSpec, allowed: dict[str, Any]) -> None:
    """Refuse parameter names that the notebook does not declare."""
    unknown = sorted(set(spec.parameters) - set(allowed))
    if unknown:
        raise ParameterError(
            f"report {spec.name!r}: unknown parameter(s) {', '.join(unknown)}; "
            f"{spec.notebook.name} accepts: {', '.join(sorted(allowed))}")


def check_values(spec: ReportSpec, choices: Choices) -> None:
    """Refuse bad dates, unknown countries, regions, phases or article ids, and values that
    are fine one by one but impossible together, before anything runs."""
    from analysis.report.parameters import check_window, parse_countries, parse_date

    p = spec.parameters
    try:
        start = parse_date("start_date", p["start_date"], allow_none=False) \
            if "start_date" in p else None
        end = parse_date("end_date", p.get("end_date"))
        check_window(start, end, choices.last_date)  # type: ignore[arg-type]
        countries = parse_countries(p["countries"]) if "countries" in p else None
        if p.get("region") is not None and p["region"] not in choices.regions:
            raise unknown_value("region", p["region"], choices.regions)
        if p.get("region") is not None and countries:
            raise ParameterError("countries: give either region or countries, not both")
        if p.get("phase") is not None:
            if p["phase"] not in choices.phases:
                raise unknown_value("phase", p["phase"], choices.phases)
            _check_phase_window(p["phase"], start, end, choices)
        if p.get("article_id") is not None and p["article_id"] not in choices.articles:
            raise unknown_value("article_id", p["article_id"], choices.articles)
    except ParameterError as err:
        raise ParameterError(f"report {spec.name!r}: {err}") from None


def _check_phase_window(phase: str, start: dt.date | None, end: dt.date | None,
                        choices: Choices) -> None:
    if phase not in choices.phase_windows:
        return
    first, last = choices.phase_windows[phase]
    last = last or choices.last_date  # type: ignore[assignment]
    lo, hi = max(first, start) if start else first, min(last, end) if end and last else \
        (end or last)
    if hi is not None and lo > hi:
        raise ParameterError(f"phase: {phase!r} runs {first.isoformat()} to "
                             f"{(last or first).isoformat()}: expected start_date and "
                             "end_date that meet it")


def _notebook_in(base: Path, name: str, entry: int) -> Path:
    """A notebook inside the registry's own folder: reports.yml names which of the reviewed
    notebooks run, never a file elsewhere on the machine."""
    path = (base / name).resolve()
    if path.suffix != ".ipynb" or not path.is_relative_to(base.resolve()):
        raise RegistryError(f"reports.yml: entry {entry}: notebook: {name}: expected a "
                            f".ipynb file inside {base}")
    return base / name


def expand(registry: Registry, base: Path, choices: Choices,
           overrides: dict[str, Any] | None = None) -> list[ReportSpec]:
    """Every report the registry asks for, families expanded, parameters merged and checked
    (the second, data-dependent pass)."""
    overrides = safe_parameters(overrides or {})
    for name in BUILD_SET:
        if name in overrides:
            raise ParameterError(f"{name}: set by the build; give the data with --data DIR "
                                 "or --data EXPORT.csv instead")
    specs: list[ReportSpec] = []
    origins: dict[str, list[str]] = {}
    for i, entry in enumerate(registry.reports, 1):
        for spec, origin in _entry_specs(entry, i, base, registry.defaults, choices, overrides):
            origins.setdefault(spec.name, []).append(origin)
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


def _entry_specs(entry: Entry, i: int, base: Path, defaults: dict[str, Any],
                 choices: Choices, overrides: dict[str, Any]):
    """(spec, origin) for each report one entry asks for."""
    notebook = _notebook_in(base, entry.notebook, i)
    allowed = notebook_parameters(notebook)
    set_here = [n for n in BUILD_SET if n in entry.parameters or n in defaults]
    if set_here:
        raise ParameterError(f"reports.yml: entry {i}: {set_here[0]}: set by the build; "
                             "give the data with --data instead")
    owned = FAMILY_PARAMETER.get(entry.for_each or "")
    if owned and owned != "phase" and owned in overrides:
        raise ParameterError(f"{owned}: set per report by the {entry.name or entry.for_each!r} "
                             "family; build one member with --only NAME instead of --param")
    for name, title, own, origin in _members(entry, choices):
        if owned == "phase" and "phase" in overrides and own["phase"] != overrides["phase"]:
            continue  # --param phase=X builds only that member of the phase family
        if owned != "phase" and overrides.get("phase") is not None:
            title = f"{title}: {overrides['phase']}"
        general = {k: v for k, v in defaults.items() if k in allowed}
        declared = {k: v for k, v in allowed.items() if k not in BUILD_SET}
        merged = {**declared, **general, **entry.parameters, **own}
        merged.update({k: v for k, v in overrides.items() if k in allowed})
        try:
            merged = safe_parameters(merged)
        except ParameterError as err:
            raise ParameterError(f"report {name!r}: {err}") from None
        spec = ReportSpec(name, notebook, title, merged)
        if not re.fullmatch(NAME_PATTERN, spec.name):
            raise RegistryError(f"reports.yml: entry {i}: name {spec.name!r}: expected "
                                "lower-case letters, digits, '-' or '_'")
        check_names(spec, allowed)
        check_values(spec, choices)
        yield spec, origin or f"reports.yml entry {i}"


def slug(text: str) -> str:
    """A file-name-safe, lower-case version of a name."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _members(entry: Entry, choices: Choices):
    """(name, title, parameters, origin) for a plain entry, or for each member of a family."""
    title = entry.title or entry.name or ""
    if entry.for_each is None:
        if entry.name is None:
            raise RegistryError("reports.yml: a report without for_each needs a 'name'")
        yield entry.name, title, {}, None
    elif entry.for_each == "region":
        prefix = entry.name or "region"
        for region in choices.regions:
            if "/" not in region or choices.region_attacks.get(region, 0) >= entry.min_attacks:
                yield (f"{prefix}-{slug(region)}", title.replace("{region}",
                                                                 region.replace("/", " / ")),
                       {"region": region},
                       f"region {region!r} (country and admin1 in data/places.csv)")
    elif entry.for_each == "phase":
        prefix = entry.name or "phase"
        for phase in choices.phases:
            yield (f"{prefix}-{slug(phase)}", title.replace("{phase}", phase), {"phase": phase},
                   f"phase {phase!r} (data/phases.csv)")
    else:
        prefix = entry.name or "article"
        for article in choices.articles:
            label = choices.article_titles.get(article, article)
            yield (f"{prefix}-{slug(article)}", title.replace("{article}", label),
                   {"article_id": article}, f"article {article!r} (seeds/articles.csv)")
