"""Reading a built report as a reader reads it: its title, headline boxes, the line that
says how current it is, and the data table after each chart."""

from __future__ import annotations

import re
from functools import cached_property
from pathlib import Path

from bs4 import BeautifulSoup


def number(text: str) -> int:
    return int(text.replace(",", "").strip())


class Page:
    def __init__(self, path: Path):
        self.path = path
        self.html = path.read_text(encoding="utf-8")

    @cached_property
    def soup(self) -> BeautifulSoup:
        """The page parsed without its embedded pictures and CSV (nine tenths of its bytes,
        none of its words), which the reader checks never read."""
        slim = re.sub(r'(data:image/png;base64,|data-csv-gzip=")[^"]+', r"\1", self.html)
        return BeautifulSoup(slim, "html.parser")

    @property
    def title(self) -> str:
        return self.soup.title.get_text(strip=True)

    @property
    def h1(self) -> str:
        return self.soup.h1.get_text(" ", strip=True)

    @property
    def text(self) -> str:
        return self.soup.get_text(" ", strip=True)

    @property
    def currency(self) -> str:
        return self.soup.select_one("p.currency").get_text(" ", strip=True)

    def box(self, key: str) -> dict[str, str] | None:
        """The headline box ``key``: its value, label and note as shown."""
        value = self.soup.select_one(f'[data-headline="{key}"]')
        if value is None:
            return None
        box = value.parent
        part = lambda c: (box.select_one(c).get_text(" ", strip=True)  # noqa: E731
                          if box.select_one(c) else "")
        return {"value": value.get_text(strip=True), "label": part(".headline-label"),
                "note": part(".headline-note")}

    def boxes(self) -> dict[str, dict[str, str]]:
        return {v["data-headline"]: self.box(v["data-headline"])
                for v in self.soup.select("[data-headline]")}

    def chart_keys(self) -> list[str]:
        return [f["data-chart"] for f in self.soup.select("figure.chart")]

    def chart_table(self, key: str) -> list[dict[str, str]]:
        """The rows of the table after chart ``key``, as header → cell text."""
        details = self.soup.select_one(f'details.chart-data[data-chart="{key}"]')
        table = details.select_one("table")
        if table is None:
            return []
        header = [th.get_text(strip=True) for th in table.select("thead th")]
        return [dict(zip(header, (td.get_text(strip=True) for td in tr.select("td")),
                         strict=True)) for tr in table.select("tbody tr")]

    def chart_colours(self, key: str) -> set[str]:
        """Every colour (``#rrggbb``) of chart ``key``'s picture."""
        import base64
        import io

        from PIL import Image

        found = re.search(rf'data-chart="{re.escape(key)}">.*?src="data:image/png;base64,'
                          r'([^"]+)"', self.html, flags=re.S)
        image = Image.open(io.BytesIO(base64.b64decode(found.group(1)))).convert("RGB")
        return {"#{:02x}{:02x}{:02x}".format(*c) for _, c in image.getcolors(1 << 24)}

    def chart_alt(self, key: str) -> str:
        return self.soup.select_one(f'figure.chart[data-chart="{key}"] img')["alt"]

    def table_after(self, heading: str) -> list[dict[str, str]]:
        """The first data table after the heading that reads ``heading``."""
        h = self.soup.find(lambda t: t.name in ("h2", "h3") and
                           t.get_text(strip=True).replace("¶", "") == heading)
        table = h.find_next(["table", "h2", "h3"])
        if table is None or table.name != "table":
            return []  # the section shows no table (it says why in words)
        header = [th.get_text(strip=True) for th in table.select("thead th")]
        return [dict(zip(header, (td.get_text(" ", strip=True) for td in tr.select("td")),
                         strict=True)) for tr in table.select("tbody tr")]


def total(rows: list[dict[str, str]], column: str) -> int:
    return sum(number(r[column]) for r in rows if r[column] != "")


def first_number(text: str) -> int:
    return number(re.search(r"\d[\d,]*", text).group(0))
