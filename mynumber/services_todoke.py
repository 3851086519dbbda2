"""The writes of the 個人番号通知書管理簿【返戻】, the 通知カード 届出 and the 交付申請書交付管理簿.

Each runs in the caller's transaction (a kind's ``apply()`` at 承認) or its own (the
back office registering a returned 通知書, the daily 廃棄 of those past the city's keeping
period). A returned 通知書 moves only through its FSM here, each move one history row.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from counter import outbox
from jputil.numbers import with_check_digit
from juki.services import allocate_numbers

from . import services
from .messages import CARD_KANRI
from .messages_todoke import TORIKESHI, TSUCHI_CARD
from .models import Card
from .models_shinseisho import ShinseishoKoufu
from .models_tsuchi import (
    HenreiRiyu,
    HenreiStatus,
    TsuchiCardTodoke,
    TsuchiCardTodokeKind,
    TsuchishoHenrei,
    TsuchishoHenreiRireki,
)

if TYPE_CHECKING:
    from counter.models import Procedure, StaffUser
    from juki.models import Jumin

SEQ_SHINSEISHO = "mynumber_shinseisho_id"
#: the 申請書ID's width: 22 digits of sequence and a check digit
SHINSEISHO_ID_DIGITS = 23


def hokan_days() -> int:
    """How long the city keeps a returned 通知書 before destroying it (a setting: the law
    leaves it to the city; many keep about a year)."""
    return int(getattr(settings, "MYNUMBER_TSUCHISHO_HOKAN_DAYS", 365))


def _history(henrei: TsuchishoHenrei, before: str, act: str, acting_user: StaffUser | None) -> None:
    TsuchishoHenreiRireki.objects.create(
        henrei=henrei,
        at=timezone.now(),
        by=acting_user,
        from_status=before,
        to_status=henrei.status,
        act=act,
    )


@transaction.atomic
def do_henrei_uketsuke(
    jumin: Jumin,
    *,
    henrei_date: datetime.date,
    riyu: HenreiRiyu | str,
    acting_user: StaffUser | None,
) -> TsuchishoHenrei:
    """A 通知書 the post brought back, written into the 管理簿 (保管中 until its 保管期限)."""
    henrei = TsuchishoHenrei.objects.create(
        jumin=jumin,
        henrei_date=henrei_date,
        henrei_riyu=HenreiRiyu(riyu),
        hokan_kigen=henrei_date + datetime.timedelta(days=hokan_days()),
    )
    _history(henrei, "", "返戻の受付", acting_user)
    return henrei


@transaction.atomic
def do_tsuchisho_koufu(
    henrei: TsuchishoHenrei,
    *,
    day: datetime.date,
    uketorinin_shimei: str,
    uketorinin_kubun: str,
    honnin_kakunin: str,
    dairiken: str,
    procedure: Procedure | None,
    acting_user: StaffUser | None,
) -> TsuchishoHenrei:
    """交付: the 管理簿 records who took it and which ID was shown (seed ⑥)."""
    before = henrei.status
    henrei.koufu()
    henrei.koufu_date = day
    henrei.uketorinin_shimei = uketorinin_shimei[:100]
    henrei.uketorinin_kubun = uketorinin_kubun
    henrei.honnin_kakunin = honnin_kakunin
    henrei.dairiken = dairiken
    henrei.procedure = procedure
    henrei.save(
        update_fields=[
            "status",
            "koufu_date",
            "uketorinin_shimei",
            "uketorinin_kubun",
            "honnin_kakunin",
            "dairiken",
            "procedure",
        ]
    )
    _history(henrei, before, "窓口で交付", acting_user)
    return henrei


@transaction.atomic
def do_haiki_expired(day: datetime.date, *, acting_user: StaffUser | None = None) -> int:
    """廃棄 every 通知書 still kept whose 保管期限 has passed (idempotent)."""
    count = 0
    rows = TsuchishoHenrei.objects.select_for_update().filter(
        status=HenreiStatus.HOKAN, hokan_kigen__lt=day
    )
    for henrei in rows:
        before = henrei.status
        henrei.haiki()
        henrei.haiki_date = day
        henrei.save(update_fields=["status", "haiki_date"])
        _history(henrei, before, "保管期間経過により廃棄", acting_user)
        count += 1
    return count


@transaction.atomic
def do_tsuchi_card_todoke(
    jumin: Jumin,
    *,
    kind: TsuchiCardTodokeKind,
    todoke_date: datetime.date,
    jiyu: str,
    jiyu_label: str,
    kanpu: bool,
    procedure: Procedure,
    acting_user: StaffUser | None,
) -> TsuchiCardTodoke:
    """The 届出 recorded, and the CS terminal's 運用状況 sent (紛失, or 返納: 廃止・回収)."""
    todoke = TsuchiCardTodoke.objects.create(
        jumin=jumin,
        kind=kind,
        todoke_date=todoke_date,
        jiyu=jiyu,
        jiyu_label=jiyu_label[:60],
        kanpu=kanpu,
        procedure=procedure,
        created_at=timezone.now(),
        created_by=acting_user,
    )
    outbox.enqueue(
        destination=CARD_KANRI,
        message_type=TSUCHI_CARD,
        payload={
            "juminhyo_code": jumin.juminhyo_code or "",
            "atena_bango": jumin.atena_bango,
            "date": todoke_date.isoformat(),
            "joukyou": str(kind),
            "jiyu_label": todoke.jiyu_label,
            "kanpu": kanpu,
        },
        idempotency_key=f"mynumber-tsuchi-card-{todoke.pk}",
        source_type="mynumber.tsuchi_card",
        source_id=todoke.pk,
    )
    return todoke


def new_shinseisho_id() -> str:
    """A 申請書ID: a row-locked sequence with a check digit, 23 digits."""
    (number,) = allocate_numbers(SEQ_SHINSEISHO)
    return with_check_digit(number, SHINSEISHO_ID_DIGITS - 1)


@transaction.atomic
def do_shinseisho_koufu(
    jumin: Jumin,
    *,
    day: datetime.date,
    uketorinin_kubun: str,
    uketorinin_shimei: str,
    honnin_kakunin: str,
    fuutou: bool,
    procedure: Procedure,
    acting_user: StaffUser | None,
) -> ShinseishoKoufu:
    """A 交付申請書 printed for the person and written into the 管理簿."""
    return ShinseishoKoufu.objects.create(
        jumin=jumin,
        shinseisho_id=new_shinseisho_id(),
        koufu_date=day,
        uketorinin_kubun=uketorinin_kubun,
        uketorinin_shimei=uketorinin_shimei[:100],
        honnin_kakunin=honnin_kakunin,
        fuutou=fuutou,
        procedure=procedure,
        created_at=timezone.now(),
        created_by=acting_user,
    )


@transaction.atomic
def do_torikeshi(
    card: Card,
    *,
    day: datetime.date,
    reason: str,
    procedure: Procedure,
    acting_user: StaffUser | None,
) -> Card:
    """申請取消: the card's FSM (mynumber.services.do_cancel_application, which tells J-LIS
    of a card it delivered by its 廃止); a card not yet delivered is stopped by its own
    message, so the card management system hears of every 取消."""
    delivered = bool(card.hakkou_bango)
    shinsei_date = card.shinsei_date
    services.do_cancel_application(
        card, day=day, acting_user=acting_user, procedure=procedure, reason=reason
    )
    if not delivered:
        jumin = card.jumin
        outbox.enqueue(
            destination=CARD_KANRI,
            message_type=TORIKESHI,
            payload={
                "juminhyo_code": jumin.juminhyo_code or "",
                "atena_bango": jumin.atena_bango,
                "shinsei_date": (shinsei_date or day).isoformat(),
                "date": day.isoformat(),
            },
            idempotency_key=f"mynumber-card-{card.pk}-torikeshi",
            source_type="mynumber.card",
            source_id=card.pk,
        )
    return card
