"""seal's screens: 印影の取込, 照合 (enlarged beside the registered one), the list and the
印鑑登録原票 with its history (reading it writes the 操作ログ), the 廃止通知書."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from counter.models import AuditLog
from juki.demo import residents as r
from juki.models import Jumin
from seal import demo, services
from seal.models import HaishiReason, Inei, InkanRireki

from ..conftest import login_as

pytestmark = pytest.mark.django_db


def jpeg_without_dpi() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (300, 300), "white").save(out, format="JPEG")
    return out.getvalue()


def test_torikomi_keeps_a_png_and_measures_it_from_its_dpi(client: Client, contractor: Any) -> None:
    login_as(client, contractor)
    upload = SimpleUploadedFile("inei.png", demo.scan_png(), content_type="image/png")
    response = client.post(reverse("seal:inei_torikomi"), {"youto": "toroku", "scan": upload})
    inei = Inei.objects.get()
    assert response.status_code == 200
    assert f"印影番号 {inei.pk}" in response.content.decode()
    assert (inei.width_mm, inei.height_mm, inei.dpi) == (15, 15, 600)
    assert inei.uploaded_by == contractor and inei.toroku is None


def test_torikomi_asks_for_the_size_when_the_scan_has_no_dpi(
    client: Client, contractor: Any
) -> None:
    login_as(client, contractor)
    url = reverse("seal:inei_torikomi")
    upload = SimpleUploadedFile("inei.jpg", jpeg_without_dpi(), content_type="image/jpeg")
    response = client.post(url, {"youto": "toroku", "scan": upload})
    assert "幅と高さ（mm）を入力してください" in response.content.decode()
    assert not Inei.objects.exists()
    upload = SimpleUploadedFile("inei.jpg", jpeg_without_dpi(), content_type="image/jpeg")
    client.post(url, {"youto": "toroku", "scan": upload, "width_mm": "18", "height_mm": "18.5"})
    inei = Inei.objects.get()
    assert (str(inei.width_mm), str(inei.height_mm), inei.content_type) == (
        "18.0",
        "18.5",
        "image/jpeg",
    )


def test_torikomi_refuses_what_is_not_a_png_or_jpeg(client: Client, contractor: Any) -> None:
    login_as(client, contractor)
    fake = SimpleUploadedFile("inei.png", b"GIF89a not a seal", content_type="image/png")
    response = client.post(reverse("seal:inei_torikomi"), {"youto": "toroku", "scan": fake})
    assert response.status_code == 200
    assert "PNG または JPEG" in response.content.decode()
    assert not Inei.objects.exists()


def test_shougou_shows_the_scan_enlarged_beside_the_registered_one(
    client: Client, contractor: Any, ichiro: Jumin
) -> None:
    registered = demo.registered(ichiro)
    pressed = demo.inei(demo.IneiYouto.SHOUGOU)
    login_as(client, contractor)
    url = reverse("seal:inei_shougou", args=[pressed.pk])
    body = client.get(url, {"atena_bango": ichiro.atena_bango}).content.decode()
    assert reverse("seal:inei_image", args=[pressed.pk]) in body
    assert reverse("seal:inei_image", args=[registered.inei.get().pk]) in body
    assert 'width="227" height="227"' in body  # 15.0 mm × 4 at 96 px per inch
    image = client.get(reverse("seal:inei_image", args=[pressed.pk]))
    assert image["Content-Type"] == "image/png" and image.content.startswith(b"\x89PNG")


def test_the_genpyo_shows_its_history_and_its_reading_is_logged(
    client: Client, clerk: Any, ichiro: Jumin, django_assert_num_queries: Any
) -> None:
    toroku = demo.registered(ichiro)
    services.do_saikoufu(toroku, actor=services.Actor(user=clerk))
    login_as(client, clerk)
    url = reverse("seal:toroku_detail", args=[toroku.pk])
    client.get(url)  # warm the session and the caches
    before = AuditLog.objects.count()
    with django_assert_num_queries(13):
        body = client.get(url).content.decode()
    assert "登録証再交付" in body and "即時登録" in body and "再交付" in body
    assert ichiro.full_name in body
    rows = AuditLog.objects.filter(pk__gt=before).values_list("target_type", "target_id")
    assert ("inkan_toroku", str(toroku.pk)) in set(rows)


def test_the_list_finds_by_atena_bango_or_number(
    client: Client, clerk: Any, takahashi: list[Jumin], django_assert_num_queries: Any
) -> None:
    one = demo.registered(takahashi[0])
    demo.registered(takahashi[1])
    login_as(client, clerk)
    url = reverse("seal:toroku_list")
    client.get(url)
    with django_assert_num_queries(10):
        body = client.get(url, {"q": one.toroku_bango}).content.decode()
    assert takahashi[0].full_name in body and takahashi[1].full_name not in body
    card = one.torokusho.get().bango
    assert takahashi[0].full_name in client.get(url, {"q": card}).content.decode()


def test_the_haishi_tsuchi_is_printed_and_recorded(
    client: Client, clerk: Any, ichiro: Jumin
) -> None:
    toroku = demo.registered(ichiro)
    services.do_haishi(
        toroku, day=r.today(), reason=HaishiReason.SHIMEI_HENKOU, actor=services.SYSTEM
    )
    assert services.tsuchi_pending() == [toroku]
    login_as(client, clerk)
    response = client.get(reverse("seal:haishi_tsuchi_pdf", args=[toroku.pk]))
    assert response.content.startswith(b"%PDF")
    assert InkanRireki.objects.filter(toroku=toroku, act=services.TSUCHI_ACT, by=clerk).exists()
    assert services.tsuchi_pending() == []


def test_the_entry_page_of_a_dairinin_shows_them_as_the_raichousha(
    client: Client, contractor: Any
) -> None:
    from counter import services as counter_services

    reception = counter_services.do_receive(
        acting_user=contractor,
        terminal=contractor.default_terminal,
        category="inkan",
        visitor_kind="dairinin",
        visitor_name="代理　人",
        id_documents=["driver_license"],
        has_ininjo=True,
        kinds=["inkan_sokuji"],
    )
    login_as(client, contractor)
    url = reverse("counter:procedure_entry", args=[reception.procedures.get().pk])
    body = client.get(url).content.decode()
    assert '<option value="dairinin" selected>' in body
