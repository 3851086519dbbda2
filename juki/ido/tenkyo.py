"""転居届 (区内転居, 住基法第23条): persons of one live household move within the city;
and, on the same form, 区間転入 (a 指定都市's move from one 行政区 into another, j560).

The window enters the 転居届 (仮登録) in the order of the paper form: 届出日, 転居日, the
new address, the household (searched by a member's 宛名番号, like the 転出 form) and the
persons moving, then how their household is handled:

- ``same``: the whole household moves; it keeps its 世帯番号, 世帯主 and 続柄;
- ``new``: the chosen persons form a new 世帯 at the new address (one of them its
  世帯主, the others' 続柄 to that head);
- ``join``: the chosen persons join a live household already at the new address
  (世帯番号; 続柄 to its 世帯主).

When the 世帯主 leaves a household where others stay, the j490 rule of the 転出 applies:
one staying person becomes 世帯主 by 職権 (flagged); with two or more a new 世帯主 must be
chosen. At 承認 each mover gets the new address with 住所を定めた年月日 = 転居日 and an
IdoJiyu.TENKYO history row (the 届出年月日 and 従前の住所 of the 住民票 are the 転入's items,
住基法第7条第8号, and stay; the history row keeps the 転居's 届出日); the staying members get
a SETAI_HENKOU row when their 世帯主 changes; an emptied household is kept, without a
世帯主. Messages go to the outbox in the same transaction.

The entry JSON (see ``tenkyo_entry()``)::

    {"todoke_date": "2026-04-10", "tenkyo_date": "2026-04-05",
     "setai_bango": "<the movers' household>", "atena_bangos": ["<宛名番号>", …],
     "chouaza": "<町字コード>", "banchi": "3番4号", "katagaki": "",
     "setai_mode": "same" | "new" | "join",
     "setai_nushi": "",            # new: the new household's 世帯主 (a mover)
     "join_setai_bango": "",       # join: the household joined
     "zokugara": {"<宛名番号>": "妻", …},   # new/join: each mover's 続柄 there
     "staying_setai_nushi": "",    # the 世帯主 moves and 2+ stay: their new head
     "staying_zokugara": {}}       # the staying members' 続柄 when the head changes

A 区間転入 differs in three things (``Move``, ADR 0009): it is offered only where the
町字 master has 行政区; the new address must lie in another 区 (and a 転居 in the same
one); and a household that moves whole gets a new 世帯番号 in its new 区, the 宛名番号
staying (j130). Its history rows carry IdoJiyu.KUKAN_TENNYU.

Shared with ``setai_henkou`` (imported from here): ``Remaining``/``plan_remaining``/
``apply_remaining`` (j490 for a household someone leaves), ``late_flag``, ``Notifier``
(the outbox writer) and ``kernel.kakunin_pdf`` (確認用住民票 of a household from objects).
"""

from __future__ import annotations

import copy
import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar

from django import forms
from django.utils import timezone

from counter.models import OutboxDestination
from counter.procedure_kinds import (
    ReviewBlock,
    ReviewRow,
    Subject,
    register_kind,
)
from counter.procedure_models import CounterCategory
from counter.services import ProcedureRefused
from jputil import numbers, zokugara

from ..forms_fields import WarekiDateField
from ..models import (
    Chouaza,
    IdoJiyu,
    Jumin,
    JuminStatus,
    Setai,
    has_gyouseiku,
    recorded_date_text,
)
from ..services import (
    IdoContext,
    append_rireki,
    create_setai,
    live_members,
    set_setai_nushi,
    update_person,
)
from . import kernel

if TYPE_CHECKING:
    from counter.models import Procedure, StaffUser, Terminal

__all__ = [
    "ENTRY_TEMPLATE",
    "KUKAN_TENNYU",
    "SETAI_MODES",
    "TENKYO",
    "KukanTennyuForm",
    "KukanTennyuKind",
    "Move",
    "Notifier",
    "Remaining",
    "TenkyoForm",
    "TenkyoKind",
    "apply_remaining",
    "late_flag",
    "plan_remaining",
    "plan_tenkyo",
    "tenkyo_entry",
]

ENTRY_TEMPLATE = "juki/ido/tenkyo_entry.html"
SETAINUSHI = zokugara.SETAINUSHI

SETAI_MODES = {
    "same": "世帯ごと転居（世帯番号・世帯主・続柄はそのまま）",
    "new": "転居する方で新しい世帯をつくる",
    "join": "転居先の世帯に入る",
}


@dataclass(frozen=True)
class Move:
    """A move within the municipality as a kind names and records it.

    転居 keeps the household's 世帯番号 when the whole household moves; a 区間転入
    (between two 行政区 of a 指定都市) gives it a new one and keeps the 宛名番号 (j130).
    """

    name: str
    ido_jiyu: IdoJiyu
    kukan: bool = False

    def setai_modes(self) -> dict[str, str]:
        modes = {key: label.replace("転居", self.name) for key, label in SETAI_MODES.items()}
        if self.kukan:
            modes["same"] = (
                f"世帯ごと{self.name}（世帯主・続柄はそのまま。世帯番号は新しく付番：j130）"
            )
        return modes

    @property
    def nushi_henkou_ryuiji(self) -> str:
        """The 留意事項 of the rows of a household whose 世帯主 moved away."""
        return f"{self.name}に伴う世帯主変更"


TENKYO = Move("転居", IdoJiyu.TENKYO)
#: 区間転入 (指定都市 only; 住基法第23条, the register kept by 区 under 第38条)
KUKAN_TENNYU = Move("区間転入", IdoJiyu.KUKAN_TENNYU, kukan=True)
NUSHI_HENKOU_RYUIJI = TENKYO.nushi_henkou_ryuiji


def check_ward(current: Chouaza, new: Chouaza, *, move: Move) -> None:
    """j560: in a 指定都市 a move between 行政区 is a 区間転入, one within a 区 a 転居."""
    here, there = current.gyouseiku, new.gyouseiku
    if move.kukan:
        if here is None or there is None:
            raise ProcedureRefused(
                "区間転入は指定都市の行政区の間の異動です。この住所には行政区がありません"
                "（転居届としてください）。",
                field="chouaza",
            )
        if here == there:
            raise ProcedureRefused(
                f"新しい住所は今の住所と同じ{here.name}内です。区内の住所の変更は転居届です"
                "（j560）。",
                field="chouaza",
            )
    elif here is not None and there is not None and here != there:
        raise ProcedureRefused(
            f"新しい住所（{there.name}）は今の住所（{here.name}）と行政区が異なります。"
            "区の間の異動は区間転入届としてください（j560）。",
            field="chouaza",
        )


def _today() -> datetime.date:
    return timezone.localdate()


def _date(value: Any) -> datetime.date | None:
    try:
        return kernel.from_iso(value) if value else None
    except (TypeError, ValueError):
        return None


def need_date(entry: dict[str, Any], key: str, label: str) -> datetime.date:
    value = _date(entry.get(key))
    if value is None:
        raise ProcedureRefused(f"{label}を入力してください。", field=key)
    return value


def check_dates(
    ido: datetime.date, todoke: datetime.date, *, ido_key: str, ido_label: str, after: str
) -> None:
    """j480/j570: 異動日 and 届出日 not in the future; the notice follows the change.

    ``after`` names the change as in 「{after}日から14日以内」 (「転居した」「変更があった」).
    """
    today = _today()
    if ido > today:
        raise ProcedureRefused(
            f"{ido_label}に未来の日付は入力できません（{after}後に届け出ます：j480）。",
            field=ido_key,
        )
    if todoke > today:
        raise ProcedureRefused("届出年月日に未来の日付は入力できません。", field="todoke_date")
    if todoke < ido:
        raise ProcedureRefused(
            f"届出年月日が{ido_label}より前です。{after}日から"
            f"{kernel.TODOKE_KIKAN_DAYS}日以内に届け出ます。",
            field="todoke_date",
        )


def late_flag(ido: datetime.date, todoke: datetime.date, article: str) -> str | None:
    """届出期間経過 (14 days; ``article`` e.g. 「住基法第23条」): accepted, flagged."""
    late = (todoke - ido).days - kernel.TODOKE_KIKAN_DAYS
    if late > 0:
        return (
            f"{kernel.FLAG_TODOKE_KIKAN}（{article}：異動日から{kernel.TODOKE_KIKAN_DAYS}日以内"
            f"のところ{late}日超過。届出は受理し、簡易裁判所への通知を検討）"
        )
    return None


def parse_zokugara(text: str, who: Jumin, key: str) -> str:
    """The canonical 続柄 or ProcedureRefused with the j110 message, naming the person."""
    try:
        return zokugara.parse_zokugara(text)
    except ValueError as exc:
        raise ProcedureRefused(f"{who.full_name}さん: {exc}", field=key) from exc


def same_address(a: Jumin, b: Jumin) -> bool:
    return (a.chouaza_id, a.banchi, a.katagaki) == (b.chouaza_id, b.banchi, b.katagaki)


def live_head(setai: Setai, members: Sequence[Jumin]) -> Jumin | None:
    """The household's 世帯主 when it is one of its live members (j100 allows none)."""
    head = setai.setai_nushi
    if head is None:
        return None
    return next((m for m in members if m.pk == head.pk), None)


def _str_map(value: Any) -> dict[str, str]:
    return {str(k): str(v).strip() for k, v in (value or {}).items() if str(v).strip()}


# =============================================================================== j490


@dataclass
class Remaining:
    """A household some members leave (転居, 世帯分離): who stays and who heads it."""

    setai: Setai
    staying: list[Jumin]
    former: Jumin | None
    new_head: Jumin | None
    changes: bool
    shokken: bool
    zokugara: dict[str, str] = field(default_factory=dict)


def plan_remaining(
    setai: Setai,
    members: Sequence[Jumin],
    leaving: set[str],
    *,
    wanted: str,
    changes: dict[str, str],
    act: str,
) -> Remaining:
    """j490 for the household left behind (``act``: 「転居し」「新しい世帯に移り」).

    One staying person becomes 世帯主 by 職権; with two or more the new 世帯主 must be
    chosen (``wanted``); ``changes`` are the staying members' new 続柄.
    """
    staying = [m for m in members if m.atena_bango not in leaving]
    head = kernel.head_after_leaving(
        setai,
        staying,
        leaving,
        wanted=wanted,
        changes=changes,
        act=act,
        nushi_field="staying_setai_nushi",
        zokugara_field=lambda atena: f"zokugara.{atena}",
    )
    return Remaining(
        setai=setai,
        staying=staying,
        former=head.former,
        new_head=head.new_head,
        changes=head.changes,
        shokken=head.shokken,
        zokugara=head.zokugara,
    )


def apply_remaining(rem: Remaining, ctx: IdoContext) -> dict[str, int]:
    """Set the staying household's new 世帯主 and 続柄 (a history row for each member)."""
    if not rem.changes or rem.new_head is None:
        return {}
    set_setai_nushi(rem.setai, rem.new_head)
    rows: dict[str, int] = {}
    for m in rem.staying:
        m.setai = rem.setai  # the instance that names the new head in the snapshot
        row = update_person(m, {"zokugara": rem.zokugara.get(m.atena_bango, m.zokugara)}, ctx)
        if row is None:  # the 世帯主 on their 住民票 changed all the same
            row = append_rireki(m, ctx, ["setai_nushi"])
        rows[m.atena_bango] = row.rireki_no
    return rows


# =============================================================================== outbox


class Notifier(kernel.ProcedureOutbox):
    """The outbox messages of one procedure, written at once with ``enqueue_many``.

    Payloads have the shape of the 転出's (``jiyu``, ``ido_date``, ``todoke_date``,
    ``person`` or ``persons``, ``setai``); keys are ``ido-<pk>-<dest>-<type>-<suffix>``.
    """

    def __init__(self, procedure: Procedure, *, ido_date: datetime.date, todoke_date: Any):
        super().__init__(procedure)
        self.ido_date = ido_date
        self.todoke_date = todoke_date
        self.takka: dict[tuple[str, str], dict[str, Any]] = {}

    def base(self, jiyu: str) -> dict[str, Any]:
        return {
            "jiyu": jiyu,
            "ido_date": kernel.iso(self.ido_date),
            "todoke_date": kernel.iso(self.todoke_date),
        }

    @staticmethod
    def person(j: Jumin) -> dict[str, Any]:
        nushi = j.setai.setai_nushi
        return {
            **kernel.person_payload(j),
            "jusho": j.address,
            "jusho_date": kernel.iso(j.jusho_date),
            "zokugara": j.zokugara,
            "setai_nushi_atena_bango": nushi.atena_bango if nushi else "",
            "setai_nushi_name": nushi.full_name if nushi else "",
        }

    def honnin_kakunin(self, j: Jumin, jiyu: str, extra: dict[str, Any] | None = None) -> None:
        """住基ネット: 本人確認情報の更新."""
        self.send(
            OutboxDestination.JUKINET_CS,
            "honnin_kakunin_koshin",
            {**self.base(jiyu), "person": self.person(j), **(extra or {})},
            j.atena_bango,
        )

    def fuhyo(self, j: Jumin, jiyu: str) -> None:
        """本籍地: 戸籍の附票 (the address changed) for a Japanese person with a 本籍."""
        if not j.is_foreign and kernel.has_honseki(j):
            self.send(
                OutboxDestination.HONSEKICHI,
                "fuhyo_tsuchi",
                {
                    **self.base(jiyu),
                    "person": self.person(j),
                    "honseki": j.honseki,
                    "hittousha": j.hittousha,
                },
                j.atena_bango,
            )

    def to_takka(self, dests: Iterable[str], j: Jumin, jiyu: str) -> None:
        """住民異動届（他課用）: one message per 他課 and 事由, listing the persons."""
        for dest in dests:
            group = self.takka.setdefault((str(dest), jiyu), {"persons": []})
            group["persons"].append(self.person(j))

    def write_all(self, households: Sequence[Setai]) -> list[int]:
        """Add the grouped 他課 messages (with the households after the change), then write."""
        setai = [
            {
                "setai_bango": s.setai_bango,
                "setai_nushi_atena_bango": s.setai_nushi.atena_bango if s.setai_nushi else "",
            }
            for s in households
        ]
        for n, ((dest, jiyu), group) in enumerate(self.takka.items(), start=1):
            self.send(
                dest,
                "jumin_ido",
                {**self.base(jiyu), "persons": group["persons"], "setai": setai},
                f"g{n}",
            )
        return self.write()


def takka_for(j: Jumin, day: datetime.date) -> list[str]:
    """The 他課 of a person's 異動: the 転出's selection (those that hold something)."""
    return kernel.takka_destinations(j, day)


# =============================================================================== 確認用住民票


# =============================================================================== entry


def tenkyo_entry(
    *,
    atena_bangos: Sequence[str],
    chouaza: str,
    banchi: str,
    katagaki: str = "",
    tenkyo_date: datetime.date | None = None,
    todoke_date: datetime.date | None = None,
    setai_mode: str = "same",
    setai_nushi: str = "",
    join_setai_bango: str = "",
    zokugara: dict[str, str] | None = None,
    staying_setai_nushi: str = "",
    staying_zokugara: dict[str, str] | None = None,
    setai_bango: str = "",
) -> dict[str, Any]:
    """The entry JSON of a 転居 (what the form produces), for journeys and tests.

    Dates default to today; ``setai_bango`` is looked up from the first person.
    """
    if not setai_bango and atena_bangos:
        setai_bango = (
            Jumin.objects.filter(atena_bango=atena_bangos[0])
            .values_list("setai__setai_bango", flat=True)
            .first()
            or ""
        )
    return {
        "todoke_date": kernel.iso(todoke_date or _today()),
        "tenkyo_date": kernel.iso(tenkyo_date or _today()),
        "setai_bango": setai_bango,
        "atena_bangos": list(atena_bangos),
        "chouaza": chouaza,
        "banchi": banchi,
        "katagaki": katagaki,
        "setai_mode": setai_mode,
        "setai_nushi": setai_nushi if setai_mode == "new" else "",
        "join_setai_bango": join_setai_bango if setai_mode == "join" else "",
        "zokugara": dict(zokugara or {}) if setai_mode != "same" else {},
        "staying_setai_nushi": staying_setai_nushi,
        "staying_zokugara": dict(staying_zokugara or {}),
    }


# =============================================================================== the plan


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
    remaining: Remaining | None
    target: Setai | None = None  # join: the household joined
    target_members: list[Jumin] = field(default_factory=list)
    target_head: Jumin | None = None  # the movers' 世帯主 after (None: new, not yet saved)
    mover_zokugara: dict[str, str] = field(default_factory=dict)
    flags: list[str] = field(default_factory=list)
    move: Move = TENKYO

    @property
    def new_address(self) -> str:
        probe = Jumin(chouaza=self.chouaza, banchi=self.banchi, katagaki=self.katagaki)
        return probe.address

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


def plan_tenkyo(entry: dict[str, Any], *, lock: bool = False, move: Move = TENKYO) -> TenkyoPlan:
    """Check a 転居 (or 区間転入) entry against the register; ProcedureRefused names what
    blocks it."""
    w = move
    todoke = need_date(entry, "todoke_date", "届出年月日")
    moved = need_date(entry, "tenkyo_date", f"{w.name}日")
    check_dates(
        moved, todoke, ido_key="tenkyo_date", ido_label=f"{w.name}日", after=f"{w.name}した"
    )
    mode = str(entry.get("setai_mode") or "same")
    if mode not in SETAI_MODES:
        raise ProcedureRefused("世帯の扱いを選んでください。", field="setai_mode")
    chouaza = Chouaza.objects.filter(code=entry.get("chouaza") or "", is_active=True).first()
    if chouaza is None:
        raise ProcedureRefused("新しい住所の町字を選んでください。", field="chouaza")
    banchi = str(entry.get("banchi") or "").strip()
    katagaki = str(entry.get("katagaki") or "").strip()
    if not banchi:
        raise ProcedureRefused("新しい住所の番地を入力してください。", field="banchi")
    atenas = [str(a) for a in entry.get("atena_bangos") or []]
    if not atenas:
        raise ProcedureRefused(f"{w.name}する方を1人以上選んでください。", field="atena_bangos")
    found = kernel.persons_by_atena(atenas, lock=lock)
    for j in found:
        if j.status != JuminStatus.LIVE:
            raise ProcedureRefused(
                f"{kernel.person_label(j)}は除票のため、{w.name}の届出はできません。",
                field="atena_bangos",
            )
    setai = found[0].setai
    if any(j.setai_id != setai.pk for j in found):
        raise ProcedureRefused(
            f"{w.name}する方は同じ世帯の方に限ります（世帯ごとに届出を分けてください）。",
            field="atena_bangos",
        )
    if entry.get("setai_bango") and entry["setai_bango"] != setai.setai_bango:
        raise ProcedureRefused(
            "入力した方の世帯が変わっています。世帯を検索し直してください。", field="atena_bangos"
        )
    if lock:
        setai = Setai.objects.select_for_update().get(pk=setai.pk)
    members = live_members(setai, lock=lock)
    by_atena = {m.atena_bango: m for m in members}
    movers = [by_atena[a] for a in atenas]
    moving = set(atenas)
    whole = moving == set(by_atena)
    probe = Jumin(chouaza=chouaza, banchi=banchi, katagaki=katagaki)
    for j in movers:
        if same_address(j, probe):
            raise ProcedureRefused(
                f"{w.name}先の住所が{j.full_name}さんの現在の住所と同じです（方書が違う場合は方書を"
                "入力してください：j630）。",
                field="banchi",
            )
    check_ward(movers[0].chouaza, chouaza, move=move)
    flags: list[str] = []
    if flag := late_flag(moved, todoke, "住基法第23条"):
        flags.append(flag)
    zokugara_in = _str_map(entry.get("zokugara"))
    plan = TenkyoPlan(
        setai=setai,
        members=members,
        movers=movers,
        chouaza=chouaza,
        banchi=banchi,
        katagaki=katagaki,
        tenkyo_date=moved,
        todoke_date=todoke,
        mode=mode,
        remaining=None,
        flags=flags,
        move=move,
    )
    if mode == "same":
        if not whole:
            raise ProcedureRefused(
                f"世帯の一部の方が{w.name}するときは、「新しい世帯をつくる」か「{w.name}先の世帯に入る」を"
                "選んでください（1つの世帯は1つの住所です）。",
                field="setai_mode",
            )
        if zokugara_in or entry.get("staying_setai_nushi") or entry.get("staying_zokugara"):
            raise ProcedureRefused(
                f"世帯ごとの{w.name}では続柄・世帯主は変わりません（変えるときは世帯変更届で）。",
                field="setai_mode",
            )
        plan.target_head = live_head(setai, members)
        plan.target = None if move.kukan else setai  # j130: a new 世帯番号 in the new 区
        return plan
    _plan_destination(plan, entry, zokugara_in, lock=lock)
    rem = plan_remaining(
        setai,
        members,
        moving,
        wanted=str(entry.get("staying_setai_nushi") or ""),
        changes=_str_map(entry.get("staying_zokugara")),
        act=f"{w.name}し",
    )
    plan.remaining = rem
    if rem.shokken and rem.new_head is not None:
        plan.flags.append(
            f"世帯主の{w.name}により、世帯に残る{rem.new_head.full_name}を職権で世帯主とします"
            "（世帯主変更通知書：j490）。"
        )
    return plan


def _plan_destination(
    plan: TenkyoPlan, entry: dict[str, Any], zokugara_in: dict[str, str], *, lock: bool
) -> None:
    """The household the movers form (new) or join, and their 続柄 there."""
    w = plan.move
    movers = plan.movers
    moving = {j.atena_bango for j in movers}
    for atena in zokugara_in:
        if atena not in moving:
            raise ProcedureRefused(
                f"宛名番号 {atena} は{w.name}する方ではありません（{w.name}先での続柄）。",
                field="zokugara",
            )
    if plan.mode == "new":
        wanted = str(entry.get("setai_nushi") or "")
        if not wanted and len(movers) == 1:
            wanted = movers[0].atena_bango
        head = next((j for j in movers if j.atena_bango == wanted), None)
        if head is None:
            raise ProcedureRefused(
                f"新しい世帯の世帯主を、{w.name}する方から選んでください。", field="setai_nushi"
            )
        plan.target_head = head
        for j in movers:
            if j is head:
                plan.mover_zokugara[j.atena_bango] = SETAINUSHI
                continue
            plan.mover_zokugara[j.atena_bango] = _mover_zokugara(
                j, zokugara_in, head, new_setai=True, move=w
            )
        return
    bango = numbers.normalize_digits(str(entry.get("join_setai_bango") or ""))
    if not bango:
        raise ProcedureRefused("入る世帯の世帯番号を入力してください。", field="join_setai_bango")
    target = Setai.objects.select_related("setai_nushi").filter(setai_bango=bango).first()
    if target is None:
        raise ProcedureRefused(f"世帯番号{bango}の世帯は見つかりません。", field="join_setai_bango")
    if target.pk == plan.setai.pk:
        raise ProcedureRefused(
            f"入る世帯が今の世帯と同じです（世帯ごとの{w.name}を選んでください）。",
            field="join_setai_bango",
        )
    if lock:
        nushi = target.setai_nushi
        target = Setai.objects.select_for_update().get(pk=target.pk)
        target.setai_nushi = nushi
    target_members = live_members(target, lock=lock)
    if not target_members:
        raise ProcedureRefused(
            f"世帯番号{bango}の世帯は住民のいない世帯です（全員が除票）。",
            field="join_setai_bango",
        )
    probe = Jumin(chouaza=plan.chouaza, banchi=plan.banchi, katagaki=plan.katagaki)
    if not all(same_address(m, probe) for m in target_members):
        raise ProcedureRefused(
            f"世帯番号{bango}の世帯の住所（{target_members[0].address}）が{w.name}先の住所と"
            "一致しません。",
            field="join_setai_bango",
        )
    head = live_head(target, target_members)
    plan.target = target
    plan.target_members = target_members
    plan.target_head = head
    heads: list[Jumin] = []
    for j in movers:
        z = _mover_zokugara(j, zokugara_in, head, move=w)
        if z == SETAINUSHI:
            heads.append(j)
        plan.mover_zokugara[j.atena_bango] = z
    if heads and (head is not None or len(heads) > 1):
        raise ProcedureRefused(
            f"1つの世帯に世帯主は1人だけです（入る世帯の世帯主は{head.full_name}さん）。"
            "世帯主との続柄を入力してください（世帯主の変更は世帯変更届で）。"
            if head is not None
            else "1つの世帯に世帯主は1人だけです。",
            field=f"zokugara.{heads[-1].atena_bango}",
        )
    if heads:
        plan.target_head = heads[0]


def _mover_zokugara(
    j: Jumin,
    zokugara_in: dict[str, str],
    head: Jumin | None,
    *,
    new_setai: bool = False,
    move: Move,
) -> str:
    """A mover's 続柄 in the household formed (``new_setai``) or joined."""
    w = move
    text = zokugara_in.get(j.atena_bango, "")
    if not text:
        whom = f"{head.full_name}さん" if head is not None else "世帯主"
        raise ProcedureRefused(
            f"{j.full_name}さんの{w.name}先の世帯での続柄（{whom}との続柄）を入力してください。",
            field=f"zokugara.{j.atena_bango}",
        )
    z = parse_zokugara(text, j, f"zokugara.{j.atena_bango}")
    if new_setai and z == SETAINUSHI and head is not None:
        raise ProcedureRefused(
            f"1つの世帯に世帯主は1人だけです。「世帯主」は{head.full_name}さんだけに付けられます。",
            field=f"zokugara.{j.atena_bango}",
        )
    return z


# =============================================================================== form


class _NumbersMixin:
    """The household searched by a 宛名番号 and its members' choices and 続柄 fields."""

    fields: dict[str, forms.Field]
    household: list[Jumin]

    def _find_household(self, searched: Any) -> list[Jumin]:
        if not searched:
            return []
        person = Jumin.objects.filter(atena_bango=str(searched).strip()).first()
        if person is None or person.status != JuminStatus.LIVE:
            return []
        return kernel.ordered(live_members(person.setai))

    def _set_choices(self, name: str, choices: list[tuple[str, str]], blank: bool) -> None:
        f = self.fields[name]
        assert isinstance(f, forms.ChoiceField)
        f.choices = [("", "―"), *choices] if blank else choices


def _member_choices(members: Sequence[Jumin]) -> list[tuple[str, str]]:
    return [(m.atena_bango, f"{m.full_name}（{m.zokugara}）") for m in members]


def place_refusal(form: forms.Form, exc: ProcedureRefused, aliases: dict[str, str]) -> None:
    """A plan's refusal on the form's field (``zokugara.<宛名番号>`` → ``zokugara_<…>``)."""
    where = exc.field or ""
    if where.startswith("zokugara."):
        where = "zokugara_" + where.split(".", 1)[1]
    where = aliases.get(where, where)
    form.add_error(where if where in form.fields else None, exc.message)


class TenkyoForm(kernel.SearchRedisplayMixin, _NumbersMixin, forms.Form):
    """転居届, in the order of the paper form. The household is found by a 宛名番号.

    The persons' checkboxes, the household handling and the 続柄 fields appear once the
    household is known (the searched 宛名番号 is posted with the form; the button
    ``search`` only redisplays). A 区間転入 uses the same form in its own words.
    """

    move: ClassVar[Move] = TENKYO

    todoke_date = WarekiDateField(label="届出年月日", allow_future=False)
    tenkyo_date = WarekiDateField(label="転居した年月日（異動日）", allow_future=False)
    chouaza = kernel.ChouazaField(label="新しい住所（町字）")
    banchi = forms.CharField(label="番地", max_length=60)
    katagaki = forms.CharField(label="方書", max_length=100, required=False)
    atena_bango = forms.CharField(
        label="宛名番号（届出の世帯を検索）", max_length=10, help_text="世帯の誰か1人の宛名番号"
    )
    movers = forms.MultipleChoiceField(
        label="転居する方", widget=forms.CheckboxSelectMultiple, required=False
    )
    setai_mode = forms.ChoiceField(
        label="世帯の扱い",
        choices=list(SETAI_MODES.items()),
        widget=forms.RadioSelect,
        initial="same",
    )
    setai_nushi = forms.ChoiceField(
        label="新しい世帯の世帯主（新しい世帯をつくるとき）", required=False
    )
    join_setai_bango = forms.CharField(
        label="入る世帯の世帯番号（転居先の世帯に入るとき）", max_length=12, required=False
    )
    staying_setai_nushi = forms.ChoiceField(
        label="元の世帯の新しい世帯主（世帯主が転居し、2人以上が残るとき）", required=False
    )

    def __init__(self, data: Any = None, *, entry: dict[str, Any] | None = None) -> None:
        initial: dict[str, Any] = {}
        if entry:
            initial = {
                "todoke_date": _date(entry.get("todoke_date")),
                "tenkyo_date": _date(entry.get("tenkyo_date")),
                "chouaza": entry.get("chouaza", ""),
                "banchi": entry.get("banchi", ""),
                "katagaki": entry.get("katagaki", ""),
                "atena_bango": (entry.get("atena_bangos") or [""])[0],
                "movers": entry.get("atena_bangos", []),
                "setai_mode": entry.get("setai_mode", "same"),
                "setai_nushi": entry.get("setai_nushi", ""),
                "join_setai_bango": entry.get("join_setai_bango", ""),
                "staying_setai_nushi": entry.get("staying_setai_nushi", ""),
            }
            for key in ("zokugara", "staying_zokugara"):
                for atena, z in (entry.get(key) or {}).items():
                    initial[f"zokugara_{atena}"] = z
        super().__init__(data, initial=initial)
        if self.move is not TENKYO:
            for f in self.fields.values():
                f.label = str(f.label).replace("転居", self.move.name)
            self._set_choices("setai_mode", list(self.move.setai_modes().items()), blank=False)
        searched = (data.get("atena_bango") if data is not None else None) or initial.get(
            "atena_bango"
        )
        self.household = self._find_household(searched)
        self.entry: dict[str, Any] = {}
        choices = _member_choices(self.household)
        movers = self.fields["movers"]
        assert isinstance(movers, forms.MultipleChoiceField)
        movers.choices = choices
        self._set_choices("setai_nushi", choices, blank=True)
        self._set_choices("staying_setai_nushi", choices, blank=True)
        for m in self.household:
            self.fields[f"zokugara_{m.atena_bango}"] = forms.CharField(
                label=f"{m.full_name}の続柄（{self.move.name}先の世帯での続柄／残る方は変わるときだけ）",
                help_text=f"現在：{m.zokugara}",
                max_length=40,
                required=False,
            )

    @property
    def zokugara_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.fields if name.startswith("zokugara_")]

    def is_valid(self) -> bool:
        return super().is_valid() and bool(self.entry)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not self.household:
            self.add_error("atena_bango", "住民である方の宛名番号で世帯を検索してください。")
            return cleaned
        if self.errors:
            return cleaned
        movers = list(cleaned.get("movers") or [])
        mode = cleaned["setai_mode"]
        zoku: dict[str, str] = {}
        staying: dict[str, str] = {}
        for m in self.household:
            value = (cleaned.get(f"zokugara_{m.atena_bango}") or "").strip()
            if not value:
                continue
            if m.atena_bango in movers:
                if mode != "same":
                    zoku[m.atena_bango] = value
            else:  # kept even when unchanged: with a new 世帯主 it is the relation to them
                staying[m.atena_bango] = value
        entry = tenkyo_entry(
            todoke_date=cleaned["todoke_date"],
            tenkyo_date=cleaned["tenkyo_date"],
            atena_bangos=movers,
            chouaza=cleaned["chouaza"].code,
            banchi=cleaned["banchi"].strip(),
            katagaki=cleaned.get("katagaki", "").strip(),
            setai_mode=mode,
            setai_nushi=cleaned.get("setai_nushi", ""),
            join_setai_bango=numbers.normalize_digits(cleaned.get("join_setai_bango", "")),
            zokugara=zoku,
            staying_setai_nushi=cleaned.get("staying_setai_nushi", ""),
            staying_zokugara=staying,
            setai_bango=self.household[0].setai.setai_bango,
        )
        try:
            plan_tenkyo(entry, move=self.move)
        except ProcedureRefused as exc:
            place_refusal(self, exc, {"atena_bangos": "movers", "zokugara": "movers"})
            return cleaned
        self.entry = entry
        return cleaned


# =============================================================================== the kind


def refused_block(message: str) -> ReviewBlock:
    return ReviewBlock("承認できない理由", [ReviewRow("エラー", "", message)])


class TenkyoKind(kernel.KakuninKind):
    """転居届 (区内転居)."""

    code: ClassVar[str] = "tenkyo"
    label: ClassVar[str] = "転居"
    category = CounterCategory.IDO
    move: ClassVar[Move] = TENKYO

    form_class = TenkyoForm
    template = ENTRY_TEMPLATE

    def subjects(self, entry: dict[str, Any]) -> list[Subject]:
        out = [
            kernel.jumin_subject(a, f"宛名番号 {a} の方") for a in entry.get("atena_bangos") or []
        ]
        for key in ("setai_bango", "join_setai_bango"):
            if entry.get(key):
                out.append(kernel.setai_subject(entry[key]))
        return out

    def flags(self, entry: dict[str, Any]) -> list[str]:
        try:
            return plan_tenkyo(entry, move=self.move).flags
        except ProcedureRefused as exc:
            out = [f"承認できない内容があります：{exc.message}"]
            todoke, moved = _date(entry.get("todoke_date")), _date(entry.get("tenkyo_date"))
            if todoke and moved and (flag := late_flag(moved, todoke, "住基法第23条")):
                out.insert(0, flag)
            return out

    def entry_summary(self, entry: dict[str, Any]) -> str:
        count = len(entry.get("atena_bangos") or [])
        if not count:
            return ""
        mode = {"same": "世帯ごと", "new": "新世帯", "join": "既存世帯へ"}.get(
            entry.get("setai_mode", ""), ""
        )
        moved = kernel.wareki_text(_date(entry.get("tenkyo_date")))
        w = self.move
        return f"{w.name} {count}人（{mode}） {entry.get('banchi', '')} {w.name}日 {moved}"

    # --- review ------------------------------------------------------------------------

    def review(self, procedure: Procedure) -> list[ReviewBlock]:
        w = self.move
        if kernel.is_approved(procedure):
            result = procedure.result
            return [
                ReviewBlock(
                    "承認済み",
                    [
                        ReviewRow(f"{w.name}した方", "", "、".join(result.get("persons", []))),
                        ReviewRow("新しい住所", "", result.get("jusho", "")),
                        ReviewRow("世帯番号", "", result.get("setai_bango", "")),
                    ],
                )
            ]
        try:
            plan = plan_tenkyo(procedure.entry, move=w)
        except ProcedureRefused as exc:
            return [refused_block(exc.message)]
        return review_blocks(plan)

    # --- 承認 --------------------------------------------------------------------------

    def apply(
        self, procedure: Procedure, *, acting_user: StaffUser, terminal: Terminal | None
    ) -> dict[str, Any]:
        w = self.move
        plan = plan_tenkyo(procedure.entry, lock=True, move=w)
        ctx = IdoContext(
            acting_user=acting_user,
            terminal=terminal,
            ido_jiyu=w.ido_jiyu,
            ido_date=plan.tenkyo_date,
            todoke_date=plan.todoke_date,
            ryuiji=kernel.FLAG_TODOKE_KIKAN
            if any(f.startswith(kernel.FLAG_TODOKE_KIKAN) for f in plan.flags)
            else "",
        )
        former_address = {j.atena_bango: j.address for j in plan.movers}
        headed = False  # join: a household without a 世帯主 gets one from the movers
        if plan.mode == "same" and not w.kukan:
            target = plan.setai
        elif plan.mode in ("same", "new"):  # 区間転入 of a household: a new 世帯番号 (j130)
            target = create_setai()
            set_setai_nushi(target, plan.target_head)
        else:
            assert plan.target is not None
            target = plan.target
            if plan.target_head is not None and live_head(target, plan.target_members) is None:
                set_setai_nushi(target, plan.target_head)
                headed = True
        rireki: dict[str, int] = {}
        for j in plan.movers:
            changes = plan.mover_changes(j)
            if target.pk != plan.setai.pk:
                changes["setai"] = target
            row = update_person(j, changes, ctx)
            assert row is not None  # the address always changes
            j.setai = target
            rireki[j.atena_bango] = row.rireki_no
        household: dict[str, int] = {}
        if headed:
            jctx = IdoContext(
                acting_user=acting_user,
                terminal=terminal,
                ido_jiyu=IdoJiyu.SETAI_HENKOU,
                ido_date=plan.tenkyo_date,
                todoke_date=plan.todoke_date,
                ryuiji=f"{w.name}者を世帯主とする世帯主の記載",
            )
            for m in plan.target_members:
                m.setai = target
                household[m.atena_bango] = append_rireki(m, jctx, ["setai_nushi"]).rireki_no
        emptied = False
        rem = plan.remaining
        if rem is not None:
            hctx = IdoContext(
                acting_user=acting_user,
                terminal=terminal,
                ido_jiyu=IdoJiyu.SETAI_HENKOU,
                ido_date=plan.tenkyo_date,
                todoke_date=plan.todoke_date,
                ryuiji=w.nushi_henkou_ryuiji + ("（職権）" if rem.shokken else ""),
            )
            household = apply_remaining(rem, hctx)
        everyone_left = (rem is None and target.pk != plan.setai.pk) or (rem and not rem.staying)
        if everyone_left and plan.setai.setai_nushi is not None:
            set_setai_nushi(plan.setai, None)  # kept, without members or head
            emptied = True
        notifier = Notifier(procedure, ido_date=plan.tenkyo_date, todoke_date=plan.todoke_date)
        jiyu = w.ido_jiyu.label
        for j in plan.movers:
            notifier.honnin_kakunin(j, jiyu, {"zenjusho": former_address[j.atena_bango]})
            notifier.fuhyo(j, jiyu)
            notifier.to_takka(takka_for(j, plan.tenkyo_date), j, jiyu)
        if rem is not None and rem.changes:
            for m in rem.staying:
                notifier.honnin_kakunin(m, IdoJiyu.SETAI_HENKOU.label)
                notifier.to_takka(
                    kernel.takka_destinations(m, plan.tenkyo_date, reason="setai"),
                    m,
                    IdoJiyu.SETAI_HENKOU.label,
                )
        households = [target] if target.pk == plan.setai.pk else [target, plan.setai]
        message_ids = notifier.write_all(households)
        return {
            "kind": self.code,
            "setai_mode": plan.mode,
            "persons": [j.atena_bango for j in plan.movers],
            "jusho": plan.new_address,
            "tenkyo_date": kernel.iso(plan.tenkyo_date),
            "former_setai_bango": plan.setai.setai_bango,
            "setai_bango": target.setai_bango,
            "setai_nushi": target.setai_nushi.atena_bango if target.setai_nushi else "",
            "rireki": rireki,
            "staying_setai_nushi_changed": bool(rem and rem.changes),
            "shokken_setai_nushi": bool(rem and rem.shokken),
            "former_setai_nushi": plan.remaining.former.atena_bango
            if plan.remaining and plan.remaining.former
            else "",
            "staying_setai_nushi": rem.new_head.atena_bango
            if rem and rem.changes and rem.new_head
            else "",
            "former_setai_emptied": emptied,
            "household_rireki": household,
            "outbox": message_ids,
            "flags": plan.flags,
        }

    # --- documents ---------------------------------------------------------------------

    def handover_documents(self, procedure: Procedure) -> list[str]:
        atenas = procedure.entry.get("atena_bangos") or []
        persons = list(Jumin.objects.filter(atena_bango__in=atenas))
        moved = _date(procedure.entry.get("tenkyo_date")) or _today()
        w = self.move
        names = []
        if any(p.kojin_bango for p in persons):
            names.append(f"個人番号カード等への裏書（{w.name}）")
        if any(p.is_foreign for p in persons):
            names.append("在留カード等への住居地の裏書（住居地届出）")
        names.append("住民異動届（他課用）控え")
        if any(kernel.is_gakurei(p.seinengappi, moved) for p in persons):
            names.append("就学通知")
        return names

    def confirmation_pdf(self, procedure: Procedure, entry: dict[str, Any]) -> bytes:
        plan = plan_tenkyo(entry, move=self.move)
        after: list[Jumin] = []
        for j in plan.movers:
            c = copy.copy(j)
            for name, value in plan.mover_changes(j).items():
                setattr(c, name, value)
            after.append(c)
        if plan.mode == "join":
            after = [*plan.target_members, *after]
        bango = plan.target.setai_bango if plan.target is not None else ""
        return kernel.kakunin_pdf(
            kind_label=self.label,
            members=after,
            changed={j.atena_bango for j in plan.movers},
            setai_bango=bango,
            procedure_label=str(procedure.reception) if procedure.pk else "",
        )


def review_blocks(plan: TenkyoPlan) -> list[ReviewBlock]:
    """The before/after view of a 転居 (stable titles: the 照合 ticks go by them)."""
    w = plan.move
    blocks = [
        ReviewBlock(
            f"{w.name}の内容",
            [
                ReviewRow("届出年月日", "", kernel.wareki_text(plan.todoke_date)),
                ReviewRow(f"{w.name}日（異動日）", "", kernel.wareki_text(plan.tenkyo_date)),
                ReviewRow("新しい住所", "", plan.new_address),
                ReviewRow("世帯の扱い", "", w.setai_modes()[plan.mode]),
            ],
        )
    ]
    after_setai = plan.target.setai_bango if plan.target is not None else "（承認時に付番）"
    head = plan.target_head
    for j in plan.movers:
        old_head = live_head(plan.setai, plan.members)
        blocks.append(
            ReviewBlock(
                f"{w.name}する方：{j.full_name}（宛名番号 {j.atena_bango}）",
                [
                    ReviewRow("住所", j.address, plan.new_address),
                    ReviewRow(
                        "住所を定めた年月日",
                        recorded_date_text(j.jusho_date, j.jusho_date_hyoki),
                        kernel.wareki_text(plan.tenkyo_date),
                    ),
                    ReviewRow("世帯番号", plan.setai.setai_bango, after_setai),
                    ReviewRow(
                        "世帯主",
                        old_head.full_name if old_head else "",
                        head.full_name if head else "（世帯主なし）",
                    ),
                    ReviewRow(
                        "続柄", j.zokugara, plan.mover_zokugara.get(j.atena_bango, j.zokugara)
                    ),
                ],
            )
        )
    if plan.mode == "join" and plan.target is not None:
        rows = [ReviewRow(m.full_name, m.zokugara, m.zokugara) for m in plan.target_members]
        rows += [
            ReviewRow(j.full_name, "", plan.mover_zokugara[j.atena_bango]) for j in plan.movers
        ]
        blocks.append(ReviewBlock(f"{w.name}先の世帯（世帯番号 {plan.target.setai_bango}）", rows))
    rem = plan.remaining
    if rem is not None:
        rows = [
            ReviewRow("世帯員（住民）の数", f"{len(plan.members)}人", f"{len(rem.staying)}人"),
            ReviewRow(
                "世帯主",
                rem.former.full_name if rem.former else "（なし）",
                rem.new_head.full_name if rem.staying and rem.new_head else "（世帯員なし）",
            ),
        ]
        rows += [
            ReviewRow(
                f"{m.full_name}の続柄", m.zokugara, rem.zokugara.get(m.atena_bango, m.zokugara)
            )
            for m in rem.staying
        ]
        blocks.append(ReviewBlock(f"元の世帯（世帯番号 {plan.setai.setai_bango}）", rows))
    if plan.flags:
        blocks.insert(1, ReviewBlock("注意事項", [ReviewRow("注意", "", f) for f in plan.flags]))
    return blocks


register_kind(TenkyoKind())


# =============================================================================== 区間転入


class KukanTennyuForm(TenkyoForm):
    """区間転入届: the 転居届's form, for a move into this 区 from another 行政区."""

    move: ClassVar[Move] = KUKAN_TENNYU


class KukanTennyuKind(TenkyoKind):
    """区間転入 (指定都市): persons of a live household move from another 行政区.

    The 住民票 stays (same 宛名番号, j130) with the new address, 住所を定めた年月日 and an
    IdoJiyu.KUKAN_TENNYU history row; a household that moves whole gets a new 世帯番号
    in its new 区, and the one it leaves is kept without members.
    """

    code: ClassVar[str] = "kukan_tennyu"
    label: ClassVar[str] = "区間転入"
    move: ClassVar[Move] = KUKAN_TENNYU
    form_class = KukanTennyuForm

    def is_offered(self) -> bool:
        return has_gyouseiku()


register_kind(KukanTennyuKind())
