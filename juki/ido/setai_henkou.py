"""世帯変更届 (住基法第25条): 世帯分離, 世帯合併, 世帯主変更, 世帯構成変更 (j720–j740).

One kind, ``setai_henkou``, with the variant in the entry (``henkou``):

- ``bunri`` 世帯分離: chosen members leave to a new 世帯 at the same address (one of them
  its 世帯主, the others' 続柄 to that head); when the 世帯主 leaves, the j490 rule for
  those who stay (see ``tenkyo.plan_remaining``);
- ``gappei`` 世帯合併: a second live household at the same address joins this one; its
  members get their 続柄 to this household's 世帯主; the absorbed Setai is kept, with no
  members and no 世帯主;
- ``nushi_henkou`` 世帯主変更: a new 世帯主 within the household; every other member's
  続柄 is entered again relative to the new head (the form pre-fills what it can derive);
- ``kousei_henkou`` 世帯構成変更: members' 続柄 change (e.g. 同居人 → 妻（未届）).

The address never changes here (j720 "address change with 世帯変更" is out of scope: that
is a 転居). At 承認 each person whose row changes (世帯番号, 世帯主 or 続柄) gets an
IdoJiyu.SETAI_HENKOU history row, and the outbox gets 住基ネット and 他課 messages.

The entry JSON (see ``setai_henkou_entry()``)::

    {"todoke_date": "2026-04-10", "ido_date": "2026-04-05",
     "henkou": "bunri" | "gappei" | "nushi_henkou" | "kousei_henkou",
     "setai_bango": "<the household>",
     "atena_bangos": [],           # bunri: the members who leave
     "setai_nushi": "",            # bunri: the new household's head; nushi_henkou: the new head
     "other_setai_bango": "",      # gappei: the household absorbed
     "zokugara": {"<宛名番号>": "妻", …},   # the 続柄 entered (see each variant)
     "staying_setai_nushi": "", "staying_zokugara": {}}   # bunri, when the head leaves
"""

from __future__ import annotations

import copy
import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar

from django import forms
from django.utils import timezone

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
from ..models import IdoJiyu, Jumin, JuminStatus, Seibetsu, Setai
from ..services import (
    IdoContext,
    append_rireki,
    create_setai,
    live_members,
    set_setai_nushi,
    update_person,
)
from . import kernel
from .tenkyo import (
    Notifier,
    Remaining,
    _NumbersMixin,
    apply_remaining,
    check_dates,
    late_flag,
    live_head,
    need_date,
    parse_zokugara,
    place_refusal,
    plan_remaining,
    refused_block,
    same_address,
)

if TYPE_CHECKING:
    from counter.models import Procedure, StaffUser, Terminal

__all__ = [
    "ENTRY_TEMPLATE",
    "HENKOU",
    "SetaiHenkouForm",
    "SetaiHenkouKind",
    "derive_zokugara",
    "plan_setai_henkou",
    "setai_henkou_entry",
]

ENTRY_TEMPLATE = "juki/ido/setai_henkou_entry.html"
SETAINUSHI = zokugara.SETAINUSHI
ARTICLE = "住基法第25条"

HENKOU = {
    "bunri": "世帯分離",
    "gappei": "世帯合併",
    "nushi_henkou": "世帯主変更",
    "kousei_henkou": "世帯構成変更",
}

BUNRI_RYUIJI = "世帯分離に伴う世帯主変更"
ONE_HEAD = "1つの世帯に世帯主は1人だけです。"


def _today() -> datetime.date:
    return timezone.localdate()


def _date(value: Any) -> datetime.date | None:
    try:
        return kernel.from_iso(value) if value else None
    except (TypeError, ValueError):
        return None


def _str_map(value: Any) -> dict[str, str]:
    return {str(k): str(v).strip() for k, v in (value or {}).items() if str(v).strip()}


# =============================================================================== entry


def setai_henkou_entry(
    *,
    henkou: str,
    setai_bango: str = "",
    atena_bango: str = "",
    ido_date: datetime.date | None = None,
    todoke_date: datetime.date | None = None,
    atena_bangos: Sequence[str] = (),
    setai_nushi: str = "",
    other_setai_bango: str = "",
    zokugara: dict[str, str] | None = None,
    staying_setai_nushi: str = "",
    staying_zokugara: dict[str, str] | None = None,
) -> dict[str, Any]:
    """The entry JSON of a 世帯変更 (what the form produces), for journeys and tests.

    The household is ``setai_bango`` or the one of ``atena_bango`` (or of the first of
    ``atena_bangos``); dates default to today.
    """
    if not setai_bango:
        who = atena_bango or (atena_bangos[0] if atena_bangos else "")
        setai_bango = (
            Jumin.objects.filter(atena_bango=who)
            .values_list("setai__setai_bango", flat=True)
            .first()
            or ""
        )
    return {
        "todoke_date": kernel.iso(todoke_date or _today()),
        "ido_date": kernel.iso(ido_date or _today()),
        "henkou": henkou,
        "setai_bango": setai_bango,
        "atena_bangos": list(atena_bangos) if henkou == "bunri" else [],
        "setai_nushi": setai_nushi if henkou in ("bunri", "nushi_henkou") else "",
        "other_setai_bango": other_setai_bango if henkou == "gappei" else "",
        "zokugara": dict(zokugara or {}),
        "staying_setai_nushi": staying_setai_nushi if henkou == "bunri" else "",
        "staying_zokugara": dict(staying_zokugara or {}) if henkou == "bunri" else {},
    }


# =============================================================================== derived 続柄

_INVERSE_SPOUSE = {"妻": "夫", "夫": "妻", "妻（未届）": "夫（未届）", "夫（未届）": "妻（未届）"}


def _sibling(m: Jumin, head: Jumin) -> str:
    older = m.seinengappi < head.seinengappi
    if m.seibetsu == Seibetsu.FEMALE:
        return "姉" if older else "妹"
    return "兄" if older else "弟"


def derive_zokugara(members: Sequence[Jumin], new_head: Jumin) -> dict[str, str]:
    """The 続柄 to a new 世帯主 that can be derived from the 続柄 to the old one.

    Only the clear cases (the old head's spouse or child becomes head); the rest is left
    out, for the clerk to type. A suggestion only: the clerk checks every one (e.g. a 子
    of the old head may be 夫の子 of the new head).
    """
    try:
        was = zokugara.parse_zokugara(new_head.zokugara)
    except ValueError:
        return {}
    out: dict[str, str] = {}
    for m in members:
        if m.pk == new_head.pk:
            continue
        try:
            z = zokugara.parse_zokugara(m.zokugara)
        except ValueError:
            continue
        derived = ""
        if z in (zokugara.DOKYONIN, zokugara.ENKOSHA):
            derived = z
        elif was in _INVERSE_SPOUSE:  # the spouse of the old head becomes head
            spouse = _INVERSE_SPOUSE[was]
            if z == SETAINUSHI:
                derived = spouse
            elif z == "子" or z.startswith("子の"):
                derived = z
            else:
                try:
                    derived = zokugara.parse_zokugara(f"{spouse}の{z}")
                except ValueError:
                    derived = ""
        elif was == "子":  # a child of the old head becomes head
            female = m.seibetsu == Seibetsu.FEMALE
            if z == SETAINUSHI or z in _INVERSE_SPOUSE:
                derived = "母" if female else "父"
            elif z == "子":
                derived = _sibling(m, new_head)
        if derived:
            out[m.atena_bango] = derived
    return out


# =============================================================================== the plan


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
    remaining: Remaining | None = None
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


def _household(bango: str, *, lock: bool, field_name: str, what: str) -> tuple[Setai, list[Jumin]]:
    bango = numbers.normalize_digits(bango)
    setai = Setai.objects.filter(setai_bango=bango).first() if bango else None
    if setai is None:
        raise ProcedureRefused(
            f"{what}（世帯番号{bango}）が見つかりません。世帯を検索し直してください。"
            if bango
            else f"{what}の世帯番号を入力してください。",
            field=field_name,
        )
    if lock:
        setai = Setai.objects.select_for_update().get(pk=setai.pk)
    members = live_members(setai, lock=lock)
    if not members:
        raise ProcedureRefused(
            f"世帯番号{bango}の世帯は住民のいない世帯です（全員が除票）。", field=field_name
        )
    return setai, members


def plan_setai_henkou(entry: dict[str, Any], *, lock: bool = False) -> HenkouPlan:
    """Check a 世帯変更 entry against the register; ProcedureRefused names what blocks it."""
    todoke = need_date(entry, "todoke_date", "届出年月日")
    ido = need_date(entry, "ido_date", "異動日")
    check_dates(ido, todoke, ido_key="ido_date", ido_label="異動日", after="変更があった")
    henkou = str(entry.get("henkou") or "")
    if henkou not in HENKOU:
        raise ProcedureRefused("変更の種類を選んでください。", field="henkou")
    setai, members = _household(
        str(entry.get("setai_bango") or ""), lock=lock, field_name="atena_bango", what="届出の世帯"
    )
    plan = HenkouPlan(
        henkou=henkou,
        ido_date=ido,
        todoke_date=todoke,
        setai=setai,
        members=members,
        head=live_head(setai, members),
    )
    if flag := late_flag(ido, todoke, ARTICLE):
        plan.flags.append(flag)
    entered = _str_map(entry.get("zokugara"))
    {
        "bunri": _plan_bunri,
        "gappei": _plan_gappei,
        "nushi_henkou": _plan_nushi_henkou,
        "kousei_henkou": _plan_kousei,
    }[henkou](plan, entry, entered, lock)
    if not plan.changed_persons():
        raise ProcedureRefused("変更する内容がありません。", field="henkou")
    return plan


def _only(entered: dict[str, str], allowed: Sequence[Jumin], what: str) -> None:
    numbers_ok = {m.atena_bango for m in allowed}
    for atena in entered:
        if atena not in numbers_ok:
            raise ProcedureRefused(
                f"宛名番号 {atena} は{what}ではありません（続柄）。", field=f"zokugara.{atena}"
            )


def _required(
    plan: HenkouPlan, persons: Sequence[Jumin], entered: dict[str, str], whom: str
) -> None:
    """Each person's 続柄 to ``whom`` entered, canonical, and not a second 世帯主."""
    for m in persons:
        text = entered.get(m.atena_bango, "")
        if not text:
            raise ProcedureRefused(
                f"{m.full_name}さんの続柄（{whom}との続柄）を入力してください。",
                field=f"zokugara.{m.atena_bango}",
            )
        z = parse_zokugara(text, m, f"zokugara.{m.atena_bango}")
        if z == SETAINUSHI:
            raise ProcedureRefused(
                f"{ONE_HEAD}「世帯主」は{whom}だけに付けられます。",
                field=f"zokugara.{m.atena_bango}",
            )
        plan.zokugara[m.atena_bango] = z


def _plan_bunri(
    plan: HenkouPlan, entry: dict[str, Any], entered: dict[str, str], lock: bool
) -> None:
    atenas = [str(a) for a in entry.get("atena_bangos") or []]
    if not atenas:
        raise ProcedureRefused("新しい世帯に移る方を1人以上選んでください。", field="atena_bangos")
    by_atena = {m.atena_bango: m for m in plan.members}
    missing = [a for a in atenas if a not in by_atena]
    if missing:
        kernel.persons_by_atena(missing)  # names an unknown number
        raise ProcedureRefused(
            f"宛名番号 {'、'.join(missing)} はこの世帯の住民ではありません。", field="atena_bangos"
        )
    if set(atenas) == set(by_atena):
        raise ProcedureRefused(
            "世帯全員を分離することはできません。世帯に残る方を1人以上残してください。",
            field="atena_bangos",
        )
    plan.movers = [by_atena[a] for a in atenas]
    _only(entered, plan.movers, "新しい世帯に移る方")
    wanted = str(entry.get("setai_nushi") or "") or (atenas[0] if len(atenas) == 1 else "")
    head = next((m for m in plan.movers if m.atena_bango == wanted), None)
    if head is None:
        raise ProcedureRefused(
            "新しい世帯の世帯主を、新しい世帯に移る方から選んでください。", field="setai_nushi"
        )
    plan.new_head = head
    plan.zokugara[head.atena_bango] = SETAINUSHI
    _required(plan, [m for m in plan.movers if m is not head], entered, f"{head.full_name}さん")
    rem = plan_remaining(
        plan.setai,
        plan.members,
        set(atenas),
        wanted=str(entry.get("staying_setai_nushi") or ""),
        changes=_str_map(entry.get("staying_zokugara")),
        act="新しい世帯に移り",
    )
    plan.remaining = rem
    if rem.shokken and rem.new_head is not None:
        plan.flags.append(
            f"世帯主が新しい世帯に移るため、世帯に残る{rem.new_head.full_name}を職権で世帯主と"
            "します（世帯主変更通知書：j490）。"
        )


def _plan_gappei(
    plan: HenkouPlan, entry: dict[str, Any], entered: dict[str, str], lock: bool
) -> None:
    other_bango = numbers.normalize_digits(str(entry.get("other_setai_bango") or ""))
    if other_bango == plan.setai.setai_bango:
        raise ProcedureRefused("合併する世帯が届出の世帯と同じです。", field="other_setai_bango")
    other, other_members = _household(
        other_bango, lock=lock, field_name="other_setai_bango", what="合併する世帯"
    )
    if plan.head is None:
        raise ProcedureRefused(
            "届出の世帯に世帯主がいません。先に世帯主変更で世帯主を定めてください。",
            field="atena_bango",
        )
    here = plan.members[0]
    if not all(same_address(m, here) for m in other_members):
        raise ProcedureRefused(
            f"世帯合併は同じ住所の世帯に限ります（合併する世帯の住所：{other_members[0].address}、"
            f"届出の世帯の住所：{here.address}）。住所が違うときは転居届です。",
            field="other_setai_bango",
        )
    plan.other = other
    plan.other_members = other_members
    plan.movers = other_members
    _only(entered, other_members, "合併する世帯の方")
    _required(plan, other_members, entered, f"{plan.head.full_name}さん")


def _plan_nushi_henkou(
    plan: HenkouPlan, entry: dict[str, Any], entered: dict[str, str], lock: bool
) -> None:
    wanted = str(entry.get("setai_nushi") or "")
    head = next((m for m in plan.members if m.atena_bango == wanted), None)
    if head is None:
        raise ProcedureRefused("新しい世帯主を、世帯の方から選んでください。", field="setai_nushi")
    if plan.head is not None and head.pk == plan.head.pk:
        raise ProcedureRefused(
            f"{head.full_name}さんは既に世帯主です。新しい世帯主を選んでください。",
            field="setai_nushi",
        )
    _only(entered, plan.members, "この世帯の方")
    plan.new_head = head
    plan.zokugara[head.atena_bango] = SETAINUSHI
    entered = {a: z for a, z in entered.items() if a != head.atena_bango}
    _required(plan, [m for m in plan.members if m is not head], entered, f"{head.full_name}さん")


def _plan_kousei(
    plan: HenkouPlan, entry: dict[str, Any], entered: dict[str, str], lock: bool
) -> None:
    _only(entered, plan.members, "この世帯の方")
    by_atena = {m.atena_bango: m for m in plan.members}
    for atena, text in entered.items():
        m = by_atena[atena]
        z = parse_zokugara(text, m, f"zokugara.{atena}")
        if z == m.zokugara:
            continue
        if plan.head is not None and m.pk == plan.head.pk:
            raise ProcedureRefused(
                f"世帯主（{m.full_name}さん）の続柄は変えられません。世帯主を替えるときは"
                "「世帯主変更」を選んでください。",
                field=f"zokugara.{atena}",
            )
        if z == SETAINUSHI:
            raise ProcedureRefused(
                f"{ONE_HEAD}世帯主を替えるときは「世帯主変更」を選んでください。",
                field=f"zokugara.{atena}",
            )
        plan.zokugara[atena] = z
    if not plan.zokugara:
        raise ProcedureRefused(
            "変更する方の新しい続柄を入力してください（今と同じ続柄は変更になりません）。",
            field="zokugara",
        )


# =============================================================================== form


class SetaiHenkouForm(kernel.SearchRedisplayMixin, _NumbersMixin, forms.Form):
    """世帯変更届, in the order of the paper form: 届出, the kind of change, the household
    (searched by a 宛名番号), and per variant the members, the 世帯主 and the 続柄.

    The ``search`` button only redisplays; with 世帯主変更 and a new head chosen it
    pre-fills the 続柄 that can be derived (``derive_zokugara``).
    """

    todoke_date = WarekiDateField(label="届出年月日", allow_future=False)
    ido_date = WarekiDateField(label="変更があった年月日（異動日）", allow_future=False)
    henkou = forms.ChoiceField(
        label="変更の種類", choices=list(HENKOU.items()), widget=forms.RadioSelect
    )
    atena_bango = forms.CharField(
        label="宛名番号（届出の世帯を検索）", max_length=10, help_text="世帯の誰か1人の宛名番号"
    )
    movers = forms.MultipleChoiceField(
        label="新しい世帯に移る方（世帯分離）", widget=forms.CheckboxSelectMultiple, required=False
    )
    setai_nushi = forms.ChoiceField(
        label="世帯主（世帯分離：新しい世帯の世帯主／世帯主変更：新しい世帯主）", required=False
    )
    staying_setai_nushi = forms.ChoiceField(
        label="残る世帯の新しい世帯主（世帯分離で世帯主が移り、2人以上が残るとき）", required=False
    )
    other_setai_bango = forms.CharField(
        label="合併する世帯の世帯番号（世帯合併：同じ住所の世帯）", max_length=12, required=False
    )

    def __init__(self, data: Any = None, *, entry: dict[str, Any] | None = None) -> None:
        initial: dict[str, Any] = {}
        searched_atena = ""
        if entry:
            searched_atena = (
                Jumin.objects.filter(
                    setai__setai_bango=entry.get("setai_bango") or "", status=JuminStatus.LIVE
                )
                .order_by("atena_bango")
                .values_list("atena_bango", flat=True)
                .first()
                or ""
            )
            initial = {
                "todoke_date": _date(entry.get("todoke_date")),
                "ido_date": _date(entry.get("ido_date")),
                "henkou": entry.get("henkou", ""),
                "atena_bango": searched_atena,
                "movers": entry.get("atena_bangos", []),
                "setai_nushi": entry.get("setai_nushi", ""),
                "staying_setai_nushi": entry.get("staying_setai_nushi", ""),
                "other_setai_bango": entry.get("other_setai_bango", ""),
            }
            for key in ("zokugara", "staying_zokugara"):
                for atena, z in (entry.get(key) or {}).items():
                    initial[f"zokugara_{atena}"] = z
        if data is not None:
            searched = data.get("atena_bango")
            other_bango = data.get("other_setai_bango") or ""
        else:
            searched = initial.get("atena_bango")
            other_bango = initial.get("other_setai_bango", "")
        self.household = self._find_household(searched)
        self.other_household: list[Jumin] = []
        other_bango = numbers.normalize_digits(str(other_bango))
        if other_bango:
            other = Setai.objects.filter(setai_bango=other_bango).first()
            if other is not None and (not self.household or other.pk != self.household[0].setai_id):
                self.other_household = live_members(other)
        if data is not None and data.get("search") and data.get("henkou") == "nushi_henkou":
            data = self._prefill(data)
        super().__init__(data, initial=initial)
        self.entry: dict[str, Any] = {}
        choices = [(m.atena_bango, f"{m.full_name}（{m.zokugara}）") for m in self.household]
        movers = self.fields["movers"]
        assert isinstance(movers, forms.MultipleChoiceField)
        movers.choices = choices
        self._set_choices("setai_nushi", choices, blank=True)
        self._set_choices("staying_setai_nushi", choices, blank=True)
        for m in self.household:
            self.fields[f"zokugara_{m.atena_bango}"] = forms.CharField(
                label=f"{m.full_name}の新しい続柄",
                help_text=f"現在：{m.zokugara}（変わる方・世帯主変更では全員）",
                max_length=40,
                required=False,
            )
        for m in self.other_household:
            self.fields[f"zokugara_{m.atena_bango}"] = forms.CharField(
                label=f"{m.full_name}の続柄（合併後の世帯主との続柄）",
                help_text=f"世帯番号 {m.setai.setai_bango}・現在：{m.zokugara}",
                max_length=40,
                required=False,
            )

    def _prefill(self, data: Any) -> Any:
        """世帯主変更: the derivable 続柄 to the chosen new head, where still blank."""
        head = next((m for m in self.household if m.atena_bango == data.get("setai_nushi")), None)
        if head is None:
            return data
        data = data.copy()
        for atena, z in derive_zokugara(self.household, head).items():
            if not data.get(f"zokugara_{atena}"):
                data[f"zokugara_{atena}"] = z
        data[f"zokugara_{head.atena_bango}"] = SETAINUSHI
        return data

    @property
    def zokugara_fields(self) -> list[forms.BoundField]:
        return [
            self[f"zokugara_{m.atena_bango}"]
            for m in self.household
            if f"zokugara_{m.atena_bango}" in self.fields
        ]

    @property
    def other_zokugara_fields(self) -> list[forms.BoundField]:
        return [self[f"zokugara_{m.atena_bango}"] for m in self.other_household]

    def is_valid(self) -> bool:
        return super().is_valid() and bool(self.entry)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not self.household:
            self.add_error("atena_bango", "住民である方の宛名番号で世帯を検索してください。")
            return cleaned
        if self.errors:
            return cleaned
        henkou = cleaned["henkou"]
        movers = list(cleaned.get("movers") or []) if henkou == "bunri" else []
        zoku: dict[str, str] = {}
        staying: dict[str, str] = {}
        for m in self.household:
            value = (cleaned.get(f"zokugara_{m.atena_bango}") or "").strip()
            if not value:
                continue
            if henkou == "bunri":
                if m.atena_bango in movers:
                    zoku[m.atena_bango] = value
                else:  # kept even when unchanged: with a new 世帯主 it is the relation to them
                    staying[m.atena_bango] = value
            elif henkou == "nushi_henkou" or value != m.zokugara:
                zoku[m.atena_bango] = value
        if henkou == "gappei":
            for m in self.other_household:
                value = (cleaned.get(f"zokugara_{m.atena_bango}") or "").strip()
                if value:
                    zoku[m.atena_bango] = value
        entry = setai_henkou_entry(
            henkou=henkou,
            setai_bango=self.household[0].setai.setai_bango,
            ido_date=cleaned["ido_date"],
            todoke_date=cleaned["todoke_date"],
            atena_bangos=movers,
            setai_nushi=cleaned.get("setai_nushi", ""),
            other_setai_bango=numbers.normalize_digits(cleaned.get("other_setai_bango", "")),
            zokugara=zoku,
            staying_setai_nushi=cleaned.get("staying_setai_nushi", ""),
            staying_zokugara=staying,
        )
        try:
            plan_setai_henkou(entry)
        except ProcedureRefused as exc:
            place_refusal(self, exc, {"atena_bangos": "movers"})
            return cleaned
        self.entry = entry
        return cleaned


# =============================================================================== the kind


class SetaiHenkouKind(kernel.KakuninKind):
    """世帯変更届 (世帯分離・世帯合併・世帯主変更・世帯構成変更)."""

    code: ClassVar[str] = "setai_henkou"
    label: ClassVar[str] = "世帯変更"
    category = CounterCategory.IDO

    form_class = SetaiHenkouForm
    template = ENTRY_TEMPLATE

    def subjects(self, entry: dict[str, Any]) -> list[Subject]:
        out: list[Subject] = []
        for key in ("setai_bango", "other_setai_bango"):
            if entry.get(key):
                out.append(kernel.setai_subject(entry[key]))
        persons: list[str] = []
        for atena in [
            *(entry.get("atena_bangos") or []),
            entry.get("setai_nushi") or "",
            *(entry.get("zokugara") or {}),
            *(entry.get("staying_zokugara") or {}),
        ]:
            if atena and atena not in persons:
                persons.append(atena)
        out += [kernel.jumin_subject(a, f"宛名番号 {a} の方") for a in persons]
        return out

    def flags(self, entry: dict[str, Any]) -> list[str]:
        try:
            return plan_setai_henkou(entry).flags
        except ProcedureRefused as exc:
            out = [f"承認できない内容があります：{exc.message}"]
            todoke, ido = _date(entry.get("todoke_date")), _date(entry.get("ido_date"))
            if todoke and ido and (flag := late_flag(ido, todoke, ARTICLE)):
                out.insert(0, flag)
            return out

    def entry_summary(self, entry: dict[str, Any]) -> str:
        what = HENKOU.get(entry.get("henkou", ""), "")
        if not what:
            return ""
        ido = kernel.wareki_text(_date(entry.get("ido_date")))
        return f"{what}（世帯番号 {entry.get('setai_bango', '')}） 異動日 {ido}"

    # --- review ------------------------------------------------------------------------

    def review(self, procedure: Procedure) -> list[ReviewBlock]:
        if kernel.is_approved(procedure):
            result = procedure.result
            return [
                ReviewBlock(
                    "承認済み",
                    [
                        ReviewRow("変更の種類", "", HENKOU.get(result.get("henkou", ""), "")),
                        ReviewRow("変更した方", "", "、".join(result.get("persons", []))),
                        ReviewRow("世帯番号", "", "、".join(result.get("setai_bangos", []))),
                    ],
                )
            ]
        try:
            plan = plan_setai_henkou(procedure.entry)
        except ProcedureRefused as exc:
            return [refused_block(exc.message)]
        return review_blocks(plan)

    # --- 承認 --------------------------------------------------------------------------

    def apply(
        self, procedure: Procedure, *, acting_user: StaffUser, terminal: Terminal | None
    ) -> dict[str, Any]:
        plan = plan_setai_henkou(procedure.entry, lock=True)
        late = any(f.startswith(kernel.FLAG_TODOKE_KIKAN) for f in plan.flags)
        ctx = IdoContext(
            acting_user=acting_user,
            terminal=terminal,
            ido_jiyu=IdoJiyu.SETAI_HENKOU,
            ido_date=plan.ido_date,
            todoke_date=plan.todoke_date,
            ryuiji="　".join(
                p for p in (plan.label, kernel.FLAG_TODOKE_KIKAN if late else "") if p
            ),
        )
        rireki: dict[str, int] = {}
        households: list[Setai] = [plan.setai]
        emptied = ""

        def write(m: Jumin, changes: dict[str, Any]) -> None:
            row = update_person(m, changes, ctx)
            if row is None:  # the 世帯主 on their 住民票 changed all the same
                row = append_rireki(m, ctx, ["setai_nushi"])
            rireki[m.atena_bango] = row.rireki_no

        if plan.henkou == "bunri":
            new = create_setai()
            set_setai_nushi(new, plan.new_head)
            households.insert(0, new)
            for m in plan.movers:
                write(m, {"setai": new, "zokugara": plan.zokugara[m.atena_bango]})
                m.setai = new
            if plan.remaining is not None:
                rctx = IdoContext(
                    acting_user=acting_user,
                    terminal=terminal,
                    ido_jiyu=IdoJiyu.SETAI_HENKOU,
                    ido_date=plan.ido_date,
                    todoke_date=plan.todoke_date,
                    ryuiji=BUNRI_RYUIJI + ("（職権）" if plan.remaining.shokken else ""),
                )
                rireki.update(apply_remaining(plan.remaining, rctx))
        elif plan.henkou == "gappei":
            assert plan.other is not None
            for m in plan.other_members:
                m.setai = plan.other
                write(m, {"setai": plan.setai, "zokugara": plan.zokugara[m.atena_bango]})
                m.setai = plan.setai
            set_setai_nushi(plan.other, None)  # kept: no members, no head
            emptied = plan.other.setai_bango
            households.append(plan.other)
        elif plan.henkou == "nushi_henkou":
            assert plan.new_head is not None
            set_setai_nushi(plan.setai, plan.new_head)
            for m in plan.members:
                write(m, {"zokugara": plan.zokugara[m.atena_bango]})
        else:
            for m in plan.members:
                if m.atena_bango in plan.zokugara:
                    write(m, {"zokugara": plan.zokugara[m.atena_bango]})
        changed = plan.changed_persons()
        notifier = Notifier(procedure, ido_date=plan.ido_date, todoke_date=plan.todoke_date)
        jiyu = f"{IdoJiyu.SETAI_HENKOU.label}（{plan.label}）"
        for m in changed:
            notifier.honnin_kakunin(m, jiyu)
            notifier.to_takka(kernel.takka_destinations(m, plan.ido_date, reason="setai"), m, jiyu)
        message_ids = notifier.write_all(households)
        return {
            "kind": self.code,
            "henkou": plan.henkou,
            "persons": [m.atena_bango for m in changed],
            "setai_bangos": [s.setai_bango for s in households],
            "new_setai_bango": households[0].setai_bango if plan.henkou == "bunri" else "",
            "emptied_setai_bango": emptied,
            "former_setai_nushi": plan.head.atena_bango if plan.head else "",
            "setai_nushi": plan.new_head.atena_bango if plan.new_head else "",
            "shokken_setai_nushi": bool(plan.remaining and plan.remaining.shokken),
            "rireki": rireki,
            "outbox": message_ids,
            "flags": plan.flags,
        }

    # --- documents ---------------------------------------------------------------------

    def handover_documents(self, procedure: Procedure) -> list[str]:
        return ["住民異動届（他課用）控え"]

    def confirmation_pdf(self, procedure: Procedure, entry: dict[str, Any]) -> bytes:
        plan = plan_setai_henkou(entry)
        household = plan.after()[0]  # the new household of a 世帯分離, else the one changed
        return kernel.kakunin_pdf(
            kind_label=f"{self.label}（{plan.label}）",
            members=household.members,
            changed={m.atena_bango for m in plan.changed_persons()},
            setai_bango=household.setai.setai_bango if household.setai else "",
            procedure_label=str(procedure.reception) if procedure.pk else "",
        )


def review_blocks(plan: HenkouPlan) -> list[ReviewBlock]:
    """The before/after view (stable titles: the 照合 ticks go by them)."""
    blocks = [
        ReviewBlock(
            "世帯変更の内容",
            [
                ReviewRow("届出年月日", "", kernel.wareki_text(plan.todoke_date)),
                ReviewRow("異動日", "", kernel.wareki_text(plan.ido_date)),
                ReviewRow("変更の種類", "", plan.label),
            ],
        )
    ]
    if plan.flags:
        blocks.append(ReviewBlock("注意事項", [ReviewRow("注意", "", f) for f in plan.flags]))
    before_head = plan.head.full_name if plan.head else "（なし）"
    before = {m.atena_bango: m for m in [*plan.members, *plan.other_members]}
    for h in plan.after():
        if h.setai is None:
            title = "新しい世帯（世帯番号は承認時に付番）"
            old_head = ""
        else:
            title = f"世帯（世帯番号 {h.setai.setai_bango}）"
            old_head = before_head
        rows = [ReviewRow("世帯主", old_head, h.head.full_name if h.head else "（世帯主なし）")]
        for m in kernel.ordered(h.members):
            was = before[m.atena_bango]
            where = (
                ""
                if h.setai is not None and was.setai_id == h.setai.pk
                else (f"（世帯番号 {was.setai.setai_bango}）")
            )
            rows.append(ReviewRow(f"{m.full_name}の続柄", f"{was.zokugara}{where}", m.zokugara))
        blocks.append(ReviewBlock(title, rows))
    if plan.other is not None:
        other_head = live_head(plan.other, plan.other_members)
        blocks.append(
            ReviewBlock(
                f"合併してなくなる世帯（世帯番号 {plan.other.setai_bango}）",
                [
                    ReviewRow("世帯員（住民）の数", f"{len(plan.other_members)}人", "0人"),
                    ReviewRow(
                        "世帯主",
                        other_head.full_name if other_head else "（なし）",
                        "（なし：世帯は記録として残ります）",
                    ),
                ],
            )
        )
    return blocks


register_kind(SetaiHenkouKind())
