"""郵送請求 (seed 004 郵送・公用請求事務等; docs/adr/0031): the envelope opened, the request
entered, checked and approved on the machine, paid in 定額小為替 and sent to the registered
address only; the 処理簿, the 精算書 and the 日計表's 郵送 column. One test per rule."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.utils import timezone

from certificates.records import KoufuRireki
from certificates.yuusou import services as yuusou
from certificates.yuusou.models import YuusouSeikyu, YuusouState
from counter import services
from counter.models import AuditAction, AuditLog, Payment, Reji, TesuryoMaster
from counter.models_fees import ChangeMethod, PaymentMethod
from counter.procedure_models import ProcedureState, ReceptionChannel
from counter.refusals import ProcedureRefused
from juki.demo import residents as r
from juki.models import Jumin
from stats.nikkei.report import day_report

pytestmark = pytest.mark.django_db
S = ProcedureState


def make_city(contractor: Any) -> Reji:
    """The 手数料 master and the 郵送 window's レジ."""
    TesuryoMaster.objects.create(
        code="juminhyo_utsushi",
        label="住民票の写し",
        amount_yen=300,
        valid_from=datetime.date(2000, 4, 1),
    )
    return Reji.objects.create(code="Y1", name="郵送レジ", terminal=contractor.default_terminal)


@pytest.fixture
def city(contractor: Any) -> Reji:
    return make_city(contractor)


@pytest.fixture
def takahashi() -> list[Jumin]:
    return r.household(r.TAKAHASHI[:2])


def address(person: Jumin) -> str:
    c = person.chouaza
    return f"{c.prefecture}{c.city}{c.name}{person.banchi}"


def honnin(person: Jumin, tsusu: int = 1) -> dict[str, Any]:
    return {
        "seikyusha_kubun": "honnin",
        "seikyusha_shimei": person.full_name,
        "seikyusha_jusho": address(person),
        "seikyusha_atena_bango": person.atena_bango,
        "atena_bangos": [person.atena_bango],
        "tsusu": tsusu,
    }


def open_envelope(
    contractor: Any, person: Jumin, *, kogawase: int = 300, henshinsaki: str | None = None
) -> YuusouSeikyu:
    return yuusou.do_kaifuu(
        received_date=timezone.localdate(),
        seikyusha_shimei=person.full_name,
        henshinsaki_jusho=address(person) if henshinsaki is None else henshinsaki,
        doufuu=["seikyusho", "id_copy", "kogawase", "henshin_futo"],
        id_copy="driver_license",
        kogawase_yen=kogawase,
        kinds=["juminhyo_utsushi"],
        acting_user=contractor,
        terminal=contractor.default_terminal,
    )


def approve(item: YuusouSeikyu, entry: dict[str, Any], contractor: Any, clerk: Any) -> None:
    """②仮登録 ③照合 ⑤承認入力 on the counter's machine, as at the window."""
    (procedure,) = item.reception.procedures.all()
    t = contractor.default_terminal
    procedure = services.do_enter(procedure, entry, acting_user=contractor, terminal=t)
    procedure = services.do_check(procedure, acting_user=contractor, terminal=t, all_ticked=True)
    services.do_approve(procedure, acting_user=clerk, terminal=clerk.default_terminal)


def send(item: YuusouSeikyu, contractor: Any, change: str = ChangeMethod.KOGAWASE) -> YuusouSeikyu:
    return yuusou.do_hassou(
        item, change_method=change, acting_user=contractor, terminal=contractor.default_terminal
    )


def test_a_postal_request_with_kogawase_is_issued_sent_and_counted_under_its_column(
    city: Reji, contractor: Any, clerk: Any, takahashi: list[Jumin]
) -> None:
    person = takahashi[0]
    item = open_envelope(contractor, person, kogawase=1000)
    assert item.reception.channel == ReceptionChannel.YUUSOU
    approve(item, honnin(person, tsusu=2), contractor, clerk)
    sent = send(item, contractor, ChangeMethod.KITTE)
    assert sent.state == YuusouState.HASSOU and sent.hassou_date == timezone.localdate()
    payment = Payment.objects.get(reception=item.reception)
    assert (payment.method, payment.total_yen, payment.received_yen) == ("kogawase", 600, 1000)
    assert (payment.change_yen, payment.change_method) == (400, ChangeMethod.KITTE)
    assert KoufuRireki.objects.count() == 1
    report = day_report(timezone.localdate())
    (line,) = report.by_jimu
    assert (line.figures.issued, line.figures.yuusou, line.figures.kogawase_yen) == (2, 2, 600)
    assert report.total.fees_yen == 600


def test_a_postal_reception_takes_no_window_ticket(
    city: Reji, contractor: Any, takahashi: list[Jumin]
) -> None:
    """No 番号札: the window's numbers go on as if no envelope had come."""
    first = open_envelope(contractor, takahashi[0])
    window = services.do_receive(
        acting_user=contractor,
        terminal=contractor.default_terminal,
        category="shomei",
        visitor_kind="honnin",
        visitor_name="窓口　一郎",
        id_documents=["mynumber_card"],
        has_ininjo=False,
        kinds=["juminhyo_utsushi"],
    )
    assert (first.reception.ticket_no, window.ticket_no) == (1, 1)
    assert "郵送" in str(first.reception)


def test_the_certificate_goes_only_to_the_registered_address(
    city: Reji, contractor: Any, clerk: Any, takahashi: list[Jumin]
) -> None:
    """住基法第12条・事務処理要領: the 返信先 must be the 請求者's 住民票上の住所."""
    person = takahashi[0]
    item = open_envelope(contractor, person, henshinsaki="東京都千代田区丸の内一丁目1番1号")
    approve(item, honnin(person), contractor, clerk)
    with pytest.raises(ProcedureRefused) as refused:
        send(item, contractor)
    assert "住民票上の住所" in refused.value.message and "住基法第12条" in refused.value.message
    item.refresh_from_db()
    assert item.state == YuusouState.KAIFUU and not Payment.objects.exists()
    logged = AuditLog.objects.get(action=AuditAction.REFUSED)
    assert logged.detail["rule"] == "henshinsaki" and "住民票上の住所" in logged.detail["reason"]


def test_the_registered_address_matches_in_any_width_and_without_the_katagaki(
    takahashi: list[Jumin],
) -> None:
    person = takahashi[0]
    wide = address(person).replace("1", "１").replace("-", "－")
    assert yuusou.is_registered_address(wide, person)
    assert yuusou.is_registered_address(address(person) + "　", person)
    assert not yuusou.is_registered_address(address(person) + "別棟", person)


def test_a_postal_request_without_a_copy_of_the_id_is_not_sent(
    city: Reji, contractor: Any, clerk: Any, takahashi: list[Jumin]
) -> None:
    person = takahashi[0]
    item = open_envelope(contractor, person)
    YuusouSeikyu.objects.filter(pk=item.pk).update(id_copy="")
    item.refresh_from_db()
    approve(item, honnin(person), contractor, clerk)
    with pytest.raises(ProcedureRefused, match="本人確認書類の写し"):
        send(item, contractor)


def test_a_shortfall_is_asked_for_and_the_request_waits(
    city: Reji, contractor: Any, clerk: Any, takahashi: list[Jumin]
) -> None:
    person = takahashi[0]
    item = open_envelope(contractor, person, kogawase=300)
    approve(item, honnin(person, tsusu=3), contractor, clerk)
    with pytest.raises(ProcedureRefused, match="600円足りません"):
        send(item, contractor)
    t = contractor.default_terminal
    waiting = yuusou.do_fusoku(item, acting_user=contractor, terminal=t)
    assert (waiting.state, waiting.fusoku_yen) == (YuusouState.FUSOKU, 600)
    topped = yuusou.do_tsuika(waiting, kogawase_yen=600, acting_user=contractor, terminal=t)
    assert topped.kogawase_yen == 900 and topped.state == YuusouState.KAIFUU
    assert send(topped, contractor).state == YuusouState.HASSOU
    assert Payment.objects.get().change_yen == 0


def test_no_shortfall_is_asked_when_the_kogawase_cover_the_fees(
    city: Reji, contractor: Any, clerk: Any, takahashi: list[Jumin]
) -> None:
    person = takahashi[0]
    item = open_envelope(contractor, person, kogawase=300)
    approve(item, honnin(person), contractor, clerk)
    with pytest.raises(ProcedureRefused, match="不足はありません"):
        yuusou.do_fusoku(item, acting_user=contractor, terminal=contractor.default_terminal)


def test_change_by_post_is_never_cash(
    city: Reji, contractor: Any, clerk: Any, takahashi: list[Jumin]
) -> None:
    """郵便法第17条: cash is not mailed: the change goes back as 定額小為替 or 切手."""
    person = takahashi[0]
    item = open_envelope(contractor, person, kogawase=500)
    approve(item, honnin(person), contractor, clerk)
    with pytest.raises(ProcedureRefused, match="郵便法第17条"):
        send(item, contractor, ChangeMethod.GENKIN)
    assert send(item, contractor, ChangeMethod.KITTE).state == YuusouState.HASSOU
    assert Payment.objects.get().method == PaymentMethod.KOGAWASE


def test_a_kouyou_request_by_post_is_free_and_counted(
    city: Reji, contractor: Any, clerk: Any, takahashi: list[Jumin]
) -> None:
    person = takahashi[0]
    item = yuusou.do_kaifuu(
        received_date=timezone.localdate(),
        seikyusha_shimei="墨田税務署",
        henshinsaki_jusho="東京都墨田区業平一丁目7番2号",
        doufuu=["seikyusho", "henshin_futo"],
        id_copy="",
        kogawase_yen=0,
        kinds=["juminhyo_utsushi"],
        acting_user=contractor,
        terminal=contractor.default_terminal,
    )
    entry = {
        "seikyusha_kubun": "kouyou",
        "kouyou_kikan": "墨田税務署",
        "kouyou_shokumei_shimei": "徴収官　税務　一郎",
        "riyu": "滞納処分の調査",
        "kouyou_jimu": "滞納処分の調査",
        "kouyou_konkyo": "国税徴収法第141条",
        "atena_bangos": [person.atena_bango],
        "tsusu": 1,
    }
    approve(item, entry, contractor, clerk)
    send(item, contractor)
    report = day_report(timezone.localdate())
    assert (report.total.kouyou, report.total.yuusou, report.total.fees_yen) == (1, 1, 0)


def test_an_envelope_without_a_request_form_is_refused(
    city: Reji, contractor: Any, takahashi: list[Jumin]
) -> None:
    with pytest.raises(ProcedureRefused, match="交付請求書"):
        yuusou.do_kaifuu(
            received_date=timezone.localdate(),
            seikyusha_shimei="髙橋　一郎",
            henshinsaki_jusho="東京都",
            doufuu=["kogawase"],
            id_copy="",
            kogawase_yen=300,
            kinds=["juminhyo_utsushi"],
            acting_user=contractor,
            terminal=contractor.default_terminal,
        )
    assert not YuusouSeikyu.objects.exists()
