"""The article report: one seed article put into context, as of its publication date."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from analysis.inputs.curated import Dataset
from analysis.inputs.seed_articles import article_text, load_seed_articles
from analysis.measures import claims, mentions
from analysis.report.html import Html, bullet_list, esc, format_date, link, table
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

    def places_found(self) -> pd.DataFrame:
        return mentions.find_places(self.text, self.dataset.places)

    def mentions(self) -> list[mentions.Mention]:
        return mentions.find_numbers(self.text)

    def matched(self) -> pd.DataFrame:
        return claims.matched_events(self.events_then, self.dataset.places,
                                     self.places_found(), self.published,
                                     str(self.article["id"]))

    def claims(self) -> pd.DataFrame:
        return claims.check_claims(self.mentions(), self.events_then, self.dataset.tallies,
                                   self.matched(), self.published)

    # ---- what the notebook shows ---------------------------------------------------------
    def summary(self) -> Html:
        a = self.article
        return Html(
            f'<table class="parameters summary"><tbody>'
            f"<tr><td>article</td><td>{esc(a['title'])}</td></tr>"
            f"<tr><td>outlet</td><td>{esc(a['outlet'])}</td></tr>"
            f"<tr><td>published</td><td>{esc(format_date(a['published']))}</td></tr>"
            f"<tr><td>link</td><td>{link(str(a['url']))}</td></tr>"
            f"<tr><td>article_id</td><td>{esc(a['id'])}</td></tr>"
            f"<tr><td>data as of</td><td>{esc(format_date(self.dataset.as_of))}; compared "
            f"as of {esc(format_date(self.published))}</td></tr></tbody></table>")

    def text_block(self) -> Html:
        paragraphs = [p for p in self.text.split("\n") if p.strip()]
        return Html('<blockquote class="article-text">' +
                    "".join(f"<p>{esc(p)}</p>" for p in paragraphs) + "</blockquote>")

    def places_table(self) -> Html:
        found = self.places_found()
        if found.empty:
            return Html("<p>No place from the gazetteer is named.</p>")
        places = self.dataset.places.set_index("place")
        counts = found.groupby("place").agg(**{"as written": ("matched", "first"),
                                               "mentions": ("matched", "size")})
        out = counts.join(places[["name", "kind", "country", "admin1"]]).reset_index()
        return table(out[["as written", "name", "kind", "admin1", "country", "mentions"]]
                     .rename(columns={"name": "gazetteer place", "admin1": "governorate"}))

    def actors_table(self) -> Html:
        return table(mentions.find_actors(self.text))

    def dates_table(self) -> Html:
        return table(mentions.resolve_dates(self.text, self.published), dates=["from", "to"])

    def numbers_table(self) -> Html:
        rows = pd.DataFrame([{"number": m.value, "qualifier": m.qualifier, "counts": m.what,
                              "measure": m.measure.replace("_", " ")}
                             for m in self.mentions()])
        return table(rows)

    def claims_table(self) -> Html:
        c = self.claims()
        c = c.assign(verdict=[f'<span class="{_VERDICT_CLASS[v]}">{esc(v)}</span>'
                              for v in c["verdict"]])
        return table(c[["claim", "verdict", "data", "sentence"]],
                     raw_html=["verdict"])

    def matched_table(self) -> Html:
        m = self.matched()
        if m.empty:
            return Html("<p>No event in the data matches this article.</p>")
        m = m[["event_date", "match", "category", "place_name", "actor", "attribution",
               "killed", "killed_high", "us_injured", "description", "sources"]]
        return table(m.rename(columns={"event_date": "date", "place_name": "place",
                                       "killed": "killed (low)", "killed_high": "killed (high)",
                                       "us_injured": "US injured"}),
                     dates=["date"], sources=["sources"])

    def toll_sources(self) -> Html:
        """What each source said about the matched strikes' toll (the disputes column)."""
        hits = self.matched()
        hits = hits[(hits["category"] == "strike_on_militants") & (hits["disputes"] != "")]
        if hits.empty:
            return Html("<p>The sources agree on the matched events, or none matched.</p>")
        return Html("".join(
            f"<p><strong>{esc(r.place_name)}, {esc(format_date(r.event_date))}</strong>: "
            f"{esc(r.disputes)}</p>" for r in hits.itertuples(index=False)))

    def method_notes(self) -> Html:
        lines = [
            "Places are found through the gazetteer's aliases (Boukamal, Abu Kamal, "
            "Al-Bukamal ...); numbers with what they count by pattern; relative dates "
            "('overnight', 'since October 7') are resolved against the publication date.",
            f"Events match when they happened at a named place, or in its governorate, in "
            f"the {claims.MATCH_DAYS_BEFORE} days before publication, or when the data links "
            "them to this article.",
            "Claims are checked against the data as it stood on the publication date: "
            "documented incidents up to that day and the latest official count stated by then.",
            "A toll inside the range sources reported is 'disputed among sources', not "
            "'supported': the report never picks one figure silently.",
        ]
        return bullet_list(lines)
