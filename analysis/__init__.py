"""Counting and charting Iran-aligned militia attacks on US positions since 7 October 2023.

The notebooks in ``notebooks/`` call only what this package exports; everything a report
shows is computed here, where the tests can reach it.
"""

from analysis.loading import DataError, load_dataset, load_events, load_places, load_tallies

__all__ = ["DataError", "load_dataset", "load_events", "load_places", "load_tallies"]
