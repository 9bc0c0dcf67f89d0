"""Every built report in a real browser (Debian's Chromium driven by Playwright), read at
1280 and 390 px, printed, and checked by axe-core for WCAG 2 A and AA.

Skipped, with the reason printed, when /usr/bin/chromium is missing: `apt-get install
chromium` (as root) enables them; .ci/run installs it.
"""

from __future__ import annotations

import io
import os
import re
from pathlib import Path

import pytest

from analysis.inputs import paths

CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--no-first-run", "--disable-component-update", "--disable-sync", "--disable-quic"]
SCREENSHOTS = paths.PROJECT_ROOT / "test-output" / "screenshots"
# Playwright's default of 30 s per action is within reach of loading and printing the
# overview on a loaded machine; a page that needs longer than this is broken.
PAGE_TIMEOUT_MS = 300_000
# The smallest text drawn in a chart: 9 pt at the charts' 100 dpi.
CHART_TEXT_PX = 9 * 100 / 72
MAX_PRINTED_PAGES = 25
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa"]},
               "resultTypes": ["violations"]}
# Colour contrast comes from the one stylesheet and the templates, never from the data: it
# is checked on one report of each family (two thirds of axe's time), every other rule on
# every report.
CONTRAST_CHECKED = {"overview", "phase-2023-24-campaign", "region-iraq", "region-iraq-erbil",
                    "article-001-9aac6e5668df3366", "index"}
AXE_WITHOUT_CONTRAST = {**AXE_OPTIONS, "rules": {"color-contrast": {"enabled": False}}}
# Rows of one template repeated hundreds of times: the first three of each table are
# checked, the rest (the same markup with other text) would only multiply the time.
AXE_CONTEXT = {"exclude": [["table.event-list tbody tr:nth-child(n+4)"],
                           ["details.chart-data tbody tr:nth-child(n+4)"]]}

pytestmark = [

    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.skipif(not CHROMIUM.exists(),
                       reason=f"browser tests skipped: no Chromium at {CHROMIUM}; enable "
                              "them with `apt-get install chromium` (Debian) or set CHROMIUM"),
]


@pytest.fixture(scope="module")
def built(real_reports) -> Path:
    return real_reports


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


SHOT = {"overview", "phase-2026-war", "region-iraq", "article-001-9aac6e5668df3366", "index"}
# The reports in four parts, so that parallel test workers can share them out.
PARTS = {"overview and index": ("overview", "index"), "phases": ("phase-",),
         "regions": ("region-",), "articles": ("article-",)}


@pytest.mark.parametrize("part", PARTS)
def test_every_report_in_the_browser(built, browser, part):
    """Every report and the index, as a reader opens them: at 1280 px no network request,
    no script error, every image decoded, every in-page link has a target, no sideways
    scroll, the headline on the first screen, the H1 as the <title>, a cite-as line and no
    WCAG 2 A or AA violation (axe-core); then at 390 px, still no sideways scroll, and chart
    pictures never shrunk, so their smallest text stays at 12.5 CSS px (9 pt)."""
    from axe_playwright_python.sync_playwright import Axe

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    axe = Axe()
    reports = [r for r in _reports(built) if r.stem.startswith(PARTS[part])]
    assert reports, part
    page = _new_page(browser, viewport={"width": 1280, "height": 800})
    requests, errors = [], []
    page.on("request", lambda r: requests.append(r.url))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("dialog", lambda d: (errors.append(f"dialog: {d.message}"), d.dismiss()))
    problems = []
    for report in reports:
        requests.clear()
        errors.clear()
        page.set_viewport_size({"width": 1280, "height": 800})
        page.goto(report.as_uri(), wait_until="load")
        problems += [f"{report.name}: {p}" for p in _problems(page, report, requests, errors)]
        result = axe.run(page, context=AXE_CONTEXT, options=AXE_OPTIONS
                         if report.stem in CONTRAST_CHECKED else AXE_WITHOUT_CONTRAST)
        problems += [f"{report.name}: axe {v['id']} ({v['impact']}): {v['nodes'][0]['html'][:80]}"
                     for v in result.response["violations"]]
        if report.stem in SHOT:
            page.screenshot(path=str(SCREENSHOTS / f"{report.stem}-1280px.png"))
        page.set_viewport_size({"width": 390, "height": 800})
        problems += [f"{report.name} at 390 px: {p}" for p in _phone_problems(page)]
        if report.stem in SHOT:
            page.screenshot(path=str(SCREENSHOTS / f"{report.stem}-390px.png"))
    page.close()
    assert not problems, "\n".join(problems)


def _phone_problems(page):
    scroll = page.evaluate("() => document.scrollingElement.scrollWidth")
    if scroll > 390:
        yield f"{scroll}px wide"
    scales = page.evaluate("""() => [...document.querySelectorAll('figure.chart img')]
        .map(i => i.getBoundingClientRect().width / i.naturalWidth)""")
    small = [round(s, 2) for s in scales if s * CHART_TEXT_PX < 9]
    if small:
        yield f"chart text scaled by {small}"


def _problems(page, report: Path, requests: list[str], errors: list[str]):
    network = [u for u in requests if not u.startswith(("file:", "data:", "blob:"))]
    if network:
        yield f"network requests {network}"
    if errors:
        yield f"console errors {errors}"
    broken = page.evaluate("""() => [...document.images]
        .filter(i => !(i.complete && i.naturalWidth > 0)).map(i => i.src.slice(0, 60))""")
    if broken:
        yield f"images that did not decode {broken}"
    missing = page.evaluate("""() => [...document.querySelectorAll('a[href^="#"]')]
        .map(a => decodeURIComponent(a.getAttribute('href').slice(1)))
        .filter(id => id && !id.startsWith('events?') && !document.getElementById(id))""")
    if missing:
        yield f"in-page links without a target {missing}"
    width = page.evaluate("() => document.scrollingElement.scrollWidth")
    if width > 1280:
        yield f"horizontal scroll ({width}px wide)"
    if report.name == "index.html":
        return
    if page.title() != page.inner_text("h1"):
        yield f"<title> {page.title()!r} differs from the H1"
    first = page.evaluate("""() => {
        const el = document.querySelector('[data-headline], [class^="verdict-"]');
        if (!el) return null;
        const r = el.getBoundingClientRect();
        return {bottom: r.bottom, visible: r.width > 0 && r.height > 0};
    }""")
    if not (first and first["visible"] and first["bottom"] <= 800):
        yield f"headline not in the first 1280x800 screen ({first})"
    cite = page.locator("footer.citation .cite-as")
    if cite.count() != 1 or "data version" not in cite.inner_text():
        yield "no cite-as line"


def test_index_is_a_front_page_listing_every_report_by_title(built, browser):
    page = _new_page(browser, viewport={"width": 390, "height": 800})
    page.goto((built / "index.html").as_uri())
    assert page.evaluate("() => document.scrollingElement.scrollWidth") <= 390
    links = page.eval_on_selector_all("ul.reports a", "els => els.map(e => e.textContent)")
    for report in _reports(built):
        if report.name != "index.html":
            title = report.read_text(encoding="utf-8").split("<title>")[1].split("<")[0]
            assert title.replace("&amp;", "&") in links, report.name
    assert "This dataset documents" in page.inner_text("main")
    page.screenshot(path=str(SCREENSHOTS / "index-390px.png"), full_page=True)
    page.close()


def _visible_rows(page) -> list[dict]:
    return page.evaluate("""() => [...document.querySelectorAll('table.event-list tbody tr')]
        .filter(r => !r.hidden).map(r => ({id: r.id, text: r.textContent}))""")


def _search(page, text: str) -> list[dict]:
    page.fill(".event-filters input[type=search]", text)
    return _visible_rows(page)


def test_the_event_list_is_readable_and_its_header_stays_in_view(built, browser):
    page = _new_page(browser, viewport={"width": 1280, "height": 900})
    page.goto((built / "overview.html").as_uri(), wait_until="load")
    for column in (1, 3, 4):  # the date, what happened, the sources
        right = page.evaluate(f"""() => document.querySelector(
            'table.event-list tbody tr td:nth-child({column})').getBoundingClientRect().right""")
        assert right <= 1280, f"column {column} ends at {right}px, off the screen"
    page.evaluate("() => document.querySelector('table.event-list tbody tr:nth-child(80)')"
                  ".scrollIntoView()")
    header = page.evaluate("""() => document.querySelector('table.event-list thead th')
        .getBoundingClientRect().top""")
    assert 0 <= header <= 120, f"the header scrolled away (top {header}px)"
    page.screenshot(path=str(SCREENSHOTS / "event-list-1280px.png"))
    page.close()


def test_search_finds_ids_dates_aliases_and_plain_spellings(built, browser):
    page = _new_page(browser, viewport={"width": 1280, "height": 900})
    page.goto((built / "overview.html").as_uri(), wait_until="load")
    total = len(_visible_rows(page))
    assert [r["id"] for r in _search(page, "2024-01-28-tower-22-1")] == ["2024-01-28-tower-22-1"]
    assert {r["id"] for r in _search(page, "2024-01-28")} >= {"2024-01-28-tower-22-1"}
    irbil = _search(page, "Irbil")  # the gazetteer's alias: rows say "Erbil"
    assert irbil and all("erbil" in r["text"].lower() for r in irbil)
    kataib = _search(page, "kataib")
    assert kataib and kataib == _search(page, "Kata’ib") == _search(page, "Kata'ib")
    assert _search(page, "Ḥarīr") == _search(page, "harir") != []
    assert len(_search(page, "")) == total
    page.close()


def test_an_events_anchor_shows_it_and_filters_live_in_the_address(built, browser):
    page = _new_page(browser, viewport={"width": 1280, "height": 900})
    url = (built / "overview.html").as_uri()
    page.goto(url + "#2024-01-28-tower-22-1", wait_until="load")
    box = page.evaluate("""() => document.getElementById('2024-01-28-tower-22-1')
        .getBoundingClientRect().top""")
    assert 0 <= box <= 900, f"the anchored event is at {box}px"
    page.select_option("select[aria-label='Filter by country']", "Jordan")
    shown = _search(page, "drone")
    link = page.evaluate("() => location.href")
    assert "#events?" in link and "country=Jordan" in link and "q=drone" in link
    again = _new_page(browser, viewport={"width": 1280, "height": 900})
    again.goto(link, wait_until="load")
    assert _visible_rows(again) == shown and shown
    again.close()
    page.close()


def test_a_filtered_download_gives_the_rows_shown(built, browser):
    import pandas as pd

    page = _new_page(browser, accept_downloads=True, viewport={"width": 1280, "height": 900})
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto((built / "overview.html").as_uri(), wait_until="load")
    shown = _search(page, "Irbil")
    with page.expect_download() as download:
        page.click("button.csv-download")
    saved = download.value
    raw = Path(saved.path()).read_bytes()
    page.close()
    assert errors == []
    assert raw.startswith(b"\xef\xbb\xbf"), "no byte-order mark for Excel"
    assert re.fullmatch(r"attacks-on-us-positions-in-iraq-syria-and-jordan-since-7-october-"
                        r"2023-events-q-irbil\.csv", saved.suggested_filename)
    frame = pd.read_csv(io.BytesIO(raw), encoding="utf-8-sig")
    assert list(frame["event_id"]) == [r["id"] for r in shown]
    curated = pd.read_csv(paths.DATA_DIR / "events.csv").set_index("event_id")
    for row in frame.itertuples(index=False):  # the list's text and links are the data's
        assert row.description == curated.loc[row.event_id, "description"]
        assert row.sources == curated.loc[row.event_id, "sources"]


def test_event_list_is_whole_without_javascript(built, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto((built / "overview.html").as_uri())
    assert page.locator(".event-filters").count() == 0
    rows = page.locator("table.event-list tbody tr")
    assert rows.count() == int(page.inner_text("[data-headline=attacks_total]")) + \
        int(page.inner_text("[data-headline=strikes_total]"))
    context.close()


A4_TEXT_WIDTH_PX = 703  # 210 mm less the print stylesheet's 12 mm margins, at 96 px/inch


def test_printing_keeps_everything_in_at_most_25_pages(built, browser):
    """At the A4 text width nothing is wider than the page: a wider table is not cut, but the
    browser shrinks every page to fit it (the overview once printed to 16 pages that way,
    its text at 56 % of its size)."""
    page = _new_page(browser, viewport={"width": A4_TEXT_WIDTH_PX, "height": 1000})
    page.goto((built / "overview.html").as_uri(), wait_until="load")
    page.fill(".event-filters input[type=search]", "Harir")  # a reader filtered, then prints
    page.emulate_media(media="print")
    hidden = page.evaluate("""() => [...document.querySelectorAll('img, table.event-list tr')]
        .filter(e => e.getBoundingClientRect().height === 0).length""")
    assert hidden == 0
    wide = page.evaluate("""(width) => [...document.querySelectorAll('table, img, figure')]
        .filter(t => t.getBoundingClientRect().right > width + 1)
        .map(t => t.tagName + ' ' + t.className)""", A4_TEXT_WIDTH_PX)
    assert wide == [], f"wider than the printed page: {wide}"
    assert page.evaluate("() => document.documentElement.scrollWidth") <= A4_TEXT_WIDTH_PX
    pdf = page.pdf(format="A4")
    pages = pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages")
    assert 0 < pages <= MAX_PRINTED_PAGES, f"the overview prints to {pages} pages"
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
