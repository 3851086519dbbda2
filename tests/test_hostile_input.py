"""Input that once gave a 500 (mostly on PostgreSQL) gives a message or a refusal.

- a NUL or another control character in a text item: a message next to the item
  (every form, by the project's FORM_RENDERER: counter/form_rendering.py);
- a 利用者ID longer than the column django-axes logs failures in: a message;
- a form posted in another character set: 400, or a message when it was declared UTF-8;
- a NUL in the resident URL: 404, and the refusal in the 操作ログ (tests/contract/test_fuzz.py
  fuzzes the rest).
"""

from __future__ import annotations

from typing import Any

import pytest
from django import forms
from django.test import Client
from django.urls import NoReverseMatch, get_resolver, reverse

from counter.form_rendering import unreadable_character
from counter.forms_procedure import WithdrawForm
from counter.models import AuditAction, AuditLog
from counter.templatetags.counter_tags import FORM_TOKEN_FIELD

from .conftest import login_as

pytestmark = pytest.mark.django_db


class NameForm(forms.Form):
    name = forms.CharField(label="氏名", max_length=20)
    note = forms.CharField(label="備考", required=False, widget=forms.Textarea)


@pytest.mark.parametrize("bad", ["山\x00田", "山\x07田", "山\x1b田", "山\ud800田", "山\ufffd田"])
def test_a_text_item_refuses_control_characters_with_a_message(bad: str) -> None:
    form = NameForm({"name": bad})
    assert not form.is_valid()
    (message,) = form.errors["name"]
    assert message.startswith("氏名に"), message


def test_a_multi_line_item_keeps_its_line_breaks_and_tabs() -> None:
    form = NameForm({"name": "山田", "note": "一行目\r\n\t二行目"})
    assert form.is_valid(), form.errors
    assert NameForm({"name": "山田", "note": "一行目\x00"}).errors["note"]


def test_ivs_and_rare_characters_are_not_refused() -> None:
    assert unreadable_character("邊\U000e0108髙﨑𠮷　太郎") is None


def test_a_long_login_name_gets_a_message(client: Client, contractor: Any) -> None:
    response = client.post(
        reverse("counter:login"),
        {"username": "a" * 300, "password": "x", "terminal": contractor.default_terminal.pk},
    )
    assert response.status_code == 200
    (message,) = response.context["form"].errors["username"]
    assert "150文字以内" in message and "300文字" in message


def test_a_form_in_another_charset_is_a_bad_request(client: Client, contractor: Any) -> None:
    login_as(client, contractor)
    body = b"visitor_name=" + "高橋".encode("shift_jis")
    response = client.generic(
        "POST",
        reverse("counter:reception_new"),
        body,
        content_type="application/x-www-form-urlencoded; charset=shift_jis",
    )
    assert response.status_code == 400


def test_shift_jis_declared_as_utf8_gets_a_message(client: Client, contractor: Any) -> None:
    """What the bytes decode to (U+FFFD, or C1 controls) is refused next to the item,
    never stored as the visitor's name."""
    login_as(client, contractor)
    body = b"visitor_name=" + "高橋".encode("shift_jis") + b"&visitor_kind=honnin"
    response = client.generic(
        "POST",
        reverse("counter:reception_new"),
        body + f"&{FORM_TOKEN_FIELD}=t1".encode(),
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    (message,) = response.context["form"].errors["visitor_name"]
    assert message.startswith("来庁者の氏名に") and "文字" in message, message


def test_a_withdrawal_reason_with_nul_is_refused_next_to_it() -> None:
    form = WithdrawForm({"reason": "本人\x00申出"})
    assert not form.is_valid()
    assert "制御文字 U+0000" in form.errors["reason"][0]


def test_a_nul_in_the_resident_url_is_refused_and_logged(client: Client, clerk: Any) -> None:
    login_as(client, clerk)
    response = client.get("/juki/residents/00%0001/")
    assert response.status_code == 404
    row = AuditLog.objects.filter(action=AuditAction.REFUSED).get()
    assert row.detail == {"reason": "atena_bango"}
    assert row.target_id == "00\\x0001"
    assert row.path == "/juki/residents/00\\x0001/"


def test_a_refusal_of_a_url_with_nul_is_logged(client: Client, outsider: Any) -> None:
    login_as(client, outsider)
    assert client.get("/juki/residents/%00/").status_code == 403
    assert AuditLog.objects.get(action=AuditAction.REFUSED).path == "/juki/residents/\\x00/"


def _urls_without_arguments() -> list[str]:
    """Every page of every app that takes no argument (a list, a form, a report …)."""
    resolver = get_resolver()
    urls = set()
    for namespace in resolver.namespace_dict:
        for name in resolver.namespace_dict[namespace][1].reverse_dict:
            if isinstance(name, str):
                try:
                    urls.add(reverse(f"{namespace}:{name}"))
                except NoReverseMatch:
                    continue
    return sorted(urls)


HOSTILE_QUERIES = (
    "page=%00&sort=%00&day=%00&category=%00&next=%00&q=%00&target=%00&johyo=%00&status=%00",
    "page=99999999999999999999&sort=-x&per_page=-1",
    "page=-1&per_page=100000000",
    "day=%ff%fe&page=%82%a0",
)


@pytest.mark.parametrize("persona_name", ["contractor", "clerk", "supervisor", "administrator"])
def test_every_page_survives_hostile_query_parameters(
    persona_name: str, request: pytest.FixtureRequest
) -> None:
    from .contract import tally

    client = login_as(Client(), request.getfixturevalue(persona_name))
    urls = _urls_without_arguments()
    assert len(urls) > 10
    for url in urls:
        for query in HOSTILE_QUERIES:
            try:
                status = client.get(f"{url}?{query}").status_code
            except Exception:
                tally.page(500)
                raise
            tally.page(status)
            assert status < 500, (url, query, status)
