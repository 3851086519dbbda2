"""Fees and the レジ: what is due at 交付, taking it, refunds, adjustments, closing a day.

The only writers of the fee models (counter.models_fees); every `do_*` is one
transaction and leaves a row in the 操作ログ. An amount is never typed: a kind's
`fee_lines()` say what is issued and how many, the 手数料 master in force on the day of
交付 gives the price (地方自治法第227条, 第228条: the fee is the city's 条例's), and the
change is what was received minus the total. Each write locks its レジ's row first, so a
payment and the closing of the same レジ and day never pass each other: once a day is
closed (`RejiClosing`), nothing more is written for that レジ and day (docs/adr/0024).
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from django.db import transaction
from django.utils import timezone

from jputil.wareki import to_wareki

from . import audit

# the reading half (prices, dues, a terminal's レジ) lives in counter.fees_dues, re-exported
# here because every caller knows the fees by this module's name
from .fees_dues import DueLine as DueLine
from .fees_dues import Dues as Dues
from .fees_dues import dues_of as dues_of
from .fees_dues import expected_cash as expected_cash
from .fees_dues import is_closed as is_closed
from .fees_dues import reji_of as reji_of
from .fees_dues import tesuryo_on as tesuryo_on

# taking money (the checks and the one writer of a Payment) is shared with counter.charges
from .fees_payment import MAX_RECEIVED_YEN
from .fees_payment import fee_target as _fee_target
from .fees_payment import takeable as _takeable
from .fees_payment import write_payment as _write_payment
from .models import AuditAction, StaffUser, Terminal
from .models_fees import (
    ChangeMethod,
    FeeRow,
    FeeRowKind,
    Payment,
    PaymentMethod,
    Reji,
    RejiClosing,
    TesuryoMaster,
)
from .procedure_kinds import FeeBasis
from .procedure_models import Procedure, Reception
from .refusals import ProcedureRefused, RefusalRecord, terminal_code
from .refusals import audited as _audited
from .services import do_issue

# --------------------------------------------------------------------------- writing


def _open_reji(reji: Reji, day: datetime.date, what: str) -> Reji:
    """The レジ locked for writing, refused when its day is closed."""
    locked = Reji.objects.select_for_update().get(pk=reji.pk)
    if is_closed(locked, day):
        raise ProcedureRefused(
            f"{locked.name}の{to_wareki(day)}は日締め済みのため、{what}は記録できません"
            "（締めた日の訂正は、締めていない日に調整として記録します）。"
        )
    return locked


def _is_city_staff(user: StaffUser) -> bool:
    # 職員 (and 監督者): the city's own staff; a 受注者 handles no refund (ADR 0024)
    return user.has_perm("counter.approve_procedure")


@_audited
@transaction.atomic
def do_handover(
    reception: Reception,
    procedures: Sequence[Procedure],
    *,
    received_yen: int | None,
    acting_user: StaffUser,
    terminal: Terminal | None,
    method: PaymentMethod | str = PaymentMethod.GENKIN,
    change_method: ChangeMethod | str = ChangeMethod.GENKIN,
) -> Payment | None:
    """交付 with its fee: the procedures handed over (services.do_issue) and the money
    taken (a Payment and one FeeRow per fee line) in one transaction, or neither.

    The amounts come from the master in force today; the change is computed. A
    reception whose procedures carry no fee lines is handed over as before (None).
    ``method``: 定額小為替 for a 郵送請求, whose change goes back by post as 定額小為替 or
    切手 (``change_method``; cash cannot be mailed, 郵便法第17条)."""
    now = timezone.now()
    day = timezone.localdate(now)
    dues = dues_of(procedures, day)
    if not dues.lines:
        for procedure in procedures:
            do_issue(procedure, acting_user=acting_user, terminal=terminal)
        return None
    reji = window_reji(terminal, day)
    received = _takeable(dues.total_yen, received_yen, method, change_method)
    for procedure in procedures:
        do_issue(procedure, acting_user=acting_user, terminal=terminal)
    return _write_payment(
        dues.lines,
        reji=reji,
        reception=reception,
        received=received,
        method=method,
        change_method=change_method,
        acting_user=acting_user,
        terminal=terminal,
        now=now,
        detail={"reception": reception.pk},
    )


def window_reji(terminal: Terminal | None, day: datetime.date) -> Reji:
    """The terminal's レジ, locked and open for the day, or the refusal a window shows."""
    reji = reji_of(terminal)
    if reji is None:
        raise ProcedureRefused(
            "この端末にはレジが設定されていないため、手数料を収納できません"
            "（レジのある窓口の端末で交付してください）。"
        )
    return _open_reji(reji, day, "収納")


def _required_reason(reason: str, act: str) -> str:
    reason = reason.strip()
    if not reason:
        raise ProcedureRefused(f"{act}の理由を入力してください。", field="reason")
    return reason[:200]


def _refuse_contractor(acting_user: StaffUser, terminal: Terminal | None, act: str) -> None:
    if not _is_city_staff(acting_user):
        raise ProcedureRefused(
            f"{act}は市の職員だけが行えます（受注者は行えません）。",
            audit=RefusalRecord(
                acting_user,
                terminal_code(terminal),
                _fee_target(act, ""),
                {"act": act, "rule": "permission"},
            ),
        )


@_audited
@transaction.atomic
def do_refund(
    fee_row: FeeRow,
    *,
    reason: str,
    acting_user: StaffUser,
    terminal: Terminal | None = None,
    reji: Reji | None = None,
) -> FeeRow:
    """返金: a new row with the negative amount of the row refunded, by a 職員 with a
    reason, on today's open day of the レジ the cash leaves (the row's own by default)."""
    _refuse_contractor(acting_user, terminal, "返金")
    reason = _required_reason(reason, "返金")
    row = FeeRow.objects.select_related("refund").get(pk=fee_row.pk)
    if row.kind != FeeRowKind.SHUUNOU:
        raise ProcedureRefused("返金できるのは収納した手数料の行だけです。")
    if hasattr(row, "refund"):
        raise ProcedureRefused("この手数料は既に返金されています。")
    if row.amount_yen <= 0:
        raise ProcedureRefused(f"{row.get_basis_display()}の0円の行は返金できません。")
    now = timezone.now()
    day = timezone.localdate(now)
    target_reji = _open_reji(reji or row.reji, day, "返金")
    refund = FeeRow.objects.create(
        kind=FeeRowKind.HENKIN,
        payment=row.payment,
        procedure=row.procedure,
        reception=row.reception,
        reji=target_reji,
        business_date=day,
        code=row.code,
        label=row.label,
        basis=row.basis,
        unit_yen=row.unit_yen,
        quantity=-row.quantity,
        amount_yen=-row.amount_yen,
        refund_of=row,
        reason=reason,
        recorded_by=acting_user,
        recorded_at=now,
    )
    audit.record(
        AuditAction.CHANGE,
        user=acting_user,
        terminal_code=terminal_code(terminal),
        target=_fee_target(str(refund), refund.pk),
        detail={
            "act": "返金",
            "refund_of": row.pk,
            "amount_yen": refund.amount_yen,
            "reason": reason,
        },
    )
    return refund


@_audited
@transaction.atomic
def do_adjust(
    reji: Reji,
    *,
    adjusts_date: datetime.date,
    code: str,
    label: str,
    amount_yen: int,
    reason: str,
    acting_user: StaffUser,
    terminal: Terminal | None = None,
) -> FeeRow:
    """調整: a correction of a closed day, written on today's open day of the レジ (the
    closed day is never changed), by a 職員 with a reason."""
    _refuse_contractor(acting_user, terminal, "調整")
    reason = _required_reason(reason, "調整")
    if amount_yen == 0:
        raise ProcedureRefused("調整の金額を入力してください。", field="amount_yen")
    now = timezone.now()
    day = timezone.localdate(now)
    locked = _open_reji(reji, day, "調整")
    row = FeeRow.objects.create(
        kind=FeeRowKind.CHOUSEI,
        reji=locked,
        business_date=day,
        code=code,
        label=label,
        basis=FeeBasis.TSUUJOU,
        unit_yen=amount_yen,
        quantity=0,
        amount_yen=amount_yen,
        adjusts_date=adjusts_date,
        reason=reason,
        recorded_by=acting_user,
        recorded_at=now,
    )
    audit.record(
        AuditAction.CHANGE,
        user=acting_user,
        terminal_code=terminal_code(terminal),
        target=_fee_target(str(row), row.pk),
        detail={"act": "調整", "adjusts_date": adjusts_date.isoformat(), "amount_yen": amount_yen},
    )
    return row


@_audited
@transaction.atomic
def do_close_day(
    reji: Reji,
    day: datetime.date,
    *,
    counted_yen: int,
    acting_user: StaffUser,
    terminal: Terminal | None = None,
) -> RejiClosing:
    """日締め: the レジ's day closed with the cash counted and the cash expected as it is
    now; afterwards no payment, refund or adjustment is written for that レジ and day."""
    _refuse_contractor(acting_user, terminal, "日締め")
    if counted_yen < 0:
        raise ProcedureRefused("現金有高は0円以上で入力してください。", field="counted_yen")
    if day > timezone.localdate():
        raise ProcedureRefused("まだ来ていない日は締められません。", field="day")
    locked = _open_reji(reji, day, "日締め")
    closing = RejiClosing.objects.create(
        reji=locked,
        business_date=day,
        counted_yen=counted_yen,
        expected_yen=expected_cash(locked, day),
        closed_by=acting_user,
        closed_at=timezone.now(),
    )
    audit.record(
        AuditAction.CHANGE,
        user=acting_user,
        terminal_code=terminal_code(terminal),
        target=audit.AuditTarget("reji_closing", str(closing.pk), str(closing)),
        detail={
            "act": "日締め",
            "reji": locked.code,
            "day": day.isoformat(),
            "counted_yen": counted_yen,
            "expected_yen": closing.expected_yen,
        },
    )
    return closing


@_audited
@transaction.atomic
def do_add_tesuryo(
    *,
    code: str,
    label: str,
    amount_yen: int,
    valid_from: datetime.date,
    acting_user: StaffUser,
) -> TesuryoMaster:
    """A new price from a date (手数料条例の改正): a new row; the row in force before it
    only gets its end date. A price that was already in force is never changed, so the
    date must be after today (a fee taken today keeps today's price)."""
    if not acting_user.has_perm("counter.manage_masters"):
        raise ProcedureRefused("手数料マスタは管理者だけが登録できます。")
    if amount_yen < 0:
        raise ProcedureRefused("手数料は0円以上で入力してください。", field="amount_yen")
    today = timezone.localdate()
    if valid_from <= today:
        raise ProcedureRefused(
            "適用開始日は明日以降の日付にしてください（適用中・過去の手数料は変更できません）。",
            field="valid_from",
        )
    rows = TesuryoMaster.objects.select_for_update().filter(code=code)
    later = rows.filter(valid_from__gte=valid_from).first()
    if later is not None:
        raise ProcedureRefused(
            f"{to_wareki(later.valid_from)}から適用する手数料が既にあります"
            "（それより後の日付を入力してください）。",
            field="valid_from",
        )
    before = valid_from - datetime.timedelta(days=1)
    rows.filter(valid_from__lt=valid_from).exclude(valid_to__lt=valid_from).update(valid_to=before)
    row = TesuryoMaster.objects.create(
        code=code,
        label=label,
        amount_yen=amount_yen,
        valid_from=valid_from,
        created_by=acting_user,
        created_at=timezone.now(),
    )
    audit.record(
        AuditAction.CHANGE,
        user=acting_user,
        target=audit.AuditTarget("tesuryo", str(row.pk), str(row)),
        detail={"act": "手数料登録", "code": code, "amount_yen": amount_yen},
    )
    return row


__all__ = [
    "MAX_RECEIVED_YEN",
    "DueLine",
    "Dues",
    "do_add_tesuryo",
    "do_adjust",
    "do_close_day",
    "do_handover",
    "do_refund",
    "dues_of",
    "expected_cash",
    "is_closed",
    "reji_of",
    "tesuryo_on",
]
