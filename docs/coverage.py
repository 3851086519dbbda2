"""Counts and checks docs/standard-coverage.md.

    python docs/coverage.py            # the counts: ✅ / 🟡 / ⏳ of the standard's items in scope
    python docs/coverage.py --check    # also: every test named in the table exists

The table lists every numbered (実装すべき) item of the 住民記録システム標準仕様書 checklist,
one row each, with its status:

- ✅ built, and the ``test`` column names at least one test function that asserts the rule;
- 🟡 partly built: the ``missing`` column says what is not;
- ⏳ not built: the ``missing`` column names the issue (or the reason).

Tests are named ``tests/<path>.py::<function>`` (or ``::<Class>::<method>``) in backticks.
``tests/test_standard_coverage.py`` runs the same checks, so a row naming a test that does
not exist fails the suite.
"""

from __future__ import annotations

import ast
import re
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TABLE = ROOT / "docs" / "standard-coverage.md"
STATUSES = ("✅", "🟡", "⏳")
ITEM_HEADER = "| § | id | rule | status | code | test | missing |"
KIND_HEADER = "| kind | 手続 | items | code | test |"
TEST_REF = re.compile(r"`(tests/[\w/]+\.py)::([\w:]+)`")


@dataclass(frozen=True)
class Row:
    """One item of the standard's checklist as the table states it."""

    section: str
    item_id: str
    rule: str
    status: str
    code: str
    tests: str
    missing: str
    line: int

    def test_refs(self) -> list[tuple[str, str]]:
        return TEST_REF.findall(self.tests)


@dataclass(frozen=True)
class KindRow:
    """A registered procedure kind and the items it serves."""

    code: str
    label: str
    items: str
    tests: str
    line: int


def _cells(line: str) -> list[str]:
    return [cell.strip() for cell in line.strip().strip("|").split("|")]


def _tables(text: str, header: str) -> list[tuple[int, list[str]]]:
    """(line number, cells) of every body row of every table with this header."""
    rows: list[tuple[int, list[str]]] = []
    inside = False
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip() == header:
            inside = True
            continue
        if inside and line.startswith("|---"):
            continue
        if inside and line.startswith("|"):
            rows.append((number, _cells(line)))
        else:
            inside = False
    return rows


def item_rows(text: str) -> list[Row]:
    width = len(_cells(ITEM_HEADER))
    rows = []
    for number, cells in _tables(text, ITEM_HEADER):
        if len(cells) != width:
            raise ValueError(f"standard-coverage.md:{number}: {len(cells)} cells, expected {width}")
        section, item_id, rule, status, code, tests, missing = cells
        rows.append(Row(section, item_id, rule, status, code, tests, missing, line=number))
    return rows


def kind_rows(text: str) -> list[KindRow]:
    rows = []
    for number, cells in _tables(text, KIND_HEADER):
        code, label, items, _code_path, tests = cells
        rows.append(KindRow(code.strip("`"), label, items, tests, line=number))
    return rows


def defined_tests(path: Path) -> set[str]:
    """``name`` and ``Class::name`` of every test function a file defines."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in tree.body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            names.add(node.name)
        elif isinstance(node, ast.ClassDef):
            for member in node.body:
                if isinstance(member, ast.FunctionDef | ast.AsyncFunctionDef):
                    names.add(f"{node.name}::{member.name}")
    return names


def problems(text: str, root: Path = ROOT) -> list[str]:
    """Every way the table breaks its own rules (empty when it keeps them)."""
    found: list[str] = []
    known: dict[str, set[str]] = {}

    def exists(file: str, name: str) -> bool:
        path = root / file
        if file not in known:
            known[file] = defined_tests(path) if path.is_file() else set()
        return name in known[file]

    for row in item_rows(text):
        where = f"line {row.line} ({row.section} {row.item_id})"
        if row.status not in STATUSES:
            found.append(f"{where}: status {row.status!r} is none of {STATUSES}")
        refs = row.test_refs()
        if row.status == "✅" and not refs:
            found.append(f"{where}: ✅ without a named test function")
        if row.status in ("🟡", "⏳") and not row.missing:
            found.append(f"{where}: {row.status} without saying what is missing")
        for file, name in refs:
            if not exists(file, name):
                found.append(f"{where}: {file}::{name} does not exist")
    for kind in kind_rows(text):
        for file, name in TEST_REF.findall(kind.tests):
            if not exists(file, name):
                found.append(f"line {kind.line} (kind {kind.code}): {file}::{name} does not exist")
    return found


def counts(text: str) -> dict[str, int]:
    tally = Counter(row.status for row in item_rows(text))
    return {"items": sum(tally.values()), **{status: tally[status] for status in STATUSES}}


def main(argv: list[str]) -> int:
    text = TABLE.read_text(encoding="utf-8")
    tally = counts(text)
    print(
        f"{tally['items']} items of the standard in scope: "
        f"✅ {tally['✅']} · 🟡 {tally['🟡']} · ⏳ {tally['⏳']} (not built)"
    )
    if "--check" in argv:
        found = problems(text)
        for problem in found:
            print(problem)
        return 1 if found else 0
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
