"""Contract: the registry and the examples agree, so a kind is covered the day it is
registered (and a kind without an example fails, telling its author what to add)."""

from __future__ import annotations

import pytest

from counter.procedure_kinds import all_kinds
from juki.demo import examples

from .cases import contract_kinds, is_exempt

#: the kinds the contract tests were collected for
COLLECTED = contract_kinds()


def test_every_registered_kind_is_under_contract() -> None:
    """A kind registered after collection (outside an AppConfig) would escape the tests."""
    assert contract_kinds() == COLLECTED


def test_only_test_stubs_are_exempt() -> None:
    for code, kind in all_kinds().items():
        if is_exempt(kind):
            assert type(kind).__module__.startswith("tests."), (
                f"{code}: only a stub kind of the tests may declare contract_exempt"
            )


@pytest.mark.parametrize("code", COLLECTED)
def test_every_kind_has_an_example(code: str) -> None:
    assert code in examples.codes(), (
        f"{code} has no example: add one to juki/demo/examples.py (see docs/adding-a-procedure.md)"
    )
    assert 1 in examples.persons_of(code)


def test_every_example_is_of_a_registered_kind() -> None:
    assert set(examples.codes()) <= set(all_kinds())


def test_an_unknown_kind_has_no_example() -> None:
    with pytest.raises(LookupError, match="has no example"):
        examples.for_kind("no_such_kind")
