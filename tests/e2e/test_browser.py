"""Every built report in a real browser (Debian's Chromium driven by Playwright).

Skipped, with the reason printed, when /usr/bin/chromium is missing: `apt-get install
chromium` (as root) enables them; .ci/run installs it.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from analysis.inputs import paths

CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--no-first-run", "--disable-component-update", "--disable-sync", "--disable-quic"]
SCREENSHOTS = paths.PROJECT_ROOT / "test-output" / "screenshots"
# Playwright's default of 30 s per action is within reach of loading and printing the
# overview (~0.7 MB) on a loaded machine; a page that needs longer than this is broken.
PAGE_TIMEOUT_MS = 300_000

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.skipif(not CHROMIUM.exists(),
                       reason=f"browser tests skipped: no Chromium at {CHROMIUM}; enable "
                              "them with `apt-get install chromium` (Debian) or set CHROMIUM"),
]


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    from analysis.publish.build import build

    out = tmp_path_factory.mktemp("browser-reports")
    assert build(out=out, log=lambda *a, **k: None) == 0
    return out


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS,
                                     timeout=PAGE_TIMEOUT_MS)
        yield instance
        instance.close()


def _new_page(browser, **options):
    page = browser.new_page(**options)
    page.set_default_timeout(PAGE_TIMEOUT_MS)
    return page


def _reports(out: Path) -> list[Path]:
    return sorted(out.glob("*.html"))


def test_every_report_in_the_browser(built, browser):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    reports = _reports(built)
    assert len(reports) >= 3
    for report in reports:
        _check_report(browser, report)


def _check_report(browser, report: Path) -> None:
    """Open one report as a reader would and check it."""
    page = _new_page(browser, viewport={"width": 1280, "height": 800})
    requests, errors = [], []
    page.on("request", lambda r: requests.append(r.url))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("dialog", lambda d: (errors.append(f"dialog: {d.message}"), d.dismiss()))
    page.goto(report.as_uri(), wait_until="load")
    name = report.name

    network = [u for u in requests if not u.startswith(("file:", "data:"))]
    assert network == [], f"{name}: network requests {network}"
    assert errors == [], f"{name}: console errors {errors}"

    broken = page.evaluate("""() => [...document.images]
        .filter(i => !(i.complete && i.naturalWidth > 0)).map(i => i.src.slice(0, 60))""")
    assert broken == [], f"{name}: images that did not decode {broken}"

    missing = page.evaluate("""() => [...document.querySelectorAll('a[href^="#"]')]
        .map(a => decodeURIComponent(a.getAttribute('href').slice(1)))
        .filter(id => id && !document.getElementById(id))""")
    assert missing == [], f"{name}: in-page links without a target {missing}"

    width = page.evaluate("() => document.scrollingElement.scrollWidth")
    assert width <= 1280, f"{name}: horizontal scroll ({width}px wide)"

    if name != "index.html":
        first = page.evaluate("""() => {
            const el = document.querySelector('[data-headline], [class^="verdict-"]');
            if (!el) return null;
            const r = el.getBoundingClientRect();
            return {top: r.top, bottom: r.bottom, visible: r.width > 0 && r.height > 0};
        }""")
        assert first and first["visible"] and first["bottom"] <= 800, \
            f"{name}: headline not in the first 1280x800 screen ({first})"

    page.screenshot(path=str(SCREENSHOTS / f"{report.stem}.png"))
    pdf = page.pdf(format="A4")
    assert pdf[:4] == b"%PDF" and len(pdf) > 10_000, f"{name}: printing to PDF failed"
    page.close()


@pytest.mark.parametrize("width", [1280, 390])
def test_titles_and_width_on_a_desktop_and_a_phone(built, browser, width):
    """Every report's H1 and <title> name what it covers, and nothing is wider than the
    window: wide tables scroll inside their own box, charts scale down."""
    page = browser.new_page(viewport={"width": width, "height": 800})
    for report in _reports(built):
        page.goto(report.as_uri(), wait_until="load")
        scroll = page.evaluate("() => document.scrollingElement.scrollWidth")
        assert scroll <= width, f"{report.name} at {width}px: {scroll}px wide"
        if report.name == "index.html":
            continue
        title, h1 = page.title(), page.inner_text("h1")
        assert title == h1, (report.name, title, h1)
        assert h1 not in ("Attacks on US positions in one region",
                          "A seed article, put into context")
        if report.stem.startswith("region-"):
            region = page.inner_text("table.parameters tr:first-child td:last-child")
            assert region in h1, (report.name, h1, region)
        if report.stem.startswith("phase-"):
            phase = page.inner_text("table.parameters tr:nth-child(2) td:last-child")
            assert h1.endswith(phase), (report.name, h1, phase)
        if report.stem.startswith("article-"):
            assert h1.startswith("In context: ")
    page.screenshot(path=str(SCREENSHOTS / f"last-report-{width}px.png"))
    page.close()


def test_index_lists_reports_by_their_titles(built, browser):
    page = browser.new_page()
    page.goto((built / "index.html").as_uri())
    links = page.eval_on_selector_all("td a", "els => els.map(e => e.textContent)")
    for report in _reports(built):
        if report.name != "index.html":
            page_title = report.read_text(encoding="utf-8").split("<title>")[1].split("<")[0]
            assert page_title.replace("&amp;", "&") in links, report.name
    page.close()


@pytest.mark.parametrize("width", [1280, 390])
def test_event_list_filters_as_you_type_sorts_and_filters(built, browser, width):
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.goto((built / "region-iraq.html").as_uri(), wait_until="load")
    rows = page.locator("table.event-list tbody tr")
    total = rows.count()
    assert total > 50
    visible = "() => [...document.querySelectorAll('table.event-list tbody tr')]" \
              ".filter(r => !r.hidden)"
    page.fill(".event-filters input[type=search]", "Harir")
    shown = page.evaluate(visible + ".map(r => r.textContent)")
    assert 0 < len(shown) < total and all("harir" in t.lower() for t in shown)
    assert page.inner_text(".event-count") == f"{len(shown)} of {total} events shown"
    page.fill(".event-filters input[type=search]", "")
    page.select_option("select[aria-label='Filter by category']", "strike")
    categories = page.evaluate(visible + ".map(r => r.cells[5].textContent)")
    assert categories and set(categories) == {"strike"}
    page.select_option("select[aria-label='Filter by category']", "")
    page.click("table.event-list th:first-child")
    page.click("table.event-list th:first-child")  # second click: newest first
    dates = page.evaluate("() => [...document.querySelectorAll('table.event-list tbody tr')]"
                          ".map(r => r.cells[0].dataset.sort)")
    assert dates == sorted(dates, reverse=True)
    page.screenshot(path=str(SCREENSHOTS / f"event-list-{width}px.png"), full_page=False)
    page.close()


def test_event_list_is_whole_without_javascript(built, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto((built / "overview.html").as_uri())
    assert page.locator(".event-filters").count() == 0
    rows = page.locator("table.event-list tbody tr")
    assert rows.count() == int(page.inner_text("[data-headline=attacks_total]")) + \
        int(page.inner_text("[data-headline=strikes_total]"))
    context.close()


def test_printing_keeps_every_table_and_chart(built, browser):
    page = browser.new_page()
    page.goto((built / "overview.html").as_uri(), wait_until="load")
    page.fill(".event-filters input[type=search]", "Harir")  # a reader filtered, then prints
    page.emulate_media(media="print")
    hidden = page.evaluate("""() => [...document.querySelectorAll('img, table')]
        .filter(e => e.getBoundingClientRect().height === 0).length""")
    assert hidden == 0
    page.close()


def test_hostile_text_does_not_run_in_the_browser(tmp_path, data_dir, browser):
    from analysis.publish.build import build

    events = data_dir / "events.csv"
    events.write_text(events.read_text().replace(
        "Synthetic rocket claim.", '"<img src=x onerror=alert(1)><script>alert(2)</script>"'))
    out = tmp_path / "out"
    assert build(out=out, data=data_dir, only=["overview"], log=lambda *a, **k: None) == 0
    page = _new_page(browser)
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto((out / "overview.html").as_uri())
    assert dialogs == []
    assert "<script>alert(2)</script>" in page.inner_text("body")
    page.close()


def test_csv_download_saves_the_events_of_the_report(built, browser):
    """The CSV travels gzip'd in the page; a click unpacks and saves it, offline."""
    page = browser.new_page(accept_downloads=True)
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto((built / "overview.html").as_uri())
    with page.expect_download() as download:
        page.click("button.csv-download")
    saved = download.value
    text = Path(saved.path()).read_text(encoding="utf-8")
    page.close()
    assert errors == []
    assert saved.suggested_filename == "events.csv"
    assert text.startswith("event_id,event_date,")
    assert len(text.splitlines()) > 100
