"""Screenshots of built reports as a reader sees them, for reviews and release notes.

    python scripts/screenshots.py REPORTS_DIR OUT_DIR [--label after]

Takes, at 1280 x 800: the overview's first screen, its weekly chart, a governorate report's
headline (region-iraq-anbar), and the event list of region-iraq filtered by typing "Harir"
(where the report has a search box). Uses Debian's Chromium through Playwright.
"""

from __future__ import annotations

import argparse
from pathlib import Path

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("reports", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--label", default="after")
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    from playwright.sync_api import sync_playwright

    def shot(page, name: str, **kwargs) -> None:
        page.screenshot(path=str(args.out / f"{args.label}-{name}.png"), **kwargs)

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=args.chromium, args=FLAGS)
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        page.goto((args.reports / "overview.html").as_uri(), wait_until="load")
        shot(page, "overview-first-screen")
        heading = page.locator("h2", has_text="per week").first
        chart = heading.locator("xpath=following::img[1]")
        chart.screenshot(path=str(args.out / f"{args.label}-weekly-chart.png"))
        page.goto((args.reports / "region-iraq-anbar.html").as_uri(), wait_until="load")
        shot(page, "governorate-headline")
        page.goto((args.reports / "region-iraq.html").as_uri(), wait_until="load")
        search = page.locator(".event-filters input[type=search]")
        if search.count():
            search.fill("Harir")
            search.evaluate("el => el.scrollIntoView({block: 'start'})")
        else:
            page.locator("h2", has_text="Sources").evaluate(
                "el => el.scrollIntoView({block: 'start'})")
        shot(page, "event-list")
        browser.close()


if __name__ == "__main__":
    main()
