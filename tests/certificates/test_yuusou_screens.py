"""The 郵送請求's screens (docs/adr/0031): the envelope opened through its form, the
処理簿 and the 精算書 with their CSV and PDF (和暦), exact query counts, the 不足 letter."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from certificates.yuusou.forms import HassouForm, KaifuuForm, TsuikaForm
from certificates.yuusou.models import YuusouSeikyu, YuusouState
from counter.models_fees import ChangeMethod, Reji
from jputil.wareki import to_wareki
from juki.demo import residents as r
from juki.models import Jumin

from ..conftest import login_as
from .test_yuusou import address, approve, honnin, make_city, open_envelope, send


@pytest.fixture
def city(contractor: Any) -> Reji:
    return make_city(contractor)


@pytest.fixture
def takahashi() -> list[Jumin]:
    return r.household(r.TAKAHASHI[:2])


pytestmark = pytest.mark.django_db
SHORIBO = "/certificates/yuusou/"
SEISANSHO = "/certificates/yuusou/seisansho/"


def sent_today(contractor: Any, clerk: Any, person: Jumin, kogawase: int = 500) -> YuusouSeikyu:
    item = open_envelope(contractor, person, kogawase=kogawase)
    approve(item, honnin(person), contractor, clerk)
    return send(item, contractor, ChangeMethod.KITTE)


def test_the_envelope_is_opened_through_its_form(
    client: Client, city: Reji, contractor: Any, takahashi: list[Jumin]
) -> None:
    person = takahashi[0]
    login_as(client, contractor)
    data = {
        "received_date": to_wareki(timezone.localdate()),
        "seikyusha_shimei": person.full_name,
        "henshinsaki_jusho": address(person),
        "doufuu": ["seikyusho", "id_copy", "kogawase", "henshin_futo"],
        "id_copy": "driver_license",
        "kogawase_yen": "300",
        "kitte_yen": "0",
        "kinds": ["juminhyo_utsushi"],
    }
    response = client.post(reverse("certificates:yuusou_kaifuu"), data)
    item = YuusouSeikyu.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("certificates:yuusou_detail", args=[item.reception_id])
    page = client.get(response["Location"]).content.decode()
    assert "返信先" in page and address(person) in page and "定額小為替" in page


def test_a_bad_envelope_keeps_what_was_typed_with_the_message_next_to_the_field(
    client: Client, city: Reji, contractor: Any
) -> None:
    login_as(client, contractor)
    data = {
        "received_date": "令和99年13月1日",
        "seikyusha_shimei": "髙橋　一郎",
        "doufuu": ["kogawase"],
    }
    response = client.post(reverse("certificates:yuusou_kaifuu"), data)
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["received_date"] and form["seikyusha_shimei"].value() == "髙橋　一郎"
    response = client.post(
        reverse("certificates:yuusou_kaifuu"),
        {
            **data,
            "received_date": to_wareki(timezone.localdate()),
            "henshinsaki_jusho": "東京都",
            "kogawase_yen": "0",
            "kinds": ["juminhyo_utsushi"],
        },
    )
    assert "交付請求書" in response.context["form"].errors["doufuu"][0]
    assert not YuusouSeikyu.objects.exists()


def test_the_shoribo_lists_what_was_received_and_sent_with_csv_and_pdf(
    client: Client, city: Reji, contractor: Any, clerk: Any, takahashi: list[Jumin]
) -> None:
    person = takahashi[0]
    sent_today(contractor, clerk, person)
    login_as(client, contractor)
    page = client.get(SHORIBO).content.decode()
    assert person.full_name in page and "住民票の写し1通" in page and "切手200円" in page
    assert to_wareki(timezone.localdate()) in page
    rows = client.get(SHORIBO + "?format=csv").content.decode("utf-8-sig").splitlines()
    assert (
        rows[0] == "受付日,受付番号,請求者,種別・通数,定額小為替,手数料,返送（お釣り）,状態,発送日"
    )
    today = timezone.localdate().isoformat()
    assert (
        rows[1] == f"{today},1,{person.full_name},住民票の写し1通,500,300,切手200円,発送済,{today}"
    )
    pdf = client.get(SHORIBO + "?format=pdf")
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    assert client.get(SHORIBO + "?format=xls").status_code == 404


def test_the_seisansho_balances_the_kogawase_against_the_fees_and_the_change(
    client: Client, city: Reji, contractor: Any, clerk: Any, takahashi: list[Jumin]
) -> None:
    sent_today(contractor, clerk, takahashi[0], kogawase=500)  # change 200 in stamps
    item = open_envelope(contractor, takahashi[1], kogawase=1000)
    approve(item, honnin(takahashi[1]), contractor, clerk)
    send(item, contractor, ChangeMethod.KOGAWASE)  # change 700 in 小為替
    login_as(client, contractor)
    rows = client.get(SEISANSHO + "?format=csv").content.decode("utf-8-sig").splitlines()
    assert rows == [
        "項目,金額",
        "受領した定額小為替（2件）,1500",
        "手数料,600",
        "お釣り（定額小為替で返送）,700",
        "お釣り（切手で返送）,200",
        "差引（収入）,600",
    ]
    assert client.get(SEISANSHO + "?format=pdf").content.startswith(b"%PDF")


@pytest.mark.parametrize("envelopes", [1, 3])
def test_the_shoribo_reads_a_day_in_a_fixed_number_of_queries(
    client: Client,
    city: Reji,
    contractor: Any,
    clerk: Any,
    takahashi: list[Jumin],
    envelopes: int,
    django_assert_num_queries: Any,
) -> None:
    for _ in range(envelopes):
        open_envelope(contractor, takahashi[0])
    login_as(client, contractor)
    client.get(SHORIBO)
    # session, user, roles; the envelopes with their receptions, their procedures, their
    # payments (three, whatever the envelopes); the 操作ログ's read row and the session
    with django_assert_num_queries(12):
        assert client.get(SHORIBO).status_code == 200


def test_the_seisansho_reads_a_day_in_a_fixed_number_of_queries(
    client: Client,
    city: Reji,
    contractor: Any,
    clerk: Any,
    takahashi: list[Jumin],
    django_assert_num_queries: Any,
) -> None:
    sent_today(contractor, clerk, takahashi[0])
    login_as(client, contractor)
    client.get(SEISANSHO)
    # session, user, roles; ONE aggregate over the day's payments; the request's own
    # bookkeeping (the 操作ログ, the session)
    with django_assert_num_queries(7):
        assert client.get(SEISANSHO).status_code == 200


def test_the_shortfall_letter_is_printed_and_the_request_waits(
    client: Client, city: Reji, contractor: Any, clerk: Any, takahashi: list[Jumin]
) -> None:
    person = takahashi[0]
    item = open_envelope(contractor, person, kogawase=100)
    approve(item, honnin(person), contractor, clerk)
    login_as(client, contractor)
    detail = reverse("certificates:yuusou_detail", args=[item.reception_id])
    act = reverse("certificates:yuusou_act", args=[item.reception_id])
    page = client.get(detail)
    found = re.search(r'name="form_token" value="([^"]+)"', page.content.decode())
    assert found is not None
    token = found.group(1)
    assert client.post(act, {"act": "fusoku", "form_token": token}).status_code == 302
    item.refresh_from_db()
    assert (item.state, item.fusoku_yen) == (YuusouState.FUSOKU, 200)
    letter = client.get(reverse("certificates:yuusou_fusoku", args=[item.reception_id]))
    text = letter.content.decode()
    assert "200円" in text and "不足" in text and person.full_name in text


def test_a_reception_that_is_not_postal_is_sent_back_to_the_shoribo(
    client: Client, contractor: Any
) -> None:
    login_as(client, contractor)
    response = client.get(reverse("certificates:yuusou_detail", args=[999999]))
    assert response.status_code == 302 and response["Location"] == SHORIBO


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.dictionaries(
        st.sampled_from(
            [
                "received_date",
                "seikyusha_shimei",
                "henshinsaki_jusho",
                "doufuu",
                "id_copy",
                "kogawase_yen",
                "kitte_yen",
                "kinds",
            ]
        ),
        st.text(max_size=30),
    )
)
def test_the_kaifuu_form_never_fails_on_any_input(data: dict[str, str]) -> None:
    form = KaifuuForm(data)
    if form.is_valid():
        assert form.cleaned_data["kogawase_yen"] >= 0


@given(st.dictionaries(st.sampled_from(["kogawase_yen", "change_method"]), st.text(max_size=12)))
def test_the_tsuika_and_hassou_forms_never_fail_on_any_input(data: dict[str, str]) -> None:
    tsuika, hassou = TsuikaForm(data), HassouForm(data)
    if tsuika.is_valid():
        assert tsuika.cleaned_data["kogawase_yen"] >= 1
    if hassou.is_valid():
        assert hassou.cleaned_data["change_method"] in (ChangeMethod.KOGAWASE, ChangeMethod.KITTE)
