"""Bookings of a 閲覧 in each state, for the 閲覧 tests."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone

from certificates.etsuran import services
from certificates.etsuran.models import EtsuranKai, EtsuranMoushide
from counter.models_fees import TesuryoMaster
from juki.models import Chouaza

#: the demo price per person transcribed (counter.demo_fees)
UNIT_YEN = 300


def price() -> None:
    TesuryoMaster.objects.get_or_create(
        code="etsuran",
        valid_from=datetime.date(2000, 4, 1),
        defaults={"label": "住民基本台帳の閲覧", "amount_yen": UNIT_YEN},
    )


def data(chouaza: Chouaza, **overrides: Any) -> services.MoushideData:
    values: dict[str, Any] = {
        "moushidesha_kubun": "hojin",
        "moushidesha_name": "株式会社見本調査研究所",
        "moushidesha_jusho": "東京都千代田区霞が関一丁目1番1号",
        "daihyosha": "代表取締役　見本　一郎",
        "mokuteki": "chousa_kenkyu",
        "mokuteki_gaiyou": "高齢者の生活実態に関する世論調査の対象者の抽出",
        "etsuransha": ["調査　花子", "調査　次郎"],
        "kanri_basho": "本社3階の施錠された書庫",
        "kanri_sekininsha": "情報管理部長　管理　三郎",
        "seika_toriatsukai": "統計数値のみを報告書で公表",
        "seiyakusho": True,
        "chouaza_id": chouaza.pk,
        "etsuran_date": timezone.localdate(),
        "jikan_waku": "gozen",
        **overrides,
    }
    return services.MoushideData(**values)


def booked(clerk: Any, chouaza: Chouaza, **overrides: Any) -> EtsuranMoushide:
    return services.do_moushide(data(chouaza, **overrides), acting_user=clerk)


def approved(clerk: Any, second_clerk: Any, chouaza: Chouaza, **overrides: Any) -> EtsuranMoushide:
    m = booked(clerk, chouaza, **overrides)
    services.do_shinsa(m, acting_user=clerk)
    return services.do_shonin(m, acting_user=second_clerk)


def visit(clerk: Any, second_clerk: Any, chouaza: Chouaza, **overrides: Any) -> EtsuranKai:
    m = approved(clerk, second_clerk, chouaza, **overrides)
    return services.do_kaishi(
        m, etsuransha_shimei="調査　花子", honnin_kakunin="運転免許証", acting_user=clerk
    )
