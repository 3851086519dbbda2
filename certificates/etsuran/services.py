"""The only writers of the 閲覧 models: each `do_*` is one transaction, moves the
booking by its transition, writes its EtsuranRireki row and its 操作ログ row.

- 受付 (予約): the items of 第11条の2第2項 (第11条第2項 for a 機関) and the purpose
  checked against the rules (rules.purpose_problems): 営利 is refused with its rule.
- 審査 and 承認: maker-checker (ADR 0033): the 職員 who decides (承認・不承認) is neither
  the one who took the booking nor the one who reviewed it; only city staff decide
  (第11条の2第1項: the 市町村長 judges the 申出 相当).
- The visit: only on the booked day, an approved booking, with the 閲覧者's photo ID
  (省令第2条第3項); it ends with the count of persons transcribed and the fee, which
  is taken at a window's レジ afterwards (do_shuunou through counter.charges: ADR 0033's
  amendment). Each showing of the list keeps the persons shown (record_shown).
"""

from __future__ import annotations

import datetime
import secrets
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils import timezone

from counter import audit
from counter.charges import do_charge
from counter.fees import tesuryo_on
from counter.models import AuditAction, StaffUser, Terminal
from counter.models_fees import Payment
from counter.procedure_kinds import FeeBasis, FeeLine
from counter.refusals import ProcedureRefused

from .models import EtsuranHyoji, EtsuranKai, EtsuranMoushide, EtsuranRireki, EtsuranState
from .rules import KONKYO, MoushideshaKubun, is_free, purpose_problems

#: the 手数料マスタ's code of a 閲覧 (per person transcribed: the city's 手数料条例)
FEE_CODE = "etsuran"
FEE_LABEL = "住民基本台帳の閲覧"


class EtsuranRefused(ProcedureRefused):
    """A rule refuses a 閲覧 act; the message names it, next to its field."""


@dataclass
class MoushideData:
    """What the booking form gives (forms.MoushideForm.data_of)."""

    moushidesha_kubun: str
    moushidesha_name: str
    moushidesha_jusho: str
    mokuteki: str
    mokuteki_gaiyou: str
    etsuransha: list[str]
    chouaza_id: int
    etsuran_date: datetime.date
    jikan_waku: str
    daihyosha: str = ""
    kanri_basho: str = ""
    kanri_sekininsha: str = ""
    seika_toriatsukai: str = ""
    seiyakusho: bool = False
    nenrei_from: int | None = None
    nenrei_to: int | None = None
    narabi: str = "jusho"
    extra: dict[str, Any] = field(default_factory=dict)


def moushide_problems(d: MoushideData) -> list[tuple[str, str]]:
    """Every problem of a booking, each next to its field (empty when it may be taken)."""
    problems = purpose_problems(d.moushidesha_kubun, d.mokuteki)
    if not [n for n in d.etsuransha if n.strip()]:
        problems.append(
            ("etsuransha", "閲覧者の氏名を入力してください（住基法第11条の2第2項第3号）。")
        )
    if d.moushidesha_kubun == MoushideshaKubun.HOJIN and not d.daihyosha.strip():
        problems.append(
            ("daihyosha", "法人の代表者の氏名を入力してください（住基法第11条の2第2項第1号）。")
        )
    if d.moushidesha_kubun != MoushideshaKubun.KIKAN:
        if not (d.kanri_basho.strip() and d.kanri_sekininsha.strip()):
            problems.append(
                (
                    "kanri_basho",
                    "個人情報の管理の方法（保管場所・管理責任者）を入力してください"
                    "（住基法第11条の2第2項第4号）。",
                )
            )
        if not d.seiyakusho:
            problems.append(
                (
                    "seiyakusho",
                    "誓約書を受領してください（省令第2条第1項: 市町村長が適当と認める書類）。",
                )
            )
        if d.mokuteki == "chousa_kenkyu" and not d.seika_toriatsukai.strip():
            problems.append(
                (
                    "seika_toriatsukai",
                    "調査研究の成果の取扱い（公表の方法）を入力してください"
                    "（住基法第11条の2第2項第6号）。",
                )
            )
    if d.nenrei_from is not None and d.nenrei_to is not None and d.nenrei_from > d.nenrei_to:
        problems.append(("nenrei_to", "年齢（まで）は年齢（から）以上にしてください。"))
    return problems


def _target(moushide: EtsuranMoushide) -> audit.AuditTarget:
    return audit.AuditTarget("etsuran", str(moushide.pk), moushide.moushidesha_name)


def _move(
    moushide: EtsuranMoushide, before: str, user: StaffUser, at: datetime.datetime, reason: str = ""
) -> None:
    EtsuranRireki.objects.create(
        moushide=moushide, from_state=before, to_state=moushide.state, by=user, at=at, reason=reason
    )
    audit.record(
        AuditAction.CHANGE,
        user=user,
        target=_target(moushide),
        detail={"act": "閲覧申出", "from": before, "to": moushide.state, "reason": reason},
    )


def _locked(moushide: EtsuranMoushide) -> EtsuranMoushide:
    return EtsuranMoushide.objects.select_for_update().get(pk=moushide.pk)


def _require_state(moushide: EtsuranMoushide, *states: str) -> None:
    if moushide.state not in states:
        raise EtsuranRefused(
            f"この閲覧申出は「{moushide.get_state_display()}」のため、この操作はできません。"
        )


@transaction.atomic
def do_moushide(data: MoushideData, *, acting_user: StaffUser) -> EtsuranMoushide:
    """受付 (予約): the booking as 予約, or a refusal naming each rule broken."""
    problems = moushide_problems(data)
    if problems:
        field_name, message = problems[0]
        raise EtsuranRefused(message, field=field_name)
    now = timezone.now()
    moushide = EtsuranMoushide.objects.create(
        moushidesha_kubun=data.moushidesha_kubun,
        moushidesha_name=data.moushidesha_name,
        moushidesha_jusho=data.moushidesha_jusho,
        daihyosha=data.daihyosha,
        mokuteki=data.mokuteki,
        mokuteki_gaiyou=data.mokuteki_gaiyou,
        etsuransha=[n.strip() for n in data.etsuransha if n.strip()],
        kanri_basho=data.kanri_basho,
        kanri_sekininsha=data.kanri_sekininsha,
        seika_toriatsukai=data.seika_toriatsukai,
        seiyakusho=data.seiyakusho,
        chouaza_id=data.chouaza_id,
        etsuran_date=data.etsuran_date,
        jikan_waku=data.jikan_waku,
        nenrei_from=data.nenrei_from,
        nenrei_to=data.nenrei_to,
        narabi=data.narabi,
        entered_by=acting_user,
        entered_at=now,
    )
    _move(moushide, "", acting_user, now, KONKYO[data.mokuteki])
    return moushide


@transaction.atomic
def do_shinsa(moushide: EtsuranMoushide, *, acting_user: StaffUser) -> EtsuranMoushide:
    """審査の開始: a 職員 reads the documents (seed ⑥ 閲覧申請書等の審査)."""
    moushide = _locked(moushide)
    _require_state(moushide, EtsuranState.YOYAKU)
    before = moushide.state
    moushide.shinsa()
    moushide.shinsa_by = acting_user
    moushide.save(update_fields=["state", "shinsa_by"])
    _move(moushide, before, acting_user, timezone.now())
    return moushide


def _decider(moushide: EtsuranMoushide, user: StaffUser) -> None:
    if not user.has_perm("counter.approve_procedure"):
        raise EtsuranRefused("閲覧の承認・不承認は市の職員だけが行えます（住基法第11条の2第1項）。")
    if user.pk in (moushide.entered_by_id, moushide.shinsa_by_id):
        raise EtsuranRefused(
            "受付又は審査をした職員は、同じ閲覧申出を決定できません（ADR 0033: 二者確認）。"
        )


@transaction.atomic
def do_shonin(moushide: EtsuranMoushide, *, acting_user: StaffUser) -> EtsuranMoushide:
    """承認: the 申出 is 相当 (第11条の2第1項); the 閲覧者 may come on the booked day."""
    moushide = _locked(moushide)
    _require_state(moushide, EtsuranState.SHINSACHU)
    _decider(moushide, acting_user)
    before = moushide.state
    moushide.shonin()
    moushide.kettei_by, moushide.kettei_at = acting_user, timezone.now()
    moushide.save(update_fields=["state", "kettei_by", "kettei_at"])
    _move(moushide, before, acting_user, moushide.kettei_at)
    return moushide


@transaction.atomic
def do_fushonin(
    moushide: EtsuranMoushide, *, reason: str, acting_user: StaffUser
) -> EtsuranMoushide:
    """不承認, with its reason (told to the 申出者)."""
    if not reason.strip():
        raise EtsuranRefused("不承認の理由を入力してください。", field="reason")
    moushide = _locked(moushide)
    _require_state(moushide, EtsuranState.SHINSACHU)
    _decider(moushide, acting_user)
    before = moushide.state
    moushide.fushonin()
    moushide.kettei_by, moushide.kettei_at = acting_user, timezone.now()
    moushide.fushonin_riyu = reason.strip()
    moushide.save(update_fields=["state", "kettei_by", "kettei_at", "fushonin_riyu"])
    _move(moushide, before, acting_user, moushide.kettei_at, reason.strip())
    return moushide


@transaction.atomic
def do_torikeshi(
    moushide: EtsuranMoushide, *, reason: str, acting_user: StaffUser
) -> EtsuranMoushide:
    """取消 before the visit ends (a visit begun and not ended is cancelled with it)."""
    moushide = _locked(moushide)
    _require_state(moushide, EtsuranState.YOYAKU, EtsuranState.SHINSACHU, EtsuranState.SHONIN)
    before = moushide.state
    moushide.torikeshi()
    moushide.save(update_fields=["state"])
    _move(moushide, before, acting_user, timezone.now(), reason.strip())
    return moushide


@transaction.atomic
def do_kaishi(
    moushide: EtsuranMoushide,
    *,
    etsuransha_shimei: str,
    honnin_kakunin: str,
    acting_user: StaffUser,
) -> EtsuranKai:
    """The visit begins (seed ⑧〜⑫): the 閲覧者 is one the booking names and shows a photo
    ID (省令第2条第3項); the list's order is fixed by a new seed."""
    moushide = _locked(moushide)
    _require_state(moushide, EtsuranState.SHONIN)
    today = timezone.localdate()
    if moushide.etsuran_date != today:
        raise EtsuranRefused("閲覧は予約した閲覧日にだけ行えます。")
    if hasattr(moushide, "kai"):
        raise EtsuranRefused("この閲覧申出の閲覧は既に始まっています。")
    if not honnin_kakunin.strip():
        raise EtsuranRefused(
            "閲覧者の本人確認書類を確認してください（省令第2条第3項）。", field="honnin_kakunin"
        )
    named = {"".join(n.split()) for n in moushide.etsuransha}
    if "".join(etsuransha_shimei.split()) not in named:
        raise EtsuranRefused(
            "申出書に記載された閲覧者ではありません（住基法第11条の2第2項第3号）。",
            field="etsuransha_shimei",
        )
    kai = EtsuranKai.objects.create(
        moushide=moushide,
        etsuran_date=today,
        honnin_kakunin=honnin_kakunin.strip(),
        etsuransha_shimei=etsuransha_shimei.strip(),
        seed=secrets.randbits(62),
        started_by=acting_user,
        started_at=timezone.now(),
    )
    audit.record(
        AuditAction.CHANGE,
        user=acting_user,
        target=_target(moushide),
        detail={"act": "閲覧開始", "kai": kai.pk, "honnin_kakunin": kai.honnin_kakunin},
    )
    return kai


@transaction.atomic
def do_shuryo(kai: EtsuranKai, *, tenki_kensu: int, acting_user: StaffUser) -> EtsuranKai:
    """The visit ends (seed ⑭⑮): the persons transcribed are counted and priced per
    person by the 手数料マスタ of the day (code "etsuran"); 公用 is 0円 and still counted.
    The booking becomes 閲覧済."""
    kai = EtsuranKai.objects.select_for_update().get(pk=kai.pk)
    if kai.ended_at is not None:
        raise EtsuranRefused("この閲覧は既に終了しています。")
    if tenki_kensu < 0 or tenki_kensu > kai.list_count:
        raise EtsuranRefused(
            f"転記した件数は0から{kai.list_count}までで入力してください。", field="tenki_kensu"
        )
    moushide = _locked(kai.moushide)
    _require_state(moushide, EtsuranState.SHONIN)
    price = tesuryo_on(FEE_CODE, kai.etsuran_date, label=FEE_LABEL)
    kai.tenki_kensu = tenki_kensu
    kai.unit_yen = price.amount_yen
    kai.amount_yen = 0 if is_free(moushide.mokuteki) else price.amount_yen * tenki_kensu
    kai.ended_at = timezone.now()
    kai.save(update_fields=["tenki_kensu", "unit_yen", "amount_yen", "ended_at"])
    before = moushide.state
    moushide.etsuran()
    moushide.save(update_fields=["state"])
    _move(moushide, before, acting_user, kai.ended_at, f"転記 {tenki_kensu}件")
    return kai


def record_shown(
    kai: EtsuranKai,
    *,
    count: int,
    printed: bool,
    user: StaffUser,
    atena_bangos: Sequence[str] | None = None,
) -> None:
    """Every showing of the list (screen or print) leaves its 操作ログ row: the visit,
    the 町字, the seed and how many persons were shown; and, given the 宛名番号 of the
    persons shown, an EtsuranHyoji row that the resident's disclosure record reads
    (ADR 0034: "every 閲覧 that included them")."""
    if kai.list_count != count:
        kai.list_count = count
        kai.save(update_fields=["list_count"])
    if atena_bangos is not None:
        EtsuranHyoji.objects.create(
            kai=kai,
            shown_at=timezone.now(),
            printed=printed,
            count=len(atena_bangos),
            atena_bangos=EtsuranHyoji.pack(list(atena_bangos)),
        )
    audit.record(
        AuditAction.PRINT if printed else AuditAction.SEARCH,
        user=user,
        target=_target(kai.moushide),
        detail={
            "act": "閲覧用リスト",
            "kai": kai.pk,
            "chouaza": kai.moushide.chouaza_id,
            "seed": kai.seed,
            "count": count,
        },
    )


@transaction.atomic
def do_shuunou(
    kai: EtsuranKai,
    *,
    received_yen: int | None,
    acting_user: StaffUser,
    terminal: Terminal | None,
) -> Payment:
    """The fee of an ended visit taken at the レジ (seed ⑱): one FeeRow of code "etsuran"
    per visit, its quantity the persons transcribed, through counter.charges.do_charge
    as every fee of the office (ADR 0033's amendment); 公用 is a 0円 row of basis 公用,
    counted. Once per visit: the visit is locked and keeps its payment."""
    kai = EtsuranKai.objects.select_for_update().select_related("moushide").get(pk=kai.pk)
    if kai.ended_at is None or kai.tenki_kensu is None:
        raise EtsuranRefused("閲覧を終了して転記した件数を入力してから収納してください。")
    if kai.payment_id is not None:
        raise EtsuranRefused("この閲覧の手数料は既に収納しています。")
    if kai.tenki_kensu == 0:
        raise EtsuranRefused("転記した件数が0件のため、収納する手数料はありません。")
    basis = FeeBasis.KOUYOU if is_free(kai.moushide.mokuteki) else FeeBasis.TSUUJOU
    payment = do_charge(
        [FeeLine(FEE_CODE, FEE_LABEL, kai.tenki_kensu, basis)],
        received_yen=received_yen,
        acting_user=acting_user,
        terminal=terminal,
        what=str(kai),
    )
    kai.payment = payment
    kai.save(update_fields=["payment"])
    audit.record(
        AuditAction.CHANGE,
        user=acting_user,
        target=_target(kai.moushide),
        detail={"act": "閲覧手数料収納", "kai": kai.pk, "payment": payment.pk},
    )
    return kai.payment
