"""本人通知書: the printed notice (the same facts as the outbox message, never the
requester's name; ADR 0034)."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone

from counter.documents import render_pdf
from counter.procedure_kinds import RequesterCategory
from jputil.wareki import to_wareki

from .models import HonninTsuchi

FORM_NAME = "本人通知書"
TEMPLATE = "documents/honnin_tsuchi.html"


@dataclass(frozen=True)
class Notice:
    """One page: the addressee (the 本人) and what was issued about them."""

    number: int
    name: str
    address: str
    koufu_date: str
    shubetsu: str
    tsusu: int
    kubun: str


def notice_of(row: HonninTsuchi) -> Notice:
    return Notice(
        number=row.pk,
        name=row.shimei,
        address=row.soufu_jusho,
        koufu_date=to_wareki(row.koufu_date),
        shubetsu=row.shubetsu_label,
        tsusu=row.tsusu,
        kubun=RequesterCategory(row.seikyusha_kubun).label,
    )


def render(notices: Sequence[Notice], *, today: datetime.date | None = None) -> bytes:
    return render_pdf(
        TEMPLATE,
        {
            "form_name": FORM_NAME,
            "municipality": settings.MUNICIPALITY_NAME,
            "mayor": settings.MAYOR_TITLE,
            "procedure_label": "",
            "issued_on": to_wareki(today or timezone.localdate()),
            "notices": list(notices),
        },
    )


def build_sample() -> bytes:
    notice = Notice(
        number=1,
        name="髙橋　花子",
        address="東京都墨田区吾妻橋一丁目1番2号",
        koufu_date="令和8年4月1日",
        shubetsu="住民票の写し",
        tsusu=1,
        kubun=RequesterCategory.DAISANSHA.label,
    )
    return render([notice], today=datetime.date(2026, 4, 3))
