"""広域交付 between two running instances (住基法第12条の4): city A's window asks, the
request goes by file to city B, B answers by file, A prints; and B refuses a protected
person's request, the refusal shown at A's window (tests/certificates/kouiki_helpers.py)."""

from __future__ import annotations

import datetime
import uuid
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from certificates.records import KoufuRireki
from counter import services
from counter.models import AuditLog, FeeRow, InboxMessage, InboxStatus, Reji, TesuryoMaster
from counter.procedure_models import Procedure, ProcedureState
from juki.demo import residents as r
from juki.models import Jumin
from juki.shien import alerts

from ..conftest import login_as
from ..procedures import enter_and_check
from ..test_documents import pdftotext, squash
from .kouiki_helpers import IRAI, KAITO, Cities, request_for
from .test_shien_guard import protect

pytestmark = pytest.mark.django_db

S = ProcedureState


def at_a_to_approval(
    cities: Cities, entry: dict[str, Any], contractor: Any, clerk: Any
) -> Procedure:
    with cities.at_a():
        procedure = enter_and_check("kouiki_koufu", entry, contractor)
        procedure = services.do_approve(procedure, acting_user=clerk, terminal=None)
        cities.send(IRAI)
    return procedure


def at_b_answer(cities: Cities) -> None:
    with cities.at_b():
        report = cities.poll()
        assert report.received == 1, report
        cities.send(KAITO)


def handover(client: Client, procedure: Procedure, contractor: Any) -> Any:
    login_as(client, contractor)
    reception = procedure.reception
    client.post(reverse("counter:call_post", args=[reception.pk]))
    return client.post(
        reverse("counter:handover", args=[reception.pk]),
        {"received_yen": "500", "confirmed": "on", "form_token": uuid.uuid4().hex},
    )


@pytest.fixture
def till(contractor: Any) -> None:
    TesuryoMaster.objects.create(
        code="juminhyo_utsushi",
        label="住民票の写し",
        amount_yen=300,
        valid_from=datetime.date(2000, 4, 1),
    )
    Reji.objects.create(code="R1", name="窓口1レジ", terminal=contractor.default_terminal)


def test_a_request_at_city_a_is_answered_by_city_b_and_printed_at_a(
    client: Client, contractor: Any, clerk: Any, tmp_path: Path, till: None
) -> None:
    cities = Cities(tmp_path)
    head, wife = r.household(r.TAKAHASHI[:2])  # B's residents
    entry = request_for(head, taisho_shimei=[wife.full_name], kisai=["setai_nushi_zokugara"])
    procedure = at_a_to_approval(cities, entry, contractor, clerk)
    # the request is a file in B's inbox, named by its number
    assert (cities.b_inbox / "jukinet_cs" / f"{entry['irai_no']}.json").exists()
    at_b_answer(cities)
    # B: the 交付履歴 of a copy issued elsewhere, with the requesting city
    sent = KoufuRireki.objects.get(procedure__isnull=True)
    assert sent.kouiki_dantai == "墨田区（13107）" and sent.seikyusha_kubun == "honnin"
    assert "第12条の4" in sent.seikyu_jiyu and sent.issued_by is None
    assert {t["atena_bango"] for t in sent.taishosha} == {head.atena_bango, wife.atena_bango}
    assert (cities.a_inbox / "jukinet_cs" / f"kaito-{entry['irai_no']}.json").exists()

    with cities.at_a():
        assert cities.poll().received == 1
        response = handover(client, procedure, contractor)
        assert response.status_code == 302, response.context and response.context.get("refusal")
    procedure.refresh_from_db()
    assert procedure.state == S.KOUFU
    issued = KoufuRireki.objects.get(procedure=procedure)
    assert issued.kouiki_dantai == "横浜市中区（14104）" and issued.hakko_bangos
    assert [t["shimei"] for t in issued.taishosha] == [head.full_name, wife.full_name]
    assert list(FeeRow.objects.values_list("code", "quantity")) == [("juminhyo_utsushi", 1)]
    answer = InboxMessage.objects.get(message_type=KAITO)
    assert answer.status == InboxStatus.USED and answer.used_by_id == procedure.pk
    text = squash(pdftotext(bytes(issued.copies.get().pdf), tmp_path))
    assert squash(head.full_name) in text and squash(wife.full_name) in text
    assert "広域交付" in text and "横浜市中区" in text
    assert "世帯の一部の住民票の原本と相違ないことを証明する" in text
    assert issued.hakko_bangos[0].split()[0] in text  # our 発行番号
    assert "本籍" not in text


def test_a_protected_persons_request_is_refused_by_the_home_city_and_shown_at_a(
    client: Client,
    contractor: Any,
    clerk: Any,
    second_clerk: Any,
    tmp_path: Path,
    till: None,
) -> None:
    cities = Cities(tmp_path)
    (person,) = r.household(r.TAKAHASHI[:1])
    protect(clerk, second_clerk, person)
    procedure = at_a_to_approval(cities, request_for(person), contractor, clerk)
    at_b_answer(cities)
    # B issued nothing; the attempt is logged and alerted as the guard's refusals are
    assert not KoufuRireki.objects.exists()
    refused = AuditLog.objects.get(action="refused", detail__guard="shien_sochi")
    assert refused.detail["act"] == "広域交付"
    assert alerts.unacknowledged().filter(pk=refused.pk).exists()

    with cities.at_a():
        cities.poll()
        response = handover(client, procedure, contractor)
    page = response.content.decode()
    assert response.status_code == 200
    assert "横浜市中区" in page and "支援措置" in page and "交付に応じませんでした" in page
    procedure.refresh_from_db()
    assert procedure.state == S.SHOUNIN and not FeeRow.objects.exists()


def test_the_home_city_refuses_a_person_asked_for_outside_the_household(
    contractor: Any, clerk: Any, tmp_path: Path
) -> None:
    cities = Cities(tmp_path)
    (person,) = r.household(r.TAKAHASHI[:1])
    entry = request_for(person, seikyusha_kubun="doitsu_setai", taisho_shimei=["他人　花子"])
    procedure = at_a_to_approval(cities, entry, contractor, clerk)
    at_b_answer(cities)
    with cities.at_a():
        cities.poll()
        with pytest.raises(services.ProcedureRefused, match=r"第12条の4第1項.*同一の世帯"):
            services.do_issue(procedure, acting_user=contractor, terminal=None)


def test_the_home_city_refuses_a_code_that_does_not_match_the_name(
    contractor: Any, clerk: Any, tmp_path: Path
) -> None:
    cities = Cities(tmp_path)
    (person,) = r.household(r.TAKAHASHI[:1])
    entry = request_for(person, seikyusha_shimei="別人　次郎")
    procedure = at_a_to_approval(cities, entry, contractor, clerk)
    at_b_answer(cities)
    with cities.at_a():
        cities.poll()
        with pytest.raises(services.ProcedureRefused, match="一致する住民票"):
            services.do_issue(procedure, acting_user=contractor, terminal=None)
    assert not Jumin.objects.filter(shi="別人").exists()


def test_handing_over_before_the_answer_says_it_is_awaited(
    contractor: Any, clerk: Any, tmp_path: Path
) -> None:
    cities = Cities(tmp_path)
    (person,) = r.household(r.TAKAHASHI[:1])
    procedure = at_a_to_approval(cities, request_for(person), contractor, clerk)
    awaited = "回答をまだ受け取っていません"
    with cities.at_a(), pytest.raises(services.ProcedureRefused, match=awaited):
        services.do_issue(procedure, acting_user=contractor, terminal=None)
