"""What the contract tests run over: every registered kind, and its examples.

Read at collection time: a kind registered by an app (AppConfig.ready()) or by a test
package's conftest is in the registry by then. A stub kind that a test registers only to
exercise the machine declares ``contract_exempt = "<why>"`` and is left out; every other
kind runs, and fails while it has no example in juki/demo/examples.py.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.http import QueryDict

from counter.procedure_kinds import ProcedureKind, all_kinds
from juki.demo import examples

from ..procedures import post_items


def is_exempt(kind: ProcedureKind) -> bool:
    return bool(getattr(kind, "contract_exempt", ""))


def contract_kinds() -> list[str]:
    """Every registered kind the contract covers (all but the exempt test stubs)."""
    return sorted(code for code, kind in all_kinds().items() if not is_exempt(kind))


def persons_of(code: str) -> tuple[int, ...]:
    try:
        return examples.persons_of(code)
    except LookupError:
        return (1,)  # the test itself then fails, saying that the example is missing


def cases() -> list[Any]:
    """(code, persons) for every kind and each number of persons its example takes."""
    return [
        pytest.param(code, n, id=f"{code}-{n}p")
        for code in contract_kinds()
        for n in persons_of(code)
    ]


def single_cases() -> list[Any]:
    return [pytest.param(code, id=code) for code in contract_kinds()]


def _drop_empty(value: Any) -> Any:
    if isinstance(value, dict):
        kept = {k: _drop_empty(v) for k, v in value.items()}
        return {k: v for k, v in kept.items() if v not in ("", None, [], {}, False)}
    if isinstance(value, list):
        return [_drop_empty(v) for v in value]
    return value


def normalised(entry: dict[str, Any]) -> Any:
    """An entry as JSON, without the version key "v" and without empty items (a key
    missing, "" , null, false, [] and {} all read as "not given" by every kind)."""
    plain = json.loads(json.dumps(entry, default=str, sort_keys=True))
    plain.pop("v", None)
    return _drop_empty(plain)


def as_posted(form: Any) -> QueryDict:
    """The QueryDict a view gets when the rendered ``form`` is submitted as it is."""
    data = QueryDict(mutable=True)
    for name, value in post_items(form):
        data.appendlist(name, value)
    return data
