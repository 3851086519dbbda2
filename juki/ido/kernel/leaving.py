"""One person leaves the register (死亡, 職権消除): what both kinds share.

The person becomes a 除票 (消除事由, 消除年月日); the household they leave follows j490
(``head_after_leaving``): one member staying becomes 世帯主 by 職権; with two or more a
new 世帯主 may be chosen with each one's 続柄 to them, else the household is left without
one (j100) with an alert and a 世帯主変更依頼通知書 (j500). The notices are the person's
(本人確認情報 with 消除, 附票 or 入管, 他課), and the reaction ``event`` lets the apps
above juki end what hangs on the person (印鑑登録).
"""

from __future__ import annotations

import dataclasses
import datetime
from abc import abstractmethod
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar, TypedDict, TypeVar, Unpack, cast

from django import forms

from counter.kind_entry import Entry
from counter.kind_plan import Problems
from counter.procedure_kinds import ReviewBlock, ReviewRow
from counter.services import ProcedureRefused

from ... import reactions, services
from ...models import Jumin, JuminStatus, Setai, ShojoJiyu, recorded_date_text
from .approval import Approval
from .dates import wareki_text
from .form_problems import show_problems
from .forms import AbstractFormMeta, SearchRedisplayMixin
from .household import HEADLESS_AFTER, head_after_leaving, headless_flag
from .household_rules import setai_bango_of
from .notices import IdoNotices
from .register import ordered, person_label
from .setai_nushi_change import head_after_left
from .shokken_common import (
    ShokkenKind,
    find_person,
    live_person_of,
    lock_setai,
)

if TYPE_CHECKING:
    from counter.models import Procedure

E = TypeVar("E", bound="LeavingEntry")
_LP = TypeVar("_LP", bound="LeavingPlan")


@dataclasses.dataclass(frozen=True)
class LeavingEntry(Entry):
    """The person who leaves and, when the 世帯主 leaves, the household's new head."""

    atena_bango: str = ""
    #: the household as the form found it (a change since then is refused)
    setai_bango: str = ""
    new_setai_nushi: str = ""
    zokugara_changes: dict[str, str] = dataclasses.field(default_factory=dict)


class LeavingHousehold(TypedDict, total=False):
    """What a leaving kind's entry builder takes about the household (``leaving_fields``)."""

    setai_bango: str
    new_setai_nushi: str
    zokugara_changes: dict[str, str] | None


def leaving_fields(atena_bango: str, **household: Unpack[LeavingHousehold]) -> dict[str, Any]:
    """A leaving kind's LeavingEntry fields, for its entry builder: the household is
    looked up when not given."""
    return {
        "atena_bango": atena_bango,
        "setai_bango": household.get("setai_bango") or setai_bango_of(atena_bango),
        "new_setai_nushi": household.get("new_setai_nushi", ""),
        "zokugara_changes": dict(household.get("zokugara_changes") or {}),
    }


@dataclass
class LeavePlan:
    """One person leaving the register and their household after it."""

    person: Jumin
    setai: Setai
    staying: list[Jumin]
    former_nushi: Jumin | None
    new_nushi: Jumin | None
    nushi_changes: bool
    shokken_nushi: bool
    new_zokugara: dict[str, str] = dataclasses.field(default_factory=dict)
    headless: bool = False


@dataclass
class LeavingPlan:
    """What a leaving kind's plan carries: the household after, the 消除 date (and its
    recorded wording, j80) and the 届出年月日 (None for a 職権 act without one)."""

    leave: LeavePlan
    shojo_date: datetime.date
    shojo_hyoki: str
    todoke_date: datetime.date | None

    @property
    def shojo_text(self) -> str:
        return recorded_date_text(self.shojo_date, self.shojo_hyoki)


def _zokugara_name(atena_bango: str) -> str:
    """The entry form's field of a staying member's new 続柄."""
    return f"zokugara_{atena_bango}"


def leaving_person(
    problems: Problems, entry: LeavingEntry, *, act: str, lock: bool = False
) -> Jumin | None:
    """The live person who leaves; a problem (on ``atena_bango``) when there is none."""
    person = find_person(problems, entry.atena_bango, lock=lock)
    if person is None:
        return None
    if person.status != JuminStatus.LIVE:
        problems.add(
            f"{person_label(person)}は既に除票です（{act}できません）。", field="atena_bango"
        )
        return None
    if entry.setai_bango and entry.setai_bango != person.setai.setai_bango:
        problems.add(
            "入力した方の世帯が変わっています。宛名番号で検索し直してください。",
            field="atena_bango",
        )
        return None
    return person


def household_after(
    problems: Problems, person: Jumin, entry: LeavingEntry, *, act: str, lock: bool = False
) -> LeavePlan | None:
    """j490 for the household ``person`` leaves; a problem when the entry breaks it."""
    setai = lock_setai(person.setai) if lock else person.setai
    members = services.live_members(setai, lock=lock)
    person.setai = setai
    staying = [m for m in members if m.pk != person.pk]
    try:
        head = head_after_leaving(
            setai,
            staying,
            {person.atena_bango},
            wanted=entry.new_setai_nushi,
            changes=dict(entry.zokugara_changes),
            act=f"{act}となり",
            nushi_field="new_setai_nushi",
            zokugara_field=_zokugara_name,
        )
    except ProcedureRefused as exc:
        problems.absorb(exc)
        return None
    return LeavePlan(
        person=person,
        setai=setai,
        staying=staying,
        **head.plan_fields(),
    )


def leave_flags(plan: LeavePlan, act: str) -> list[str]:
    if plan.shokken_nushi and plan.new_nushi is not None:
        return [
            f"世帯主の{act}により、世帯に残る{plan.new_nushi.full_name}を職権で世帯主とします"
            "（世帯主変更通知書：j490）。"
        ]
    if plan.headless:
        return [headless_flag(f"{act}となり")]
    return []


def leave_review(
    plan: LeavePlan,
    *,
    title: str,
    shojo_jiyu: ShojoJiyu,
    shojo_text: str,
    first: ReviewRow,
) -> list[ReviewBlock]:
    """The person (``first`` heads their rows) and their household, before and after."""
    j = plan.person
    blocks = [
        ReviewBlock(
            f"{title}：{person_label(j)}",
            [
                first,
                ReviewRow("状態", j.get_status_display(), JuminStatus.JOHYO.label),
                ReviewRow(
                    "消除事由", j.get_shojo_jiyu_display() if j.shojo_jiyu else "", shojo_jiyu.label
                ),
                ReviewRow("消除年月日", wareki_text(j.shojo_date), shojo_text),
            ],
        )
    ]
    former = plan.former_nushi
    after_nushi = (
        plan.new_nushi.full_name
        if plan.nushi_changes and plan.new_nushi
        else (former.full_name if former and plan.staying and former.pk != j.pk else "（なし）")
    )
    if plan.headless:
        after_nushi = HEADLESS_AFTER
    rows = [
        ReviewRow("世帯員（住民）の数", f"{len(plan.staying) + 1}人", f"{len(plan.staying)}人"),
        ReviewRow("世帯主", former.full_name if former else "（なし）", after_nushi),
    ]
    for m in ordered(plan.staying):
        rows.append(
            ReviewRow(
                f"{m.full_name}の続柄", m.zokugara, plan.new_zokugara.get(m.atena_bango, m.zokugara)
            )
        )
    blocks.append(ReviewBlock(f"世帯（世帯番号 {plan.setai.setai_bango}）", rows))
    return blocks


def leave_register(
    plan: LeavePlan,
    ctx: services.IdoContext,
    notices: IdoNotices,
    *,
    shojo_jiyu: ShojoJiyu,
    nushi_ryuiji: str,
    event: str,
) -> dict[str, Any]:
    """At 承認: the 除票, the household's new 世帯主 and 続柄 (with history rows), the
    notices, then the reaction ``event``; returns the procedure's result."""
    shojo_date = ctx.ido_date
    row = services.update_person(
        plan.person,
        {"status": JuminStatus.JOHYO, "shojo_jiyu": shojo_jiyu, "shojo_date": shojo_date},
        ctx,
    )
    assert row is not None  # a live person always changes here
    head = head_after_left(plan, ctx, nushi_ryuiji)
    j = plan.person
    notices.honnin_kakunin(j, shojo=True)
    notices.fuhyo(j)
    notices.nyukan(j)
    notices.takka(j, reason="resident", day=shojo_date)
    outbox_ids = notices.write([plan.setai])
    reactions.fire(event, jumin=j, ido_date=shojo_date)
    return {
        "atena_bango": j.atena_bango,
        "setai_bango": plan.setai.setai_bango,
        "shojo_date": shojo_date.isoformat(),
        "rireki_no": row.rireki_no,
        **head,
        "outbox": outbox_ids,
    }


class LeavingKind(ShokkenKind[E, _LP]):
    """A kind whose 承認 removes one person (死亡, 職権消除); its plan is a LeavingPlan.

    The reaction fired at 承認 is the kind's code (juki.reactions), as is its 消除事由.
    """

    shojo_jiyu: ClassVar[ShojoJiyu]
    #: the 留意事項 of the history rows of a household whose 世帯主 leaves
    nushi_ryuiji: ClassVar[str]
    #: how the 審査 names the person (「死亡した方」)
    person_title: ClassVar[str]

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        code = cls.__dict__.get("code")
        if code is not None:
            cls.shojo_jiyu = ShojoJiyu(code)
            cls.nushi_ryuiji = f"世帯主の{cls.label}に伴う世帯主変更"

    def summary_of(self, entry: E) -> str:
        return f"{self.label} 宛名番号{entry.atena_bango}（{self.shojo_day_text(entry)}）"

    @abstractmethod
    def shojo_day_text(self, entry: E) -> str:
        """The entry's day of leaving as the queue shows it (recorded wording, j80)."""

    @abstractmethod
    def first_row(self, plan: _LP) -> ReviewRow:
        """The first row of the person's block in the 審査 (the 届出年月日, the reason)."""

    @abstractmethod
    def ryuiji(self, plan: _LP) -> str:
        """The 留意事項 of the person's history row."""

    def before_leaving(self, plan: _LP, approval: Approval) -> None:
        """What the kind records at 承認 before the person leaves."""

    def result_of(self, plan: _LP) -> dict[str, Any]:
        """The kind's own part of the procedure's result."""
        return {}

    def review_of(self, procedure: Procedure, plan: _LP) -> list[ReviewBlock]:
        return leave_review(
            plan.leave,
            title=self.person_title,
            shojo_jiyu=self.shojo_jiyu,
            shojo_text=plan.shojo_text,
            first=self.first_row(plan),
        )

    def apply_plan(self, plan: _LP, approval: Approval) -> dict[str, Any]:
        self.before_leaving(plan, approval)
        ctx = approval.context(
            self.ido_jiyu,
            ido_date=plan.shojo_date,
            ido_date_hyoki=plan.shojo_hyoki,
            todoke_date=plan.todoke_date,
            ryuiji=self.ryuiji(plan),
        )
        notices = approval.notices(ctx)
        result = leave_register(
            plan.leave,
            ctx,
            notices,
            shojo_jiyu=self.shojo_jiyu,
            nushi_ryuiji=self.nushi_ryuiji,
            event=self.code,
        )
        return {"kind": self.code, **result, **self.result_of(plan)}


class LeavingForm(SearchRedisplayMixin, forms.Form, metaclass=AbstractFormMeta):
    """A removal of one person found by 宛名番号; the household's fields appear when the
    世帯主 leaves and others remain (new 世帯主 and each remaining member's 続柄)."""

    atena_bango = forms.CharField(label="宛名番号", max_length=12)
    new_setai_nushi = forms.ChoiceField(
        label="新しい世帯主（世帯主のとき・残る方が2人以上）",
        required=False,
        help_text="選ばなければ世帯主のいない世帯となり、世帯主変更依頼通知書を印刷できます（j500）。",
    )
    aliases: ClassVar[dict[str, str]] = {}
    entry_type: ClassVar[type[LeavingEntry]] = LeavingEntry

    def __init__(self, data: Any = None, *, entry: dict[str, Any] | None = None) -> None:
        initial = self.initial_from(self.entry_type.from_json(entry)) if entry else {}
        super().__init__(data, initial=initial)
        searched = (data.get("atena_bango") if data is not None else None) or initial.get(
            "atena_bango"
        )
        self.person: Jumin | None = live_person_of(str(searched or ""))
        self.staying: list[Jumin] = []
        self.entry: dict[str, Any] | None = None
        if self.person is not None:
            self.staying = ordered(
                [m for m in services.live_members(self.person.setai) if m.pk != self.person.pk]
            )
        nushi = cast(forms.ChoiceField, self.fields["new_setai_nushi"])
        nushi.choices = [("", "―")] + [
            (m.atena_bango, f"{m.full_name}（現在の続柄 {m.zokugara}）") for m in self.staying
        ]
        if self.is_nushi and len(self.staying) > 1:
            for m in self.staying:
                self.fields[_zokugara_name(m.atena_bango)] = forms.CharField(
                    label=f"{m.full_name}の新しい世帯主との続柄",
                    max_length=40,
                    required=False,
                    help_text=f"現在 {m.zokugara}（新しい世帯主は空欄のまま）",
                )

    @property
    def is_nushi(self) -> bool:
        p = self.person
        return p is not None and p.setai.setai_nushi_id == p.pk

    @property
    def zokugara_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.fields if name.startswith("zokugara_")]

    def initial_from(self, entry: LeavingEntry) -> dict[str, Any]:
        initial: dict[str, Any] = {
            "atena_bango": entry.atena_bango,
            "new_setai_nushi": entry.new_setai_nushi,
        }
        for atena, z in entry.zokugara_changes.items():
            initial[_zokugara_name(atena)] = z
        return initial

    @abstractmethod
    def build(self, cleaned: dict[str, Any], household: LeavingEntry) -> LeavingEntry:
        """The kind's entry from the cleaned fields and the household part."""

    @abstractmethod
    def check(self, entry: LeavingEntry) -> None:
        """Plan the entry (raises PlanRefused with every problem)."""

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if self.person is None:
            self.add_error("atena_bango", "住民である方の宛名番号を入力し、検索してください。")
            return cleaned
        if self.errors:
            return cleaned
        changes = {
            m.atena_bango: (cleaned.get(_zokugara_name(m.atena_bango)) or "").strip()
            for m in self.staying
        }
        household = LeavingEntry(
            atena_bango=self.person.atena_bango,
            setai_bango=self.person.setai.setai_bango,
            new_setai_nushi=cleaned.get("new_setai_nushi", ""),
            zokugara_changes={atena: z for atena, z in changes.items() if z},
        )
        entry = self.build(cleaned, household)
        try:
            self.check(entry)
        except ProcedureRefused as exc:
            show_problems(self, exc, aliases=self.aliases)
            return cleaned
        self.entry = entry.to_json()
        return cleaned


def household_fields(entry: LeavingEntry) -> dict[str, Any]:
    """The household part of a leaving entry, for a kind's entry built on it."""
    return {
        "atena_bango": entry.atena_bango,
        "setai_bango": entry.setai_bango,
        "new_setai_nushi": entry.new_setai_nushi,
        "zokugara_changes": dict(entry.zokugara_changes),
    }
