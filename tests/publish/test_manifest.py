"""The output folder's manifest is read through a typed model: an edited or damaged one can
never make the build delete, or link to, a file of its choosing."""

from __future__ import annotations

import json
from pathlib import Path

from analysis.publish.build import _remove_dropped
from analysis.publish.files import MANIFEST, atomic_write, check_manifest


def _write(out: Path, manifest: object) -> None:
    out.mkdir(exist_ok=True)
    (out / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")


def test_an_entry_pointing_outside_out_is_dropped_and_nothing_outside_is_deleted(tmp_path):
    out = tmp_path / "reports"
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me", encoding="utf-8")
    _write(out, {"reports": {"evil": {"html": "../victim.txt", "status": "ok"},
                             "good": {"html": "good.html", "status": "ok"}}})
    (out / "good.html").write_text("old", encoding="utf-8")
    manifest, problems = check_manifest(out)
    assert list(manifest["reports"]) == ["good"]
    assert any("evil" in p and "../victim.txt" in p for p in problems)
    removed: list[str] = []
    _remove_dropped(out, [], removed.append)
    assert victim.read_text(encoding="utf-8") == "keep me"
    assert not (out / "good.html").exists()  # a report the build wrote and no longer builds
    assert removed == ["removed good.html: the registry no longer lists this report"]


def test_names_that_are_paths_are_dropped(tmp_path):
    out = tmp_path / "reports"
    _write(out, {"reports": {"../x": {"html": "../x.html", "status": "ok"},
                             "a/b": {"html": "a/b.html", "status": "ok"}}})
    manifest, problems = check_manifest(out)
    assert manifest["reports"] == {} and len(problems) == 2


def test_a_damaged_manifest_is_empty_and_says_why(tmp_path):
    out = tmp_path / "reports"
    out.mkdir()
    for text, why in (("{not json", "cannot be read"), ("[1, 2]", "expected a JSON object"),
                      ('{"reports": [1]}', "expected a mapping")):
        (out / MANIFEST).write_text(text, encoding="utf-8")
        manifest, problems = check_manifest(out)
        assert not manifest.get("reports") and any(why in p for p in problems), text
    (out / MANIFEST).write_bytes(b"\xff\xfe\x00")
    assert check_manifest(out)[1]


def test_a_wrongly_typed_entry_is_dropped(tmp_path):
    out = tmp_path / "reports"
    _write(out, {"reports": {"a": {"html": "a.html", "status": "maybe"},
                             "b": {"html": "b.html", "status": "ok", "seconds": "slow"}}})
    manifest, problems = check_manifest(out)
    assert manifest["reports"] == {} and len(problems) == 2


def test_atomic_write_leaves_no_temporary_file_when_it_fails(tmp_path):
    target = tmp_path / "missing-folder" / "file.txt"
    try:
        atomic_write(target, "x")
    except OSError:
        pass
    assert not list(tmp_path.rglob(".file.txt.tmp-*"))
