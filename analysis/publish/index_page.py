"""reports/index.html: every report with its title, parameters, data as-of, status, build time."""

from __future__ import annotations

import html
import json
from pathlib import Path
from typing import Any

from analysis.publish.files import atomic_write
from analysis.publish.registry import ReportSpec


def esc(value: object) -> str:
    """Text as HTML text (as analysis.report.html.esc, which would import matplotlib into
    the build's main process: about a second on the way to the first report)."""
    return html.escape("" if value is None else str(value), quote=True)

_STYLE = """
body { font-family: system-ui, -apple-system, 'Segoe UI', sans-serif; max-width: 1040px;
       margin: 0 auto; padding: 20px 24px; color: #1a1a1a; }
h1 { font-size: 24px; margin-bottom: 4px; }
p.lead { color: #444; margin-top: 0; }
table { border-collapse: collapse; width: 100%; font-size: 14px; }
th, td { text-align: left; padding: 6px 8px; border-bottom: 1px solid #e3e3e3;
         vertical-align: top; }
code { font-size: 12.5px; background: #f4f4f4; padding: 1px 3px; border-radius: 3px; }
td:nth-child(3), td:nth-child(5) { white-space: nowrap; }
.ok { color: #1b7a3a; font-weight: 600; }
.failed { color: #b3261e; font-weight: 600; }
.never { color: #777; }
.table-scroll { overflow-x: auto; max-width: 100%; }
@media (max-width: 600px) {
  body { padding: 10px; }
  h1 { font-size: 20px; }
  td:nth-child(2) code { word-break: break-all; }
}
"""


def _parameters(parameters: dict[str, Any]) -> str:
    return "<br>".join(f"<code>{esc(k)} = {esc(json.dumps(v, default=str))}</code>"
                       for k, v in sorted(parameters.items()))


def render_index(manifest: dict[str, Any], specs: list[ReportSpec]) -> str:
    """The index page's HTML, in registry order; reads only the manifest (deterministic)."""
    entries = manifest.get("reports", {})
    rows = []
    for spec in specs:
        entry = entries.get(spec.name)
        if entry is None:
            status, when, as_of, link = '<span class="never">not built</span>', "", "", \
                esc(spec.title)
        else:
            has_html = entry.get("built") is not None
            title = entry.get("title") or spec.title
            link = (f'<a href="{esc(spec.html_name)}">{esc(title)}</a>' if has_html
                    else esc(title))
            if entry.get("status") == "ok":
                status = '<span class="ok">built</span>'
            else:
                cell = entry.get("failing_cell")
                status = (f'<span class="failed">failed</span>'
                          f'{" in cell " + esc(cell) if cell else ""}: {esc(entry.get("error"))}'
                          + (f'<br>see <code>{esc(entry["executed"])}</code>'
                             if entry.get("executed") else "<br>no executed notebook was kept")
                          + ("; showing the last good version" if has_html else ""))
            when = esc(entry.get("built") or "")
            as_of = esc(entry.get("data_as_of", ""))
        rows.append(f"<tr><td>{link}<br><code>{esc(spec.html_name)}</code></td>"
                    f"<td>{_parameters(spec.parameters)}</td><td>{as_of}</td>"
                    f"<td>{status}</td><td>{when}</td></tr>")
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            "<title>Since October 7: reports</title>"
            f"<style>{_STYLE}</style></head><body>"
            "<h1>Since October 7: attacks on US positions in Iraq, Syria and Jordan</h1>"
            "<p class=\"lead\">Reports built from the project's sourced event data. Each opens "
            "offline; every number traces to the events behind it and every event to its "
            "sources.</p>"
            '<div class="table-scroll"><table><thead><tr><th>Report</th><th>Parameters</th>'
            "<th>Data as of</th><th>Status</th><th>Built (UTC)</th></tr></thead><tbody>"
            + "".join(rows) + "</tbody></table></div></body></html>\n")


def write_index(out: Path, manifest: dict[str, Any], specs: list[ReportSpec]) -> Path:
    """Write index.html atomically."""
    path = out / "index.html"
    atomic_write(path, render_index(manifest, specs))
    return path
