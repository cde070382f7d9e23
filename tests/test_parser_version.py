"""PARSER_VERSION follows every file of the extraction code: a module in any subpackage, at any
depth, and every lexicon; so moved or edited code always triggers a reparse."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import transforms
from transforms import PARSER_VERSION, code_fingerprint

PACKAGE = Path(transforms.__file__).parent


@pytest.fixture
def copy_of_transforms(tmp_path) -> Path:
    copy = tmp_path / "transforms"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    return copy


def test_parser_version_is_the_fingerprint_of_the_package():
    assert PARSER_VERSION.endswith("+" + code_fingerprint(PACKAGE))


@pytest.mark.parametrize("relative", sorted(
    p.relative_to(PACKAGE).as_posix() for p in PACKAGE.rglob("*")
    if p.is_file() and "__pycache__" not in p.parts and (p.suffix == ".py" or "lexicons" in p.parts)))
def test_editing_any_file_changes_the_fingerprint(copy_of_transforms, relative):
    before = code_fingerprint(copy_of_transforms)
    with open(copy_of_transforms / relative, "a", encoding="utf-8") as handle:
        handle.write("\n# edited\n")
    assert code_fingerprint(copy_of_transforms) != before


def test_a_new_module_deep_in_a_package_changes_the_fingerprint(copy_of_transforms):
    before = code_fingerprint(copy_of_transforms)
    (copy_of_transforms / "people" / "extra").mkdir()
    (copy_of_transforms / "people" / "extra" / "rule.py").write_text("X = 1\n", encoding="utf-8")
    assert code_fingerprint(copy_of_transforms) != before


def test_caches_do_not_change_the_fingerprint(copy_of_transforms):
    before = code_fingerprint(copy_of_transforms)
    (copy_of_transforms / "meetings" / "__pycache__").mkdir(exist_ok=True)
    (copy_of_transforms / "meetings" / "__pycache__" / "detect.cpython-311.pyc").write_bytes(b"\0")
    assert code_fingerprint(copy_of_transforms) == before


def test_no_module_stands_outside_the_packages():
    loose = sorted(p.name for p in PACKAGE.glob("*.py") if p.name != "__init__.py")
    assert loose == []
