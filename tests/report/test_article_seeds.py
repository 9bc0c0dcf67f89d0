"""The article check on the real seed articles (seeds/): each quantitative claim's verdict,
judged by hand against the project's data (the rows named in `why`)."""

from __future__ import annotations

import pytest

from analysis.measures.claims import CANNOT, DISPUTED, SUPPORTED
from analysis.report import entry

# article id, claim value, measure: verdict, the row or count it must rest on
CASES = [
    ("000_e364a53eef6eade5", 19, "killed in strikes", DISPUTED, "2023-12-30-boukamal-1"),
    ("000_e364a53eef6eade5", 3, "US injured", SUPPORTED, "2023-12-25-erbil-air-base-1"),
    ("000_e364a53eef6eade5", 100, "attacks since", SUPPORTED, "102 as of 21 Dec 2023"),
    ("001_9aac6e5668df3366", 3, "US killed", SUPPORTED, "2024-01-28-tower-22-1"),
    ("001_9aac6e5668df3366", 34, "US injured", DISPUTED, "2024-01-28-tower-22-1: 25–47"),
    ("001_9aac6e5668df3366", 150, "attacks since", SUPPORTED, "165 as of 29 Jan 2024"),
    ("001_9aac6e5668df3366", 70, "US injured", CANNOT, "too old"),
    ("002_286ced7fa7006b23", 5, "US injured", DISPUTED, "2024-08-05-ain-al-asad-1: 5–7"),
    ("002_286ced7fa7006b23", 2, "drones, rockets or missiles launched", CANNOT, "not recorded"),
    ("003_55326d54bb5c8ec3", 6, "killed in strikes", SUPPORTED,
     "2026-03-16-iraq-syria-border-unspecified-1"),
]


@pytest.fixture(scope="module")
def claims_by_article():
    ids = {c[0] for c in CASES}
    return {i: entry.article(i).claims() for i in ids}


@pytest.mark.parametrize("article,value,measure,verdict,basis", CASES,
                         ids=[f"{c[0][:3]}-{c[1]}-{c[2]}" for c in CASES])
def test_seed_claim(claims_by_article, article, value, measure, verdict, basis):
    found = claims_by_article[article]
    rows = found[(found["measure"] == measure)
                 & found["claim"].str.contains(rf"(?:^|\D){value}(?:\D|$)")]
    assert len(rows) == 1, found[["claim", "measure", "verdict"]].to_string()
    assert rows.iloc[0]["verdict"] == verdict, rows.iloc[0].to_dict()
    assert basis in rows.iloc[0]["data"]


def test_no_claim_is_supported_by_an_event_elsewhere(claims_by_article):
    """Tower 22's three deaths are never read as an injury count at another base."""
    found = claims_by_article["001_9aac6e5668df3366"]
    assert not found[(found["measure"] == "US injured") & (found["claim"].str.startswith("3 "))
                     ].shape[0]
