"""Counting and charting Iran-aligned militia attacks on US positions since 7 October 2023.

The notebooks in ``notebooks/`` call only what this package exports; everything a report
shows is computed here, where the tests can reach it. Imports are lazy so that the command
line answers "all up to date" without loading pandas.
"""

__all__ = ["DataError", "load_dataset", "load_any"]


def __getattr__(name: str):
    if name == "DataError":
        from analysis.inputs.problems import DataError

        return DataError
    if name == "load_dataset":
        from analysis.inputs.curated import load_dataset

        return load_dataset
    if name == "load_any":
        from analysis.inputs.data_source import load_any

        return load_any
    raise AttributeError(name)
