"""The 印鑑登録証明書 (要領 第4) and its 交付 on the machine (seed 004 「印鑑（証明書の交付）」):
the issue's journey 照会 → 回答 → 印鑑登録証 → 印鑑登録証明書 with 300円 taken and the 日計表
counting it under 印鑑登録証明書; the card refused when unknown or invalidated; the 印影
placed at its recorded size (measured in the PDF); the 認証文, 発行番号 and 和暦 date in
the text; the QR verify page confirming each copy."""

from __future__ import annotations

import datetime
import re
import subprocess
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

from counter import fees
from counter.kind_plan import PlanRefused
from counter.models import FeeRow, Payment, Reji, TesuryoMaster
from counter.procedure_kinds import FeeBasis, documents_of, get_kind
from counter.procedure_models import ProcedureState
from counter.shomei import qr
from counter.shomei.issue import IssueContext
from counter.shomei.models import HakkoKiroku
from jputil import wareki
from juki.demo import residents as r
from juki.models import Jumin, JuminShubetsu
from seal import demo
from seal import services as seal_services
from seal.documents import torokusho_pdf
from seal.lookups import inei_of, torokusho_in_use
from seal.models import HaishiReason, InkanShomeiKoufu, InkanToroku, Torokusho
from seal.shomeisho import NINSHOUBUN, render_inkan_shomeisho
from stats.nikkei.report import day_report

from ..conftest import login_as
from ..procedures import approve, enter_and_check, receive, run
from ..test_documents import _poppler, pdftotext, squash
from .conftest import shoukai_entry

pytestmark = pytest.mark.django_db

S = ProcedureState


def shomei_entry(bango: str, **changes: Any) -> dict[str, Any]:
    return {
        "torokusho_bango": bango,
        "shinsei_date": r.today().isoformat(),
        "raichousha": "honnin",
        "dairinin_shimei": "",
        "tsusu": 1,
        **changes,
    }


def card_of(toroku: InkanToroku) -> Torokusho:
    card = torokusho_in_use(toroku)
    assert card is not None
    return card


def inei_boxes_mm(
    pdf: bytes, tmp_path: Path, width_px: int, height_px: int
) -> list[tuple[float, float]]:
    """The printed size (mm) of each image of ``width_px`` × ``height_px`` pixels in the PDF.

    ``pdfimages -list`` reports each image's pixels and its resolution as placed (x-ppi,
    y-ppi: pixels per inch of the box the page's matrix gives it), so the box's side is
    pixels ÷ ppi × 25.4 mm (±0.05 mm: the ppi is printed rounded)."""
    src = tmp_path / "inei.pdf"
    src.write_bytes(pdf)
    out = subprocess.run(  # noqa: S603
        [_poppler("pdfimages"), "-list", str(src)], check=True, capture_output=True, text=True
    ).stdout
    boxes = []
    for line in out.splitlines()[2:]:
        cols = line.split()
        width, height, x_ppi, y_ppi = int(cols[3]), int(cols[4]), int(cols[12]), int(cols[13])
        if (width, height) == (width_px, height_px):
            boxes.append((width / x_ppi * 25.4, height / y_ppi * 25.4))
    return boxes


@pytest.fixture
def window(contractor: Any) -> Reji:
    """The city's 手数料 master (印鑑登録証明書 300円) and the window's レジ."""
    TesuryoMaster.objects.create(
        code="inkan_shomei",
        label="印鑑登録証明書",
        amount_yen=300,
        valid_from=datetime.date(2000, 4, 1),
    )
    return Reji.objects.create(code="R1", name="窓口1レジ", terminal=contractor.default_terminal)


def test_journey_shoukai_kaitou_torokusho_then_certificate_with_300_yen_counted_in_the_nikkei(
    ichiro: Jumin,
    scan_id: int,
    contractor: Any,
    clerk: Any,
    supervisor: Any,
    window: Reji,
    client: Client,
    tmp_path: Path,
) -> None:
    # 照会: the 照会書兼回答書 mailed; 回答: the registration and its 印鑑登録証
    shoukai = run("inkan_shoukai", shoukai_entry(ichiro, scan_id), contractor, clerk)
    (letter,) = documents_of(shoukai)
    assert "回答書" in squash(pdftotext(letter.render(), tmp_path))
    run(
        "inkan_kaitou",
        {
            "atena_bango": ichiro.atena_bango,
            "kaitou_date": r.today().isoformat(),
            "raichousha": "honnin",
            "shougou_inei_id": None,
            "check_kaitousho": True,
            "check_inei_itchi": True,
        },
        contractor,
        clerk,
    )
    card = card_of(InkanToroku.objects.get(jumin=ichiro))

    face = squash(pdftotext(torokusho_pdf(card), tmp_path))
    assert card.bango in face and "印鑑登録証" in face

    # 印鑑登録証明書: the card presented, 2 copies, the fee taken at the レジ
    procedure = approve(
        enter_and_check("inkan_shomei", shomei_entry(card.bango, tsusu=2), contractor), clerk
    )
    (line,) = get_kind("inkan_shomei").fee_lines(procedure)
    assert (line.code, line.label, line.quantity, line.basis) == (
        "inkan_shomei",
        "印鑑登録証明書",
        2,
        FeeBasis.TSUUJOU,
    )
    payment = fees.do_handover(
        procedure.reception,
        [procedure],
        received_yen=1000,
        acting_user=contractor,
        terminal=contractor.default_terminal,
    )
    assert payment is not None and (payment.total_yen, payment.change_yen) == (600, 400)
    procedure.refresh_from_db()
    assert procedure.state == S.KOUFU
    assert list(FeeRow.objects.values_list("code", "label", "quantity", "amount_yen")) == [
        ("inkan_shomei", "印鑑登録証明書", 2, 600)
    ]
    copies = InkanShomeiKoufu.objects.filter(procedure=procedure)
    assert copies.count() == 2 == HakkoKiroku.objects.filter(kind="inkan_shomei").count()
    assert [d.slug for d in documents_of(procedure)] == ["copy-1", "copy-2"]

    # the 日計表 counts it under its own 事務
    report = day_report(timezone.localdate())
    (jimu,) = [j for j in report.by_jimu if j.code == "inkan_shomei"]
    assert jimu.label == "印鑑登録証明書"
    assert (jimu.figures.issued, jimu.figures.fees_yen) == (2, 600)
    login_as(client, supervisor)
    page = client.get(reverse("stats:nikkei"))
    assert page.status_code == 200 and "印鑑登録証明書" in page.content.decode()


def test_the_certificate_text_holds_the_ninshoubun_the_hakko_bango_and_a_wareki_date(
    ichiro: Jumin, tmp_path: Path
) -> None:
    toroku = demo.registered(ichiro)
    day = r.today()
    printed = render_inkan_shomeisho(toroku, context=IssueContext(day=day, draft=False))
    text = squash(pdftotext(printed.pdf, tmp_path))
    assert squash(NINSHOUBUN) in text
    assert printed.kiroku is not None and squash(printed.kiroku.hakko_bango) in text
    assert squash(wareki.to_wareki(day)) in text  # the date of the 認証文, 和暦
    assert squash(ichiro.seinengappi_text) in text and "年" in ichiro.seinengappi_text
    assert ichiro.full_name.replace("　", "") in text and "性別" in text
    assert "見本" not in text


@override_settings(SEAL_SHOMEI_SEIBETSU=False)
def test_a_city_whose_ordinance_leaves_out_the_seibetsu_prints_none(
    ichiro: Jumin, tmp_path: Path
) -> None:
    toroku = demo.registered(ichiro)
    pdf = render_inkan_shomeisho(toroku, context=IssueContext(day=r.today())).pdf
    text = squash(pdftotext(pdf, tmp_path))
    assert "性別" not in text and "男" not in text


def test_the_inei_is_placed_at_its_recorded_size(ichiro: Jumin, tmp_path: Path) -> None:
    toroku = demo.registered(ichiro)
    inei = inei_of(toroku)
    assert inei is not None
    # the record, not the scan's dpi, decides: a size set apart from what 600 dpi gives
    inei.width_mm, inei.height_mm = Decimal("18.0"), Decimal("16.5")
    inei.save(update_fields=["width_mm", "height_mm"])
    pdf = render_inkan_shomeisho(toroku, context=IssueContext(day=r.today())).pdf
    ((width, height),) = inei_boxes_mm(pdf, tmp_path, inei.width_px, inei.height_px)
    assert width == pytest.approx(18.0, abs=0.05)
    assert height == pytest.approx(16.5, abs=0.05)


def test_a_foreign_residents_birth_date_is_printed_in_seireki_as_the_juminhyo_has_it(
    ichiro: Jumin, tmp_path: Path
) -> None:
    toroku = demo.registered(ichiro)
    Jumin.objects.filter(pk=ichiro.pk).update(shubetsu=JuminShubetsu.FOREIGN)
    toroku = InkanToroku.objects.select_related("jumin").get(pk=toroku.pk)
    pdf = render_inkan_shomeisho(toroku, context=IssueContext(day=r.today())).pdf
    text = squash(pdftotext(pdf, tmp_path))
    assert squash(wareki.to_seireki(ichiro.seinengappi)) in text
    assert squash(wareki.to_wareki(ichiro.seinengappi)) not in text


def test_each_copy_is_confirmed_by_the_qr_verify_page(
    ichiro: Jumin, client: Client, tmp_path: Path
) -> None:
    toroku = demo.registered(ichiro)
    printed = render_inkan_shomeisho(toroku, context=IssueContext(day=r.today(), draft=False))
    kiroku = printed.kiroku
    assert kiroku is not None
    token = qr.token_for(kiroku.issued_on, kiroku.serial)
    page = client.get(reverse("hakko:verify", kwargs={"token": token}))
    body = page.content.decode()
    assert page.status_code == 200
    assert kiroku.hakko_bango in body and "印鑑登録証明書" in body
    assert ichiro.full_name not in body  # the page shows nothing of the person


@pytest.mark.parametrize("how", ["unknown", "saikoufu", "haishi"])
def test_a_certificate_is_refused_for_an_unknown_or_invalidated_torokusho(
    how: str, ichiro: Jumin, contractor: Any
) -> None:
    toroku = demo.registered(ichiro)
    bango = card_of(toroku).bango
    if how == "unknown":
        bango = "99999999"
    elif how == "saikoufu":
        seal_services.do_saikoufu(toroku, actor=seal_services.SYSTEM)
    else:
        seal_services.do_haishi(
            toroku, day=r.today(), reason=HaishiReason.BOUSHITSU, actor=seal_services.SYSTEM
        )
    expected = {"unknown": "ありません", "saikoufu": "無効", "haishi": "廃止"}[how]
    form = get_kind("inkan_shomei").entry_form(
        receive(contractor, "inkan_shomei"), shomei_entry(bango)
    )
    assert not form.is_valid()
    message = " ".join(form.errors["torokusho_bango"])
    assert "要領 第4" in message and expected in message


def test_a_card_invalidated_after_the_approval_refuses_the_handover(
    ichiro: Jumin, contractor: Any, clerk: Any, window: Reji
) -> None:
    toroku = demo.registered(ichiro)
    procedure = approve(
        enter_and_check("inkan_shomei", shomei_entry(card_of(toroku).bango), contractor), clerk
    )
    seal_services.do_saikoufu(toroku, actor=seal_services.SYSTEM)
    with pytest.raises(PlanRefused):
        fees.do_handover(
            procedure.reception,
            [procedure],
            received_yen=300,
            acting_user=contractor,
            terminal=contractor.default_terminal,
        )
    procedure.refresh_from_db()
    assert procedure.state == S.SHOUNIN
    assert not Payment.objects.exists() and not HakkoKiroku.objects.exists()


def test_a_dairinin_with_the_card_may_ask_and_is_the_requester(
    ichiro: Jumin, contractor: Any, clerk: Any
) -> None:
    toroku = demo.registered(ichiro)
    entry = shomei_entry(card_of(toroku).bango, raichousha="dairinin", dairinin_shimei="佐藤　花子")
    procedure = approve(enter_and_check("inkan_shomei", entry, contractor), clerk)
    requester = get_kind("inkan_shomei").requester(procedure)
    assert requester is not None and requester.name == "佐藤　花子"
    assert requester.category == "dairinin"


def test_a_dairinin_must_give_a_name(ichiro: Jumin) -> None:
    from seal.inkan_shomei.entry import ShomeiEntry
    from seal.inkan_shomei.plan import plan

    toroku = demo.registered(ichiro)
    entry = ShomeiEntry(
        torokusho_bango=card_of(toroku).bango, shinsei_date=r.today(), raichousha="dairinin"
    )
    with pytest.raises(PlanRefused) as refused:
        plan(entry)
    assert [p.field for p in refused.value.problems] == ["dairinin_shimei"]


def test_the_sample_forms_print(db: None) -> None:
    from seal.samples import SAMPLES

    for name, build in SAMPLES:
        pdf = build()
        assert pdf.startswith(b"%PDF"), name
    assert re.search("印鑑登録証明書", " ".join(n for n, _b in SAMPLES))
