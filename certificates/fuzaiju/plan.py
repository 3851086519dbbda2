"""The plan of a 不在住証明書: no 住民票 nor 除票 matches the name and address asked.

A record matches when its 氏名 (folded as the 住民検索 folds it: 異体字, spaces) is the
name asked, its 住所 (町字・番地, the 方書 aside; a 除票's last address) is the address
asked once the city's own prefix and the spaces are set aside, and — when a 生年月日 is
given — its 生年月日 too. A match means the city cannot certify the absence: the
problem names the record (its 宛名番号), next to the name.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q

from certificates import kernel
from jputil import searchkeys
from juki.models import Jumin

from .entry import FuzaijuEntry


@dataclass(frozen=True)
class FuzaijuPlan(kernel.CertificatePlan):
    """A 不在住証明書 certifies the absence of a record: its plan holds no person."""


def _plain(address: str) -> str:
    return "".join(address.split()).replace("－", "-")


def matches(entry: FuzaijuEntry) -> list[Jumin]:
    """The 住民票 and 除票 whose 氏名 and 住所 are the ones asked (the same 生年月日)."""
    names = entry.fuzai_shimei.split(maxsplit=1)
    key = searchkeys.kanji_key(names[0], names[1] if len(names) > 1 else "") if names else ""
    if not key:
        return []
    people = Jumin.objects.select_related("chouaza").filter(Q(search_kanji=key))
    if entry.fuzai_seinengappi:
        people = people.filter(seinengappi=entry.fuzai_seinengappi)
    asked = _plain(entry.fuzai_jusho)
    found = []
    for person in people.order_by("id")[:50]:
        c = person.chouaza
        full = _plain(f"{c.prefecture}{c.city}{c.name}{person.banchi}")
        if asked and (full == asked or full.endswith(asked) or asked.endswith(full)):
            found.append(person)
    return found


def plan(entry: FuzaijuEntry, *, lock: bool = False) -> FuzaijuPlan:
    """Whether the absence can be certified; PlanRefused lists every problem found."""

    def build(problems: kernel.Problems) -> FuzaijuPlan:
        category = kernel.check_request(entry, problems, discloses=False)
        problems.require(
            bool(entry.fuzai_shimei.strip()),
            "証明を求める方の氏名を入力してください。",
            field="fuzai_shimei",
        )
        problems.require(
            bool(entry.fuzai_jusho.strip()),
            "証明を求める住所を入力してください。",
            field="fuzai_jusho",
        )
        if entry.fuzai_shimei.strip() and entry.fuzai_jusho.strip():
            found = matches(entry)
            numbers = "、".join(f"{p.atena_bango}（{p.get_status_display()}）" for p in found)
            problems.require(
                not found,
                f"この氏名・住所の記録があります（宛名番号 {numbers}）。"
                "不在住証明書は交付できません（住民票の写し又は除票の写しの請求を案内してください）。",
                field="fuzai_shimei",
            )
        problems.raise_if_any()
        assert category is not None  # check_request added a problem otherwise
        return FuzaijuPlan(entry, category)

    return kernel.make_plan(build)
