"""Command line: ``python -m analysis build | coverage | validate``."""

from __future__ import annotations

import argparse
import sys
import warnings
from pathlib import Path

from analysis import paths
from analysis.parameters import ParameterError
from analysis.problems import DataError
from analysis.registry import RegistryError


def _parse_parameter(text: str) -> tuple[str, object]:
    name, sep, value = text.partition("=")
    if not sep or not name:
        raise argparse.ArgumentTypeError(f"{text!r}: expected NAME=VALUE (VALUE as YAML/JSON)")
    import yaml

    try:
        return name, yaml.safe_load(value)
    except yaml.YAMLError:
        return name, value


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
    b.add_argument("--jobs", "-j", type=int, default=None,
                   help="worker processes (default: number of cores)")
    b.add_argument("--force", action="store_true", help="rebuild even if nothing changed")
    b.add_argument("--dry-run", action="store_true", help="say what would run and why")
    b.add_argument("--timeout", type=int, default=None, help="per-cell timeout in seconds")
    b.add_argument("--param", "-p", action="append", type=_parse_parameter, default=[],
                   metavar="NAME=VALUE", help="override a parameter in every report")

    c = sub.add_parser("coverage", help="documented incidents vs official tallies")
    c.add_argument("--data", type=Path, default=paths.DATA_DIR)

    v = sub.add_parser("validate", help="check data files and print every problem")
    v.add_argument("files", nargs="*", type=Path,
                   help="files to check (default: data/*.csv and seeds/articles.csv)")
    return parser


def _skip_iri_grammar() -> None:
    """nbformat imports jsonschema, whose optional 'iri' format checker builds a parser
    grammar at import (about 1.2 s, measured with -X importtime). Notebooks never use that
    format, so the build tells Python the optional package is absent."""
    sys.modules.setdefault("rfc3987_syntax", None)


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    _skip_iri_grammar()
    try:
        if args.command == "build":
            from analysis.build import BuildError, build

            try:
                with warnings.catch_warnings(record=True) as caught:
                    warnings.simplefilter("always")
                    code = build(out=args.out, registry=args.registry, data=args.data,
                                 only=args.only, force=args.force, dry_run=args.dry_run,
                                 jobs=args.jobs, timeout=args.timeout,
                                 overrides=dict(args.param) or None)
                for w in caught:
                    print(w.message, file=sys.stderr)
                return code
            except BuildError as err:
                print(f"error: {err}", file=sys.stderr)
                return 2
        if args.command == "coverage":
            from analysis.coverage_report import print_coverage

            return print_coverage(args.data)
        if args.command == "validate":
            from analysis.validate import validate_files

            return validate_files(args.files)
    except DataError as err:
        print(f"{len(err.problems)} problem(s) in the input; no report was touched:",
              file=sys.stderr)
        for problem in err.problems:
            print(f"  {problem}", file=sys.stderr)
        return 2
    except (ParameterError, RegistryError) as err:
        print(f"error: {err}\nno report was touched", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
