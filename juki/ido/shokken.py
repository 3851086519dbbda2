"""戸籍届に基づく職権記載・消除と職権の異動: 出生, 死亡, 職権記載, 職権消除, 職権修正.

- ``shussei`` 出生: the 出生届 received by 戸籍 is entered as a 職権記載 of the child into a
  live household (the mother's or father's). 住民となった年月日 = 住所を定めた年月日 =
  生年月日 (which may be a recorded date, j80).
- ``shibou`` 死亡: the 死亡届 removes the person (除票, 消除事由 死亡, 消除年月日 = the sortable
  死亡日; a 不詳 死亡日 keeps its wording in the history row's 異動日（表記）). When the
  世帯主 dies and others remain, j490 applies as for a 転出: one remaining member becomes
  世帯主 by 職権 (flagged), two or more need a new 世帯主 and each one's 続柄 re-entered.
  ``juki.reactions`` fires ``shibou`` (印鑑登録 ends there).
- ``shokken_kisai`` 職権記載: one person recorded by the city's own authority (a court
  decision, a 戸籍 notice, a 未届転入 found by a survey …), joining a live household or
  forming a new one; the person items are the 転入 ones.
- ``shokken_shojo`` 職権消除: removal after a recorded 実態調査 (JittaiChousa) whose result
  is 「居住の事実なし」: an existing record is referenced, or the survey is entered with
  the procedure and recorded at 承認. j490 as for 死亡.
- ``shokken_shusei`` 職権修正: items of one person corrected; only the changed items are
  written, with the reason in the history's 留意事項.

住民票コード of a person recorded here without one (出生, and a 職権記載 without a known
code): in reality the 住基ネット assigns it from the spare codes the 市町村CS holds (j870).
This product stands in for that with a local reserved range: 10 digits "8" + a 9-digit
sequence (NumberSequence ``juminhyo_code_yobi``) and the check digit, skipping any code
already in the register; a ``juminhyo_code_fuban`` message to ``jukinet_cs`` records the
assignment so the real CS can confirm or replace it (a replacement is a 住民票コード変更).

Nothing is written before 承認; ``apply()`` writes through juki.services in the
approval's transaction. The entry shapes are in the builders ``shussei_entry()``,
``shibou_entry()``, ``shokken_kisai_entry()``, ``shokken_shojo_entry()`` and
``shokken_shusei_entry()`` (for journeys and tests).
"""

from __future__ import annotations

import datetime
from abc import abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar, cast

from django import forms
from django.db.models import Count, Q
from django.utils import timezone

from counter.models import OutboxDestination
from counter.procedure_kinds import (
    ProcedureKind,
    ReviewBlock,
    ReviewRow,
    Subject,
    register_kind,
)
from counter.procedure_models import CounterCategory
from counter.services import ProcedureRefused
from jputil import numbers, wareki
from jputil.zokugara import SETAINUSHI

from .. import reactions, services
from ..forms_fields import RecordedDateField, WarekiDateField
from ..item_forms import DATE_FIELDS, JuminItemsForm
from ..models import (
    Chouaza,
    IdoJiyu,
    JittaiChousa,
    JittaiKekka,
    Jumin,
    JuminShubetsu,
    JuminStatus,
    Seibetsu,
    Setai,
    ShojoJiyu,
    recorded_date_text,
)
from . import kernel

if TYPE_CHECKING:
    from counter.models import Procedure, StaffUser, Terminal

__all__ = [
    "ShibouKind",
    "ShokkenKisaiKind",
    "ShokkenShojoKind",
    "ShokkenShuseiKind",
    "ShusseiKind",
    "assign_juminhyo_code",
    "record_jittai_chousa",
    "shibou_entry",
    "shokken_kisai_entry",
    "shokken_shojo_entry",
    "shokken_shusei_entry",
    "shussei_entry",
]

#: 戸籍法第49条: 出生届は出生の日から14日以内（出生の日を算入）
SHUSSEI_KIKAN_DAYS = 14
#: 戸籍法第86条: 死亡届は死亡の事実を知った日から7日以内
SHIBOU_KIKAN_DAYS = 7

SEQ_JUMINHYO_YOBI = "juminhyo_code_yobi"
#: the first digit of the local stand-in range for 住民票コード (see the module's doc)
JUMINHYO_YOBI_PREFIX = "8"

FLAG_CODE_FUBAN = "住民票コード未付番（承認時に予備住民票コードを付番し、住基ネットへ通知）"
SHIBOU_NUSHI_RYUIJI = "世帯主の死亡に伴う世帯主変更"
SHOJO_NUSHI_RYUIJI = "世帯主の職権消除に伴う世帯主変更"
SHUSEI_NUSHI_RYUIJI = "世帯主の氏名の職権修正"
KISAI_RIYU_DEFAULT = "戸籍の届出・通知に基づく職権記載"
SHOJO_RIYU_DEFAULT = "実態調査の結果、居住の事実なし"

#: 4情報 and the items the 住基ネット and the 附票 hold (a 職権修正 of them is notified)
CS_ITEMS = frozenset(
    {"shi", "mei", "shi_kana", "mei_kana", "seinengappi", "seinengappi_hyoki", "seibetsu"}
)
FUHYO_ITEMS = CS_ITEMS | {"honseki", "hittousha"}

#: the items a 職権修正 may change (住所 is a 転居, 住民票コード/個人番号 their own process)
SHUSEI_FIELDS = [
    "shi",
    "mei",
    "shi_kana",
    "mei_kana",
    "name_alphabet",
    "kyuuji",
    "kyuuji_kana",
    "tsushou",
    "tsushou_kana",
    "seinengappi",
    "seibetsu",
    "zokugara",
    "honseki",
    "hittousha",
    "jumin_date",
    "jusho_date",
    "kokuseki",
    "gaikokujin_date",
    "kubun_30_45",
    "zairyu_shikaku",
    "zairyu_kikan",
    "zairyu_manryo_date",
    "zairyu_card_bango",
]
SHUSEI_DATE_FIELDS = {"seinengappi", "jumin_date", "jusho_date", "gaikokujin_date"}
SHUSEI_PLAIN_DATES = {"zairyu_manryo_date"}
#: every key a 職権修正's "changes" may hold
SHUSEI_KEYS = [*SHUSEI_FIELDS, *(DATE_FIELDS[f] for f in SHUSEI_DATE_FIELDS)]
SHUSEI_LABELS: dict[str, str] = {
    "seinengappi_hyoki": "生年月日（表記）",
    "jumin_date_hyoki": "住民となった年月日（表記）",
    "jusho_date_hyoki": "住所を定めた年月日（表記）",
    "gaikokujin_date_hyoki": "外国人住民となった年月日（表記）",
}


def _today() -> datetime.date:
    return timezone.localdate()


def _date(value: Any) -> datetime.date | None:
    if not value:
        return None
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(str(value))
    except ValueError:
        return None


def _need_date(entry: dict[str, Any], key: str, label: str) -> datetime.date:
    value = _date(entry.get(key))
    if value is None:
        raise ProcedureRefused(f"{label}を入力してください。", field=key)
    return value


def _recorded(value: datetime.date | None, hyoki: str = "") -> str:
    return recorded_date_text(value, hyoki)


def _recorded_input(value: Any) -> tuple[str, str]:
    """(ISO sort date, wording) of a date given as a date, a RecordedDate or typed text."""
    if isinstance(value, wareki.RecordedDate):
        return value.sort_date.isoformat(), value.text
    if isinstance(value, datetime.date):
        return value.isoformat(), ""
    if isinstance(value, str) and value:
        try:
            datetime.date.fromisoformat(value)
        except ValueError:
            rd = wareki.parse_recorded_date(value)
            return rd.sort_date.isoformat(), rd.text
        return value, ""
    return "", ""


# =============================================================================== 住民票コード


def assign_juminhyo_code() -> str:
    """The next 住民票コード of the local stand-in range (check digit valid, unused).

    Stands in for the 住基ネット's assignment from the CS's spare codes (j870): call it
    inside the approval's transaction (the sequence is row-locked and rolls back with it).
    """
    while True:
        (n,) = services.allocate_numbers(SEQ_JUMINHYO_YOBI)
        first10 = f"{JUMINHYO_YOBI_PREFIX}{n:09d}"
        code = first10 + numbers.juminhyo_code_check_digit(first10)
        if not Jumin.objects.filter(juminhyo_code=code).exists():
            return code


# =============================================================================== 実態調査


def record_jittai_chousa(
    jumin: Jumin,
    *,
    chousa_date: datetime.date,
    chousain: str,
    kekka: JittaiKekka | str,
    saikoku_date: datetime.date | None = None,
    koji_date: datetime.date | None = None,
    memo: str = "",
    recorded_by: Any = None,
) -> JittaiChousa:
    """Record a 実態調査 of a person (outside a procedure, or at a 職権消除's 承認)."""
    if not chousain.strip():
        raise ValueError("調査者を入力してください。")
    if chousa_date > _today():
        raise ValueError("調査日に未来の日付は入力できません。")
    return JittaiChousa.objects.create(
        jumin=jumin,
        chousa_date=chousa_date,
        chousain=chousain.strip(),
        kekka=JittaiKekka(kekka),
        saikoku_date=saikoku_date,
        koji_date=koji_date,
        memo=memo.strip(),
        recorded_by=recorded_by,
    )


# =============================================================================== household


def _live_setai(bango: str, *, lock: bool = False) -> Setai:
    """A household with live members by 世帯番号 (ProcedureRefused when there is none)."""
    bango = numbers.normalize_digits(bango or "")
    if not bango:
        raise ProcedureRefused("世帯番号を入力してください。", field="setai_bango")
    found = (
        Setai.objects.select_related("setai_nushi")
        .annotate(live=Count("members", filter=Q(members__status=JuminStatus.LIVE)))
        .filter(setai_bango=bango)
        .first()
    )
    if found is None or not getattr(found, "live", 0):
        raise ProcedureRefused(
            f"世帯番号{bango}の世帯は"
            f"{'見つかりません' if found is None else '住民のいない世帯です（全員が除票）'}。",
            field="setai_bango",
        )
    setai: Setai = found
    if lock:
        setai = (
            Setai.objects.select_for_update(of=("self",))
            .select_related("setai_nushi")
            .get(pk=found.pk)
        )
    return setai


def _live_nushi(setai: Setai) -> Jumin | None:
    nushi = setai.setai_nushi
    return nushi if nushi is not None and nushi.status == JuminStatus.LIVE else None


def _person(atena_bango: str, *, lock: bool = False, field_name: str = "atena_bango") -> Jumin:
    atena = numbers.normalize_digits(atena_bango or "")
    if not atena:
        raise ProcedureRefused("宛名番号を入力してください。", field=field_name)
    qs = Jumin.objects.select_related("chouaza", "setai", "setai__setai_nushi")
    if lock:
        qs = qs.select_for_update(of=("self",))
    j = qs.filter(atena_bango=atena).first()
    if j is None:
        raise ProcedureRefused(f"宛名番号 {atena} の住民票が見つかりません。", field=field_name)
    return j


@dataclass
class LeavePlan:
    """One person leaving the register (死亡, 職権消除) and their household after it."""

    person: Jumin
    setai: Setai
    staying: list[Jumin]
    former_nushi: Jumin | None
    new_nushi: Jumin | None
    nushi_changes: bool
    shokken_nushi: bool
    new_zokugara: dict[str, str] = field(default_factory=dict)


def plan_leave(entry: dict[str, Any], *, act: str, lock: bool = False) -> LeavePlan:
    """The person (live) and the j490 rules for the household they leave."""
    person = _person(str(entry.get("atena_bango") or ""), lock=lock)
    if person.status != JuminStatus.LIVE:
        raise ProcedureRefused(f"{kernel.person_label(person)}は既に除票です（{act}できません）。")
    setai = person.setai
    if entry.get("setai_bango") and entry["setai_bango"] != setai.setai_bango:
        raise ProcedureRefused(
            "入力した方の世帯が変わっています。宛名番号で検索し直してください。",
            field="atena_bango",
        )
    if lock:
        setai = (
            Setai.objects.select_for_update(of=("self",))
            .select_related("setai_nushi")
            .get(pk=setai.pk)
        )
    members = services.live_members(setai, lock=lock)
    person.setai = setai
    staying = [m for m in members if m.pk != person.pk]
    head = kernel.head_after_leaving(
        setai,
        staying,
        {person.atena_bango},
        wanted=str(entry.get("new_setai_nushi") or ""),
        changes={str(k): str(v) for k, v in (entry.get("zokugara_changes") or {}).items()},
        act=f"{act}となり",
        nushi_field="new_setai_nushi",
        zokugara_field=lambda atena: "zokugara_changes",
    )
    return LeavePlan(
        person=person,
        setai=setai,
        staying=staying,
        former_nushi=head.former,
        new_nushi=head.new_head,
        nushi_changes=head.changes,
        shokken_nushi=head.shokken,
        new_zokugara=head.zokugara,
    )


def _leave_flags(plan: LeavePlan, act: str) -> list[str]:
    if plan.shokken_nushi and plan.new_nushi is not None:
        return [
            f"世帯主の{act}により、世帯に残る{plan.new_nushi.full_name}を職権で世帯主とします"
            "（世帯主変更通知書：j490）。"
        ]
    return []


def _leave_review(
    plan: LeavePlan,
    *,
    title: str,
    shojo_jiyu: ShojoJiyu,
    shojo_text: str,
) -> list[ReviewBlock]:
    j = plan.person
    blocks = [
        ReviewBlock(
            f"{title}：{kernel.person_label(j)}",
            [
                ReviewRow("状態", j.get_status_display(), JuminStatus.JOHYO.label),
                ReviewRow(
                    "消除事由", j.get_shojo_jiyu_display() if j.shojo_jiyu else "", shojo_jiyu.label
                ),
                ReviewRow("消除年月日", kernel.wareki_text(j.shojo_date), shojo_text),
            ],
        )
    ]
    former = plan.former_nushi
    after_nushi = (
        plan.new_nushi.full_name
        if plan.nushi_changes and plan.new_nushi
        else (former.full_name if former and plan.staying and former.pk != j.pk else "（なし）")
    )
    rows = [
        ReviewRow("世帯員（住民）の数", f"{len(plan.staying) + 1}人", f"{len(plan.staying)}人"),
        ReviewRow("世帯主", former.full_name if former else "（なし）", after_nushi),
    ]
    for m in plan.staying:
        rows.append(
            ReviewRow(
                f"{m.full_name}の続柄", m.zokugara, plan.new_zokugara.get(m.atena_bango, m.zokugara)
            )
        )
    blocks.append(ReviewBlock(f"世帯（世帯番号 {plan.setai.setai_bango}）", rows))
    return blocks


def _apply_leave(
    plan: LeavePlan,
    ctx: services.IdoContext,
    *,
    shojo_jiyu: ShojoJiyu,
    shojo_date: datetime.date,
    nushi_ryuiji: str,
) -> tuple[int, dict[str, int], dict[str, str]]:
    """Write the 除票 and the household's new 世帯主/続柄 (with history rows)."""
    row = services.update_person(
        plan.person,
        {"status": JuminStatus.JOHYO, "shojo_jiyu": shojo_jiyu, "shojo_date": shojo_date},
        ctx,
    )
    assert row is not None  # a live person always changes here
    household: dict[str, int] = {}
    zokugara_before: dict[str, str] = {}
    if plan.nushi_changes and plan.new_nushi is not None:
        services.set_setai_nushi(plan.setai, plan.new_nushi)
        hctx = services.IdoContext(
            acting_user=ctx.acting_user,
            terminal=ctx.terminal,
            ido_jiyu=IdoJiyu.SETAI_HENKOU,
            ido_date=ctx.ido_date,
            ido_date_hyoki=ctx.ido_date_hyoki,
            todoke_date=ctx.todoke_date,
            ryuiji=nushi_ryuiji + ("（職権）" if plan.shokken_nushi else ""),
        )
        for m in plan.staying:
            zokugara_before[m.atena_bango] = m.zokugara
            new = plan.new_zokugara.get(m.atena_bango, m.zokugara)
            hrow = services.update_person(m, {"zokugara": new}, hctx)
            if hrow is None:  # the 世帯主 on their 住民票 changed all the same
                hrow = services.append_rireki(m, hctx, ["setai_nushi"])
            household[m.atena_bango] = hrow.rireki_no
    return row.rireki_no, household, zokugara_before


# =============================================================================== outbox


class _Outbox(kernel.ProcedureOutbox):
    """The messages of one 職権 procedure: per person, to 住基ネット, 本籍地, 入管, 他課."""

    def person(
        self,
        j: Jumin,
        *,
        base: dict[str, Any],
        fuhyo_type: str,
        takka: Sequence[str],
        household: dict[str, Any] | None = None,
    ) -> None:
        person = kernel.person_payload(j)
        self.send(
            OutboxDestination.JUKINET_CS,
            "honnin_kakunin_koshin",
            {**base, "person": person},
            j.atena_bango,
        )
        if not j.is_foreign and kernel.has_honseki(j):
            self.send(
                OutboxDestination.HONSEKICHI,
                fuhyo_type,
                {**base, "person": person, "honseki": j.honseki, "hittousha": j.hittousha},
                j.atena_bango,
            )
        if j.is_foreign:
            self.send(
                OutboxDestination.NYUKAN,
                "shichoson_tsuchi",
                {**base, "person": person, "kokuseki": j.kokuseki},
                j.atena_bango,
            )
        for dest in dict.fromkeys(takka):
            payload = {**base, "persons": [person]}
            if household:
                payload["setai"] = household
            self.send(dest, "jumin_ido", payload, j.atena_bango)

    def fuban(self, j: Jumin, base: dict[str, Any]) -> None:
        self.send(
            OutboxDestination.JUKINET_CS,
            "juminhyo_code_fuban",
            {
                **base,
                "atena_bango": j.atena_bango,
                "juminhyo_code": j.juminhyo_code or "",
                "source": "yobi_local",
            },
            j.atena_bango,
        )


# =============================================================================== base kind


class _ShokkenKind(kernel.FormEntryKind):
    category = CounterCategory.IDO
    ido_jiyu: ClassVar[IdoJiyu]

    def flags(self, entry: dict[str, Any]) -> list[str]:
        try:
            return self.rule_flags(entry)
        except ProcedureRefused as exc:
            return [f"承認できない内容があります：{exc.message}"]

    def rule_flags(self, entry: dict[str, Any]) -> list[str]:
        return []

    def _approved(self, procedure: Procedure) -> bool:
        return bool(procedure.result)


def _ctx(
    kind: _ShokkenKind,
    acting_user: StaffUser,
    terminal: Terminal | None,
    *,
    ido_date: datetime.date,
    ido_date_hyoki: str = "",
    todoke_date: datetime.date | None = None,
    ryuiji: str = "",
) -> services.IdoContext:
    return services.IdoContext(
        acting_user=acting_user,
        terminal=terminal,
        ido_jiyu=kind.ido_jiyu,
        ido_date=ido_date,
        ido_date_hyoki=ido_date_hyoki,
        todoke_date=todoke_date,
        ryuiji=ryuiji[:400],
    )


def _place_refusal(form: forms.BaseForm, exc: ProcedureRefused, aliases: dict[str, str]) -> None:
    target = aliases.get(exc.field or "", exc.field)
    form.add_error(target if target in form.fields else None, exc.message)


# =============================================================================== 出生


#: the child's items of a 出生 entry, in the order of the 出生届
CHILD_FIELDS = [
    "shi",
    "mei",
    "shi_kana",
    "mei_kana",
    "seibetsu",
    "seinengappi",
    "zokugara",
    "honseki",
    "hittousha",
]


def shussei_entry(
    *,
    setai_bango: str,
    shi: str,
    mei: str,
    shi_kana: str,
    mei_kana: str,
    seinengappi: datetime.date | str | wareki.RecordedDate,
    seibetsu: str = Seibetsu.MALE,
    zokugara: str = "子",
    honseki: str = "",
    hittousha: str = "",
    todoke_date: datetime.date | None = None,
    juri_date: datetime.date | None = None,
) -> dict[str, Any]:
    """The entry JSON of a 出生 (seinengappi: a date, or recorded wording per j80)."""
    birth, hyoki = _recorded_input(seinengappi)
    todoke = todoke_date or _today()
    return {
        "todoke_date": kernel.iso(todoke),
        "juri_date": kernel.iso(juri_date or todoke),
        "setai_bango": setai_bango,
        "shi": shi,
        "mei": mei,
        "shi_kana": shi_kana,
        "mei_kana": mei_kana,
        "seibetsu": str(seibetsu),
        "seinengappi": birth,
        "seinengappi_hyoki": hyoki,
        "zokugara": zokugara,
        "honseki": honseki,
        "hittousha": hittousha,
    }


@dataclass
class ShusseiPlan:
    setai: Setai
    members: list[Jumin]
    nushi: Jumin | None
    child: Jumin
    todoke_date: datetime.date
    juri_date: datetime.date
    flags: list[str]


def plan_shussei(entry: dict[str, Any], *, lock: bool = False) -> ShusseiPlan:
    """Check a 出生 entry against the register; ProcedureRefused names what blocks it."""
    today = _today()
    todoke = _need_date(entry, "todoke_date", "届出年月日")
    juri = _need_date(entry, "juri_date", "受理年月日")
    birth = _need_date(entry, "seinengappi", "生年月日")
    hyoki = str(entry.get("seinengappi_hyoki") or "")
    if todoke > today or juri > today:
        raise ProcedureRefused("届出年月日・受理年月日に未来の日付は入力できません。")
    if birth > today:
        raise ProcedureRefused("生年月日に未来の日付は入力できません。", field="seinengappi")
    if todoke < birth:
        raise ProcedureRefused("届出年月日が生年月日より前です。", field="todoke_date")
    if juri < todoke:
        raise ProcedureRefused("受理年月日が届出年月日より前です。", field="juri_date")
    if not entry.get("shi") or not entry.get("mei"):
        raise ProcedureRefused("子の氏名を入力してください。", field="mei")
    try:
        zokugara = kernel.normalize_zokugara(str(entry.get("zokugara") or ""))
    except ValueError as exc:
        raise ProcedureRefused(str(exc), field="zokugara") from exc
    if zokugara == SETAINUSHI:
        raise ProcedureRefused(
            "出生した子の続柄に「世帯主」は使えません。入る世帯の世帯主との続柄（子、子の子 など）"
            "を入力してください。",
            field="zokugara",
        )
    setai = _live_setai(str(entry.get("setai_bango") or ""), lock=lock)
    members = services.live_members(setai, lock=lock)
    nushi = _live_nushi(setai)
    anchor = nushi or members[0]
    for m in members:
        if (
            m.shi == entry["shi"]
            and m.mei == entry["mei"]
            and m.seinengappi == birth
            and m.seinengappi_hyoki == hyoki
        ):
            raise ProcedureRefused(
                f"同じ氏名・生年月日の方が既に世帯に記載されています（{kernel.person_label(m)}）。"
                "二重の記載ではないか確認してください。",
                field="mei",
            )
    child = Jumin(
        shubetsu=JuminShubetsu.JAPANESE,
        status=JuminStatus.LIVE,
        shi=entry["shi"],
        mei=entry["mei"],
        shi_kana=entry.get("shi_kana", ""),
        mei_kana=entry.get("mei_kana", ""),
        seinengappi=birth,
        seinengappi_hyoki=hyoki,
        seibetsu=entry.get("seibetsu", ""),
        zokugara=zokugara,
        honseki=entry.get("honseki", ""),
        hittousha=entry.get("hittousha", ""),
        chouaza=anchor.chouaza,
        banchi=anchor.banchi,
        katagaki=anchor.katagaki,
        jumin_date=birth,
        jumin_date_hyoki=hyoki,
        jusho_date=birth,
        jusho_date_hyoki=hyoki,
        todoke_date=todoke,
        juminhyo_code=None,
        kojin_bango=None,
    )
    child.setai = setai
    flags = [FLAG_CODE_FUBAN]
    # 戸籍法第49条: 14 days counting the day of birth
    if (todoke - birth).days >= SHUSSEI_KIKAN_DAYS:
        flags.append(
            f"届出期間経過（戸籍法第49条：出生の日から{SHUSSEI_KIKAN_DAYS}日以内）。"
            "戸籍の受理に基づき記載します。"
        )
    if hyoki:
        flags.append(f"生年月日は記録どおりの表記「{hyoki}」で記載します（j80）。")
    return ShusseiPlan(setai, members, nushi, child, todoke, juri, flags)


def _child_rows(j: Jumin) -> list[tuple[str, str]]:
    return [
        ("氏名", j.full_name),
        ("フリガナ", j.full_kana),
        ("生年月日", j.seinengappi_text),
        ("性別", j.get_seibetsu_display()),
        ("続柄", j.zokugara),
        ("本籍", j.honseki),
        ("筆頭者", j.hittousha),
        ("住所", j.address),
        ("住民となった年月日", _recorded(j.jumin_date, j.jumin_date_hyoki)),
        ("住所を定めた年月日", _recorded(j.jusho_date, j.jusho_date_hyoki)),
        ("届出年月日", kernel.wareki_text(j.todoke_date)),
        ("住民票コード", j.juminhyo_code or "（承認時に付番）"),
    ]


class ShusseiForm(JuminItemsForm):
    """出生届（戸籍の受理）: the child's items, the household, the dates, in the paper's order."""

    jumin_date = None  # type: ignore[assignment]  # = 生年月日
    jusho_date = None  # type: ignore[assignment]
    gaikokujin_date = None  # type: ignore[assignment]
    zairyu_manryo_date = None  # type: ignore[assignment]
    todoke_date = WarekiDateField(label="届出年月日", allow_future=False)
    juri_date = WarekiDateField(
        label="受理年月日（戸籍）", allow_future=False, help_text="戸籍で出生届を受理した日"
    )
    setai_bango = forms.CharField(
        label="入る世帯の世帯番号",
        max_length=12,
        help_text="母または父の住んでいる世帯（世帯番号は住民票で確認）",
    )

    field_order = ("todoke_date", "juri_date", *CHILD_FIELDS, "setai_bango")

    class Meta(JuminItemsForm.Meta):
        fields: ClassVar[list[str]] = CHILD_FIELDS

    def __init__(self, data: Any = None, *, entry: dict[str, Any] | None = None) -> None:
        initial: dict[str, Any] = {}
        if entry and data is None:
            initial = dict(entry)
            for key in ("todoke_date", "juri_date"):
                initial[key] = _date(entry.get(key))
            initial["seinengappi"] = entry.get("seinengappi_hyoki") or _date(
                entry.get("seinengappi")
            )
        # JuminItemsForm.__init__ expects the 旧氏・通称 fields: set up the names here.
        forms.ModelForm.__init__(self, data, initial=initial)
        for name in ("shi", "mei"):
            cast(forms.CharField, self.fields[name]).strip = False  # names keep their spaces
        self.entry: dict[str, Any] | None = None
        self.flags: list[str] = []
        self.fields["seinengappi"].help_text = "不詳は「令和6年月日不詳」のように記録どおり"
        self.fields["zokugara"].help_text = "入る世帯の世帯主との続柄（例: 子、子の子、妻の子）"
        self.fields["honseki"].help_text = "父母の戸籍の本籍（子が入る戸籍）"
        self.fields["honseki"].required = True

    def clean_zokugara(self) -> str:
        try:
            return kernel.normalize_zokugara(self.cleaned_data.get("zokugara") or "")
        except ValueError as exc:
            raise forms.ValidationError(str(exc)) from exc

    def clean_setai_bango(self) -> str:
        return numbers.normalize_digits(self.cleaned_data.get("setai_bango") or "")

    def clean(self) -> dict[str, Any]:
        # JuminItemsForm.clean() also requires a 住民票コード: assigned at 承認 here.
        forms.ModelForm.clean(self)
        cleaned = self.cleaned_data
        if self.errors:
            return cleaned
        rd = cast(wareki.RecordedDate, cleaned["seinengappi"])
        entry = shussei_entry(
            setai_bango=cleaned["setai_bango"],
            shi=cleaned["shi"],
            mei=cleaned.get("mei", ""),
            shi_kana=cleaned.get("shi_kana", ""),
            mei_kana=cleaned.get("mei_kana", ""),
            seinengappi=rd,
            seibetsu=cleaned["seibetsu"],
            zokugara=cleaned["zokugara"],
            honseki=cleaned.get("honseki", ""),
            hittousha=cleaned.get("hittousha", ""),
            todoke_date=cleaned["todoke_date"],
            juri_date=cleaned["juri_date"],
        )
        try:
            plan = plan_shussei(entry)
        except ProcedureRefused as exc:
            _place_refusal(self, exc, {})
            return cleaned
        self.entry = entry
        self.flags = plan.flags
        return cleaned

    def validate_unique(self) -> None:
        """Nothing unique is typed here (the 住民票コード is assigned at 承認)."""


class ShusseiKind(_ShokkenKind):
    """出生 (戸籍届に基づく職権記載)."""

    code: ClassVar[str] = "shussei"
    label: ClassVar[str] = "出生"
    ido_jiyu: ClassVar[IdoJiyu] = IdoJiyu.SHUSSEI
    template: ClassVar[str] = "juki/ido/shussei_entry.html"

    form_class = ShusseiForm

    def subjects(self, entry: dict[str, Any]) -> list[Subject]:
        bango = entry.get("setai_bango")
        return [kernel.setai_subject(bango)] if bango else []

    def rule_flags(self, entry: dict[str, Any]) -> list[str]:
        return plan_shussei(entry).flags

    def entry_summary(self, entry: dict[str, Any]) -> str:
        name = f"{entry.get('shi', '')}　{entry.get('mei', '')}"
        birth = _recorded(_date(entry.get("seinengappi")), entry.get("seinengappi_hyoki", ""))
        return f"出生 {name}（{birth}生）→ 世帯番号{entry.get('setai_bango', '')}"

    def review(self, procedure: Procedure) -> list[ReviewBlock]:
        if self._approved(procedure):
            r = procedure.result
            return [
                ReviewBlock(
                    "承認済み",
                    [
                        ReviewRow("宛名番号", "", r.get("atena_bango", "")),
                        ReviewRow("住民票コード", "", r.get("juminhyo_code", "")),
                    ],
                )
            ]
        plan = plan_shussei(procedure.entry)
        entry = procedure.entry
        blocks = [
            ReviewBlock(
                "出生の内容",
                [
                    ReviewRow("届出年月日", "", kernel.wareki_text(plan.todoke_date)),
                    ReviewRow("受理年月日", "", kernel.wareki_text(plan.juri_date)),
                    ReviewRow("生年月日（異動日）", "", plan.child.seinengappi_text),
                    ReviewRow("住所", "", plan.child.address),
                ],
            )
        ]
        after = kernel.ordered([*plan.members, plan.child])
        nushi = plan.nushi.full_name if plan.nushi else "（なし）"
        rows = [ReviewRow("世帯主", nushi, nushi)]
        rows += [ReviewRow(m.full_name, m.zokugara if m.pk else "", m.zokugara) for m in after]
        blocks.append(ReviewBlock(f"世帯（世帯番号 {plan.setai.setai_bango}）", rows))
        blocks.append(
            ReviewBlock(
                f"出生した子　{entry.get('shi', '')}　{entry.get('mei', '')}",
                [ReviewRow(label, "", value) for label, value in _child_rows(plan.child)],
            )
        )
        return blocks

    def apply(
        self, procedure: Procedure, *, acting_user: StaffUser, terminal: Terminal | None
    ) -> dict[str, Any]:
        plan = plan_shussei(procedure.entry, lock=True)
        child = plan.child
        child.juminhyo_code = assign_juminhyo_code()
        ctx = _ctx(
            self,
            acting_user,
            terminal,
            ido_date=child.seinengappi,
            ido_date_hyoki=child.seinengappi_hyoki,
            todoke_date=plan.todoke_date,
            ryuiji=f"出生届（戸籍 {kernel.wareki_text(plan.juri_date)}受理）に基づく職権記載",
        )
        child.setai = plan.setai
        services.register_person(child, plan.setai, ctx)
        base = {
            "jiyu": self.ido_jiyu.label,
            "ido_date": kernel.iso(child.seinengappi),
            "ido_date_hyoki": child.seinengappi_hyoki,
            "todoke_date": kernel.iso(plan.todoke_date),
            "juri_date": kernel.iso(plan.juri_date),
        }
        box = _Outbox(procedure)
        box.fuban(child, base)
        takka = kernel.takka_destinations(child, child.seinengappi, reason="newcomer")
        household = {
            "setai_bango": plan.setai.setai_bango,
            "setai_nushi_atena_bango": plan.nushi.atena_bango if plan.nushi else "",
        }
        box.person(
            child, base=base, fuhyo_type="fuhyo_kisai_tsuchi", takka=takka, household=household
        )
        return {
            "kind": self.code,
            "atena_bango": child.atena_bango,
            "juminhyo_code": child.juminhyo_code,
            "setai_bango": plan.setai.setai_bango,
            "rireki_no": child.rireki_no,
            "flags": plan.flags,
            "outbox": box.write(),
        }

    def handover_documents(self, procedure: Procedure) -> list[str]:
        return ["住民票コード通知票", "住民異動連絡票"]


# =============================================================================== 死亡


def shibou_entry(
    *,
    atena_bango: str,
    shibou_date: datetime.date | str | wareki.RecordedDate,
    todoke_date: datetime.date | None = None,
    new_setai_nushi: str = "",
    zokugara_changes: dict[str, str] | None = None,
    setai_bango: str = "",
) -> dict[str, Any]:
    """The entry JSON of a 死亡 (shibou_date: a date, or recorded wording such as
    「令和6年月日不詳」, j80). ``setai_bango`` is looked up when not given."""
    day, hyoki = _recorded_input(shibou_date)
    if not setai_bango:
        setai_bango = (
            Jumin.objects.filter(atena_bango=atena_bango)
            .values_list("setai__setai_bango", flat=True)
            .first()
            or ""
        )
    return {
        "atena_bango": atena_bango,
        "setai_bango": setai_bango,
        "todoke_date": kernel.iso(todoke_date or _today()),
        "shibou_date": day,
        "shibou_date_hyoki": hyoki,
        "new_setai_nushi": new_setai_nushi,
        "zokugara_changes": dict(zokugara_changes or {}),
    }


@dataclass
class ShibouPlan:
    leave: LeavePlan
    shibou_date: datetime.date
    shibou_hyoki: str
    todoke_date: datetime.date

    @property
    def shibou_text(self) -> str:
        return _recorded(self.shibou_date, self.shibou_hyoki)


def plan_shibou(entry: dict[str, Any], *, lock: bool = False) -> ShibouPlan:
    todoke = _need_date(entry, "todoke_date", "届出年月日")
    day = _need_date(entry, "shibou_date", "死亡年月日")
    hyoki = str(entry.get("shibou_date_hyoki") or "")
    if todoke > _today():
        raise ProcedureRefused("届出年月日に未来の日付は入力できません。", field="todoke_date")
    if day > todoke:
        raise ProcedureRefused("死亡年月日が届出年月日より後です。", field="shibou_date")
    leave = plan_leave(entry, act="死亡", lock=lock)
    if day < leave.person.seinengappi:
        raise ProcedureRefused("死亡年月日が生年月日より前です。", field="shibou_date")
    return ShibouPlan(leave, day, hyoki, todoke)


class _LeaveForm(kernel.SearchRedisplayMixin, forms.Form, metaclass=kernel.AbstractFormMeta):
    """A removal of one person found by 宛名番号; the household's fields appear when the
    世帯主 leaves and others remain (new 世帯主 and each remaining member's 続柄)."""

    atena_bango = forms.CharField(label="宛名番号", max_length=12)
    new_setai_nushi = forms.ChoiceField(
        label="新しい世帯主（世帯主のとき・残る方が2人以上）", required=False
    )
    act: ClassVar[str] = ""

    def __init__(self, data: Any = None, *, entry: dict[str, Any] | None = None) -> None:
        initial = self.initial_from(entry) if entry else {}
        super().__init__(data, initial=initial)
        searched = (data.get("atena_bango") if data is not None else None) or initial.get(
            "atena_bango"
        )
        self.person: Jumin | None = None
        self.staying: list[Jumin] = []
        self.entry: dict[str, Any] | None = None
        if searched:
            j = (
                Jumin.objects.select_related("setai__setai_nushi")
                .filter(atena_bango=numbers.normalize_digits(str(searched)))
                .first()
            )
            if j is not None and j.status == JuminStatus.LIVE:
                self.person = j
                self.staying = [m for m in services.live_members(j.setai) if m.pk != j.pk]
        nushi = cast(forms.ChoiceField, self.fields["new_setai_nushi"])
        nushi.choices = [("", "―")] + [
            (m.atena_bango, f"{m.full_name}（現在の続柄 {m.zokugara}）") for m in self.staying
        ]
        if self.is_nushi and len(self.staying) > 1:
            for m in self.staying:
                self.fields[f"zokugara_{m.atena_bango}"] = forms.CharField(
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

    def initial_from(self, entry: dict[str, Any]) -> dict[str, Any]:
        initial = {
            "atena_bango": entry.get("atena_bango", ""),
            "new_setai_nushi": entry.get("new_setai_nushi", ""),
        }
        for atena, z in (entry.get("zokugara_changes") or {}).items():
            initial[f"zokugara_{atena}"] = z
        return initial

    @abstractmethod
    def build(self, cleaned: dict[str, Any], base: dict[str, Any]) -> dict[str, Any]:
        """The entry from the cleaned fields and the household part `base`."""

    @abstractmethod
    def check(self, entry: dict[str, Any]) -> None:
        """The rules the entry must pass (raises ProcedureRefused)."""

    aliases: ClassVar[dict[str, str]] = {}

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if self.person is None:
            self.add_error("atena_bango", "住民である方の宛名番号を入力し、検索してください。")
            return cleaned
        if self.errors:
            return cleaned
        base = {
            "atena_bango": self.person.atena_bango,
            "setai_bango": self.person.setai.setai_bango,
            "new_setai_nushi": cleaned.get("new_setai_nushi", ""),
            "zokugara_changes": {
                m.atena_bango: (cleaned.get(f"zokugara_{m.atena_bango}") or "").strip()
                for m in self.staying
                if (cleaned.get(f"zokugara_{m.atena_bango}") or "").strip()
            },
        }
        entry = self.build(cleaned, base)
        try:
            self.check(entry)
        except ProcedureRefused as exc:
            _place_refusal(self, exc, {"zokugara_changes": "", **self.aliases})
            return cleaned
        self.entry = entry
        return cleaned


class ShibouForm(_LeaveForm):
    """死亡届（戸籍の受理）: the person, the dates, and the household when needed."""

    todoke_date = WarekiDateField(label="届出年月日", allow_future=False)
    shibou_date = RecordedDateField(
        label="死亡年月日",
        allow_future=False,
        help_text="不詳は「令和6年月日不詳」のように記録どおり（j80）",
    )
    field_order = ("atena_bango", "todoke_date", "shibou_date", "new_setai_nushi")

    def initial_from(self, entry: dict[str, Any]) -> dict[str, Any]:
        return {
            **super().initial_from(entry),
            "todoke_date": _date(entry.get("todoke_date")),
            "shibou_date": entry.get("shibou_date_hyoki") or _date(entry.get("shibou_date")),
        }

    def build(self, cleaned: dict[str, Any], base: dict[str, Any]) -> dict[str, Any]:
        return shibou_entry(
            atena_bango=base["atena_bango"],
            shibou_date=cast(wareki.RecordedDate, cleaned["shibou_date"]),
            todoke_date=cleaned["todoke_date"],
            new_setai_nushi=base["new_setai_nushi"],
            zokugara_changes=base["zokugara_changes"],
            setai_bango=base["setai_bango"],
        )

    def check(self, entry: dict[str, Any]) -> None:
        plan_shibou(entry)


class ShibouKind(_ShokkenKind):
    """死亡 (戸籍届に基づく職権消除)."""

    code: ClassVar[str] = "shibou"
    label: ClassVar[str] = "死亡"
    ido_jiyu: ClassVar[IdoJiyu] = IdoJiyu.SHIBOU
    template: ClassVar[str] = "juki/ido/shibou_entry.html"

    form_class = ShibouForm

    def subjects(self, entry: dict[str, Any]) -> list[Subject]:
        return _leave_subjects(entry)

    def rule_flags(self, entry: dict[str, Any]) -> list[str]:
        plan = plan_shibou(entry)
        out = _leave_flags(plan.leave, "死亡")
        if plan.shibou_hyoki:
            out.append(f"死亡年月日は記録どおりの表記「{plan.shibou_hyoki}」で記載します（j80）。")
        elif (plan.todoke_date - plan.shibou_date).days > SHIBOU_KIKAN_DAYS:
            out.append(
                f"死亡の日から{(plan.todoke_date - plan.shibou_date).days}日後の届出です"
                f"（戸籍法第86条：死亡の事実を知った日から{SHIBOU_KIKAN_DAYS}日以内）。"
            )
        return out

    def entry_summary(self, entry: dict[str, Any]) -> str:
        day = _recorded(_date(entry.get("shibou_date")), entry.get("shibou_date_hyoki", ""))
        return f"死亡 宛名番号{entry.get('atena_bango', '')}（{day}）"

    def review(self, procedure: Procedure) -> list[ReviewBlock]:
        if self._approved(procedure):
            return [_approved_block(procedure)]
        plan = plan_shibou(procedure.entry)
        blocks = _leave_review(
            plan.leave, title="死亡した方", shojo_jiyu=ShojoJiyu.SHIBOU, shojo_text=plan.shibou_text
        )
        blocks[0].rows.insert(0, ReviewRow("届出年月日", "", kernel.wareki_text(plan.todoke_date)))
        return blocks

    def apply(
        self, procedure: Procedure, *, acting_user: StaffUser, terminal: Terminal | None
    ) -> dict[str, Any]:
        plan = plan_shibou(procedure.entry, lock=True)
        leave = plan.leave
        ctx = _ctx(
            self,
            acting_user,
            terminal,
            ido_date=plan.shibou_date,
            ido_date_hyoki=plan.shibou_hyoki,
            todoke_date=plan.todoke_date,
            ryuiji="死亡届に基づく職権消除"
            + (f"（死亡年月日 {plan.shibou_hyoki}）" if plan.shibou_hyoki else ""),
        )
        rireki_no, household, zokugara_before = _apply_leave(
            leave,
            ctx,
            shojo_jiyu=ShojoJiyu.SHIBOU,
            shojo_date=plan.shibou_date,
            nushi_ryuiji=SHIBOU_NUSHI_RYUIJI,
        )
        message_ids = _leave_outbox(
            procedure, leave, jiyu=self.ido_jiyu, day=plan.shibou_date, hyoki=plan.shibou_hyoki
        )
        reactions.fire("shibou", jumin=leave.person, ido_date=plan.shibou_date)
        return {
            "kind": self.code,
            "atena_bango": leave.person.atena_bango,
            "setai_bango": leave.setai.setai_bango,
            "shojo_date": kernel.iso(plan.shibou_date),
            "shibou_date_hyoki": plan.shibou_hyoki,
            "rireki_no": rireki_no,
            **_leave_result(leave, household, zokugara_before),
            "outbox": message_ids,
        }


def _leave_subjects(entry: dict[str, Any]) -> list[Subject]:
    out = []
    if entry.get("atena_bango"):
        out.append(kernel.jumin_subject(entry["atena_bango"]))
    if entry.get("setai_bango"):
        out.append(kernel.setai_subject(entry["setai_bango"]))
    return out


def _leave_result(
    leave: LeavePlan, household: dict[str, int], zokugara_before: dict[str, str]
) -> dict[str, Any]:
    return {
        "setai_nushi_changed": leave.nushi_changes,
        "shokken_setai_nushi": leave.shokken_nushi,
        "former_setai_nushi": leave.former_nushi.atena_bango if leave.former_nushi else "",
        "new_setai_nushi": leave.new_nushi.atena_bango if leave.new_nushi else "",
        "household_rireki": household,
        "zokugara_before": zokugara_before,
    }


def _leave_outbox(
    procedure: Procedure, leave: LeavePlan, *, jiyu: IdoJiyu, day: datetime.date, hyoki: str = ""
) -> list[int]:
    j = leave.person
    base = {
        "jiyu": jiyu.label,
        "ido_date": kernel.iso(day),
        "ido_date_hyoki": hyoki,
        "todoke_date": procedure.entry.get("todoke_date", ""),
    }
    household = {
        "setai_bango": leave.setai.setai_bango,
        "setai_nushi_atena_bango": leave.new_nushi.atena_bango if leave.new_nushi else "",
        "setai_nushi_changed": leave.nushi_changes,
    }
    box = _Outbox(procedure)
    box.person(
        j,
        base=base,
        fuhyo_type="fuhyo_tsuchi",
        takka=kernel.takka_destinations(j, day),
        household=household,
    )
    return box.write()


def _approved_block(procedure: Procedure) -> ReviewBlock:
    r = procedure.result
    return ReviewBlock(
        "承認済み",
        [
            ReviewRow("宛名番号", "", str(r.get("atena_bango", ""))),
            ReviewRow("世帯番号", "", str(r.get("setai_bango", ""))),
        ],
    )


# =============================================================================== 職権記載


def shokken_kisai_entry(
    *,
    chouaza: str,
    person: dict[str, Any],
    jumin_date: datetime.date | None = None,
    todoke_date: datetime.date | None = None,
    riyu: str = KISAI_RIYU_DEFAULT,
    zenjusho: str = "",
    banchi: str = "1番2号",
    katagaki: str = "",
    setai_bango: str = "",
) -> dict[str, Any]:
    """The entry JSON of a 職権記載 of one person (``person``: kernel.tennyu_person(...)).

    jumin_date is 住民となった年月日 (= 住所を定めた年月日, the 異動日); todoke_date the
    date of the 戸籍 notice, decision or 申出 the record is based on (j780).
    """
    day = jumin_date or _today()
    return {
        "riyu": riyu,
        "todoke_date": kernel.iso(todoke_date or _today()),
        "jumin_date": kernel.iso(day),
        "zenjusho": zenjusho,
        "chouaza": chouaza,
        "banchi": banchi,
        "katagaki": katagaki,
        "setai_mode": "join" if setai_bango else "new",
        "setai_bango": setai_bango,
        "persons": [
            person if set(person) >= set(kernel.PERSON_KEYS) else kernel.tennyu_person(**person)
        ],
    }


@dataclass
class KisaiPlan:
    person: Jumin
    setai: Setai | None
    existing: list[Jumin]
    flags: list[str]
    chouaza: Chouaza | None


def _kisai_person(entry: dict[str, Any], chouaza: Chouaza) -> Jumin:
    adapted = {
        **entry,
        "tennyu_date": entry.get("jumin_date"),
        "zenjusho_postal_code": "",
    }
    return kernel.person_jumin(entry["persons"][0], adapted, chouaza)


def plan_kisai(
    entry: dict[str, Any], *, lock: bool = False, need_chouaza: bool = True
) -> KisaiPlan:
    today = _today()
    todoke = _need_date(entry, "todoke_date", "通知・届出年月日")
    day = _need_date(entry, "jumin_date", "住民となった年月日")
    if todoke > today or day > today:
        raise ProcedureRefused("未来の日付は入力できません。", field="jumin_date")
    if not str(entry.get("riyu") or "").strip():
        raise ProcedureRefused("職権記載の理由を入力してください。", field="riyu")
    persons = entry.get("persons") or []
    if len(persons) != 1:
        raise ProcedureRefused("職権記載は1人ずつ入力してください。")
    p = persons[0]
    chouaza = Chouaza.objects.filter(code=entry.get("chouaza")).first()
    if chouaza is None and need_chouaza:
        raise ProcedureRefused(
            f"町字コード{entry.get('chouaza')}は町字マスタにありません。", field="chouaza"
        )
    place = chouaza or Chouaza(code="", prefecture="", city="", name=str(entry.get("chouaza")))
    j = _kisai_person(entry, place)
    if j.seinengappi and j.seinengappi > day:
        raise ProcedureRefused("住民となった年月日が生年月日より前です。", field="jumin_date")
    try:
        j.zokugara = kernel.normalize_zokugara(j.zokugara)
    except ValueError as exc:
        raise ProcedureRefused(str(exc), field="persons.0.zokugara") from exc
    flags: list[str] = []
    setai: Setai | None = None
    existing: list[Jumin] = []
    if entry.get("setai_mode") == "join":
        setai = _live_setai(str(entry.get("setai_bango") or ""), lock=lock)
        existing = services.live_members(setai, lock=lock)
        if j.zokugara == SETAINUSHI and _live_nushi(setai) is not None:
            raise ProcedureRefused(
                "既存の世帯に入る方の続柄に「世帯主」は使えません。世帯主との続柄を入力してください。",
                field="persons.0.zokugara",
            )
    elif j.zokugara != SETAINUSHI:
        raise ProcedureRefused(
            "新しい世帯をつくるときは、続柄を「世帯主」にしてください。",
            field="persons.0.zokugara",
        )
    matches = kernel.register_matches([p.get("juminhyo_code") or ""], [p.get("kojin_bango") or ""])
    for m in matches:
        which = (
            "住民票コード"
            if m.juminhyo_code and m.juminhyo_code == p.get("juminhyo_code")
            else "個人番号"
        )
        if kernel.is_live(m):
            raise ProcedureRefused(
                f"この方は既に本市の住民として記載されています（{which}が一致：{kernel.person_label(m)}）。",
                field="persons.0.juminhyo_code"
                if which == "住民票コード"
                else "persons.0.kojin_bango",
            )
        flags.append(
            f"本市の除票があります（{which}が一致：{kernel.person_label(m)}"
            f"{'、' + m.get_shojo_jiyu_display() if m.shojo_jiyu else ''}）。"
        )
    if not p.get("juminhyo_code"):
        flags.append(FLAG_CODE_FUBAN)
    return KisaiPlan(j, setai, existing, flags, chouaza)


class KisaiPersonForm(kernel.TennyuPersonForm):
    """The person of a 職権記載 (the 転入 items); 住民票コード may be blank (assigned)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["juminhyo_code"].help_text = "不明なら空欄（承認時に付番）"

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        raw = (self.data.get(self.add_prefix("juminhyo_code")) or "").strip()
        if not raw and "juminhyo_code" in self.errors:
            del self.errors["juminhyo_code"]
        return cleaned


class ShokkenKisaiForm(forms.Form):
    """職権記載: the reason and dates, the address and household, then the person."""

    riyu = forms.CharField(
        label="職権記載の理由",
        max_length=200,
        initial=KISAI_RIYU_DEFAULT,
        help_text="例: 就籍の戸籍通知、裁判の確定、実態調査による未届転入の記載",
    )
    todoke_date = WarekiDateField(label="通知・届出年月日", allow_future=False)
    jumin_date = WarekiDateField(
        label="住民となった年月日（異動日）",
        allow_future=False,
        help_text="住所を定めた年月日も同じ",
    )
    zenjusho = forms.CharField(label="従前の住所", max_length=200, required=False)
    chouaza = kernel.ChouazaField(label="住所（町字）")
    banchi = forms.CharField(label="番地", max_length=60)
    katagaki = forms.CharField(label="方書", max_length=100, required=False)
    setai_mode = forms.ChoiceField(
        label="世帯",
        choices=[("new", "新しい世帯をつくる"), ("join", "既存の世帯に入る")],
        widget=forms.RadioSelect,
        initial="new",
    )
    setai_bango = forms.CharField(label="入る世帯の世帯番号", max_length=12, required=False)

    def __init__(self, data: Any = None, *, entry: dict[str, Any] | None = None) -> None:
        initial: dict[str, Any] = {}
        person_initial: dict[str, Any] | None = None
        if entry and data is None:
            initial = {k: v for k, v in entry.items() if k != "persons"}
            for key in ("todoke_date", "jumin_date"):
                initial[key] = _date(entry.get(key))
            p = dict(entry["persons"][0])
            for key, hyoki in kernel.PERSON_HYOKI.items():
                p[key] = p.get(hyoki) or _date(p.get(key))
            p["zairyu_manryo_date"] = _date(p.get("zairyu_manryo_date"))
            person_initial = p
        super().__init__(data, initial=initial)
        self.person = KisaiPersonForm(data, prefix="person", initial=person_initial)
        self.entry: dict[str, Any] | None = None

    def clean_setai_bango(self) -> str:
        return numbers.normalize_digits(self.cleaned_data.get("setai_bango") or "")

    def full_clean(self) -> None:
        super().full_clean()
        self.entry = None
        if not self.is_bound:
            return
        person_ok = self.person.is_valid()
        if not person_ok:
            self.add_error(None, "記載する方の項目に誤りがあります。")
        if self.errors:
            return
        c = self.cleaned_data
        entry = shokken_kisai_entry(
            chouaza=c["chouaza"].code,
            person=self.person.person_entry(),
            jumin_date=c["jumin_date"],
            todoke_date=c["todoke_date"],
            riyu=c["riyu"].strip(),
            zenjusho=c.get("zenjusho", ""),
            banchi=c["banchi"],
            katagaki=c.get("katagaki", ""),
            setai_bango=c["setai_bango"] if c["setai_mode"] == "join" else "",
        )
        try:
            plan_kisai(entry)
        except ProcedureRefused as exc:
            where = exc.field or ""
            if where.startswith("persons.0."):
                self.person.add_error(where.split(".", 2)[2], exc.message)
                self.add_error(None, exc.message)
            else:
                _place_refusal(self, exc, {})
            return
        self.entry = entry

    def is_valid(self) -> bool:
        return self.is_bound and not self.errors and self.entry is not None


class ShokkenKisaiKind(_ShokkenKind):
    """職権記載 (one person, by the city's own authority)."""

    code: ClassVar[str] = "shokken_kisai"
    label: ClassVar[str] = "職権記載"
    ido_jiyu: ClassVar[IdoJiyu] = IdoJiyu.SHOKKEN_KISAI
    template: ClassVar[str] = "juki/ido/shokken_kisai_entry.html"

    form_class = ShokkenKisaiForm

    def subjects(self, entry: dict[str, Any]) -> list[Subject]:
        out: list[Subject] = []
        if entry.get("setai_mode") == "join" and entry.get("setai_bango"):
            out.append(kernel.setai_subject(entry["setai_bango"]))
        for p in entry.get("persons") or []:
            if p.get("juminhyo_code"):
                out.append(kernel.juminhyo_code_subject(p["juminhyo_code"], p.get("shi", "")))
        return out

    def rule_flags(self, entry: dict[str, Any]) -> list[str]:
        return plan_kisai(entry, need_chouaza=False).flags

    def entry_summary(self, entry: dict[str, Any]) -> str:
        p = (entry.get("persons") or [{}])[0]
        where = "既存世帯へ" if entry.get("setai_mode") == "join" else "新世帯"
        return f"職権記載 {p.get('shi', '')}　{p.get('mei', '')}（{where}）"

    def review(self, procedure: Procedure) -> list[ReviewBlock]:
        if self._approved(procedure):
            return [_approved_block(procedure)]
        entry = procedure.entry
        plan = plan_kisai(entry, need_chouaza=False)
        j = plan.person
        blocks = [
            ReviewBlock(
                "職権記載の内容",
                [
                    ReviewRow("理由", "", entry.get("riyu", "")),
                    ReviewRow(
                        "通知・届出年月日", "", kernel.wareki_text(_date(entry.get("todoke_date")))
                    ),
                    ReviewRow("住民となった年月日（異動日）", "", kernel.wareki_text(j.jumin_date)),
                    ReviewRow("従前の住所", "", entry.get("zenjusho", "")),
                    ReviewRow("住所", "", j.address if plan.chouaza else entry.get("chouaza", "")),
                ],
            )
        ]
        if plan.setai is not None:
            after = kernel.ordered([*plan.existing, j])
            rows = [ReviewRow(m.full_name, m.zokugara if m.pk else "", m.zokugara) for m in after]
            title = f"世帯（世帯番号 {plan.setai.setai_bango}）"
        else:
            rows = [ReviewRow(j.full_name, "", j.zokugara)]
            title = "世帯（新しい世帯）"
        blocks.append(ReviewBlock(title, rows))
        blocks.append(
            ReviewBlock(
                f"記載する方　{j.full_name}",
                [ReviewRow(label, "", value) for label, value in kernel.item_rows(j)],
            )
        )
        return blocks

    def apply(
        self, procedure: Procedure, *, acting_user: StaffUser, terminal: Terminal | None
    ) -> dict[str, Any]:
        entry = procedure.entry
        plan = plan_kisai(entry, lock=True)
        j = plan.person
        assigned = not j.juminhyo_code
        if assigned:
            j.juminhyo_code = assign_juminhyo_code()
        ctx = _ctx(
            self,
            acting_user,
            terminal,
            ido_date=j.jumin_date,
            todoke_date=_date(entry.get("todoke_date")),
            ryuiji=str(entry.get("riyu", "")),
        )
        if plan.setai is not None:
            setai = plan.setai
        else:
            setai = services.create_setai()
            setai.setai_nushi = j  # the head's own history row 1 names the head
        services.register_person(j, setai, ctx)
        if plan.setai is None:
            services.set_setai_nushi(setai, j)
        base = {
            "jiyu": self.ido_jiyu.label,
            "ido_date": kernel.iso(j.jumin_date),
            "todoke_date": entry.get("todoke_date", ""),
            "riyu": entry.get("riyu", ""),
        }
        box = _Outbox(procedure)
        if assigned:
            box.fuban(j, base)
        household = {
            "setai_bango": setai.setai_bango,
            "setai_nushi_atena_bango": setai.setai_nushi.atena_bango if setai.setai_nushi else "",
        }
        box.person(
            j,
            base=base,
            fuhyo_type="fuhyo_kisai_tsuchi",
            takka=kernel.takka_destinations(j, j.jumin_date, reason="newcomer"),
            household=household,
        )
        return {
            "kind": self.code,
            "atena_bango": j.atena_bango,
            "juminhyo_code": j.juminhyo_code,
            "juminhyo_code_assigned": assigned,
            "setai_bango": setai.setai_bango,
            "setai_mode": entry.get("setai_mode", "new"),
            "flags": plan.flags,
            "outbox": box.write(),
        }

    def handover_documents(self, procedure: Procedure) -> list[str]:
        return ["職権記載等通知書"]


# =============================================================================== 職権消除


def shokken_shojo_entry(
    *,
    atena_bango: str,
    shojo_date: datetime.date | None = None,
    riyu: str = SHOJO_RIYU_DEFAULT,
    chousa_id: int | None = None,
    chousa: dict[str, Any] | None = None,
    new_setai_nushi: str = "",
    zokugara_changes: dict[str, str] | None = None,
    setai_bango: str = "",
) -> dict[str, Any]:
    """The entry JSON of a 職権消除. The 実態調査 is a recorded one (``chousa_id``) or is
    entered here (``chousa``: chousa_date, chousain, kekka, saikoku_date, koji_date, memo;
    dates as dates or ISO) and recorded at 承認."""
    if not setai_bango:
        setai_bango = (
            Jumin.objects.filter(atena_bango=atena_bango)
            .values_list("setai__setai_bango", flat=True)
            .first()
            or ""
        )
    new_chousa = None
    if chousa:
        new_chousa = {
            "chousa_date": kernel.iso(_date(chousa.get("chousa_date"))),
            "chousain": str(chousa.get("chousain") or ""),
            "kekka": str(chousa.get("kekka") or ""),
            "saikoku_date": kernel.iso(_date(chousa.get("saikoku_date"))),
            "koji_date": kernel.iso(_date(chousa.get("koji_date"))),
            "memo": str(chousa.get("memo") or ""),
        }
    return {
        "atena_bango": atena_bango,
        "setai_bango": setai_bango,
        "shojo_date": kernel.iso(shojo_date or _today()),
        "riyu": riyu,
        "chousa_id": chousa_id,
        "chousa": new_chousa,
        "new_setai_nushi": new_setai_nushi,
        "zokugara_changes": dict(zokugara_changes or {}),
    }


@dataclass
class ShojoPlan:
    leave: LeavePlan
    shojo_date: datetime.date
    chousa: JittaiChousa  # unsaved when entered with the procedure


NO_CHOUSA = (
    "職権消除には、結果が「居住の事実なし」の実態調査の記録が必要です"
    "（実態調査を記録するか、この画面で調査の内容を入力してください）。"
)


def plan_shojo(entry: dict[str, Any], *, lock: bool = False) -> ShojoPlan:
    day = _need_date(entry, "shojo_date", "職権消除の年月日")
    if day > _today():
        raise ProcedureRefused("職権消除の年月日に未来の日付は入力できません。", field="shojo_date")
    if not str(entry.get("riyu") or "").strip():
        raise ProcedureRefused("職権消除の理由を入力してください。", field="riyu")
    leave = plan_leave(entry, act="職権消除", lock=lock)
    chousa: JittaiChousa | None = None
    if entry.get("chousa_id"):
        chousa = JittaiChousa.objects.filter(
            pk=entry["chousa_id"], jumin_id=leave.person.pk
        ).first()
        if chousa is None:
            raise ProcedureRefused("指定した実態調査の記録が見つかりません。", field="chousa_id")
    elif entry.get("chousa"):
        c = entry["chousa"]
        chousa_date = _date(c.get("chousa_date"))
        if chousa_date is None or not str(c.get("chousain") or "").strip():
            raise ProcedureRefused(
                "実態調査の調査日と調査者を入力してください。", field="chousa_date"
            )
        if c.get("kekka") not in JittaiKekka.values:
            raise ProcedureRefused("実態調査の結果を選んでください。", field="kekka")
        chousa = JittaiChousa(
            jumin=leave.person,
            chousa_date=chousa_date,
            chousain=str(c["chousain"]).strip(),
            kekka=c["kekka"],
            saikoku_date=_date(c.get("saikoku_date")),
            koji_date=_date(c.get("koji_date")),
            memo=str(c.get("memo") or "").strip(),
        )
    if chousa is None:
        raise ProcedureRefused(NO_CHOUSA, field="chousa_id")
    if chousa.kekka != JittaiKekka.KYOJU_NASHI:
        raise ProcedureRefused(
            f"実態調査の結果が「{chousa.get_kekka_display()}」のため職権消除できません"
            "（結果「居住の事実なし」の調査が必要です）。",
            field="kekka" if chousa.pk is None else "chousa_id",
        )
    if chousa.chousa_date > day:
        raise ProcedureRefused("職権消除の年月日が実態調査の調査日より前です。", field="shojo_date")
    for name, label in (("saikoku_date", "催告日"), ("koji_date", "公示日")):
        value = getattr(chousa, name)
        if value is not None and value > day:
            raise ProcedureRefused(f"{label}が職権消除の年月日より後です。", field=name)
    return ShojoPlan(leave, day, chousa)


def _chousa_rows(c: JittaiChousa) -> list[ReviewRow]:
    return [
        ReviewRow("記録", "", "記録済み" if c.pk else "この手続で記録（承認時）"),
        ReviewRow("調査日", "", kernel.wareki_text(c.chousa_date)),
        ReviewRow("調査者", "", c.chousain),
        ReviewRow("結果", "", c.get_kekka_display()),
        ReviewRow("催告日", "", kernel.wareki_text(c.saikoku_date)),
        ReviewRow("公示日", "", kernel.wareki_text(c.koji_date)),
        ReviewRow("調査の内容", "", c.memo),
    ]


class ShokkenShojoForm(_LeaveForm):
    """職権消除: the person, the 実態調査 (recorded, or entered now), the date and reason."""

    NEW = "new"

    shojo_date = WarekiDateField(label="職権消除の年月日", allow_future=False)
    riyu = forms.CharField(label="職権消除の理由", max_length=200, initial=SHOJO_RIYU_DEFAULT)
    chousa_id = forms.ChoiceField(label="実態調査", required=False)
    chousa_date = WarekiDateField(label="調査日", required=False, allow_future=False)
    chousain = forms.CharField(label="調査者", max_length=100, required=False)
    kekka = forms.ChoiceField(
        label="調査の結果", choices=[("", "―"), *JittaiKekka.choices], required=False
    )
    saikoku_date = WarekiDateField(label="催告日", required=False, allow_future=False)
    koji_date = WarekiDateField(label="公示日", required=False, allow_future=False)
    memo = forms.CharField(
        label="調査の内容",
        max_length=400,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    field_order = (
        "atena_bango",
        "chousa_id",
        "chousa_date",
        "chousain",
        "kekka",
        "saikoku_date",
        "koji_date",
        "memo",
        "shojo_date",
        "riyu",
        "new_setai_nushi",
    )

    def __init__(self, data: Any = None, *, entry: dict[str, Any] | None = None) -> None:
        super().__init__(data, entry=entry)
        records = (
            list(JittaiChousa.objects.filter(jumin=self.person)) if self.person is not None else []
        )
        choice = cast(forms.ChoiceField, self.fields["chousa_id"])
        choice.choices = [
            (str(c.pk), f"{kernel.wareki_text(c.chousa_date)} {c.chousain} {c.get_kekka_display()}")
            for c in records
        ] + [(self.NEW, "この画面で調査の内容を入力する")]
        if not self.is_bound and not self.initial.get("chousa_id"):
            usable = [c for c in records if c.kekka == JittaiKekka.KYOJU_NASHI]
            self.initial["chousa_id"] = str(usable[0].pk) if usable else self.NEW

    def initial_from(self, entry: dict[str, Any]) -> dict[str, Any]:
        c = entry.get("chousa") or {}
        return {
            **super().initial_from(entry),
            "shojo_date": _date(entry.get("shojo_date")),
            "riyu": entry.get("riyu", ""),
            "chousa_id": str(entry["chousa_id"]) if entry.get("chousa_id") else self.NEW,
            "chousa_date": _date(c.get("chousa_date")),
            "chousain": c.get("chousain", ""),
            "kekka": c.get("kekka", ""),
            "saikoku_date": _date(c.get("saikoku_date")),
            "koji_date": _date(c.get("koji_date")),
            "memo": c.get("memo", ""),
        }

    def build(self, cleaned: dict[str, Any], base: dict[str, Any]) -> dict[str, Any]:
        picked = cleaned.get("chousa_id") or self.NEW
        chousa = None
        if picked == self.NEW and (cleaned.get("chousa_date") or cleaned.get("chousain")):
            chousa = {
                k: cleaned.get(k)
                for k in ("chousa_date", "chousain", "kekka", "saikoku_date", "koji_date", "memo")
            }
        return shokken_shojo_entry(
            atena_bango=base["atena_bango"],
            shojo_date=cleaned["shojo_date"],
            riyu=cleaned["riyu"].strip(),
            chousa_id=None if picked == self.NEW else int(picked),
            chousa=chousa,
            new_setai_nushi=base["new_setai_nushi"],
            zokugara_changes=base["zokugara_changes"],
            setai_bango=base["setai_bango"],
        )

    def check(self, entry: dict[str, Any]) -> None:
        plan_shojo(entry)


class ShokkenShojoKind(_ShokkenKind):
    """職権消除 (after a 実態調査 finding 居住の事実なし)."""

    code: ClassVar[str] = "shokken_shojo"
    label: ClassVar[str] = "職権消除"
    ido_jiyu: ClassVar[IdoJiyu] = IdoJiyu.SHOKKEN_SHOJO
    template: ClassVar[str] = "juki/ido/shokken_shojo_entry.html"

    form_class = ShokkenShojoForm

    def subjects(self, entry: dict[str, Any]) -> list[Subject]:
        return _leave_subjects(entry)

    def rule_flags(self, entry: dict[str, Any]) -> list[str]:
        plan = plan_shojo(entry)
        out = _leave_flags(plan.leave, "職権消除")
        if plan.chousa.pk is None:
            out.append("実態調査はこの手続で記録します（承認時）。")
        return out

    def entry_summary(self, entry: dict[str, Any]) -> str:
        day = kernel.wareki_text(_date(entry.get("shojo_date")))
        return f"職権消除 宛名番号{entry.get('atena_bango', '')}（{day}）"

    def review(self, procedure: Procedure) -> list[ReviewBlock]:
        if self._approved(procedure):
            return [_approved_block(procedure)]
        plan = plan_shojo(procedure.entry)
        blocks = [ReviewBlock("実態調査", _chousa_rows(plan.chousa))]
        blocks += _leave_review(
            plan.leave,
            title="職権消除する方",
            shojo_jiyu=ShojoJiyu.SHOKKEN_SHOJO,
            shojo_text=kernel.wareki_text(plan.shojo_date),
        )
        blocks[1].rows.insert(0, ReviewRow("理由", "", procedure.entry.get("riyu", "")))
        return blocks

    def apply(
        self, procedure: Procedure, *, acting_user: StaffUser, terminal: Terminal | None
    ) -> dict[str, Any]:
        plan = plan_shojo(procedure.entry, lock=True)
        chousa = plan.chousa
        if chousa.pk is None:
            chousa.recorded_by = procedure.entered_by or acting_user
            chousa.save(force_insert=True)
        leave = plan.leave
        ctx = _ctx(
            self,
            acting_user,
            terminal,
            ido_date=plan.shojo_date,
            ryuiji=f"{procedure.entry.get('riyu', '')}"
            f"（実態調査 {kernel.wareki_text(chousa.chousa_date)}）",
        )
        rireki_no, household, zokugara_before = _apply_leave(
            leave,
            ctx,
            shojo_jiyu=ShojoJiyu.SHOKKEN_SHOJO,
            shojo_date=plan.shojo_date,
            nushi_ryuiji=SHOJO_NUSHI_RYUIJI,
        )
        message_ids = _leave_outbox(procedure, leave, jiyu=self.ido_jiyu, day=plan.shojo_date)
        reactions.fire("shokken_shojo", jumin=leave.person, ido_date=plan.shojo_date)
        return {
            "kind": self.code,
            "atena_bango": leave.person.atena_bango,
            "setai_bango": leave.setai.setai_bango,
            "shojo_date": kernel.iso(plan.shojo_date),
            "chousa_id": chousa.pk,
            "rireki_no": rireki_no,
            **_leave_result(leave, household, zokugara_before),
            "outbox": message_ids,
        }

    def handover_documents(self, procedure: Procedure) -> list[str]:
        return ["職権記載等通知書"]


# =============================================================================== 職権修正


def _json_value(name: str, value: Any) -> Any:
    if isinstance(value, datetime.date):
        return value.isoformat()
    if value is None:
        return "" if name not in ("kojin_bango", "juminhyo_code") else None
    return value


def _model_value(name: str, value: Any) -> Any:
    if name in SHUSEI_DATE_FIELDS or name in SHUSEI_PLAIN_DATES:
        return _date(value)
    return value


def shokken_shusei_entry(
    *,
    atena_bango: str,
    riyu: str,
    changes: dict[str, Any],
    shusei_date: datetime.date | None = None,
    tsuchi_date: datetime.date | None = None,
) -> dict[str, Any]:
    """The entry JSON of a 職権修正: only the items that change (dates as ISO; a recorded
    date as its wording, e.g. {"seinengappi": "昭和10年月日不詳"}, which sets the 表記)."""
    out: dict[str, Any] = {}
    for name, value in changes.items():
        if name not in SHUSEI_KEYS:
            raise KeyError(f"職権修正できない項目です: {name}")
        if name in SHUSEI_DATE_FIELDS:
            sort, hyoki = _recorded_input(value)
            out[name] = sort
            out[DATE_FIELDS[name]] = hyoki
        else:
            out[name] = _json_value(name, value)
    row = (
        Jumin.objects.filter(atena_bango=atena_bango)
        .values_list("setai__setai_bango", "setai__setai_nushi__atena_bango")
        .first()
    )
    return {
        "atena_bango": atena_bango,
        "setai_bango": row[0] if row and row[1] == atena_bango else "",
        "shusei_date": kernel.iso(shusei_date or _today()),
        "tsuchi_date": kernel.iso(tsuchi_date),
        "riyu": riyu,
        "changes": out,
    }


@dataclass
class ShuseiPlan:
    person: Jumin
    changes: dict[str, Any]  # model values, only what differs
    shusei_date: datetime.date
    tsuchi_date: datetime.date | None
    riyu: str

    @property
    def nushi_renamed(self) -> bool:
        j = self.person
        return j.setai.setai_nushi_id == j.pk and bool({"shi", "mei"} & set(self.changes))


def plan_shusei(entry: dict[str, Any], *, lock: bool = False) -> ShuseiPlan:
    day = _need_date(entry, "shusei_date", "職権修正の年月日")
    tsuchi = _date(entry.get("tsuchi_date"))
    if day > _today() or (tsuchi and tsuchi > _today()):
        raise ProcedureRefused("未来の日付は入力できません。", field="shusei_date")
    riyu = str(entry.get("riyu") or "").strip()
    if not riyu:
        raise ProcedureRefused(
            "修正の理由を入力してください（留意事項に記録します）。", field="riyu"
        )
    person = _person(str(entry.get("atena_bango") or ""), lock=lock)
    if person.status != JuminStatus.LIVE:
        raise ProcedureRefused(
            f"{kernel.person_label(person)}は除票です（職権修正の対象は住民です）。"
        )
    changes: dict[str, Any] = {}
    for name, value in (entry.get("changes") or {}).items():
        if name not in SHUSEI_KEYS:
            raise ProcedureRefused(f"職権修正できない項目です: {name}")
        model_value = _model_value(name, value)
        if getattr(person, name) != model_value:
            changes[name] = model_value
    if not changes:
        raise ProcedureRefused("修正する項目がありません（現在の記載と同じです）。")
    if "zokugara" in changes:
        try:
            changes["zokugara"] = kernel.normalize_zokugara(str(changes["zokugara"]))
        except ValueError as exc:
            raise ProcedureRefused(str(exc), field="zokugara") from exc
        if SETAINUSHI in (changes["zokugara"], person.zokugara):
            raise ProcedureRefused(
                "世帯主の交替は職権修正ではできません（世帯変更で）。", field="zokugara"
            )
        if changes["zokugara"] == person.zokugara:
            del changes["zokugara"]
    for name in ("shi", "honseki"):
        if name in changes and not changes[name] and not person.is_foreign:
            raise ProcedureRefused("空欄にできない項目です（j60）。", field=name)
    return ShuseiPlan(person, changes, day, tsuchi, riyu)


def _field_label(name: str) -> str:
    if name in SHUSEI_LABELS:
        return SHUSEI_LABELS[name]
    return str(getattr(Jumin._meta.get_field(name), "verbose_name", name))


def _display(j: Jumin, name: str, value: Any) -> str:
    if isinstance(value, datetime.date):
        return kernel.wareki_text(value)
    f = Jumin._meta.get_field(name)
    choices = dict(getattr(f, "choices", None) or [])
    return str(choices.get(value, value) if value is not None else "")


class ShuseiItemsForm(JuminItemsForm):
    """The person's items, pre-filled; 住民種別 and 住民票コード shown, not editable."""

    jumin_date = RecordedDateField(label="住民となった年月日", allow_future=False)
    jusho_date = RecordedDateField(label="住所を定めた年月日", allow_future=False)
    todoke_date = None  # type: ignore[assignment]

    class Meta(JuminItemsForm.Meta):
        fields: ClassVar[list[str]] = ["shubetsu", "juminhyo_code", *SHUSEI_FIELDS]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["shubetsu"].disabled = True
        self.fields["juminhyo_code"].disabled = True
        if not self.instance.is_foreign:
            for name in kernel.FOREIGN_FIELDS:
                del self.fields[name]

    def validate_unique(self) -> None:
        """The numbers are not edited here."""


def _shusei_initial(j: Jumin) -> dict[str, Any]:
    initial: dict[str, Any] = {}
    for name, hyoki in DATE_FIELDS.items():
        if getattr(j, hyoki):
            initial[name] = getattr(j, hyoki)
    return initial


class ShokkenShuseiForm(forms.Form):
    """職権修正: the person (by 宛名番号), the reason and dates, then their items pre-filled.

    Posting with 「表示」 (name="search") or for another person reloads the items from the
    register; otherwise the items as typed are compared with the register and only the
    changed ones go into the entry.
    """

    atena_bango = forms.CharField(label="宛名番号（修正する方）", max_length=12)
    loaded = forms.CharField(widget=forms.HiddenInput, required=False)
    shusei_date = WarekiDateField(label="職権修正の年月日", allow_future=False)
    tsuchi_date = WarekiDateField(
        label="通知・届出年月日", required=False, allow_future=False, help_text="戸籍の通知など"
    )
    riyu = forms.CharField(
        label="修正の理由",
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="例: 戸籍の記載との相違（戸籍法第24条第4項通知）、入力誤り",
    )

    def __init__(self, data: Any = None, *, entry: dict[str, Any] | None = None) -> None:
        initial: dict[str, Any] = {}
        if entry and data is None:
            initial = {
                "atena_bango": entry.get("atena_bango", ""),
                "loaded": entry.get("atena_bango", ""),
                "shusei_date": _date(entry.get("shusei_date")),
                "tsuchi_date": _date(entry.get("tsuchi_date")),
                "riyu": entry.get("riyu", ""),
            }
        elif data is None:
            initial = {"shusei_date": _today()}
        super().__init__(data, initial=initial)
        self.entry: dict[str, Any] | None = None
        self.person: Jumin | None = None
        self.items: ShuseiItemsForm | None = None
        self.reloaded = False
        searched = str(
            (data.get("atena_bango") if data is not None else None)
            or initial.get("atena_bango")
            or ""
        )
        if searched:
            self.person = (
                Jumin.objects.select_related("setai", "chouaza")
                .filter(atena_bango=numbers.normalize_digits(searched), status=JuminStatus.LIVE)
                .first()
            )
        if self.person is None:
            return
        shown = Jumin.objects.get(pk=self.person.pk)  # the copy the form may modify
        bound_items = (
            data is not None
            and "search" not in data
            and data.get("loaded") == self.person.atena_bango
        )
        if bound_items:
            self.items = ShuseiItemsForm(data, prefix="items", instance=shown)
            return
        if data is not None:
            self.reloaded = True
        if entry and data is None:
            for name, value in (entry.get("changes") or {}).items():
                setattr(shown, name, _model_value(name, value))
        self.items = ShuseiItemsForm(prefix="items", instance=shown, initial=_shusei_initial(shown))
        if data is not None:
            mutable = data.copy()
            mutable["loaded"] = self.person.atena_bango
            self.data = mutable

    def full_clean(self) -> None:
        super().full_clean()
        self.entry = None
        if not self.is_bound:
            return
        if self.person is None:
            self.add_error("atena_bango", "住民である方の宛名番号を入力し、表示してください。")
            return
        if self.reloaded or self.items is None:
            return  # the items were (re)loaded: the clerk edits them, then posts again
        items_ok = self.items.is_valid()
        if not items_ok:
            self.add_error(None, "修正する項目に誤りがあります。")
        if self.errors:
            return
        before = self.person
        after = self.items.instance
        changes: dict[str, Any] = {}
        for name in SHUSEI_KEYS:
            if name not in self.items.fields and name not in DATE_FIELDS.values():
                continue
            if getattr(after, name) != getattr(before, name):
                changes[name] = _json_value(name, getattr(after, name))
        c = self.cleaned_data
        entry = {
            "atena_bango": before.atena_bango,
            "setai_bango": before.setai.setai_bango
            if before.setai.setai_nushi_id == before.pk
            else "",
            "shusei_date": kernel.iso(c["shusei_date"]),
            "tsuchi_date": kernel.iso(c.get("tsuchi_date")),
            "riyu": c["riyu"].strip(),
            "changes": changes,
        }
        try:
            plan_shusei(entry)
        except ProcedureRefused as exc:
            if exc.field and exc.field in self.items.fields:
                self.items.add_error(exc.field, exc.message)
                self.add_error(None, exc.message)
            else:
                _place_refusal(self, exc, {})
            return
        self.entry = entry

    def is_valid(self) -> bool:
        return self.is_bound and not self.errors and self.entry is not None


class ShokkenShuseiKind(_ShokkenKind):
    """職権修正 (items of one person)."""

    code: ClassVar[str] = "shokken_shusei"
    label: ClassVar[str] = "職権修正"
    ido_jiyu: ClassVar[IdoJiyu] = IdoJiyu.SHOKKEN_SHUSEI
    template: ClassVar[str] = "juki/ido/shokken_shusei_entry.html"

    form_class = ShokkenShuseiForm

    def subjects(self, entry: dict[str, Any]) -> list[Subject]:
        return _leave_subjects(entry)

    def rule_flags(self, entry: dict[str, Any]) -> list[str]:
        plan = plan_shusei(entry)
        if plan.nushi_renamed:
            return ["世帯主の氏名の修正：世帯員全員の住民票の世帯主の氏名も修正されます（j840）。"]
        return []

    def entry_summary(self, entry: dict[str, Any]) -> str:
        names = "・".join(_field_label(n) for n in (entry.get("changes") or {}))
        return f"職権修正 宛名番号{entry.get('atena_bango', '')}（{names}）"

    def review(self, procedure: Procedure) -> list[ReviewBlock]:
        if self._approved(procedure):
            return [_approved_block(procedure)]
        plan = plan_shusei(procedure.entry)
        j = plan.person
        head = ReviewBlock(
            "職権修正の内容",
            [
                ReviewRow("修正の理由", "", plan.riyu),
                ReviewRow("職権修正の年月日", "", kernel.wareki_text(plan.shusei_date)),
                ReviewRow("通知・届出年月日", "", kernel.wareki_text(plan.tsuchi_date)),
            ],
        )
        rows = [
            ReviewRow(_field_label(n), _display(j, n, getattr(j, n)), _display(j, n, v))
            for n, v in plan.changes.items()
        ]
        return [head, ReviewBlock(f"修正する方：{kernel.person_label(j)}", rows)]

    def apply(
        self, procedure: Procedure, *, acting_user: StaffUser, terminal: Terminal | None
    ) -> dict[str, Any]:
        plan = plan_shusei(procedure.entry, lock=True)
        j = plan.person
        ctx = _ctx(
            self,
            acting_user,
            terminal,
            ido_date=plan.shusei_date,
            todoke_date=plan.tsuchi_date,
            ryuiji=plan.riyu,
        )
        renamed = plan.nushi_renamed
        row = services.update_person(j, plan.changes, ctx)
        assert row is not None
        members: dict[str, int] = {}
        if renamed:
            mctx = services.IdoContext(
                acting_user=acting_user,
                terminal=terminal,
                ido_jiyu=IdoJiyu.SHOKKEN_SHUSEI,
                ido_date=plan.shusei_date,
                todoke_date=plan.tsuchi_date,
                ryuiji=f"{SHUSEI_NUSHI_RYUIJI}（{plan.riyu}）"[:400],
            )
            setai = j.setai
            setai.setai_nushi = j
            for m in services.live_members(setai, lock=True):
                if m.pk != j.pk:
                    members[m.atena_bango] = services.append_rireki(
                        m, mctx, ["setai_nushi"]
                    ).rireki_no
        changed = set(plan.changes)
        base = {
            "jiyu": self.ido_jiyu.label,
            "ido_date": kernel.iso(plan.shusei_date),
            "todoke_date": kernel.iso(plan.tsuchi_date),
            "changed": sorted(changed),
        }
        box = _Outbox(procedure)
        person = kernel.person_payload(j)
        if changed & CS_ITEMS:
            box.send(
                OutboxDestination.JUKINET_CS,
                "honnin_kakunin_koshin",
                {**base, "person": person},
                j.atena_bango,
            )
        if changed & FUHYO_ITEMS and not j.is_foreign and kernel.has_honseki(j):
            box.send(
                OutboxDestination.HONSEKICHI,
                "fuhyo_tsuchi",
                {**base, "person": person, "honseki": j.honseki, "hittousha": j.hittousha},
                j.atena_bango,
            )
        for dest in kernel.takka_destinations(j, plan.shusei_date):
            box.send(dest, "jumin_ido", {**base, "persons": [person]}, j.atena_bango)
        return {
            "kind": self.code,
            "atena_bango": j.atena_bango,
            "setai_bango": j.setai.setai_bango,
            "changed": sorted(changed),
            "rireki_no": row.rireki_no,
            "member_rireki": members,
            "outbox": box.write(),
        }

    def handover_documents(self, procedure: Procedure) -> list[str]:
        return ["職権記載等通知書"]


KINDS: tuple[ProcedureKind, ...] = (
    ShusseiKind(),
    ShibouKind(),
    ShokkenKisaiKind(),
    ShokkenShojoKind(),
    ShokkenShuseiKind(),
)
for _kind in KINDS:
    register_kind(_kind)
