"""The 支援措置 guard (lane S, juki.shien) meets the certificate kinds through their
subjects and requester (ADR 0027): a request touching a protected person is refused for a
受注者 at 仮登録, however it is asked (世帯全員 by another member's number, a
記載事項証明書, the person's 除票)."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from counter import services
from counter.procedure_models import Procedure, ProcedureState
from juki.demo import residents as r
from juki.models import Jumin, JuminStatus, ShojoJiyu
from juki.shien import services as shien

from ..procedures import receive

pytestmark = pytest.mark.django_db


def protect(clerk: Any, second_clerk: Any, person: Jumin) -> None:
    sochi = shien.do_kari_touroku(
        acting_user=clerk,
        moushidesha=person.atena_bango,
        moushide_date=r.days_ago(30),
        iken_kikan="keisatsu",
        kagaisha_shimei="加害　太郎",
        kagaisha_kana="カガイ　タロウ",
        kagaisha_seinengappi=datetime.date(1980, 1, 1),
    )
    shien.do_kakutei(sochi, acting_user=second_clerk, kaishi_date=r.days_ago(30))


def third_party(numbers: list[str], **more: Any) -> dict[str, Any]:
    return {
        "seikyusha_kubun": "daisansha",
        "seikyusha_shimei": "山田　太郎",
        "seikyusha_jusho": "東京都台東区1-1",
        "riyu_kubun": "kenri",
        "riyu": "貸金返還請求のため",
        "atena_bangos": numbers,
        "tsusu": 1,
        **more,
    }


def refused_at_entry(code: str, entry: dict[str, Any], contractor: Any) -> None:
    procedure = receive(contractor, code)
    with pytest.raises(services.ProcedureRefused, match="支援措置"):
        services.do_enter(procedure, entry, acting_user=contractor, terminal=None)
    assert Procedure.objects.get(pk=procedure.pk).state == ProcedureState.UKETSUKE


def test_a_protected_person_is_refused_however_the_certificate_is_asked(
    contractor: Any, clerk: Any, second_clerk: Any
) -> None:
    head, wife, _child = r.household(r.TAKAHASHI[:3])
    protect(clerk, second_clerk, wife)
    refused_at_entry("juminhyo_utsushi", third_party([wife.atena_bango]), contractor)
    whole = third_party([head.atena_bango], setai_zenin=True)
    refused_at_entry("juminhyo_utsushi", whole, contractor)
    refused_at_entry("kisai_jiko", third_party([wife.atena_bango]), contractor)


def test_the_johyo_of_a_protected_person_is_refused(
    contractor: Any, clerk: Any, second_clerk: Any
) -> None:
    _head, wife = r.household(r.TAKAHASHI[:2])
    protect(clerk, second_clerk, wife)
    # her 除票 (as juki's 支援措置 tests make one: the 死亡 itself would meet the guard)
    Jumin.objects.filter(pk=wife.pk).update(
        status=JuminStatus.JOHYO, shojo_jiyu=ShojoJiyu.SHIBOU, shojo_date=r.days_ago(3)
    )
    entry = third_party([wife.atena_bango], johyo=True, style="kojin")
    refused_at_entry("juminhyo_utsushi", entry, contractor)
