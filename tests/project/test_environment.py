"""environment.yml and requirements.lock must pin the same versions of the same packages."""

from __future__ import annotations

import re
import tomllib

import yaml

from analysis.inputs import paths


def _lock() -> dict[str, str]:
    text = (paths.PROJECT_ROOT / "requirements.lock").read_text()
    return {k.lower(): v for k, v in re.findall(r"^([A-Za-z0-9_.-]+)==([^\s;]+)", text, re.M)}


def _declared() -> tuple[set[str], set[str]]:
    project = tomllib.loads((paths.PROJECT_ROOT / "pyproject.toml").read_text())["project"]
    return ({d.lower() for d in project["dependencies"]},
            {d.lower() for d in project["optional-dependencies"]["dev"]})


def test_dev_tools_are_an_extra_not_a_runtime_dependency():
    runtime, dev = _declared()
    assert {"pytest", "playwright", "ruff", "import-linter", "nbstripout"} <= dev
    assert not runtime & dev, "a package is both a runtime and a dev dependency"


def test_lock_pins_every_runtime_and_dev_dependency():
    runtime, dev = _declared()
    missing = sorted((runtime | dev) - set(_lock()))
    assert not missing, f"requirements.lock does not pin {missing}"


def test_environment_yml_matches_lock_for_every_dependency():
    runtime, dev = _declared()
    direct = runtime | dev
    env = yaml.safe_load((paths.PROJECT_ROOT / "environment.yml").read_text())
    pinned = {}
    for item in env["dependencies"]:
        if isinstance(item, str) and "=" in item:
            name, version = item.split("=", 1)
            pinned[name.lower()] = version
        elif isinstance(item, dict):  # packages conda-forge lacks, installed by pip
            for pip_item in item.get("pip", []):
                name, version = pip_item.split("==", 1)
                pinned[name.lower()] = version
    pinned.pop("python", None)
    lock = _lock()
    assert set(pinned) == direct, "environment.yml and pyproject.toml list different packages"
    mismatched = {n: (v, lock.get(n)) for n, v in pinned.items() if lock.get(n) != v}
    assert not mismatched, f"environment.yml vs requirements.lock: {mismatched}"
