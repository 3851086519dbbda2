"""個人番号カード's screens: a resident's cards with their history, certificates and PIN
records; the lists (交付待ち, 有効期限, 継続利用, カード補記, 交付前設定): each with its exact
query count, reading writes the 操作ログ, bad input answers in Japanese next to the field."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st

from counter.models import AuditLog
from juki.demo import residents as r
from juki.models import IdoJiyu, Jumin
from juki.services import IdoContext, update_person
from mynumber import demo, services
from mynumber.forms import CardSearchForm, MonthsForm
from mynumber.models import Card

from ..conftest import login_as

pytestmark = pytest.mark.django_db


def _get(client: Client, url: str, data: dict[str, Any] | None = None) -> str:
    response = client.get(url, data or {})
    assert response.status_code == 200
    return response.content.decode()


def _read_subjects(before: int) -> set[str]:
    """Every subject the 操作ログ rows after ``before`` name (one row per request)."""
    return {
        whom
        for detail in AuditLog.objects.filter(pk__gt=before).values_list("detail", flat=True)
        for whom in (detail or {}).get("whom", [])
    }


def test_a_residents_cards_show_history_certificates_and_pin_records_and_the_read_is_logged(
    client: Client, clerk: Any, ichiro: Jumin, django_assert_num_queries: Any
) -> None:
    card = demo.issued(ichiro)
    login_as(client, clerk)
    url = reverse("mynumber:resident_cards", args=[ichiro.atena_bango])
    client.get(url)  # warm the session and the caches
    before = AuditLog.objects.count()
    with django_assert_num_queries(QUERIES["resident_cards"]):
        body = _get(client, url)
    assert ichiro.full_name in body and card.hakkou_bango in body
    assert "交付前設定" in body and "署名用電子証明書" in body and "券面事項入力補助用" in body
    assert {f"mynumber_card:{card.pk}", f"jumin:{ichiro.atena_bango}"} <= _read_subjects(before)


def test_the_search_by_hakkou_bango_opens_the_card(
    client: Client, clerk: Any, ichiro: Jumin
) -> None:
    card = demo.issued(ichiro)
    login_as(client, clerk)
    response = client.get(reverse("mynumber:index"), {"q": card.hakkou_bango})
    assert response.url == reverse("mynumber:card_detail", args=[card.pk])  # type: ignore[attr-defined]


def test_a_bad_search_answers_in_japanese_next_to_the_field_and_keeps_what_was_typed(
    client: Client, clerk: Any, db: None
) -> None:
    login_as(client, clerk)
    body = _get(client, reverse("mynumber:index"), {"q": "山田＜script＞"})
    assert "宛名番号（数字10桁まで）またはカード発行番号" in body
    assert "山田＜script＞" in body


def test_cards_awaiting_koufu_are_split_by_the_tsuchisho(
    client: Client, clerk: Any, takahashi: list[Jumin], django_assert_num_queries: Any
) -> None:
    unsent = demo.received(takahashi[0], sent=False)
    sent = demo.received(takahashi[1])
    returned = demo.received(takahashi[2])
    services.do_return_tsuchisho(returned, day=r.today(), acting_user=clerk, reason="宛所不明")
    login_as(client, clerk)
    url = reverse("mynumber:koufu_machi")
    client.get(url)
    with django_assert_num_queries(QUERIES["koufu_machi"]):
        body = _get(client, url)
    assert body.index(unsent.hakkou_bango) < body.index(returned.hakkou_bango)
    assert body.index(returned.hakkou_bango) < body.index(sent.hakkou_bango)
    assert "返戻（1件）" in body


def test_the_expiry_list_shows_cards_and_certificates_within_n_months(
    client: Client, clerk: Any, takahashi: list[Jumin], django_assert_num_queries: Any
) -> None:
    soon, later = demo.issued(takahashi[0]), demo.issued(takahashi[1])
    Card.objects.filter(pk=soon.pk).update(yuukou_kigen=r.today() + datetime.timedelta(days=40))
    soon.certificates.update(yuukou_kigen=r.today() + datetime.timedelta(days=40))
    login_as(client, clerk)
    url = reverse("mynumber:kigen")
    client.get(url)
    with django_assert_num_queries(QUERIES["kigen"]):
        body = _get(client, url, {"months": "2"})
    assert soon.hakkou_bango in body and later.hakkou_bango not in body
    assert "カード（1件）" in body and "電子証明書（2件）" in body


def test_the_expiry_list_refuses_a_bad_month_count_in_japanese(
    client: Client, clerk: Any, db: None
) -> None:
    login_as(client, clerk)
    body = _get(client, reverse("mynumber:kigen"), {"months": "99"})
    assert "24か月以内で入力してください。" in body and 'value="99"' in body


def test_keizoku_and_hoki_lists(
    client: Client, clerk: Any, takahashi: list[Jumin], django_assert_num_queries: Any
) -> None:
    due = demo.issued(takahashi[0])
    Card.objects.filter(pk=due.pk).update(keizoku_kigen=r.days_ago(1))
    hoki = demo.issued(takahashi[1])
    services.do_mark_hoki(hoki, day=r.today(), jiyu="転居（住所）", acting_user=None)
    login_as(client, clerk)
    for name, card, text in (("keizoku", due, "期限経過"), ("hoki", hoki, "転居（住所）")):
        url = reverse(f"mynumber:{name}")
        client.get(url)
        with django_assert_num_queries(QUERIES[name]):
            body = _get(client, url)
        assert card.hakkou_bango in body and text in body


def test_the_checklist_flags_a_change_since_the_application(
    client: Client, clerk: Any, takahashi: list[Jumin], django_assert_num_queries: Any
) -> None:
    quiet = demo.applied(takahashi[0], shinsei_date=r.today() + datetime.timedelta(days=1))
    moved = demo.applied(takahashi[3], shinsei_date=r.days_ago(400))
    # a 異動 after her 申請 (the データ移行's own history row is no change: its 異動日 is
    # the original one, only its 処理日 is the load day)
    update_person(takahashi[3], {"honseki": "東京都墨田区押上一丁目1番"}, _ctx())
    login_as(client, clerk)
    url = reverse("mynumber:checklist")
    client.get(url)
    with django_assert_num_queries(QUERIES["checklist"]):
        body = _get(client, url)
    assert "あり（確認用住民票を出力）" in body  # 桜's register changed after her 申請
    assert "発行しない（15歳未満）" in body
    assert quiet.jumin.full_name in body and moved.jumin.full_name in body


def _ctx() -> IdoContext:
    return IdoContext(
        acting_user=None, terminal=None, ido_jiyu=IdoJiyu.SHOKKEN_SHUSEI, ido_date=r.today()
    )


#: page → queries with the session warm (the session, the user and the terminal, as on
#: every page; the 操作ログ's head, row and head when personal rows were read) and, per
#: page, one query of the cards with their holders; the resident's page also the person
#: and the cards' history, certificates and PIN records (3); 有効期限 also the
#: certificates; the checklist's checks are annotations of its one query
QUERIES = {
    "resident_cards": 14,
    "koufu_machi": 10,
    "kigen": 11,
    "keizoku": 10,
    "hoki": 10,
    "checklist": 10,
}


@given(st.text(max_size=30))
@settings(max_examples=60, deadline=None)
def test_the_search_form_never_raises_and_accepts_only_numbers_it_can_find(text: str) -> None:
    form = CardSearchForm({"q": text})
    if form.is_valid():
        q = form.cleaned_data["q"]
        assert q.isascii() and q.isalnum() and len(q) <= 20
    else:
        assert form.errors["q"]


@given(st.one_of(st.text(max_size=8), st.integers(-100, 100).map(str)))
@settings(max_examples=60, deadline=None)
def test_the_months_form_never_raises_and_stays_within_1_to_24(text: str) -> None:
    form = MonthsForm({"months": text})
    months = form.months_or_default()
    assert 1 <= months <= 24
    if form.is_valid() and form.cleaned_data.get("months"):
        assert str(months) == text.strip().lstrip("+").lstrip("0") or int(text) == months
