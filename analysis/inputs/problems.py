"""Problems found in input files, reported as ``file:line: column: value: expected``."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one value of one input file."""

    file: str
    line: int | None
    column: str
    value: str
    expected: str
    severity: str = "error"  # or "warning"

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line is not None else self.file
        value = self.value if len(self.value) <= 80 else self.value[:77] + "..."
        prefix = "warning: " if self.severity == "warning" else ""
        return f"{where}: {prefix}{self.column}: {value!r}: {self.expected}"


class DataWarning(UserWarning):
    """Input that can be used but deserves a look (an ignored column, skipped rows); its
    message is a warning Problem. The build and ``validate`` print it; reports never do."""


class DataError(Exception):
    """Input that cannot be used; carries every problem found, not just the first."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


class ParameterError(ValueError):
    """A report parameter (or a name passed to a counting function) that cannot be used;
    the message lists what is allowed."""


def unknown_value(name: str, value: object, allowed) -> ParameterError:
    """The one message for a value outside a known list."""
    return ParameterError(f"{name}: {value!r}: unknown; allowed: {', '.join(allowed)}")
