"""Properties of who may have what (certificates.kernel.disclosure), over every
combination hypothesis draws: categories, items ticked, a stated need or none."""

from __future__ import annotations

import dataclasses

from hypothesis import given
from hypothesis import strategies as st

from certificates import kernel
from certificates.items import Items
from counter.procedure_kinds import RequesterCategory

ITEM_NAMES = [name for name, _ in kernel.CHOICES]
kisai = st.lists(st.sampled_from(ITEM_NAMES), unique=True)
need = st.sampled_from(["", "相続登記に続柄が必要", "   "])


def refused(items: Items, category: RequesterCategory, hitsuyo: str) -> bool:
    problems = kernel.Problems()
    kernel.check_items(items, category, hitsuyo, problems)
    return bool(problems)


@given(kisai, st.sampled_from(sorted(kernel.THIRD_PARTIES)), need)
def test_a_third_party_never_passes_with_the_kojin_bango_or_the_juminhyo_code(
    names: list[str], category: RequesterCategory, hitsuyo: str
) -> None:
    items = kernel.items_of(names, katagaki=True)
    if items.kojin_bango or items.juminhyo_code:
        assert refused(items, category, hitsuyo)


@given(kisai, st.sampled_from(sorted(kernel.THIRD_PARTIES)))
def test_a_third_party_without_a_stated_need_passes_only_with_the_basic_items(
    names: list[str], category: RequesterCategory
) -> None:
    items = kernel.items_of(names, katagaki=True)
    asked = {f.name for f in dataclasses.fields(items) if getattr(items, f.name)}
    assert refused(items, category, "") == bool(asked - kernel.KIHON)


@given(kisai, st.sampled_from(sorted(kernel.HONNIN_TO)), need)
def test_the_persons_of_article_12_may_have_any_item(
    names: list[str], category: RequesterCategory, hitsuyo: str
) -> None:
    assert not refused(kernel.items_of(names), category, hitsuyo)


@given(kisai, st.booleans())
def test_items_are_exactly_what_was_ticked(names: list[str], rireki: bool) -> None:
    items = kernel.items_of(names, rireki=rireki)
    for name in ITEM_NAMES:
        assert getattr(items, name) is (name in names)
    assert items.rireki is rireki
    assert Items.from_json(items.to_json()) == items
