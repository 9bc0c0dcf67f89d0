"""One article held against the data as it stood on its publication date.

What the article report shows and what ``python -m analysis check`` prints come from this
one object, so the terminal's verdicts and the HTML report's are the same computation.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import pandas as pd

from analysis.inputs.curated import Dataset
from analysis.measures import claims, mentions


@dataclass(frozen=True)
class ArticleCheck:
    """An article's text, its date, and the data it is checked against."""

    dataset: Dataset
    text: str
    published: pd.Timestamp
    article_id: str = ""  # a seed article's id (events link to it in ``seed``), or ""

    @property
    def events_then(self) -> pd.DataFrame:
        """The events that had happened by the publication date."""
        ev = self.dataset.events
        return ev[ev["event_date"] <= self.published]

    @property
    def body(self) -> str:
        """The text without its wire dateline (where it was filed is not where it happened)."""
        return mentions.drop_dateline(self.text)

    def places_found(self) -> pd.DataFrame:
        """Gazetteer places the article names."""
        return mentions.find_places(self.body, self.dataset.places)

    def regions(self) -> tuple[str, ...]:
        """Countries and governorates the article's lead (its first two sentences) names:
        where the story it tells happened."""
        lead = " ".join(mentions.sentences(self.body)[:2])
        return mentions.regions_named(lead, self.dataset.places)

    @cached_property
    def _mentions(self) -> list[mentions.Mention]:
        return mentions.find_numbers(self.text, self.published, self.dataset.places)

    def mentions(self) -> list[mentions.Mention]:
        return self._mentions

    def numbers(self) -> pd.DataFrame:
        """Every number the article gives, what it counts and what its sentence names."""
        return pd.DataFrame([{"number": m.value, "qualifier": m.qualifier, "counts": m.what,
                              "measure": claims.MEASURE_NAMES[m.measure],
                              "dates": ", ".join(f"{d:%-d %b %Y}" for d in m.dates),
                              "places": ", ".join(m.places + m.regions)}
                             for m in self.mentions()],
                            columns=["number", "qualifier", "counts", "measure", "dates",
                                     "places"])

    @cached_property
    def _matched(self) -> pd.DataFrame:
        return claims.matched_events(self.events_then, self.dataset.places, self.body,
                                     self.published, self.article_id)

    def matched(self) -> pd.DataFrame:
        """Events the article describes (see claims.matched_events)."""
        return self._matched.copy()

    def context(self) -> pd.DataFrame:
        """The other events of the days before publication, shown apart as context."""
        return claims.context_events(self.events_then, self._matched, self.published)

    def claims(self) -> pd.DataFrame:
        """Each quantitative claim with its verdict and the numbers behind it."""
        context = claims.Context(self.events_then, self.dataset.tallies, self._matched,
                                 self.published, self.regions(), self.dataset.tolls,
                                 claims.article_days(self.body, self.published))
        return claims.check_claims(self.mentions(), context)

    def dates(self) -> pd.DataFrame:
        """Dates the article gives, resolved against its publication date (the same table
        the claims are resolved with)."""
        return mentions.resolve_dates(self.text, self.published)

    def actors(self) -> pd.DataFrame:
        """Actors the article names."""
        return mentions.find_actors(self.text)


def default_title(text: str, longest: int = 100) -> str:
    """A title for an article given without one: its first sentence, without the dateline,
    cut at a word within ``longest`` characters."""
    first = next(iter(mentions.sentences(mentions.drop_dateline(text))), "").strip()
    if len(first) <= longest:
        return first
    return first[:longest].rsplit(" ", 1)[0] + " …"


__all__ = ["ArticleCheck", "default_title"]
