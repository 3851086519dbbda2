"""特例転入 asks the 転出地 for the 転出証明書情報 (住基法第24条の2第4項): an outbox request,
the answer in the inbox, found and loaded by the same 検索 → 読み込む.

The person declared another 転出先 at the 転出地 (the 転出証明書情報 went there, or
nowhere this city can read); this city asks for it with the 住民票コード on the card.
"""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from counter import inbox, services
from counter.models import AuditLog, InboxMessage, InboxStatus, OutboxMessage
from counter.procedure_models import ProcedureState
from juki.ido.kernel import tenshutsu_joho as tokurei
from juki.ido.kernel import tenshutsu_joho_irai as irai
from juki.models import Chouaza, Jumin

from .conftest import login_as
from .factories import ChouazaFactory
from .test_inbox import ZENJUSHO, couple, payload
from .test_inbox import receive as receive_tokurei

TODAY = timezone.localdate()
CODE = couple()[0]["juminhyo_code"]


@pytest.fixture
def place(db: Any) -> Chouaza:
    return ChouazaFactory(name="押上一丁目", kana="オシアゲ1チョウメ", postal_code="1310045")


def typed(place: Chouaza, **extra: str) -> dict[str, str]:
    return {
        "todoke_date": TODAY.isoformat(),
        "tennyu_date": (TODAY - datetime.timedelta(days=2)).isoformat(),
        "zenjusho": ZENJUSHO,
        "chouaza": place.code,
        "banchi": "5番6号",
        "setai_mode": "new",
        "persons-TOTAL_FORMS": "1",
        "persons-INITIAL_FORMS": "0",
        "persons-MIN_NUM_FORMS": "1",
        "persons-MAX_NUM_FORMS": "20",
        **extra,
    }


def answer(irai_no: str, key: str = "cs-27127-kaito-1", **overrides: Any) -> dict[str, Any]:
    """The 転出地's answer: its 転出証明書情報 (declared 転出先 elsewhere) and the 依頼番号."""
    return {
        "idempotency_key": key,
        "message_type": irai.KAITO_TYPE,
        "municipality_code": "27127",
        "payload": {
            **payload(tenshutsusaki="神奈川県横浜市中区日本大通1番地"),
            "irai_no": irai_no,
            **overrides,
        },
    }


def test_the_clerk_asks_the_tenshutsuchi_once_through_the_cs(
    client: Any, place: Chouaza, contractor: Any
) -> None:
    login_as(client, contractor)
    proc = receive_tokurei(contractor)
    url = reverse("counter:procedure_entry", args=[proc.pk])
    assert "転出地に転出証明書情報を求める" in client.get(url).content.decode()
    response = client.post(url, typed(place, joho_search=CODE, request_joho="1"))
    page = response.content.decode()
    assert response.status_code == 200 and 'id="joho-requested"' in page
    assert "住基法第24条の2第4項" in page and 'value="5番6号"' in page  # typed kept
    message = OutboxMessage.objects.get(message_type=irai.IRAI_TYPE)
    assert message.destination == "jukinet_cs"
    assert message.payload["juminhyo_code"] == CODE
    assert message.payload["zenjusho"] == ZENJUSHO
    assert message.payload["tennyu_date"] == (TODAY - datetime.timedelta(days=2)).isoformat()
    assert message.payload["irai_no"] == message.idempotency_key == irai.irai_no(proc.pk, CODE)
    assert AuditLog.objects.filter(detail__act=irai.IRAI_NAME).count() == 1
    # asked again (a double click): the same request, not a second one
    page = client.post(url, typed(place, joho_search=CODE, request_joho="1")).content.decode()
    assert "依頼済み" in page
    assert OutboxMessage.objects.filter(message_type=irai.IRAI_TYPE).count() == 1
    assert AuditLog.objects.filter(detail__act=irai.IRAI_NAME).count() == 1
    proc.refresh_from_db()
    assert proc.state == ProcedureState.UKETSUKE  # nothing entered: only asked


def test_asking_needs_the_juminhyo_code_and_the_zenjusho_each_said_at_its_field(
    client: Any, place: Chouaza, contractor: Any
) -> None:
    login_as(client, contractor)
    proc = receive_tokurei(contractor)
    url = reverse("counter:procedure_entry", args=[proc.pk])
    response = client.post(url, typed(place, joho_search="ナニワ", zenjusho="", request_joho="1"))
    form = response.context["form"]
    assert response.status_code == 200
    assert "住民票コード（11桁）" in " ".join(form.errors["joho_search"])
    assert "従前の住所" in " ".join(form.errors["zenjusho"])
    assert not OutboxMessage.objects.filter(message_type=irai.IRAI_TYPE).exists()


def test_the_answer_is_found_loaded_and_used_by_the_tokurei_tennyu(
    client: Any, place: Chouaza, contractor: Any, clerk: Any
) -> None:
    login_as(client, contractor)
    proc = receive_tokurei(contractor)
    url = reverse("counter:procedure_entry", args=[proc.pk])
    client.post(url, typed(place, joho_search=CODE, request_joho="1"))
    number = irai.irai_no(proc.pk, CODE)
    message, new = inbox.receive("jukinet_cs", answer(number))
    assert new and message.message_type == irai.KAITO_TYPE
    # found by the 住民票コード (and by the 依頼番号), like a 転出証明書情報 sent unasked
    assert [f.key for f in tokurei.search(CODE)] == ["cs-27127-kaito-1"]
    assert [m.pk for m in inbox.find(irai.KAITO_TYPE, number)] == [message.pk]
    page = client.post(url, typed(place, joho_search=CODE, find_joho="1")).content.decode()
    assert 'name="load_joho" value="cs-27127-kaito-1"' in page
    response = client.post(url, typed(place, load_joho="cs-27127-kaito-1"))
    assert "読み込み済み" in response.content.decode()
    data = {k: v for k, v in response.context["form"].data.items() if k != "load_joho"}
    # the 世帯主 showed the card the 特例転入 is made with (住基法第24条の2第1項)
    response = client.post(url, {**data, "persons-0-mynumber_card": "on", "form_token": "t1"})
    assert response.status_code == 302, response.content.decode()[:3000]
    proc.refresh_from_db()
    proc = services.do_check(
        proc, acting_user=contractor, terminal=contractor.default_terminal, all_ticked=True
    )
    proc = services.do_approve(proc, acting_user=clerk, terminal=clerk.default_terminal)
    assert proc.state == ProcedureState.SHOUNIN
    assert Jumin.objects.filter(shi="浪速").count() == 2
    message = InboxMessage.objects.get(idempotency_key="cs-27127-kaito-1")
    assert message.status == InboxStatus.USED and message.used_by_id == proc.pk


@pytest.mark.django_db
def test_an_answer_without_its_irai_no_is_refused_by_the_inbox() -> None:
    with pytest.raises(inbox.InboxError, match="依頼番号"):
        inbox.receive("jukinet_cs", answer("", key="cs-27127-kaito-2"))
    assert not InboxMessage.objects.exists()
