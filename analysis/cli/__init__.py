"""The command line on top of everything: ``python -m analysis build | validate | coverage``."""

from analysis.cli.main import main

__all__ = ["main"]
