"""The article report: one seed article put into context, as of its publication date."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from analysis.inputs.curated import Dataset
from analysis.inputs.seed_articles import article_text, load_seed_articles
from analysis.inputs.vocabulary import STRIKE
from analysis.measures import claims, mentions
from analysis.report.html import Html, bullet_list, hints, link, paragraph, render, table
from analysis.report.parameters import unknown_value

_VERDICT_CLASS = {claims.SUPPORTED: "verdict-supported", claims.CONTRADICTED:
                  "verdict-contradicted", claims.DISPUTED: "verdict-disputed",
                  claims.CANNOT: "verdict-cannot"}


@dataclass(frozen=True)
class ArticleView:
    """A seed article, what it says, and how the data as of its date answers it."""

    dataset: Dataset
    article: pd.Series
    text: str

    @classmethod
    def open(cls, dataset: Dataset, article_id: str) -> ArticleView:
        articles = load_seed_articles()
        match = articles[articles["id"] == article_id]
        if match.empty:
            raise unknown_value("article_id", article_id, articles["id"])
        article = match.iloc[0]
        return cls(dataset, article, article_text(article))

    @property
    def published(self) -> pd.Timestamp:
        return self.article["published"]

    @property
    def events_then(self) -> pd.DataFrame:
        """The data as it stood on the publication date."""
        ev = self.dataset.events
        return ev[ev["event_date"] <= self.published]

    def __repr__(self) -> str:
        return (f"ArticleView({self.article['id']!r}: {self.article['title']!r}, "
                f"{self.article['outlet']}, {self.published:%-d %b %Y}; "
                f"{len(self.events_then):,} events and {len(self.dataset.tallies):,} stated "
                "counts as of publication)")

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

    def mentions(self) -> list[mentions.Mention]:
        return mentions.find_numbers(self.text, self.published, self.dataset.places)

    def numbers(self) -> pd.DataFrame:
        """Every number the article gives, what it counts and what its sentence names."""
        return pd.DataFrame([{"number": m.value, "qualifier": m.qualifier, "counts": m.what,
                              "measure": claims.MEASURE_NAMES[m.measure],
                              "dates": ", ".join(f"{d:%-d %b %Y}" for d in m.dates),
                              "places": ", ".join(m.places + m.regions)}
                             for m in self.mentions()],
                            columns=["number", "qualifier", "counts", "measure", "dates",
                                     "places"])

    def matched(self) -> pd.DataFrame:
        """Events the article describes (see claims.matched_events)."""
        return claims.matched_events(self.events_then, self.dataset.places,
                                     self.places_found(), self.published,
                                     str(self.article["id"]), self.regions())

    def claims(self) -> pd.DataFrame:
        """Each quantitative claim with its verdict and the numbers behind it."""
        context = claims.Context(self.events_then, self.dataset.tallies, self.matched(),
                                 self.published, self.regions())
        return claims.check_claims(self.mentions(), context)

    # ---- what the notebook shows ---------------------------------------------------------
    def summary(self) -> Html:
        return render("article_summary.html.j2", a=self.article, url=link(str(self.article["url"])),
                      as_of=self.dataset.as_of)

    def text_block(self) -> Html:
        paragraphs = [p for p in self.text.split("\n") if p.strip()]
        return render("article_text.html.j2", paragraphs=paragraphs)

    def places_table(self, found: pd.DataFrame) -> Html:
        if found.empty:
            return paragraph("No place from the gazetteer is named.")
        places = self.dataset.places.set_index("place")
        counts = found.groupby("place").agg(**{"as written": ("matched", "first"),
                                               "mentions": ("matched", "size")})
        out = counts.join(places[["name", "kind", "country", "admin1"]]).reset_index()
        return table(out[["as written", "name", "kind", "admin1", "country", "mentions"]]
                     .rename(columns={"name": "gazetteer place", "admin1": "governorate"}))

    def actors(self) -> pd.DataFrame:
        """Actors the article names."""
        return hints(mentions.find_actors(self.text), empty="No known actor is named.")

    def dates(self) -> pd.DataFrame:
        """Dates the article gives, resolved against its publication date."""
        return hints(mentions.resolve_dates(self.text, self.published),
                     empty="The article gives no date.")

    def title_block(self) -> Html:
        """The H1 naming the article this report puts into context."""
        return render("article_title.html.j2", title=self.article["title"],
                      outlet=self.article["outlet"], published=self.published)

    def claims_table(self, c: pd.DataFrame) -> Html:
        """The claims with their verdicts coloured."""
        c = c.assign(verdict=[render("verdict.html.j2", css=_VERDICT_CLASS[v], verdict=v)
                              for v in c["verdict"]])
        return table(c[["claim", "verdict", "data", "sentence"]], raw_html=["verdict"])

    def matched_table(self, m: pd.DataFrame) -> Html:
        if m.empty:
            return paragraph("No event in the data matches this article.")
        m = m[["event_date", "match", "category", "place_name", "actor", "attribution",
               "killed", "killed_high", "us_injured", "description", "sources"]]
        return table(m.rename(columns={"event_date": "date", "place_name": "place",
                                       "killed": "killed (low)", "killed_high": "killed (high)",
                                       "us_injured": "US injured"}),
                     dates=["date"], sources=["sources"])

    def toll_sources(self, matched: pd.DataFrame) -> Html:
        """What each source said about the matched strikes' toll (the disputes column)."""
        hits = matched[(matched["category"] == STRIKE) & (matched["disputes"] != "")]
        if hits.empty:
            return paragraph("No source disagrees on the toll of the matched strikes, or none "
                             "matched.")
        return render("toll_sources.html.j2", rows=list(hits.itertuples(index=False)))

    def citation(self) -> Html:
        """How to cite the report (as every report ends)."""
        from analysis.report.view import citation

        return citation(self.dataset, f"In context: {self.article['title']}")

    def method_notes(self) -> Html:
        lines = [
            "Places are found through the gazetteer's aliases (Boukamal, Abu Kamal, "
            "Al-Bukamal ...); numbers with what they count by pattern; relative dates "
            "('overnight', 'since October 7') are resolved against the publication date.",
            f"Events match when they happened at a named place, or in its governorate, in "
            f"the {claims.MATCH_DAYS_BEFORE} days before publication, or when the data links "
            "them to this article.",
            "Each claim is held only against what its sentence describes: the events of the "
            "dates it gives (one day either side, for US and local dates; else the days before "
            "publication), at the places or in the regions it names (else the events the "
            "article describes), for the measure it counts. Digits of dates are never read as "
            "counts. When nothing matches, the verdict is 'cannot check' and says why.",
            "Running totals are held against the latest stated count of the matching kind known "
            "by the publication date (official counts for attacks and US injuries, the "
            f"militias' own totals for claimed operations); a count older than "
            f"{claims.STALE_DAYS} days at publication is not used.",
            "A toll inside the range sources reported is 'disputed among sources', not "
            "'supported': the report never picks one figure silently.",
        ]
        return bullet_list(lines)
