"""世帯員の記載順（住民記録システム標準仕様書 5.2, j1010）: one order for every list of a
household (the resident page, the 照会票, the entry screens, the 審査, the documents).

The ranks, after ADR 0020:

1. 世帯主
2. 配偶者 (夫・妻; a 未届 spouse after a registered one)
3. 子 by birth, each followed by that child's own family: their spouse, then their
   children by birth, each again followed by their own family (子の妻, 子の子, 子の子の夫 …).
   A 配偶者の子 (妻の子) is a 子 here. Which 子 a 子の妻 or 子の子 belongs to is not in
   the 続柄: it is read from the 戸籍 (the same 本籍 and 筆頭者 as exactly that child;
   a married child and their family share a 戸籍, 戸籍法第6条・第16条), or from there
   being only one child it can belong to; otherwise the member follows all the children.
4. 父母 (the 世帯主's, then the 配偶者's)
5. 兄弟姉妹 (likewise)
6. 祖父母 (likewise)
7. other relatives (父の兄, 兄の子, 子の妻の父 …)
8. 縁故者
9. 同居人
10. a 続柄 outside the closed list of j110 (migrated data): last, never an error.

Ties go by 生年月日 (unknown last), then 宛名番号. A hand-set order (``hand``, a list of
宛名番号 the 職員 saved) wins; members it does not name (they joined later) are put right
after the member the standard order puts before them.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Protocol, TypeVar

from .zokugara import DOKYONIN, ENKOSHA, MITODOKE_LINKS, SETAINUSHI, SPOUSE_LINKS, parse_zokugara

__all__ = ["RANKS", "Member", "kisai_jun", "rank_of"]

#: the ranks, named as the 審査 and the ADR name them
RANKS: tuple[str, ...] = (
    "世帯主",
    "配偶者",
    "子とその家族",
    "父母",
    "兄弟姉妹",
    "祖父母",
    "その他の親族",
    "縁故者",
    "同居人",
    "一覧にない続柄",
)
SETAINUSHI_RANK, SPOUSE_RANK, CHILD_RANK, PARENT_RANK, SIBLING_RANK, GRANDPARENT_RANK = range(6)
OTHER_RANK, ENKOSHA_RANK, DOKYONIN_RANK, UNKNOWN_RANK = range(6, 10)

_PARENTS = frozenset({"父", "母"})
_SIBLINGS = frozenset({"兄", "姉", "弟", "妹"})
_CHILD = "子"
#: 本籍 values that are no place (j120): they tell nothing of a shared 戸籍
_NO_KOSEKI = frozenset({"", "なし", "不明"})


class Member(Protocol):
    """What the order reads of a member (a Jumin has all of it)."""

    @property
    def zokugara(self) -> str: ...
    @property
    def seinengappi(self) -> date | None: ...
    @property
    def atena_bango(self) -> str: ...
    @property
    def honseki(self) -> str: ...
    @property
    def hittousha(self) -> str: ...


M = TypeVar("M", bound=Member)


def _chain(z: str) -> list[str] | None:
    """The canonical links of a 続柄, or None outside the closed list."""
    try:
        canonical = parse_zokugara(z or "")
    except ValueError:
        return None
    return canonical.split("の") if canonical not in (ENKOSHA, DOKYONIN) else [canonical]


def _own(chain: list[str]) -> tuple[list[str], int]:
    """The chain seen from the 世帯主 (0) or from their 配偶者 (1): 妻の父 → (父, 1)."""
    if len(chain) > 1 and chain[0] in SPOUSE_LINKS:
        return chain[1:], 1
    return chain, 0


def _descendant(chain: list[str]) -> list[str] | None:
    """The chain under the 世帯主 when the member is a 子 or of a 子's own family (only
    子 and spouse links after the first 子): 妻の子の妻 → [子, 妻]; else None."""
    rest, _ = _own(chain)
    if rest[0] != _CHILD or any(link != _CHILD and link not in SPOUSE_LINKS for link in rest):
        return None
    return rest


def rank_of(z: str) -> tuple[int, int]:
    """The rank of a 続柄 (an index of :data:`RANKS`) and its place inside the rank."""
    chain = _chain(z)
    if chain is None:
        return UNKNOWN_RANK, 0
    head = chain[0]
    if head == SETAINUSHI:
        return SETAINUSHI_RANK, 0
    if head == ENKOSHA:
        return ENKOSHA_RANK, 0
    if head == DOKYONIN:
        return DOKYONIN_RANK, 0
    if len(chain) == 1 and head in SPOUSE_LINKS:
        return SPOUSE_RANK, int(head in MITODOKE_LINKS)
    if _descendant(chain) is not None:
        return CHILD_RANK, 0
    rest, whose = _own(chain)
    if len(rest) == 1 and rest[0] in _PARENTS:
        return PARENT_RANK, whose
    if len(rest) == 1 and rest[0] in _SIBLINGS:
        return SIBLING_RANK, whose
    if len(rest) == 2 and set(rest) <= _PARENTS:
        return GRANDPARENT_RANK, whose
    return OTHER_RANK, 0


def _born(m: Member) -> date:
    return m.seinengappi if m.seinengappi is not None else date.max


def _tie(m: Member) -> tuple[date, str]:
    return _born(m), m.atena_bango or ""


def _koseki(m: Member) -> tuple[str, str] | None:
    honseki = (m.honseki or "").strip()
    hittousha = (m.hittousha or "").strip()
    if honseki in _NO_KOSEKI or not hittousha:
        return None
    return honseki, hittousha


def _children_order(members: Sequence[M]) -> list[M]:
    """Rank 3: each 子 by birth followed by their own family (depth first)."""
    chains = {id(m): _descendant(_chain(m.zokugara) or []) or [] for m in members}
    below: dict[int, list[M]] = {id(m): [] for m in members}
    loose: list[M] = []
    for m in members:
        chain = chains[id(m)]
        if len(chain) == 1:
            continue
        candidates = sorted((c for c in members if chains[id(c)] == chain[:-1]), key=_tie)
        if len(candidates) > 1:
            koseki = _koseki(m)
            candidates = [c for c in candidates if koseki and _koseki(c) == koseki][:1]
        if len(candidates) == 1:
            below[id(candidates[0])].append(m)
        else:
            loose.append(m)

    def family(m: M) -> list[M]:
        spouses = sorted(
            (s for s in below[id(m)] if chains[id(s)][-1] in SPOUSE_LINKS),
            key=lambda s: (chains[id(s)][-1] in MITODOKE_LINKS, *_tie(s)),
        )
        children = [c for c in below[id(m)] if chains[id(c)][-1] == _CHILD]
        for s in spouses:  # a spouse's child is the couple's: by birth with theirs
            children += below[id(s)]
        out = [m, *spouses]
        for c in sorted(children, key=_tie):
            out += family(c)
        return out

    roots = sorted((m for m in members if len(chains[id(m)]) == 1), key=_tie)
    loose.sort(key=lambda m: (len(chains[id(m)]), *_tie(m)))
    return [p for m in [*roots, *loose] for p in family(m)]


def _standard(members: Sequence[M]) -> list[M]:
    ranked = [(rank_of(m.zokugara), m) for m in members]
    children = [m for (rank, _), m in ranked if rank == CHILD_RANK]
    before = sorted(
        ((r, m) for r, m in ranked if r[0] < CHILD_RANK), key=lambda x: (x[0], *_tie(x[1]))
    )
    after = sorted(
        ((r, m) for r, m in ranked if r[0] > CHILD_RANK), key=lambda x: (x[0], *_tie(x[1]))
    )
    return [m for _, m in before] + _children_order(children) + [m for _, m in after]


def kisai_jun(members: Sequence[M], hand: Sequence[str] = ()) -> list[M]:
    """The household's members in the standard's order (j1010), or in the order the
    職員 set by hand (``hand``: 宛名番号) where it names them.

    The result does not depend on the order of ``members`` (ties end at the 宛名番号).
    """
    standard = _standard(members)
    if not hand:
        return standard
    position = {atena: i for i, atena in enumerate(dict.fromkeys(hand))}
    out = sorted(
        (m for m in standard if m.atena_bango in position), key=lambda m: position[m.atena_bango]
    )
    # One not named joins right after the one the standard order puts before them.
    for i, m in enumerate(standard):
        if m.atena_bango in position:
            continue
        at = 0
        if i:
            previous = standard[i - 1]
            at = next(k for k, p in enumerate(out) if p is previous) + 1
        out.insert(at, m)
    return out
