"""A window journey of certificate requests (seed 004: 住民票の写しの交付), through the
services and the views, from 受付 to 交付: two kinds in one reception, two copies of one;
the draft at 仮登録, 照合, 審査 (承認), 呼出, 交付 with the fee taken at the レジ (lane F's
handover), the final copies and the 交付履歴. The issue's whole journey (日計表, QR page)
is the lead's.
"""

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
from counter.models import AuditLog, FeeRow, Payment, Reji, TesuryoMaster
from counter.procedure_kinds import FeeBasis, get_kind
from counter.procedure_models import Procedure, ProcedureState
from juki.demo import residents as r
from juki.models import Jumin

from ..conftest import login_as
from ..procedures import post_data
from ..test_documents import pdftotext, squash

pytestmark = pytest.mark.django_db

S = ProcedureState


def honnin(person: Jumin) -> dict[str, Any]:
    c = person.chouaza
    return {
        "seikyusha_kubun": "honnin",
        "seikyusha_shimei": person.full_name,
        "seikyusha_jusho": f"{c.prefecture}{c.city}{c.name}{person.banchi}",
        "seikyusha_atena_bango": person.atena_bango,
    }


def enter(client: Client, procedure: Procedure, entry: dict[str, Any]) -> None:
    """仮登録 through the entry page, posting what the page renders for ``entry``."""
    url = reverse("counter:procedure_entry", args=[procedure.pk])
    assert client.get(url).status_code == 200
    procedure.entry = entry
    data = post_data(get_kind(procedure.kind).entry_form(procedure, None), token=True)
    response = client.post(url, data)
    assert response.status_code == 302, response.context and response.context["form"].errors


def test_two_certificates_from_reception_to_handover(
    client: Client, contractor: Any, clerk: Any, supervisor: Any, tmp_path: Path
) -> None:
    household = r.household(r.TAKAHASHI[:3])
    head = household[0]
    # the city's 手数料 master and the window's レジ (lane F's; seeded by the city)
    for code, label in (("juminhyo_utsushi", "住民票の写し"), ("kisai_jiko", "記載事項証明書")):
        TesuryoMaster.objects.create(
            code=code, label=label, amount_yen=300, valid_from=datetime.date(2000, 4, 1)
        )
    Reji.objects.create(code="R1", name="窓口1レジ", terminal=contractor.default_terminal)
    reception = services.do_receive(
        acting_user=contractor,
        terminal=contractor.default_terminal,
        category="shomei",
        visitor_kind="honnin",
        visitor_name=head.full_name,
        id_documents=["mynumber_card"],
        has_ininjo=False,
        kinds=["juminhyo_utsushi", "kisai_jiko"],
    )
    utsushi, kisai = reception.procedures.order_by("pk")
    login_as(client, contractor)

    # 仮登録: 世帯全員 with 続柄, two copies; and a 記載事項証明書 of the 本籍
    enter(
        client,
        utsushi,
        {
            **honnin(head),
            "atena_bangos": [head.atena_bango],
            "setai_zenin": True,
            "style": "renki",
            "kisai": ["setai_nushi_zokugara"],
            "tsusu": 2,
        },
    )
    enter(
        client,
        kisai,
        {
            **honnin(head),
            "atena_bangos": [head.atena_bango],
            "kisai": ["honseki_hittousha", "katagaki"],
            "tsusu": 1,
        },
    )

    # the draft certificate is the kind's document before 交付 (見本, no 発行番号)
    utsushi = Procedure.objects.get(pk=utsushi.pk)
    (draft,) = get_kind("juminhyo_utsushi").documents(utsushi)
    response = client.get(reverse("counter:procedure_document_pdf", args=[utsushi.pk, draft.slug]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    draft_text = squash(pdftotext(response.content, tmp_path))
    assert "見本" in draft_text and "世帯主" in draft_text

    # 照合: every row of the check screen ticked against the 請求書
    for procedure in (utsushi, kisai):
        url = reverse("counter:procedure_check", args=[procedure.pk])
        page = client.get(url)
        assert page.status_code == 200
        blocks = [str(b.index) for b in page.context["blocks"]]
        data = {"block": blocks, "form_token": uuid.uuid4().hex}
        assert client.post(url, data).status_code == 302

    # 審査 (承認) by a 職員: the rows show the requester, the basis and the persons
    login_as(client, clerk)
    review = client.get(reverse("counter:review_detail", args=[utsushi.pk])).content.decode()
    assert "住基法第12条第1項" in review and head.full_name in review
    for procedure in (utsushi, kisai):
        response = client.post(
            reverse("counter:review_approve", args=[procedure.pk]),
            {"confirmed": "on", "form_token": uuid.uuid4().hex},
        )
        assert response.status_code == 302
        assert Procedure.objects.get(pk=procedure.pk).state == S.SHOUNIN

    # 呼出 and 交付 at the window: 3 copies at 300円, 1,000円 given, 100円 change
    login_as(client, contractor)
    assert client.post(reverse("counter:call_post", args=[reception.pk])).status_code == 302
    response = client.post(
        reverse("counter:handover", args=[reception.pk]),
        {"received_yen": "1000", "confirmed": "on", "form_token": uuid.uuid4().hex},
    )
    assert response.status_code == 302, response.context and response.context.get("refusal")
    assert {p.state for p in reception.procedures.all()} == {S.KOUFU}
    payment = Payment.objects.get()
    assert (payment.total_yen, payment.change_yen) == (900, 100)
    fee_rows = FeeRow.objects.order_by("code").values_list("code", "quantity")
    assert list(fee_rows) == [("juminhyo_utsushi", 2), ("kisai_jiko", 1)]

    # the 交付履歴: one row per procedure, every 発行番号, written in 交付's transaction
    row = KoufuRireki.objects.get(procedure=utsushi)
    assert row.shubetsu == "juminhyo_utsushi" and row.tsusu == 2
    assert {t["atena_bango"] for t in row.taishosha} == {p.atena_bango for p in household}
    assert "世帯主・続柄" in row.kisai_jiko and "世帯全員" in row.kisai_jiko
    assert row.seikyusha_kubun == "honnin" and "第12条第1項" in row.seikyu_jiyu
    assert row.copies.count() == 2 and len(row.hakko_bangos) == row.maisu >= 2
    assert row.issued_by == contractor and row.terminal_code == contractor.default_terminal.code
    assert KoufuRireki.objects.get(procedure=kisai).shubetsu == "kisai_jiko"

    # the final copies are the documents now; each carries its own 発行番号
    utsushi = Procedure.objects.get(pk=utsushi.pk)
    documents = get_kind("juminhyo_utsushi").documents(utsushi)
    assert [d.slug for d in documents] == ["copy-1", "copy-2"]
    response = client.get(reverse("counter:procedure_document_pdf", args=[utsushi.pk, "copy-2"]))
    text = squash(pdftotext(response.content, tmp_path))
    assert "".join(row.hakko_bangos[-1].split()) in text and "見本" not in text
    assert AuditLog.objects.filter(action="print", target_id=str(utsushi.pk)).exists()

    # a 監督者 finds the 交付 by one of its 発行番号 (j360)
    login_as(client, supervisor)
    page = client.get(reverse("certificates:koufu_rireki"), {"hakko_bango": row.hakko_bangos[0]})
    assert [r.record.pk for r in page.context["table"].page.object_list] == [row.pk]

    # what lane F charges: one line per kind, quantity the copies
    (line,) = get_kind("juminhyo_utsushi").fee_lines(utsushi)
    assert (line.code, line.quantity, line.basis) == ("juminhyo_utsushi", 2, FeeBasis.TSUUJOU)
