"""The article check on the real seed articles (seeds/): every claim each one makes, with
the verdict judged by hand against the project's data as it stood on the article's date,
the row or count it must rest on, and why. No other claim may be found in them."""

from __future__ import annotations

import pytest

from analysis.measures.claims import CANNOT, DISPUTED, SUPPORTED
from analysis.report import entry

T22 = "2024-01-28-tower-22-1"
# article id: [(value, measure, verdict, words in data or notes, why)]
SEEDS = {
    "000_e364a53eef6eade5": [
        (19, "killed in strikes", DISPUTED, "2023-12-30-boukamal-1: 4–25",
         "19 lies inside the sources' 4-25"),
        (3, "US injured", SUPPORTED, "2023-12-25-erbil-air-base-1: 3 US injured",
         "the attack before the US strikes of 25 Dec injured three"),
        (3, "US injured", SUPPORTED, "weapon: the sentence says rocket; "
         "2023-12-25-erbil-air-base-1 records drone", "the article calls it a rocket attack"),
        (100, "attacks since", SUPPORTED, "102 as of 21 Dec 2023",
         "over a hundred: the Pentagon's 102"),
    ],
    "001_9aac6e5668df3366": [
        (3, "US killed", SUPPORTED, f"{T22}: 3 US killed", "three killed at Tower 22"),
        (1, "first attack to kill US personnel", SUPPORTED,
         "no documented attack killed US personnel", "the first US deaths of the campaign"),
        (34, "US injured", SUPPORTED, f"{T22}: 34 US injured as stated by 29 Jan 2024",
         "34 was the figure stated on the day (CENTCOM's Sunday-night update)"),
        (34, "US injured", SUPPORTED, "stated later: 2024-01-28-tower-22-1: 30 (date not known",
         "the later 40, 41, 47, 50 are context"),
        (3, "attacks on the days named", SUPPORTED, "said as a claim",
         "the IRI claimed three bases; the data has al-Tanf, Shaddadi and Tower 22"),
        (1200, "other", CANNOT, "not a count the dataset holds", "Israelis killed on 7 Oct"),
        (26000, "other", CANNOT, "not a count the dataset holds", "Gaza's toll"),
        (150, "attacks since", SUPPORTED, "165 as of 29 Jan 2024",
         "more than 150: the Pentagon's 165"),
        (70, "US injured", CANNOT, "too old", "the latest official injury count was 39 days old"),
    ],
    "002_286ced7fa7006b23": [
        (5, "other", CANNOT, "not a count the dataset holds", "five people arrested"),
        (5, "US injured", SUPPORTED, "5 US injured as stated by 8 Aug 2024",
         "four troops and a contractor: Singh's revised 5 of 8 Aug"),
        (2, "drones, rockets or missiles launched", SUPPORTED,
         "2024-08-05-ain-al-asad-1: 2 drones, rockets or missiles launched",
         "the row holds two rockets (its description says so too)"),
        (7, "US injured", SUPPORTED, "7 is a figure reported before that",
         "seven first reported: the 7 stated on 6 Aug"),
        (2500, "other", CANNOT, "not a count the dataset holds", "US troops in Iraq"),
    ],
    "003_55326d54bb5c8ec3": [
        (6, "killed in strikes", SUPPORTED,
         "2026-03-16-iraq-syria-border-unspecified-1: 6 killed in strikes as stated",
         "six PMF fighters at the border checkpoint"),
        (4, "other", CANNOT, "not a count the dataset holds", "wounded: no column"),
    ],
    "004_1759e034b537b232": [
        (9, "killed or wounded in strikes", SUPPORTED, "2023-11-08-deir-ez-zor-1: 9",
         "SOHR's nine casualties, which the row counts as killed (said in the notes)"),
    ],
    "005_fa3f9fce55b0738c": [
        (2, "strikes", SUPPORTED, "2023-11-12-boukamal-1, 2023-11-12-mayadin-1",
         "two sites struck on 12 Nov"),
        (50, "attacks since", SUPPORTED, "46 as of 9 Nov 2023",
         "nearly 50: the count known on 12 Nov was 46 (the 52 came a day later)"),
        (500, "other", CANNOT, "not a count the dataset holds", "the Gaza hospital claim"),
        (1200, "other", CANNOT, "not a count the dataset holds", "killed in Israel on 7 Oct"),
    ],
    "006_8319899d1086f796": [
        (5, "killed in strikes", DISPUTED, "2023-11-22-jurf-al-sakhar-1: 3–5",
         "on 22 Nov sources gave 3 to 5; KH's 8 came a day later"),
        (2, "other", CANNOT, "not a count the dataset holds", "two rounds: not a unit counted"),
        (3, "killed in strikes", SUPPORTED, "summed over the 2 events the sentence names: 3–5",
         "a toll for strikes near Jurf al-Sakhar and Al Anbar is their sum"),
        (7, "other", CANNOT, "not a count the dataset holds", "wounded militants: no column"),
    ],
    "007_1eebc5ec8bd1710a": [
        (4, "attacks on the days named", SUPPORTED, "4 attack(s) documented in Iraq, Syria on "
         "23 Nov 2023", "the four Thanksgiving attacks"),
        (0, "US injured", SUPPORTED, "2023-11-23-mss-euphrates-1: 0 US injured",
         "no casualties in any of the four"),
        (2, "attacks on the days named", SUPPORTED, "2 attack(s) documented in Syria",
         "Green Village and MSS Euphrates"),
        (8, "killed in strikes", SUPPORTED, "8 killed in strikes as stated by 23 Nov 2023",
         "KH's own figure for the strike of the day before"),
        (36, "attacks in Iraq", SUPPORTED, "official count of attacks in Iraq: 36 as of "
         "23 Nov 2023", "the 36/37 split stated on 23 Nov (Reuters) is in the data"),
        (37, "attacks in Syria", SUPPORTED, "official count of attacks in Syria: 37 as of "
         "23 Nov 2023", "each part against the official count's country figure"),
    ],
    "008_aae4f4493f60b6bb": [
        (5, "drones, rockets or missiles launched", SUPPORTED, "2024-04-21-rumalyn-1: 5",
         "the row's description: five or more rockets"),
        (1, "first attack since", DISPUTED, "no US-confirmed attack after",
         "the Pentagon counted none between early February and 21 April; others reported "
         "attacks during the pause"),
    ],
    "009_b5968acdb43d5968": [
        (4, "drones, rockets or missiles launched", CANNOT,
         "2026-03-06-victory-base-1: drones, rockets or missiles launched not recorded",
         "the airport base is matched; the number of drones is not in the row"),
    ],
    "010_5087507e25fbf23d": [
        (7, "drones, rockets or missiles launched", CANNOT,
         "2023-12-08-baghdad-embassy-1: drones, rockets or missiles launched not recorded",
         "late 2023 at the embassy: the 8 Dec 2023 attack, never the 2026 rows"),
        (7, "drones, rockets or missiles launched", CANNOT,
         "weapon: the sentence says mortar; 2023-12-08-baghdad-embassy-1 records rocket",
         "the story says mortar rounds"),
        (0, "US injured", SUPPORTED, "2026-03-07-baghdad-embassy-1: 0 US injured",
         "no Americans hurt"),
    ],
    "011_87005315e9558f31": [
        (5, "drones, rockets or missiles launched", CANNOT,
         "2026-03-17-baghdad-embassy-1: drones, rockets or missiles launched not recorded",
         "the description counts drones that came down, not those launched"),
        (3, "drones, rockets or missiles launched", CANNOT, "not recorded",
         "drones a witness saw"),
        (8, "killed in strikes", CANNOT, "no documented strike at al-qaim on 16 Mar 2026",
         "the data has no strike at al-Qaim that day (the border strike is not placed there)"),
    ],
}
CASES = [(article, *case) for article, cases in SEEDS.items() for case in cases]


@pytest.fixture(scope="module")
def claims_by_article():
    return {i: entry.article(i).claims() for i in SEEDS}


def _rows(found, value, measure):
    pattern = rf"(?:^|\D){value:,}(?:\D|$)|\(= {value}\)"
    return found[found["measure"].str.startswith(measure)
                 & (found["claim"].str.contains(pattern) | (value == 1) & found["measure"]
                    .str.startswith("first"))]


@pytest.mark.parametrize("article,value,measure,verdict,basis,why", CASES,
                         ids=[f"{c[0][:3]}-{c[1]}-{c[2]}-{c[5][:30]}" for c in CASES])
def test_seed_claim(claims_by_article, article, value, measure, verdict, basis, why):
    rows = _rows(claims_by_article[article], value, measure)
    assert len(rows) == 1, claims_by_article[article][["claim", "measure", "verdict"]]
    row = rows.iloc[0]
    assert row["verdict"] == verdict, (why, row.to_dict())
    assert basis in f"{row['data']} [{row['notes']}]", (why, row["data"], row["notes"])


@pytest.mark.parametrize("article", SEEDS)
def test_no_other_claim_is_found(claims_by_article, article):
    """Each seed's claims are exactly those above: nothing read from a date, an ordinal,
    a designation ('two F-15 fighter jets') or a time."""
    found = claims_by_article[article]
    expected = {(value, measure) for value, measure, *_ in SEEDS[article]}
    assert len(found) == len(expected), found[["claim", "measure"]].to_string()
    for value, measure in expected:
        assert len(_rows(found, value, measure)) == 1, (value, measure)


def test_no_claim_is_supported_by_an_event_elsewhere(claims_by_article):
    """Tower 22's three deaths are never read as an injury count at another base."""
    found = claims_by_article["001_9aac6e5668df3366"]
    assert not found[(found["measure"] == "US injured") & (found["claim"].str.startswith("3 "))
                     ].shape[0]


def test_an_article_naming_iraq_describes_only_its_own_event():
    """16 Mar 2026: the embassy, Erbil and Victory attacks of those days are context, not
    events the article describes."""
    view = entry.article("003_55326d54bb5c8ec3")
    assert list(view.matched()["event_id"]) == ["2026-03-16-iraq-syria-border-unspecified-1"]
    assert {"2026-03-14-baghdad-embassy-1", "2026-03-15-victory-base-1"} <= set(
        view.context()["event_id"])


@pytest.mark.parametrize("article", SEEDS)
def test_a_disputed_verdict_is_never_beside_sources_that_agree(claims_by_article, article):
    """Where a claim is disputed, the toll section shows what the sources said (statements
    over time or the rows' disputes); it never says the sources agree."""
    view = entry.article(article)
    shown = view.toll_sources(view.matched(), claims_by_article[article]).markup
    assert "agree" not in shown
    if (claims_by_article[article]["verdict"] == DISPUTED).any():
        assert "<table" in shown or "disputed claims rest on the ranges" in shown
