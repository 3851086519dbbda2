"""The plan of a 世帯変更: the entry checked against the register, every problem at once.

- ``bunri`` 世帯分離: chosen members leave to a new 世帯 at the same address (one of them
  its 世帯主, the others' 続柄 to that head); when the 世帯主 leaves, j490 for those who
  stay (``kernel.plan_remaining``);
- ``gappei`` 世帯合併: a second live household at the same address joins this one; its
  members get their 続柄 to this household's 世帯主;
- ``nushi_henkou`` 世帯主変更: a new 世帯主 within the household; every other member's
  続柄 is entered again relative to the new head;
- ``kousei_henkou`` 世帯構成変更: members' 続柄 change (e.g. 同居人 → 妻（未届）).
"""

from __future__ import annotations

import copy
import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field

from jputil import numbers

from ...models import Jumin, Setai
from .. import kernel
from .entry import HENKOU, SetaiHenkouEntry

SETAINUSHI = kernel.SETAINUSHI
ARTICLE = "住基法第25条"
ONE_HEAD = "1つの世帯に世帯主は1人だけです。"


@dataclass
class Household:
    """A household as it will be: for review, the confirmation and the outbox."""

    setai: Setai | None  # None: the new household of a 世帯分離 (numbered at 承認)
    head: Jumin | None
    members: list[Jumin]


@dataclass
class HenkouPlan:
    henkou: str
    ido_date: datetime.date
    todoke_date: datetime.date
    setai: Setai
    members: list[Jumin]
    head: Jumin | None  # the 世帯主 before
    zokugara: dict[str, str] = field(default_factory=dict)  # 宛名番号 → 続柄 after
    movers: list[Jumin] = field(default_factory=list)  # bunri: leave; gappei: absorbed
    new_head: Jumin | None = None  # bunri: the new household's; nushi_henkou: the household's
    other: Setai | None = None
    other_members: list[Jumin] = field(default_factory=list)
    remaining: kernel.Remaining | None = None
    flags: list[str] = field(default_factory=list)

    @property
    def label(self) -> str:
        return HENKOU[self.henkou]

    def changed_persons(self) -> list[Jumin]:
        """Everyone whose row changes (世帯番号, 世帯主 or 続柄)."""
        if self.henkou == "bunri":
            out = list(self.movers)
            if self.remaining is not None and self.remaining.changes:
                out += self.remaining.staying
            return out
        if self.henkou == "gappei":
            return list(self.other_members)
        if self.henkou == "nushi_henkou":
            return list(self.members)
        return [
            m for m in self.members if self.zokugara.get(m.atena_bango, m.zokugara) != m.zokugara
        ]

    def after(self) -> list[Household]:
        """The households as they will be (unsaved copies with the new 続柄)."""

        def moved(m: Jumin, z: str | None = None) -> Jumin:
            c = copy.copy(m)
            c.zokugara = z or self.zokugara.get(m.atena_bango, m.zokugara)
            return c

        if self.henkou == "bunri":
            rem = self.remaining
            staying = [
                moved(m, rem.zokugara.get(m.atena_bango) if rem else None)
                for m in (rem.staying if rem else [])
            ]
            return [
                Household(None, self.new_head, [moved(m) for m in self.movers]),
                Household(self.setai, rem.new_head if rem else self.head, staying),
            ]
        if self.henkou == "gappei":
            return [
                Household(
                    self.setai,
                    self.head,
                    [*self.members, *(moved(m) for m in self.other_members)],
                )
            ]
        head = self.new_head if self.henkou == "nushi_henkou" else self.head
        return [Household(self.setai, head, [moved(m) for m in self.members])]


def plan_setai_henkou(entry: SetaiHenkouEntry, *, lock: bool = False) -> HenkouPlan:
    """Check a 世帯変更 entry against the register; PlanRefused lists every problem."""
    return kernel.make_plan(lambda problems: _build(problems, entry, lock=lock))


def planned(entry: SetaiHenkouEntry, *, code: str) -> HenkouPlan:
    """The plan of ``entry`` made once per request (the kind's ``planned`` shares it)."""
    return kernel.planned(code, entry, lambda: plan_setai_henkou(entry))


def _household(
    p: kernel.Problems, bango: str, *, lock: bool, field_name: str, what: str
) -> tuple[Setai, list[Jumin]] | None:
    bango = numbers.normalize_digits(bango)
    setai, members = kernel.find_household(bango, lock=lock)
    if setai is None:
        p.add(
            f"{what}（世帯番号{bango}）が見つかりません。世帯を検索し直してください。"
            if bango
            else f"{what}の世帯番号を入力してください。",
            field=field_name,
        )
        return None
    if not members:
        p.add(f"世帯番号{bango}の世帯は住民のいない世帯です（全員が除票）。", field=field_name)
        return None
    return setai, members


def _build(p: kernel.Problems, entry: SetaiHenkouEntry, *, lock: bool) -> HenkouPlan:
    kernel.check_ido_dates(
        p,
        ido=entry.ido_date,
        todoke=entry.todoke_date,
        ido_field="ido_date",
        ido_label="異動日",
        after="変更があった",
    )
    henkou = entry.henkou
    p.require(henkou in HENKOU, "変更の種類を選んでください。", field="henkou")
    found = _household(p, entry.setai_bango, lock=lock, field_name="atena_bango", what="届出の世帯")
    if found is None or henkou not in HENKOU:
        p.stop()
    setai, members = found
    plan = HenkouPlan(
        henkou=henkou,
        ido_date=entry.ido_date or datetime.date.min,  # refused above when missing
        todoke_date=entry.todoke_date or datetime.date.min,
        setai=setai,
        members=members,
        head=kernel.live_head(setai, members),
    )
    known = len(p.items)
    variant = _Variant(p, plan, entry, lock=lock)
    getattr(variant, henkou)()
    if len(p.items) == known and not plan.changed_persons():
        p.add("変更する内容がありません。", field="henkou")
    if flag := kernel.late_flag(entry.ido_date, entry.todoke_date, ARTICLE):
        plan.flags.insert(0, flag)
    return plan


class _Variant:
    """The rules of each kind of change (a method per ``henkou``), adding to one plan."""

    def __init__(
        self, p: kernel.Problems, plan: HenkouPlan, entry: SetaiHenkouEntry, *, lock: bool
    ) -> None:
        self.p = p
        self.plan = plan
        self.entry = entry
        self.lock = lock
        #: the 続柄 typed, by 宛名番号
        self.entered = kernel.entered_map(entry.zokugara)

    def only(self, allowed: Sequence[Jumin], what: str) -> None:
        """Every 続柄 typed belongs to one of ``allowed``."""
        numbers_ok = {m.atena_bango for m in allowed}
        for atena in self.entered:
            if atena not in numbers_ok:
                self.p.add(
                    f"宛名番号 {atena} は{what}ではありません（続柄）。",
                    field=kernel.zokugara_field(atena),
                )

    def required(self, persons: Sequence[Jumin], whom: str) -> None:
        """Each person's 続柄 to ``whom`` entered, canonical, and not a second 世帯主."""
        for m in persons:
            where = kernel.zokugara_field(m.atena_bango)
            text = self.entered.get(m.atena_bango, "")
            if not text:
                self.p.add(
                    f"{m.full_name}さんの続柄（{whom}との続柄）を入力してください。", field=where
                )
                continue
            z = kernel.entered_zokugara(self.p, text, m, where)
            if z == SETAINUSHI:
                self.p.add(f"{ONE_HEAD}「世帯主」は{whom}だけに付けられます。", field=where)
            elif z:
                self.plan.zokugara[m.atena_bango] = z

    def bunri(self) -> None:
        p, plan = self.p, self.plan
        atenas = list(self.entry.atena_bangos)
        if not atenas:
            p.add("新しい世帯に移る方を1人以上選んでください。", field="atena_bangos")
            return
        by_atena = {m.atena_bango: m for m in plan.members}
        missing = [a for a in atenas if a not in by_atena]
        if missing:
            known = len(p.items)
            with p.collecting():
                kernel.persons_by_atena(missing)  # names an unknown number
            if len(p.items) == known:
                p.add(
                    f"宛名番号 {'、'.join(missing)} はこの世帯の住民ではありません。",
                    field="atena_bangos",
                )
            return
        if set(atenas) == set(by_atena):
            p.add(
                "世帯全員を分離することはできません。世帯に残る方を1人以上残してください。",
                field="atena_bangos",
            )
            return
        plan.movers = [by_atena[a] for a in atenas]
        self.only(plan.movers, "新しい世帯に移る方")
        wanted = self.entry.setai_nushi or (atenas[0] if len(atenas) == 1 else "")
        head = next((m for m in plan.movers if m.atena_bango == wanted), None)
        if head is None:
            p.add(
                "新しい世帯の世帯主を、新しい世帯に移る方から選んでください。",
                field="setai_nushi",
            )
        else:
            plan.new_head = head
            plan.zokugara[head.atena_bango] = SETAINUSHI
            self.required([m for m in plan.movers if m is not head], f"{head.full_name}さん")
        rem = kernel.plan_remaining(
            p,
            plan.setai,
            plan.members,
            set(atenas),
            wanted=self.entry.staying_setai_nushi,
            changes=kernel.entered_map(self.entry.staying_zokugara),
            act="新しい世帯に移り",
        )
        plan.remaining = rem
        if rem is not None and rem.shokken and rem.new_head is not None:
            plan.flags.append(
                f"世帯主が新しい世帯に移るため、世帯に残る{rem.new_head.full_name}を職権で"
                "世帯主とします（世帯主変更通知書：j490）。"
            )
        if rem is not None and rem.headless:
            plan.flags.append(kernel.headless_flag("新しい世帯に移り"))

    def gappei(self) -> None:
        p, plan = self.p, self.plan
        other_bango = numbers.normalize_digits(self.entry.other_setai_bango)
        if other_bango == plan.setai.setai_bango:
            p.add("合併する世帯が届出の世帯と同じです。", field="other_setai_bango")
            return
        found = _household(
            p, other_bango, lock=self.lock, field_name="other_setai_bango", what="合併する世帯"
        )
        if plan.head is None:
            p.add(
                "届出の世帯に世帯主がいません。先に世帯主変更で世帯主を定めてください。",
                field="atena_bango",
            )
        if found is None:
            return
        other, other_members = found
        here = plan.members[0]
        if not all(kernel.same_address(m, here) for m in other_members):
            p.add(
                "世帯合併は同じ住所の世帯に限ります（合併する世帯の住所："
                f"{other_members[0].address}、届出の世帯の住所：{here.address}）。"
                "住所が違うときは転居届です。",
                field="other_setai_bango",
            )
        plan.other = other
        plan.other_members = other_members
        plan.movers = other_members
        self.only(other_members, "合併する世帯の方")
        if plan.head is not None:
            self.required(other_members, f"{plan.head.full_name}さん")

    def nushi_henkou(self) -> None:
        p, plan = self.p, self.plan
        self.only(plan.members, "この世帯の方")
        head = next((m for m in plan.members if m.atena_bango == self.entry.setai_nushi), None)
        if head is None:
            p.add("新しい世帯主を、世帯の方から選んでください。", field="setai_nushi")
            return
        if plan.head is not None and head.pk == plan.head.pk:
            p.add(
                f"{head.full_name}さんは既に世帯主です。新しい世帯主を選んでください。",
                field="setai_nushi",
            )
            return
        plan.new_head = head
        plan.zokugara[head.atena_bango] = SETAINUSHI
        self.entered.pop(head.atena_bango, None)
        self.required([m for m in plan.members if m is not head], f"{head.full_name}さん")

    def kousei_henkou(self) -> None:
        p, plan = self.p, self.plan
        self.only(plan.members, "この世帯の方")
        by_atena = {m.atena_bango: m for m in plan.members}
        known = len(p.items)
        for atena, text in self.entered.items():
            m = by_atena.get(atena)
            if m is None:
                continue
            where = kernel.zokugara_field(atena)
            z = kernel.entered_zokugara(p, text, m, where)
            if z is None or z == m.zokugara:
                continue
            if plan.head is not None and m.pk == plan.head.pk:
                p.add(
                    f"世帯主（{m.full_name}さん）の続柄は変えられません。世帯主を替えるときは"
                    "「世帯主変更」を選んでください。",
                    field=where,
                )
            elif z == SETAINUSHI:
                p.add(
                    f"{ONE_HEAD}世帯主を替えるときは「世帯主変更」を選んでください。", field=where
                )
            else:
                plan.zokugara[atena] = z
        if len(p.items) == known and not plan.zokugara:
            p.add(
                "変更する方の新しい続柄を入力してください（今と同じ続柄は変更になりません）。",
                field="zokugara",
            )
