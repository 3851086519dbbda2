"""The 処理簿 (what was received and sent on a day) and the 精算書 of the day's 定額小為替
(seed 004 ⑥: 処理簿への記載、精算書の作成). Amounts are the counter's Payment and fee
rows (method 定額小為替): nothing here holds a figure of its own."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet, Sum
from django.db.models.functions import Coalesce

from counter.models_fees import ChangeMethod, Payment, PaymentMethod
from counter.procedure_kinds import get_kind
from counter.procedure_models import Procedure, ProcedureState

from .models import YuusouSeikyu


@dataclass(frozen=True)
class ShoriboLine:
    """One envelope: 受付日, 受付番号, 請求者, 種別・通数, 小為替, 返送, 発送日."""

    item: YuusouSeikyu
    shubetsu: str
    kogawase_yen: int
    fees_yen: int | None
    change: str

    @property
    def reception_no(self) -> int:
        return self.item.reception.ticket_no


def _tsusu(procedure: Procedure) -> int:
    try:
        return max(int((procedure.entry or {}).get("tsusu", 1) or 1), 1)
    except (TypeError, ValueError):
        return 1


def shoribo_items(day: datetime.date) -> QuerySet[YuusouSeikyu]:
    """The envelopes received or sent on `day`, in three queries."""
    return (
        YuusouSeikyu.objects.filter(Q(received_date=day) | Q(hassou_date=day))
        .select_related("reception")
        .prefetch_related(
            Prefetch(
                "reception__procedures",
                queryset=Procedure.objects.exclude(state=ProcedureState.TORISAGE).order_by("pk"),
            ),
            "reception__payments",
        )
        .order_by("received_date", "reception__ticket_no", "pk")
    )


def shoribo(day: datetime.date) -> list[ShoriboLine]:
    lines = []
    for item in shoribo_items(day):
        kinds = [f"{get_kind(p.kind).label}{_tsusu(p)}通" for p in item.reception.procedures.all()]
        payments = list(item.reception.payments.all())
        fees = sum(p.total_yen for p in payments) if payments else None
        change = "・".join(
            f"{p.get_change_method_display()}{p.change_yen:,}円" for p in payments if p.change_yen
        )
        lines.append(ShoriboLine(item, "、".join(kinds), item.kogawase_yen, fees, change))
    return lines


@dataclass(frozen=True)
class Seisansho:
    """精算書 of a day: the 定額小為替 taken, the fees, the change sent back, the balance."""

    day: datetime.date
    count: int
    received_yen: int
    fees_yen: int
    change_kogawase_yen: int
    change_kitte_yen: int

    @property
    def balance_yen(self) -> int:
        """差引: what stays with the city, the fees (received minus the change)."""
        return self.received_yen - self.change_kogawase_yen - self.change_kitte_yen


def seisansho(day: datetime.date) -> Seisansho:
    """One aggregate over the day's payments in 定額小為替."""

    def total(field: str, when: Q | None = None) -> Coalesce:
        return Coalesce(Sum(field, filter=when), 0)

    sums = Payment.objects.filter(business_date=day, method=PaymentMethod.KOGAWASE).aggregate(
        count=Count("pk"),
        received_yen=total("received_yen"),
        fees_yen=total("total_yen"),
        change_kogawase_yen=total("change_yen", Q(change_method=ChangeMethod.KOGAWASE)),
        change_kitte_yen=total("change_yen", Q(change_method=ChangeMethod.KITTE)),
    )
    return Seisansho(day, **{k: int(v) for k, v in sums.items()})
