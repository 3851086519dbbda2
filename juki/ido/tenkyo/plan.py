"""The plan of a 転居 (or 区間転入): the entry checked against the register, every
problem at once, nothing written.

Three ways to handle the movers' household (``setai_mode``):

- ``same``: the whole household moves; it keeps its 世帯番号, 世帯主 and 続柄 (a
  区間転入 gives it a new 世帯番号, j130);
- ``new``: the chosen persons form a new 世帯 at the new address (one of them its
  世帯主, the others' 続柄 to that head);
- ``join``: the chosen persons join a live household already at the new address
  (世帯番号; 続柄 to its 世帯主).

When the 世帯主 leaves a household where others stay, j490 applies to those who stay
(``kernel.plan_remaining``).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from counter.services import ProcedureRefused
from jputil import numbers

from ...models import Chouaza, Jumin, JuminStatus, Setai
from .. import kernel
from .entry import SETAI_MODES, TENKYO, Move, TenkyoEntry

SETAINUSHI = kernel.SETAINUSHI
ARTICLE = "住基法第23条"


@dataclass
class Destination:
    """The household the movers form (``new``, not yet saved) or join (``join``)."""

    target: Setai | None = None
    members: list[Jumin] = field(default_factory=list)
    head: Jumin | None = None
    #: each mover's 続柄 there
    zokugara: dict[str, str] = field(default_factory=dict)


@dataclass
class TenkyoPlan:
    """A 転居 entry resolved against the register (checked; nothing written)."""

    setai: Setai
    members: list[Jumin]
    movers: list[Jumin]
    chouaza: Chouaza
    banchi: str
    katagaki: str
    tenkyo_date: datetime.date
    todoke_date: datetime.date
    mode: str
    remaining: kernel.Remaining | None
    target: Setai | None = None  # join: the household joined; same: the one moving
    target_members: list[Jumin] = field(default_factory=list)
    target_head: Jumin | None = None  # the movers' 世帯主 after (None: new, not yet saved)
    mover_zokugara: dict[str, str] = field(default_factory=dict)
    flags: list[str] = field(default_factory=list)
    move: Move = TENKYO

    @property
    def new_address(self) -> str:
        return self.probe.address

    @property
    def probe(self) -> Jumin:
        """An unsaved person at the new address (to compare addresses)."""
        return Jumin(chouaza=self.chouaza, banchi=self.banchi, katagaki=self.katagaki)

    def mover_changes(self, j: Jumin) -> dict[str, Any]:
        changes: dict[str, Any] = {
            "chouaza": self.chouaza,
            "banchi": self.banchi,
            "katagaki": self.katagaki,
            "jusho_date": self.tenkyo_date,
            "jusho_date_hyoki": "",
        }
        if self.mode != "same":
            changes["zokugara"] = self.mover_zokugara[j.atena_bango]
        return changes


def plan_tenkyo(entry: TenkyoEntry, *, lock: bool = False, move: Move = TENKYO) -> TenkyoPlan:
    """Check a 転居 (or 区間転入) entry against the register; PlanRefused lists every
    problem found, each with the field it belongs to."""
    return kernel.make_plan(lambda problems: _build(problems, entry, lock=lock, move=move))


def planned(entry: TenkyoEntry, *, move: Move) -> TenkyoPlan:
    """The plan of ``entry`` made once per request (the kind's ``planned`` shares it)."""
    return kernel.planned(move.code, entry, lambda: plan_tenkyo(entry, move=move))


def check_ward(problems: kernel.Problems, current: Chouaza, new: Chouaza, *, move: Move) -> None:
    """j560: in a 指定都市 a move between 行政区 is a 区間転入, one within a 区 a 転居."""
    here, there = current.gyouseiku, new.gyouseiku
    if move.kukan:
        if here is None or there is None:
            problems.add(
                "区間転入は指定都市の行政区の間の異動です。この住所には行政区がありません"
                "（転居届としてください）。",
                field="chouaza",
            )
        elif here == there:
            problems.add(
                f"新しい住所は今の住所と同じ{here.name}内です。区内の住所の変更は転居届です"
                "（j560）。",
                field="chouaza",
            )
    elif here is not None and there is not None and here != there:
        problems.add(
            f"新しい住所（{there.name}）は今の住所（{here.name}）と行政区が異なります。"
            "区の間の異動は区間転入届としてください（j560）。",
            field="chouaza",
        )


def _movers(
    p: kernel.Problems, entry: TenkyoEntry, *, lock: bool, move: Move
) -> tuple[Setai, list[Jumin], list[Jumin]]:
    """The movers' household, its live members and the movers; stops when they cannot
    be known (nothing after depends on less)."""
    w = move
    atenas = [str(a) for a in entry.atena_bangos]
    if not atenas:
        p.stop(f"{w.name}する方を1人以上選んでください。", field="atena_bangos")
    try:
        found = kernel.persons_by_atena(atenas, lock=lock)
    except ProcedureRefused as exc:
        p.absorb(exc)
        p.stop()
    known = len(p.items)
    for j in found:
        if j.status != JuminStatus.LIVE:
            p.add(
                f"{kernel.person_label(j)}は除票のため、{w.name}の届出はできません。",
                field="atena_bangos",
            )
    setai = found[0].setai
    if any(j.setai_id != setai.pk for j in found):
        p.add(
            f"{w.name}する方は同じ世帯の方に限ります（世帯ごとに届出を分けてください）。",
            field="atena_bangos",
        )
    elif entry.setai_bango and entry.setai_bango != setai.setai_bango:
        p.add(
            "入力した方の世帯が変わっています。世帯を検索し直してください。", field="atena_bangos"
        )
    if len(p.items) > known:
        p.stop()
    setai, members = kernel.household_of(setai, lock=lock)
    by_atena = {m.atena_bango: m for m in members}
    return setai, members, [by_atena[a] for a in atenas]


def _build(p: kernel.Problems, entry: TenkyoEntry, *, lock: bool, move: Move) -> TenkyoPlan:
    w = move
    dates_ok = kernel.check_ido_dates(
        p,
        ido=entry.tenkyo_date,
        todoke=entry.todoke_date,
        ido_field="tenkyo_date",
        ido_label=f"{w.name}日",
        after=f"{w.name}した",
    )
    mode = entry.setai_mode or "same"
    p.require(mode in SETAI_MODES, "世帯の扱いを選んでください。", field="setai_mode")
    chouaza = (
        Chouaza.objects.select_related("gyouseiku")
        .filter(code=entry.chouaza, is_active=True)
        .first()
        if entry.chouaza
        else None
    )
    p.require(chouaza, "新しい住所の町字を選んでください。", field="chouaza")
    banchi, katagaki = entry.banchi.strip(), entry.katagaki.strip()
    p.require(banchi, "新しい住所の番地を入力してください。", field="banchi")
    setai, members, movers = _movers(p, entry, lock=lock, move=w)
    probe = Jumin(chouaza=chouaza, banchi=banchi, katagaki=katagaki) if chouaza else None
    if probe is not None:
        same = next((j for j in movers if kernel.same_address(j, probe)), None)
        if same is not None and banchi:
            p.add(
                f"{w.name}先の住所が{same.full_name}さんの現在の住所と同じです（方書が違う場合は"
                "方書を入力してください：j630）。",
                field="banchi",
            )
        check_ward(p, movers[0].chouaza, probe.chouaza, move=w)
    zokugara_in = kernel.entered_map(entry.zokugara)
    staying_in = kernel.entered_map(entry.staying_zokugara)
    dest = Destination()
    remaining: kernel.Remaining | None = None
    if mode == "same":
        if {j.atena_bango for j in movers} != {m.atena_bango for m in members}:
            p.add(
                f"世帯の一部の方が{w.name}するときは、「新しい世帯をつくる」か"
                f"「{w.name}先の世帯に入る」を選んでください（1つの世帯は1つの住所です）。",
                field="setai_mode",
            )
        if zokugara_in or entry.staying_setai_nushi or staying_in:
            p.add(
                f"世帯ごとの{w.name}では続柄・世帯主は変わりません（変えるときは世帯変更届で）。",
                field="setai_mode",
            )
        # j130: a 区間転入 gives the household a new 世帯番号 in its new 区
        dest = Destination(target=None if w.kukan else setai, head=kernel.live_head(setai, members))
    elif mode in SETAI_MODES:
        dest = _destination(p, entry, mode, setai, movers, zokugara_in, lock=lock, move=w)
        if (
            probe is not None
            and dest.target is not None
            and not all(kernel.same_address(m, probe) for m in dest.members)
        ):
            p.add(
                f"世帯番号{dest.target.setai_bango}の世帯の住所（{dest.members[0].address}）が"
                f"{w.name}先の住所と一致しません。",
                field="join_setai_bango",
            )
        remaining = kernel.plan_remaining(
            p,
            setai,
            members,
            {j.atena_bango for j in movers},
            wanted=entry.staying_setai_nushi,
            changes=staying_in,
            act=f"{w.name}し",
        )
    if p:
        p.stop()
    assert chouaza is not None and entry.tenkyo_date and entry.todoke_date and dates_ok
    flags: list[str] = []
    if flag := kernel.late_flag(entry.tenkyo_date, entry.todoke_date, ARTICLE):
        flags.append(flag)
    if remaining is not None and remaining.shokken and remaining.new_head is not None:
        flags.append(
            f"世帯主の{w.name}により、世帯に残る{remaining.new_head.full_name}を職権で世帯主とします"
            "（世帯主変更通知書：j490）。"
        )
    if remaining is not None and remaining.headless:
        flags.append(kernel.headless_flag(f"{w.name}し"))
    return TenkyoPlan(
        setai=setai,
        members=members,
        movers=movers,
        chouaza=chouaza,
        banchi=banchi,
        katagaki=katagaki,
        tenkyo_date=entry.tenkyo_date,
        todoke_date=entry.todoke_date,
        mode=mode,
        remaining=remaining,
        target=dest.target,
        target_members=dest.members,
        target_head=dest.head,
        mover_zokugara=dest.zokugara,
        flags=flags,
        move=w,
    )


def _destination(
    p: kernel.Problems,
    entry: TenkyoEntry,
    mode: str,
    setai: Setai,
    movers: list[Jumin],
    zokugara_in: dict[str, str],
    *,
    lock: bool,
    move: Move,
) -> Destination:
    """The household the movers form (new) or join, and their 続柄 there."""
    w = move
    moving = {j.atena_bango for j in movers}
    for atena in zokugara_in:
        if atena not in moving:
            p.add(
                f"宛名番号 {atena} は{w.name}する方ではありません（{w.name}先での続柄）。",
                field="zokugara",
            )
    dest = Destination()
    if mode == "new":
        wanted = entry.setai_nushi or (movers[0].atena_bango if len(movers) == 1 else "")
        head = next((j for j in movers if j.atena_bango == wanted), None)
        if head is None:
            p.add(f"新しい世帯の世帯主を、{w.name}する方から選んでください。", field="setai_nushi")
            return dest
        dest.head = head
        dest.zokugara[head.atena_bango] = SETAINUSHI
        for j in movers:
            if j is not head:
                z = _mover_zokugara(p, j, zokugara_in, head, move=w)
                if z == SETAINUSHI:
                    p.add(
                        f"1つの世帯に世帯主は1人だけです。「世帯主」は{head.full_name}さんだけに"
                        "付けられます。",
                        field=kernel.zokugara_field(j.atena_bango),
                    )
                elif z:
                    dest.zokugara[j.atena_bango] = z
        return dest
    bango = numbers.normalize_digits(entry.join_setai_bango)
    if not bango:
        p.add("入る世帯の世帯番号を入力してください。", field="join_setai_bango")
        return dest
    if bango == setai.setai_bango:
        p.add(
            f"入る世帯が今の世帯と同じです（世帯ごとの{w.name}を選んでください）。",
            field="join_setai_bango",
        )
        return dest
    target, members = kernel.find_household(bango, lock=lock)
    if target is None:
        p.add(f"世帯番号{bango}の世帯は見つかりません。", field="join_setai_bango")
        return dest
    if not members:
        p.add(
            f"世帯番号{bango}の世帯は住民のいない世帯です（全員が除票）。",
            field="join_setai_bango",
        )
        return dest
    head = kernel.live_head(target, members)
    dest = Destination(target=target, members=members, head=head)
    heads: list[Jumin] = []
    for j in movers:
        z = _mover_zokugara(p, j, zokugara_in, head, move=w)
        if z == SETAINUSHI:
            heads.append(j)
        if z:
            dest.zokugara[j.atena_bango] = z
    if heads and (head is not None or len(heads) > 1):
        p.add(
            f"1つの世帯に世帯主は1人だけです（入る世帯の世帯主は{head.full_name}さん）。"
            "世帯主との続柄を入力してください（世帯主の変更は世帯変更届で）。"
            if head is not None
            else "1つの世帯に世帯主は1人だけです。",
            field=kernel.zokugara_field(heads[-1].atena_bango),
        )
    elif heads:
        dest.head = heads[0]
    return dest


def _mover_zokugara(
    p: kernel.Problems, j: Jumin, zokugara_in: dict[str, str], head: Jumin | None, *, move: Move
) -> str | None:
    """A mover's 続柄 in the household formed or joined (None: a problem was added)."""
    text = zokugara_in.get(j.atena_bango, "")
    if not text:
        whom = f"{head.full_name}さん" if head is not None else "世帯主"
        p.add(
            f"{j.full_name}さんの{move.name}先の世帯での続柄（{whom}との続柄）を入力してください。",
            field=kernel.zokugara_field(j.atena_bango),
        )
        return None
    return kernel.entered_zokugara(p, text, j, kernel.zokugara_field(j.atena_bango))
