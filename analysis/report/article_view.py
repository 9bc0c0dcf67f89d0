"""The article report: one seed article put into context, as of its publication date."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import pandas as pd

from analysis.inputs.curated import Dataset
from analysis.inputs.seed_articles import article_text, load_seed_articles
from analysis.measures import claims, mentions
from analysis.measures.article_check import ArticleCheck, default_title
from analysis.report.html import (
    Html,
    bullet_list,
    event_link,
    hints,
    link,
    paragraph,
    render,
    table,
)
from analysis.report.parameters import unknown_value

_VERDICT_CLASS = {claims.SUPPORTED: "verdict-supported", claims.CONTRADICTED:
                  "verdict-contradicted", claims.DISPUTED: "verdict-disputed",
                  claims.CANNOT: "verdict-cannot"}


@dataclass(frozen=True)
class ArticleView:
    """An article (a seed, or any text with its date), what it says, and how the data as of
    its date answers it."""

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

    @classmethod
    def from_text(cls, dataset: Dataset, text: str, published: pd.Timestamp,
                  title: str | None = None, outlet: str = "", url: str = "") -> ArticleView:
        """Any article's text (``python -m analysis check``), not one of seeds/."""
        article = pd.Series({"id": "", "title": title or default_title(text), "outlet": outlet,
                             "published": published, "url": url, "file": ""})
        return cls(dataset, article, text)

    @cached_property
    def check(self) -> ArticleCheck:
        return ArticleCheck(self.dataset, self.text, self.published, str(self.article["id"]))

    @property
    def published(self) -> pd.Timestamp:
        return self.article["published"]

    @property
    def events_then(self) -> pd.DataFrame:
        """The data as it stood on the publication date."""
        return self.check.events_then

    def __repr__(self) -> str:
        return (f"ArticleView({self.article['id']!r}: {self.article['title']!r}, "
                f"{self.article['outlet']}, {self.published:%-d %b %Y}; "
                f"{len(self.events_then):,} events and {len(self.dataset.tallies):,} stated "
                "counts as of publication)")

    @property
    def body(self) -> str:
        return self.check.body

    def places_found(self) -> pd.DataFrame:
        """Gazetteer places the article names."""
        return self.check.places_found()

    def regions(self) -> tuple[str, ...]:
        return self.check.regions()

    def mentions(self) -> list[mentions.Mention]:
        return self.check.mentions()

    def numbers(self) -> pd.DataFrame:
        """Every number the article gives, what it counts and what its sentence names."""
        return self.check.numbers()

    def matched(self) -> pd.DataFrame:
        """Events the article describes (see claims.matched_events)."""
        return self.check.matched()

    def context(self) -> pd.DataFrame:
        """The other events of the days before publication (context, not described)."""
        return self.check.context()

    def claims(self) -> pd.DataFrame:
        """Each quantitative claim with its verdict and the numbers behind it."""
        return self.check.claims()

    # ---- what the notebook shows ---------------------------------------------------------
    def summary(self) -> Html:
        return render("article_summary.html.j2", a=self.article,
                      url=link(str(self.article["url"])) if self.article["url"] else None,
                      as_of=self.dataset.as_of, published=self.published)

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
        return hints(self.check.actors(), empty="No known actor is named.")

    def dates(self) -> pd.DataFrame:
        """Dates the article gives, resolved against its publication date (the same table of
        phrases resolves the claims)."""
        return hints(self.check.dates(), empty="The article gives no date.")

    def title_block(self) -> Html:
        """The H1 naming the article this report puts into context."""
        return render("article_title.html.j2", title=self.article["title"],
                      outlet=self.article["outlet"], published=self.published)

    def claims_table(self, c: pd.DataFrame) -> Html:
        """The claims with their verdicts coloured."""
        c = c.assign(verdict=[render("verdict.html.j2", css=_VERDICT_CLASS[v], verdict=v)
                              for v in c["verdict"]])
        return table(c[["claim", "verdict", "data", "notes", "sentence"]],
                     raw_html=["verdict"])

    def matched_table(self, m: pd.DataFrame, empty: str = "No event in the data matches "
                      "this article.") -> Html:
        if m.empty:
            return paragraph(empty)
        m = m.assign(match=m["match"] if "match" in m else "",
                     event=pd.Series([event_link(i) for i in m["event_id"]], index=m.index,
                                     dtype=object))  # object: a str column would drop Markup
        m = m[["event_date", "event", "match", "category", "place_name", "actor",
               "attribution", "weapon", "killed", "killed_high", "us_injured", "description",
               "sources"]]
        return table(m.rename(columns={"event_date": "date", "place_name": "place",
                                       "killed": "killed (low)", "killed_high": "killed (high)",
                                       "us_injured": "US injured"}),
                     dates=["date"], sources=["sources"], raw_html=["event"])

    def toll_sources(self, matched: pd.DataFrame, claims_found: pd.DataFrame | None = None
                     ) -> Html:
        """What each source said about the toll of the events the article describes: the
        figures stated over time (toll_statements.csv) and the rows' disputes."""
        tolls = self.dataset.tolls
        stated = tolls[tolls["event_id"].isin(matched["event_id"]) & tolls["value"].notna()]
        parts = []
        if not stated.empty:
            shown = stated.assign(**{"stated on": stated["stated_on"],
                                     "known by publication": [
                                         "yes" if pd.notna(d) and d <= self.published else
                                         "no" for d in stated["stated_on"]]})
            parts.append(table(shown[["event_id", "measure", "value", "stated on",
                                      "known by publication", "speaker", "source"]],
                               dates=["stated on"], sources=["source"]))
        hits = matched[matched["disputes"] != ""]
        if not hits.empty:
            parts.append(table(hits[["event_id", "disputes"]]))
        if parts:
            return Html("".join(p.markup for p in parts))
        disputed = claims_found is not None and (claims_found["verdict"] == claims.DISPUTED).any()
        return paragraph("The disputed claims rest on the ranges in the claims table; no other "
                         "statement is recorded for these events." if disputed else
                         "No source disagreement is recorded for the events the article "
                         "describes.")

    def citation(self) -> Html:
        """How to cite the report (as every report ends)."""
        from analysis.report.view import citation

        return citation(self.dataset, f"In context: {self.article['title']}")

    def method_notes(self) -> Html:
        lines = [
            "Places are found through the gazetteer's aliases (Boukamal, Abu Kamal, "
            "Al-Bukamal ...); numbers with what they count by pattern; relative dates "
            "('overnight', 'since October 7') are resolved against the publication date.",
            "An event is described when the article names its place (or its governorate), or "
            "gives its date (else the "
            f"{claims.MATCH_DAYS_BEFORE} days before publication) with a detail that identifies "
            "it (its weapon or its toll) in a region the sentence names, or when the data links "
            "it to this article; a country named is not enough. The other events of those "
            "days are shown apart, as context.",
            "A toll is held against the figure stated by the publication date "
            "(data/toll_statements.csv: Tower 22's injured were 25, then 34 on the day, more "
            "than 40 two days later); figures stated later are shown as context, never used. "
            "A sentence naming several places sums their events' tolls.",
            "Each claim is held only against what its sentence describes: the events of the "
            "dates it gives (one day either side, for US and local dates; else the days before "
            "publication), at the places or in the regions it names (else the events the "
            "article describes), for the measure it counts. Digits of dates are never read as "
            "counts. When nothing matches, the verdict is 'cannot check' and says why.",
            "Running totals are held against the latest stated count of the matching kind known "
            "by the publication date (official counts for attacks and US injuries, and their "
            "country figures; the militias' own totals for claimed operations and claimed US "
            "deaths, said as claims; a monitor's count for a governor's or monitor's figure); "
            f"a count older than {claims.STALE_DAYS} days at publication is not used, and a "
            "figure above a count stated days before publication cannot be checked (the count "
            "may have grown).",
            "A weapon or date the sentence gives that differs from the row it is held against "
            "is said beside the verdict.",
            "A toll inside the range sources reported is 'disputed among sources', not "
            "'supported': the report never picks one figure silently.",
        ]
        return bullet_list(lines)
