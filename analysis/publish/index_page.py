"""reports/index.html: a front page for readers. It opens with what the data shows (the
latest count of each kind, documented attacks per phase, US casualties, the sources' reach),
then lists the reports grouped by the question they answer, each with its title, a line on
what it covers and whether its last build succeeded. Rendered from a Jinja template with
autoescape; reads only the manifest, the specs and the data (deterministic)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

from analysis.publish.files import atomic_write
from analysis.publish.registry import ReportSpec

TEMPLATES = Path(__file__).resolve().parent / "templates"
GROUPS = (
    ("overall", "Overall", "How many attacks since 7 October 2023, where, with what, and which "
     "strikes answered them, with every count side by side."),
    ("phase", "By phase", "The same questions for each phase: the 2023–24 campaign, the "
     "sporadic attacks of 2024–26, the 2026 war and after the ceasefire."),
    ("region", "By country and governorate", "The same questions for one country, or one "
     "governorate with enough documented attacks, with a site-by-week view."),
    ("article", "Articles checked", "News stories put into context: each claim held against "
     "the data as it stood on the day the story was published."),
)


@lru_cache(maxsize=1)
def _environment():
    import jinja2

    return jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES)), autoescape=True,
                              undefined=jinja2.StrictUndefined, trim_blocks=True,
                              lstrip_blocks=True)


def _group(spec: ReportSpec) -> str:
    p = spec.parameters
    if "article_id" in p:
        return "article"
    if "region" in p:
        return "region"
    return "phase" if p.get("phase") else "overall"


def render_index(manifest: dict[str, Any], specs: list[ReportSpec],
                 lines: dict[str, str] | None = None,
                 summary: dict[str, Any] | None = None) -> str:
    """The index page's HTML, in registry order within each group."""
    entries = manifest.get("reports", {})
    groups: dict[str, dict[str, Any]] = {
        key: {"anchor": key, "title": title, "question": question, "reports": []}
        for key, title, question in GROUPS}
    for spec in specs:
        entry = entries.get(spec.name) or {}
        groups[_group(spec)]["reports"].append({
            "html": spec.html_name, "title": entry.get("title") or spec.title,
            "what": (lines or {}).get(spec.name, ""),
            "link": entry.get("built") is not None and (entry.get("status") == "ok"
                                                        or entry.get("last_good")),
            "failed": entry.get("status") == "failed", "cell": entry.get("failing_cell"),
            "error": entry.get("error"), "executed": entry.get("executed"),
            "built": (entry.get("built") or "")[:10], "as_of": entry.get("data_as_of", ""),
        })
    from markupsafe import Markup

    # The project's own stylesheet (trusted, like the templates): inserted as it is.
    css = Markup((TEMPLATES / "since-oct7" / "report.css").read_text(encoding="utf-8"))
    return _environment().get_template("front/index.html.j2").render(
        css=css, summary=summary, groups=[g for g in groups.values() if g["reports"]]) + "\n"


def write_index(out: Path, manifest: dict[str, Any], specs: list[ReportSpec],
                lines: dict[str, str] | None = None,
                summary: dict[str, Any] | None = None) -> Path:
    """Write index.html atomically."""
    path = out / "index.html"
    atomic_write(path, render_index(manifest, specs, lines, summary))
    return path
