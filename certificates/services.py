"""The request side's writes: the 交付履歴 at 交付, the 住居表示 master, the purge.

``record_koufu`` runs inside do_issue's transaction (a certificate kind's ``issue``), so
the copies printed (their 発行記録, made by the renderer in the same transaction) and
the 交付履歴 commit or roll back with the act.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from counter.models import StaffUser, Terminal
from counter.procedure_kinds import FeeBasis, RequesterCategory
from counter.procedure_models import Procedure
from juki.address import Chouaza

from .printing import Rendered
from .records import JukyoHyojiJisshi, KoufuRireki, KoufuShomeisho, KoufuTaisho

#: what else happens when a 交付履歴 row is written, in the same transaction (the
#: 本人通知, ADR 0034); an app or a part registers its reaction once, in ready()
KOUFU_REACTIONS: list[Callable[[KoufuRireki], object]] = []


def on_koufu(reaction: Callable[[KoufuRireki], object]) -> None:
    if reaction not in KOUFU_REACTIONS:
        KOUFU_REACTIONS.append(reaction)


@dataclass(frozen=True)
class Taisho:
    """A person the certificate is about (不在住証明書: the name asked about, no 宛名番号)."""

    atena_bango: str
    shimei: str


@dataclass(frozen=True)
class Koufu:
    """What was handed over, as the 交付履歴 keeps it (j300)."""

    shubetsu: str
    shubetsu_label: str
    taishosha: Sequence[Taisho]
    kisai_jiko: Sequence[str]
    tsusu: int
    seikyusha_kubun: RequesterCategory
    seikyusha_shimei: str
    seikyu_jiyu: str
    fee_basis: FeeBasis


def record_koufu(
    procedure: Procedure,
    koufu: Koufu,
    copies: Sequence[Rendered],
    *,
    acting_user: StaffUser,
    terminal: Terminal | None,
) -> KoufuRireki:
    """The 交付履歴 row of ``procedure``, with its persons and its printed copies."""
    rireki = KoufuRireki.objects.create(
        procedure=procedure,
        koufu_at=timezone.now(),
        basho=terminal.place if terminal else "",
        terminal_code=terminal.code if terminal else "",
        issued_by=acting_user,
        shubetsu=koufu.shubetsu,
        shubetsu_label=koufu.shubetsu_label,
        taishosha=[{"atena_bango": t.atena_bango, "shimei": t.shimei} for t in koufu.taishosha],
        kisai_jiko=list(koufu.kisai_jiko),
        tsusu=koufu.tsusu,
        maisu=sum(c.page_count for c in copies),
        hakko_bangos=[number for c in copies for number in c.hakko_bangos],
        seikyusha_kubun=koufu.seikyusha_kubun,
        seikyusha_shimei=koufu.seikyusha_shimei,
        seikyu_jiyu=koufu.seikyu_jiyu,
        fee_basis=koufu.fee_basis,
    )
    KoufuTaisho.objects.bulk_create(
        [
            KoufuTaisho(rireki=rireki, atena_bango=t.atena_bango, shimei=t.shimei)
            for t in koufu.taishosha
        ]
    )
    KoufuShomeisho.objects.bulk_create(
        [
            KoufuShomeisho(rireki=rireki, kiroku=c.kiroku, pdf=c.pdf, page_count=c.page_count)
            for c in copies
            if c.kiroku is not None
        ]
    )
    for react in KOUFU_REACTIONS:
        react(rireki)
    return rireki


@transaction.atomic
def do_record_jukyo_hyoji(
    *,
    acting_user: StaffUser | None,
    chouaza: Chouaza,
    banchi: str,
    kyu_hyoji: str,
    jisshi_date: datetime.date,
    kokuji: str = "",
) -> JukyoHyojiJisshi:
    """住居表示の実施 as the 住居表示台帳 records it (master data, j240)."""
    del acting_user  # masters are audited by the admin's own log; the act keeps the signature
    row, _ = JukyoHyojiJisshi.objects.update_or_create(
        chouaza=chouaza,
        banchi=banchi,
        defaults={"kyu_hyoji": kyu_hyoji, "jisshi_date": jisshi_date, "kokuji": kokuji},
    )
    return row


def purge_expired(today: datetime.date | None = None) -> int:
    """Delete the 交付履歴 past its period (and nothing else); returns how many rows."""
    expired = KoufuRireki.objects.expired(today)
    with transaction.atomic():
        KoufuShomeisho.objects.filter(rireki__in=expired).delete()
        KoufuTaisho.objects.filter(rireki__in=expired).delete()
        count, _ = expired.delete()
    return count
