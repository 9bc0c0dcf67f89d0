"""Seed articles: their metadata and text."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from analysis.inputs import paths
from analysis.inputs.curated import load_articles


def load_seed_articles(folder: Path | None = None) -> pd.DataFrame:
    """seeds/articles.csv, validated, with each article's text file checked to exist."""
    return load_articles((folder or paths.SEEDS_DIR) / paths.ARTICLES_FILE)


def article_text(article: pd.Series, folder: Path | None = None) -> str:
    """The article as given (UTF-8 text)."""
    return ((folder or paths.SEEDS_DIR) / article["file"]).read_text(encoding="utf-8")
