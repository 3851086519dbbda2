"""The 閲覧 screens: the booking form's refusals next to their fields, the window page's
list (four items, no protected person, one query however many persons), the 閲覧簿 and
the 閲覧状況 as screen, CSV and PDF."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from certificates.etsuran import jokyo, services
from certificates.etsuran.listing import list_of
from certificates.etsuran.models import EtsuranKai, EtsuranMoushide
from counter.models import AuditLog

from ..conftest import login_as
from ..factories import ChouazaFactory, JuminFactory, register_household
from .etsuran_helpers import price, visit
from .test_etsuran import FORM_BASE

pytestmark = pytest.mark.django_db


def _town(n: int) -> Any:
    chouaza = ChouazaFactory()
    for start in range(0, n, 50):
        register_household(
            *[
                JuminFactory.build(shi=f"住民{i:04d}", banchi=f"{i}番", honseki="本籍見本町1番")
                for i in range(start, min(n, start + 50))
            ],
            chouaza=chouaza,
        )
    return chouaza


def test_the_booking_form_shows_the_eiri_rule_next_to_the_field(client: Client, clerk) -> None:
    chouaza = ChouazaFactory()
    login_as(client, clerk)
    response = client.post(
        reverse("certificates:etsuran_new"),
        {**FORM_BASE, "chouaza": str(chouaza.pk), "mokuteki": "eiri", "moushidesha_name": "DM社"},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "営利を目的とする閲覧はできません" in page
    assert 'value="DM社"' in page
    assert not EtsuranMoushide.objects.exists()


def test_a_booking_is_taken_through_the_form(client: Client, clerk) -> None:
    chouaza = ChouazaFactory()
    login_as(client, clerk)
    response = client.post(
        reverse("certificates:etsuran_new"), {**FORM_BASE, "chouaza": str(chouaza.pk)}
    )
    m = EtsuranMoushide.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("certificates:etsuran_detail", args=[m.pk])
    assert client.get(response["Location"]).status_code == 200


def test_the_acts_run_through_one_post_each(client: Client, clerk, second_clerk) -> None:
    chouaza = ChouazaFactory()
    login_as(client, clerk)
    client.post(reverse("certificates:etsuran_new"), {**FORM_BASE, "chouaza": str(chouaza.pk)})
    m = EtsuranMoushide.objects.get()
    url = reverse("certificates:etsuran_act", args=[m.pk])
    client.post(url, {"act": "shinsa"})
    response = client.post(url, {"act": "shonin"}, follow=True)
    assert "二者確認" in response.content.decode()
    login_as(client, second_clerk)
    client.post(url, {"act": "shonin"})
    m.refresh_from_db()
    assert m.state == "shonin"


@pytest.mark.parametrize("n", [5, 500])
def test_the_window_page_reads_the_list_in_constant_queries(
    client: Client, clerk, second_clerk, django_assert_num_queries, n
) -> None:
    kai = visit(clerk, second_clerk, _town(n))
    login_as(client, clerk)
    url = reverse("certificates:etsuran_window", args=[kai.pk])
    # session, user, groups (access); the visit; the list (ONE query: the protected are a
    # subquery); list_count saved; the showing's persons (ONE row: the disclosure
    # record's); the 操作ログ (chain head, row, head update); the session saved in its
    # savepoint (3). The same for 5 and 500 persons.
    with django_assert_num_queries(QUERIES):
        response = client.get(url)
    assert response.status_code == 200
    assert response.content.decode().count("<tr>") == n + 1
    assert EtsuranKai.objects.get(pk=kai.pk).list_count == n


QUERIES = 13


def test_the_window_page_shows_only_the_four_items(client: Client, clerk, second_clerk) -> None:
    kai = visit(clerk, second_clerk, _town(3))
    login_as(client, clerk)
    page = client.get(reverse("certificates:etsuran_window", args=[kai.pk])).content.decode()
    assert "住民0000" in page
    for never in ("本籍", "本籍見本町1番", "続柄", "世帯主", "個人番号", "住民票コード", "筆頭者"):
        assert never not in page
    assert AuditLog.objects.filter(detail__act="閲覧用リスト", detail__kai=kai.pk).count() == 1


def test_the_printed_list_is_the_same_at_a_reprint(client: Client, clerk, second_clerk) -> None:
    kai = visit(clerk, second_clerk, _town(8), narabi="random")
    login_as(client, clerk)
    url = reverse("certificates:etsuran_window_pdf", args=[kai.pk])
    first, second = client.get(url), client.get(url)
    for printed in (first, second):
        assert printed["Content-Type"] == "application/pdf"
        assert printed.content.startswith(b"%PDF")
    logged = AuditLog.objects.filter(detail__act="閲覧用リスト", detail__kai=kai.pk)
    assert [(r.detail["seed"], r.detail["count"]) for r in logged] == [(kai.seed, 8)] * 2


def test_the_list_as_csv_holds_the_four_items_in_the_visits_order(
    client: Client, clerk, second_clerk, supervisor
) -> None:
    kai = visit(clerk, second_clerk, _town(6), narabi="random")
    login_as(client, supervisor)
    response = client.get(reverse("certificates:etsuran_window_csv", args=[kai.pk]))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["番号", "氏名", "生年月日", "性別", "住所"]
    assert [r[1:] for r in rows[1:]] == [list(row.cells()) for row in list_of(kai)]
    assert "本籍見本町1番" not in response.content.decode("utf-8-sig")


def test_the_list_is_closed_once_the_visit_ended(client: Client, clerk, second_clerk) -> None:
    price()
    kai = visit(clerk, second_clerk, _town(2))
    services.record_shown(kai, count=2, printed=False, user=clerk)
    services.do_shuryo(kai, tenki_kensu=1, acting_user=clerk)
    login_as(client, clerk)
    assert client.get(reverse("certificates:etsuran_window", args=[kai.pk])).status_code == 404


def _ended(clerk: Any, second_clerk: Any) -> EtsuranKai:
    price()
    kai = visit(clerk, second_clerk, _town(3))
    services.record_shown(kai, count=3, printed=False, user=clerk)
    return services.do_shuryo(kai, tenki_kensu=3, acting_user=clerk)


def test_the_jokyo_screen_csv_and_pdf(client: Client, clerk, second_clerk, supervisor) -> None:
    kai = _ended(clerk, second_clerk)
    nendo = jokyo.nendo_of(kai.etsuran_date)
    login_as(client, supervisor)
    url = reverse("certificates:etsuran_jokyo")
    page = client.get(url, {"nendo": nendo}).content.decode()
    assert jokyo.nendo_label(nendo) in page and "株式会社見本調査研究所" in page
    response = client.get(url, {"nendo": nendo, "format": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][0] == "申出者（請求機関）" and len(rows) == 2
    pdf = client.get(url, {"nendo": nendo, "format": "pdf"})
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")


def test_the_jokyo_screen_takes_a_bad_nendo_without_a_500(client: Client, supervisor) -> None:
    login_as(client, supervisor)
    response = client.get(reverse("certificates:etsuran_jokyo"), {"nendo": "令和"})
    assert response.status_code == 200
    assert "整数" in response.content.decode()


def test_the_bo_screen_and_csv(client: Client, clerk, second_clerk, supervisor) -> None:
    kai = _ended(clerk, second_clerk)
    login_as(client, supervisor)
    url = reverse("certificates:etsuran_bo")
    nendo = jokyo.nendo_of(kai.etsuran_date)
    assert "調査　花子" in client.get(url, {"nendo": nendo}).content.decode()
    text = client.get(url, {"nendo": nendo, "format": "csv"}).content.decode("utf-8-sig")
    assert text.splitlines()[1].endswith(",3,900")
