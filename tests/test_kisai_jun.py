"""jputil.kisai_jun: 世帯員の記載順 (標準仕様書 5.2, j1010; ADR 0020), no database.

Moved here from test_zokugara.py with sort_rank, which it replaces. The household-order
example there asserted the wrong order (a 子の子 after the 同居人): corrected below in
``test_grandchild_follows_the_children_not_the_lodger``.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from jputil.kisai_jun import (
    CHILD_RANK,
    DOKYONIN_RANK,
    ENKOSHA_RANK,
    GRANDPARENT_RANK,
    OTHER_RANK,
    PARENT_RANK,
    SETAINUSHI_RANK,
    SIBLING_RANK,
    SPOUSE_RANK,
    UNKNOWN_RANK,
    kisai_jun,
    rank_of,
)


@dataclass(frozen=True)
class P:
    zokugara: str
    seinengappi: date | None
    atena_bango: str
    honseki: str = ""
    hittousha: str = ""


def _people(*rows: tuple[str, date | None]) -> list[P]:
    return [P(z, born, f"{i:03d}") for i, (z, born) in enumerate(rows, start=1)]


def _zokugara(people: list[P]) -> list[str]:
    return [p.zokugara for p in people]


# ---------------------------------------------------------------- one test per rank rule


def test_grandchild_follows_the_children_not_the_lodger() -> None:
    """The corrected household example (it expected 同居人 before 子の子)."""
    members = _people(
        ("同居人", date(1990, 1, 1)),
        ("子", date(2012, 5, 5)),
        ("母", date(1950, 3, 3)),
        ("子", date(2010, 1, 1)),
        ("妻", date(1982, 2, 2)),
        ("世帯主", date(1980, 1, 1)),
        ("子の子", date(2030, 1, 1)),
        ("子", None),
    )
    ordered = kisai_jun(members)
    assert _zokugara(ordered) == ["世帯主", "妻", "子", "子", "子", "子の子", "母", "同居人"]
    assert [p.seinengappi for p in ordered[2:5]] == [date(2010, 1, 1), date(2012, 5, 5), None]


def test_ranks_in_the_standards_order() -> None:
    ranks = [
        rank_of(z)[0]
        for z in (
            "世帯主",
            "妻",
            "子",
            "子の妻",
            "子の子",
            "妻の子",
            "父",
            "妻の母",
            "兄",
            "夫の妹",
            "父の母",
            "妻の父の父",
            "父の兄",
            "兄の子",
            "縁故者",
            "同居人",
            "祖父",
        )
    ]
    assert ranks == [
        SETAINUSHI_RANK,
        SPOUSE_RANK,
        CHILD_RANK,
        CHILD_RANK,
        CHILD_RANK,
        CHILD_RANK,
        PARENT_RANK,
        PARENT_RANK,
        SIBLING_RANK,
        SIBLING_RANK,
        GRANDPARENT_RANK,
        GRANDPARENT_RANK,
        OTHER_RANK,
        OTHER_RANK,
        ENKOSHA_RANK,
        DOKYONIN_RANK,
        UNKNOWN_RANK,
    ]


def test_spouse_before_unregistered_spouse() -> None:
    """Moved from test_zokugara (sort_rank): a registered spouse before a 未届 one, and
    any spouse before the children."""
    assert rank_of("妻") < rank_of("夫（未届）")
    assert rank_of("夫(未届)") < rank_of("子")


def test_unknown_zokugara_ranks_last_as_typed() -> None:
    """Moved from test_zokugara (sort_rank raised on 祖父): migrated data never fails the
    order; it follows the 同居人 and keeps its wording."""
    members = _people(("祖父", date(1940, 1, 1)), ("同居人", date(1999, 1, 1)), ("", None))
    members.append(P("世帯主", date(1970, 1, 1), "009"))
    ordered = kisai_jun(members)
    assert _zokugara(ordered) == ["世帯主", "同居人", "祖父", ""]


def test_each_childs_family_follows_that_child_by_koseki() -> None:
    """The elder son's wife and child follow him, before his younger sister: they share
    his 戸籍 (本籍 and 筆頭者)."""
    home = ("東京都墨田区吾妻橋一丁目1番", "山田太郎")
    son = ("東京都墨田区吾妻橋一丁目1番", "山田一郎")
    members = [
        P("世帯主", date(1950, 1, 1), "001", *home),
        P("妻", date(1952, 1, 1), "002", *home),
        P("子", date(1980, 1, 1), "003", *son),
        P("子", date(1985, 1, 1), "004", *home),
        P("子の妻", date(1981, 1, 1), "005", *son),
        P("子の子", date(2010, 1, 1), "006", *son),
        P("子の子", date(2008, 1, 1), "007", *son),
        P("父", date(1925, 1, 1), "008"),
    ]
    ordered = kisai_jun(members)
    assert [p.atena_bango for p in ordered] == [
        "001",
        "002",
        "003",
        "005",
        "007",
        "006",
        "004",
        "008",
    ]


def test_only_child_takes_the_family_without_koseki() -> None:
    members = _people(
        ("子の子", date(2015, 1, 1)),
        ("母", date(1940, 1, 1)),
        ("子の夫", date(1984, 1, 1)),
        ("子", date(1985, 1, 1)),
        ("世帯主", date(1960, 1, 1)),
    )
    assert _zokugara(kisai_jun(members)) == ["世帯主", "子", "子の夫", "子の子", "母"]


def test_stepchild_counts_as_a_child_by_birth() -> None:
    members = _people(("子", date(2012, 1, 1)), ("妻の子", date(2008, 1, 1)), ("世帯主", None))
    assert _zokugara(kisai_jun(members)) == ["世帯主", "妻の子", "子"]


def test_own_parents_before_the_spouses() -> None:
    members = _people(
        ("妻の父", date(1930, 1, 1)),
        ("母", date(1945, 1, 1)),
        ("妹", date(1975, 1, 1)),
        ("妻の兄", date(1960, 1, 1)),
        ("父の母", date(1920, 1, 1)),
        ("世帯主", date(1970, 1, 1)),
    )
    assert _zokugara(kisai_jun(members)) == ["世帯主", "母", "妻の父", "妹", "妻の兄", "父の母"]


def test_ties_by_birth_then_atena_bango() -> None:
    members = [
        P("同居人", date(1990, 1, 1), "003"),
        P("同居人", date(1990, 1, 1), "002"),
        P("同居人", date(1980, 1, 1), "009"),
        P("同居人", None, "001"),
    ]
    assert [p.atena_bango for p in kisai_jun(members)] == ["009", "002", "003", "001"]


def test_hand_set_order_is_kept_and_newcomers_join_by_the_standard() -> None:
    members = _people(
        ("世帯主", date(1970, 1, 1)),  # 001
        ("妻", date(1972, 1, 1)),  # 002
        ("母", date(1940, 1, 1)),  # 003
    )
    hand = ["001", "003", "002"]
    assert [p.atena_bango for p in kisai_jun(members, hand)] == hand
    newborn = P("子", date(2026, 1, 1), "004")
    ordered = kisai_jun([*members, newborn], hand)
    # the standard puts the 子 after the 妻: it joins right after her
    assert [p.atena_bango for p in ordered] == ["001", "003", "002", "004"]
    # a name no longer in the household is passed over
    assert [p.atena_bango for p in kisai_jun(members[:2], hand)] == ["001", "002"]


# ---------------------------------------------------------------- properties

ZOKUGARA = st.sampled_from(
    [
        "世帯主",
        "妻",
        "夫（未届）",
        "子",
        "子の妻",
        "子の夫",
        "子の子",
        "子の子の妻",
        "子の子の子",
        "妻の子",
        "子の妻の子",
        "父",
        "母",
        "妻の母",
        "兄",
        "妹",
        "父の父",
        "父の兄",
        "縁故者",
        "同居人",
        "祖父",
        "孫",
        "",
    ]
)
KOSEKI = st.sampled_from([("", ""), ("A", "甲"), ("A", "乙"), ("B", "甲"), ("なし", "甲")])
BORN = st.one_of(st.none(), st.dates(min_value=date(1900, 1, 1), max_value=date(2030, 1, 1)))


@st.composite
def households(draw: st.DrawFn) -> list[P]:
    rows = draw(st.lists(st.tuples(ZOKUGARA, BORN, KOSEKI), max_size=12))
    return [P(z, born, f"{i:04d}", *koseki) for i, (z, born, koseki) in enumerate(rows)]


@given(households(), st.randoms(use_true_random=False))
def test_order_is_total_and_does_not_depend_on_the_input_order(
    members: list[P], rnd: random.Random
) -> None:
    ordered = kisai_jun(members)
    assert sorted(p.atena_bango for p in ordered) == sorted(p.atena_bango for p in members)
    shuffled = list(members)
    rnd.shuffle(shuffled)
    assert kisai_jun(shuffled) == ordered
    assert kisai_jun(ordered) == ordered


@given(households())
def test_ranks_never_go_back(members: list[P]) -> None:
    ranks = [rank_of(p.zokugara)[0] for p in kisai_jun(members)]
    assert ranks == sorted(ranks)


@given(households(), st.data())
def test_hand_order_is_total_and_kept(members: list[P], data: st.DataObject) -> None:
    named = data.draw(st.permutations([p.atena_bango for p in members]))
    hand = named[: data.draw(st.integers(0, len(named)))]
    ordered = kisai_jun(members, hand)
    assert sorted(p.atena_bango for p in ordered) == sorted(p.atena_bango for p in members)
    kept = [p.atena_bango for p in ordered if p.atena_bango in hand]
    assert kept == list(hand)
    assert kisai_jun(list(reversed(members)), hand) == ordered
