"""docs/standard-coverage.md keeps its word: each ✅ names a test function that exists,
each 🟡/⏳ says what is missing, every item of the checklist is listed once, every kind
that is built is mapped."""

from __future__ import annotations

import importlib.util
import sys
from collections import Counter
from pathlib import Path
from types import ModuleType

import pytest

from counter import registry

ROOT = Path(__file__).resolve().parent.parent

# The numbered (実装すべき) items of the standard's checklist (第3章 機能要件), one row each.
CHECKLIST_ITEMS = 146


def _coverage() -> ModuleType:
    spec = importlib.util.spec_from_file_location("coverage_doc", ROOT / "docs" / "coverage.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


coverage = _coverage()
TEXT = coverage.TABLE.read_text(encoding="utf-8")


def test_the_table_keeps_its_own_rules() -> None:
    assert coverage.problems(TEXT) == []


def test_every_item_of_the_checklist_is_listed_once() -> None:
    rows = coverage.item_rows(TEXT)
    assert len(rows) == CHECKLIST_ITEMS
    repeated = [key for key, n in Counter((r.section, r.rule) for r in rows).items() if n > 1]
    assert repeated == []


def test_a_done_row_naming_a_missing_test_is_caught() -> None:
    header = f"{coverage.ITEM_HEADER}\n|---|---|---|---|---|---|---|\n"
    invented = (
        header + "| 9.9 | j9 | a rule | ✅ | x | `tests/test_search.py::test_no_such_test` |  |\n"
    )
    fileless = header + "| 9.9 | j9 | a rule | ✅ | x | `tests/no_such_file.py::test_x` |  |\n"
    bare = header + "| 9.9 | j9 | a rule | ✅ | x | `tests/test_search.py` |  |\n"
    silent = header + "| 9.9 | j9 | a rule | 🟡 | x |  |  |\n"
    assert coverage.problems(invented) == [
        "line 3 (9.9 j9): tests/test_search.py::test_no_such_test does not exist"
    ]
    assert coverage.problems(fileless) == [
        "line 3 (9.9 j9): tests/no_such_file.py::test_x does not exist"
    ]
    assert coverage.problems(bare) == ["line 3 (9.9 j9): ✅ without a named test function"]
    assert coverage.problems(silent) == ["line 3 (9.9 j9): 🟡 without saying what is missing"]


def test_a_method_of_a_test_class_counts_as_named(tmp_path: Path) -> None:
    (tmp_path / "tests").mkdir()
    (tmp_path / "tests" / "test_x.py").write_text(
        "class TestIt:\n    def test_a(self):\n        pass\n", encoding="utf-8"
    )
    header = f"{coverage.ITEM_HEADER}\n|---|---|---|---|---|---|---|\n"
    row = header + "| 9.9 | j9 | a rule | ✅ | x | `tests/test_x.py::TestIt::test_a` |  |\n"
    assert coverage.problems(row, root=tmp_path) == []


@pytest.mark.parametrize("code", sorted(c for c in registry.kinds() if registry.kind_app(c)))
def test_every_built_kind_is_mapped_to_the_items_it_serves(code: str) -> None:
    mapped = {kind.code: kind for kind in coverage.kind_rows(TEXT)}
    assert code in mapped, f"{code} is registered but not in the kinds table"
    assert mapped[code].items.startswith("j"), f"{code}: no item of the standard named"
    assert coverage.TEST_REF.search(mapped[code].tests), f"{code}: no test named"


def test_the_counts_add_up() -> None:
    tally = coverage.counts(TEXT)
    assert tally["items"] == CHECKLIST_ITEMS == tally["✅"] + tally["🟡"] + tally["⏳"]
