"""Where the project's files live, so no other module hard-codes a path."""

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]
DATA_DIR = PROJECT_ROOT / "data"
SEEDS_DIR = PROJECT_ROOT / "seeds"
NOTEBOOKS_DIR = PROJECT_ROOT / "notebooks"
REPORTS_DIR = PROJECT_ROOT / "reports"
REGISTRY_FILE = NOTEBOOKS_DIR / "reports.yml"

EVENTS_FILE = "events.csv"
PLACES_FILE = "places.csv"
TALLIES_FILE = "tallies.csv"
PHASES_FILE = "phases.csv"
TOLLS_FILE = "toll_statements.csv"
PACKAGE_FILE = "datapackage.json"
ARTICLES_FILE = "articles.csv"
