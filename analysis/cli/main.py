"""Command line: ``python -m analysis build | check | coverage | validate | update``."""

from __future__ import annotations

import argparse
import sys
import warnings
from pathlib import Path

from analysis.inputs import paths
from analysis.inputs.problems import DataError
from analysis.publish.registry import RegistryError
from analysis.report.parameters import ParameterError


def _parse_parameter(text: str) -> tuple[str, object]:
    from analysis.report.parameters import MAX_SOURCE

    name, sep, value = text.partition("=")
    if not sep or not name:
        raise argparse.ArgumentTypeError(f"{text[:60]!r}: expected NAME=VALUE (VALUE as YAML)")
    if len(text) > MAX_SOURCE:
        raise argparse.ArgumentTypeError(f"{name[:40]}: {len(text):,} characters: expected at "
                                         f"most {MAX_SOURCE:,}")
    import yaml

    try:
        return name, yaml.safe_load(value)
    except yaml.YAMLError as err:
        problem = str(err).splitlines()[0]
        raise argparse.ArgumentTypeError(f"{name}: {value[:60]!r}: not a plain YAML value "
                                         f"({problem}); quote text as 'NAME=\"text\"'") \
            from None


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r}: expected a whole number >= 1") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{value}: expected a whole number >= 1")
    return value


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m analysis", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    b = sub.add_parser("build", help="execute the notebooks and write HTML reports")
    b.add_argument("--only", action="append", metavar="NAME",
                   help="build only this report (repeatable)")
    b.add_argument("--out", type=Path, default=paths.REPORTS_DIR, help="output folder")
    b.add_argument("--data", type=Path, default=paths.DATA_DIR,
                   help="data folder, or an ACLED export CSV")
    b.add_argument("--registry", type=Path, default=paths.REGISTRY_FILE)
    b.add_argument("--jobs", "-j", type=_positive_int, default=None,
                   help="worker processes (default: number of cores)")
    b.add_argument("--force", action="store_true", help="rebuild even if nothing changed")
    b.add_argument("--dry-run", action="store_true", help="say what would run and why")
    b.add_argument("--timeout", type=_positive_int, default=None,
                   help="per-cell timeout in seconds")
    b.add_argument("--param", "-p", action="append", type=_parse_parameter, default=[],
                   metavar="NAME=VALUE", help="override a parameter in every report")

    k = sub.add_parser("check", help="put any article in context: its claims and verdicts "
                       "as the data stood on its date")
    k.add_argument("article", metavar="ARTICLE.txt",
                   help="a UTF-8 text file, or - for standard input")
    k.add_argument("--published", required=True, metavar="YYYY-MM-DD",
                   help="the article's publication date")
    k.add_argument("--title", default=None, help="the article's title (default: its first line)")
    k.add_argument("--out", type=Path, default=None, metavar="FILE.html",
                   help="also write the article report (self-contained HTML)")
    k.add_argument("--data", type=Path, default=None,
                   help="data folder, or an ACLED export CSV")

    c = sub.add_parser("coverage", help="documented incidents vs official tallies")
    c.add_argument("--data", type=Path, default=paths.DATA_DIR)

    u = sub.add_parser("update", help="match an ACLED export to the curated events for "
                       "review, or add reviewed rows to data/events.csv")
    source = u.add_mutually_exclusive_group(required=True)
    source.add_argument("--acled", type=Path, metavar="EXPORT",
                        help="an ACLED export to review against the curated events")
    source.add_argument("--add", type=Path, metavar="CANDIDATES",
                        help="a reviewed candidates.csv: append its rows marked add=yes")
    u.add_argument("--out", type=Path, metavar="REVIEW_DIR",
                   help="where candidates.csv and review.html go (never inside --data)")
    u.add_argument("--data", type=Path, default=paths.DATA_DIR,
                   help="the curated data folder (default: data/)")

    v = sub.add_parser("validate", help="check data files and print every problem")
    v.add_argument("files", nargs="*", type=Path,
                   help="files to check (default: data/*.csv and seeds/articles.csv)")
    return parser


def _skip_iri_grammar() -> None:
    """nbformat imports jsonschema, whose optional 'iri' format checker builds a parser
    grammar at import (about 1.2 s, measured with -X importtime). Notebooks never use that
    format, so the build tells Python the optional package is absent."""
    # A None entry is Python's documented way to block an import; typeshed types
    # sys.modules as holding modules only.
    sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[arg-type]


def main(argv: list[str] | None = None) -> int:
    """Run a command; no Python traceback reaches the user (see :func:`_unexpected`)."""
    args = _parser().parse_args(argv)
    _skip_iri_grammar()
    try:
        return _run(args)
    except KeyboardInterrupt:
        print("interrupted; the last good reports are untouched", file=sys.stderr)
        return 130
    except Exception as err:  # noqa: BLE001 - the one place that turns a bug into a message
        return _unexpected(err)


def _unexpected(err: BaseException) -> int:
    """One line for the user, the full traceback in a file they can attach to a bug report."""
    import tempfile
    import traceback

    with tempfile.NamedTemporaryFile("w", prefix="since-oct7-error-", suffix=".txt",
                                     delete=False, encoding="utf-8") as handle:
        traceback.print_exception(err, file=handle)
    summary = str(err).splitlines()[0][:200] if str(err) else ""
    print(f"unexpected error: {type(err).__name__}: {summary}\n"
          f"full traceback written to {handle.name}", file=sys.stderr)
    return 1


def _run(args: argparse.Namespace) -> int:
    try:
        if args.command == "build":
            from analysis.publish.build import BuildError, build

            try:
                with warnings.catch_warnings(record=True) as caught:
                    warnings.simplefilter("always")
                    try:
                        return build(out=args.out, registry=args.registry, data=args.data,
                                     only=args.only, force=args.force, dry_run=args.dry_run,
                                     jobs=args.jobs, timeout=args.timeout,
                                     overrides=dict(args.param) or None)
                    finally:  # the data's warnings, also when it is refused
                        for w in caught:
                            print(w.message, file=sys.stderr)
            except BuildError as err:
                print(f"error: {err}", file=sys.stderr)
                return 2
        if args.command == "check":
            from analysis.cli.check import CheckError, run_check

            try:
                return run_check(args.article, args.published, args.title, args.out,
                                 args.data)
            except CheckError as err:
                print(f"error: {err}", file=sys.stderr)
                return 2
        if args.command == "coverage":
            from analysis.cli.coverage import print_coverage

            return print_coverage(args.data)
        if args.command == "update":
            from analysis.cli.update import run

            return run(args)
        if args.command == "validate":
            from analysis.cli.validate import validate_files

            return validate_files(args.files)
    except DataError as err:
        untouched = "nothing was written" if args.command == "update" else \
            "no report was touched"
        print(f"{len(err.problems)} problem(s) in the input; {untouched}:", file=sys.stderr)
        for problem in err.problems:
            print(f"  {problem}", file=sys.stderr)
        return 2
    except (ParameterError, RegistryError) as err:
        print(f"error: {err}\nno report was touched", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
