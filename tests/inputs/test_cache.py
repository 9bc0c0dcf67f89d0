"""The validated-data cache never serves what a fresh load would not give."""

from __future__ import annotations

import shutil

import pandas as pd

from analysis.inputs import cache, curated, paths
from tests.conftest import FIXTURES

EXPORT = FIXTURES / "acled" / "acled_export.csv"


def test_cached_phases_equal_a_fresh_check(tmp_path):
    first = cache.project_phases(cache_dir=tmp_path)  # checked, then stored
    assert len(list(tmp_path.glob("phases-*.json"))) == 1
    second = cache.project_phases(cache_dir=tmp_path)  # read back
    pd.testing.assert_frame_equal(first, curated.project_phases())
    pd.testing.assert_frame_equal(second, curated.project_phases())


def test_damaged_phases_entry_is_checked_again(tmp_path):
    cache.project_phases(cache_dir=tmp_path)
    entry = next(tmp_path.glob("phases-*.json"))
    entry.write_text("{not json", encoding="utf-8")
    pd.testing.assert_frame_equal(cache.project_phases(cache_dir=tmp_path),
                                  curated.project_phases())


def test_an_exports_key_changes_with_the_project_phases(tmp_path, monkeypatch):
    phases = tmp_path / "phases.csv"
    shutil.copy(paths.DATA_DIR / paths.PHASES_FILE, phases)
    monkeypatch.setattr(cache, "_PHASES", phases)
    before = cache.cache_key(EXPORT)
    phases.write_text(phases.read_text(encoding="utf-8").replace("2026 war", "2026 War"),
                      encoding="utf-8")
    assert cache.cache_key(EXPORT) != before


def test_checking_the_project_data_stores_its_phases(tmp_path):
    from analysis.inputs.curated import load_dataset

    cache.cached(paths.DATA_DIR, lambda: load_dataset(paths.DATA_DIR), cache_dir=tmp_path)
    assert len(list(tmp_path.glob("phases-*.json"))) == 1
    pd.testing.assert_frame_equal(cache.project_phases(cache_dir=tmp_path),
                                  curated.project_phases())
