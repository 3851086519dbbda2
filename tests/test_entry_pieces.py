"""The shared pieces every entry form gets without a line of its own: 「必須」 marked, a too
long value refused with a message (never cut by the browser), the foreign-resident items
opened by 外国人, focus on the first field (the 4情報 search: tests/test_person_pick.py)."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django import forms
from django.test import Client
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from counter import services
from counter.procedure_models import Procedure
from juki.ido.tennyu import entry_post_data, tennyu_entry
from juki.manifest import IDO

from .conftest import login_as
from .factories import ChouazaFactory
from .ido.test_tennyu import family


def receive(user: Any, kind: str) -> Procedure:
    return services.do_receive(
        acting_user=user,
        terminal=user.default_terminal,
        category=IDO,
        visitor_kind="honnin",
        visitor_name="入力　確認",
        id_documents=["driver_license"],
        has_ininjo=False,
        kinds=[kind],
    ).procedures.get()


def entry_page(client: Client, proc: Procedure) -> str:
    response = client.get(reverse("counter:procedure_entry", args=[proc.pk]))
    assert response.status_code == 200
    return response.content.decode()


# --------------------------------------------------------------------------- too long


class NameForm(forms.Form):
    shi = forms.CharField(label="氏", max_length=5)
    memo = forms.CharField(label="メモ", max_length=3, required=False, widget=forms.Textarea)
    own = forms.CharField(
        label="独自", max_length=2, required=False, error_messages={"max_length": "独自の文言"}
    )


def test_no_field_is_cut_by_the_browser_and_required_ones_say_so() -> None:
    html = str(NameForm()["shi"]) + str(NameForm()["memo"])
    assert not re.search(r"\smaxlength=", html)
    assert 'data-maxlength="5"' in html and 'data-maxlength="3"' in html
    assert re.search(r'<input[^>]*name="shi"[^>]*aria-required="true"', html)
    assert not re.search(r'<textarea[^>]*name="memo"[^>]*aria-required', html)


@given(st.text(alphabet="髙𠮷あア漢A1", min_size=6, max_size=40))
def test_a_value_over_its_item_is_refused_with_its_length(value: str) -> None:
    form = NameForm({"shi": value})
    assert not form.is_valid()
    assert form.errors["shi"] == [f"氏は5文字以内で入力してください（入力は{len(value)}文字）。"]


@given(st.text(alphabet="髙𠮷あア漢A1", min_size=1, max_size=5))
def test_a_value_within_its_item_is_kept(value: str) -> None:
    form = NameForm({"shi": value})
    assert form.is_valid() and form.cleaned_data["shi"] == value


def test_a_form_that_wrote_its_own_message_keeps_it() -> None:
    form = NameForm({"shi": "a", "own": "abc"})
    assert form.errors["own"] == ["独自の文言"]


@pytest.mark.django_db
def test_a_long_shi_in_the_tennyu_entry_is_refused_and_kept(client: Client, contractor) -> None:
    login_as(client, contractor)
    place = ChouazaFactory()
    proc = receive(contractor, "tennyu")
    page = entry_page(client, proc)
    assert " maxlength=" not in page
    assert 'data-maxlength="100"' in page
    long_shi = "髙" * 101
    entry = tennyu_entry(chouaza=place.code, persons=family())
    data = entry_post_data(entry)
    data["persons-0-shi"] = long_shi
    response = client.post(
        reverse("counter:procedure_entry", args=[proc.pk]), {**data, "form_token": "long-shi"}
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "氏は100文字以内で入力してください（入力は101文字）。" in body
    assert f'value="{long_shi}"' in body  # what was typed stays, uncut
    proc.refresh_from_db()
    assert proc.entry == {}


# --------------------------------------------------------------------------- required, focus


@pytest.mark.django_db
def test_the_entry_marks_required_items_and_focuses_the_first_field(
    client: Client, contractor
) -> None:
    login_as(client, contractor)
    page = entry_page(client, receive(contractor, "tennyu"))
    assert '<form method="post" action="/procedures/' in page
    assert re.search(r'<form [^>]*class="entry-form" data-focus-first>', page)
    # 届出年月日 is required; 方書 is not
    assert re.search(
        r'届出年月日<span class="badge badge-req">必須</span></label>\s*<input[^>]*'
        r'aria-required="true"',
        page,
    )
    assert re.search(r"方書</label>\s*<input(?![^>]*aria-required)", page)
    # the shared script served by the app itself (closed network) handles the focus
    assert '<script src="/static/js/app.js" defer></script>' in page


def test_the_shared_script_has_every_habit() -> None:
    from django.conf import settings

    script = (settings.BASE_DIR / "static" / "js" / "app.js").read_text(encoding="utf-8")
    for hook in ("form[data-focus-first]", "[data-show-when]", "[data-maxlength]", "data-pick"):
        assert hook in script, hook
    assert "https://" not in script and "http://" not in script


# --------------------------------------------------------------------------- 外国人 items


@pytest.mark.django_db
@pytest.mark.parametrize(("kind", "shubetsu_name"), [("tennyu", "persons-0-shubetsu")])
def test_foreign_items_open_when_gaikokujin_is_chosen(
    client: Client, contractor, kind: str, shubetsu_name: str
) -> None:
    login_as(client, contractor)
    page = entry_page(client, receive(contractor, kind))
    block = page[page.index('class="block foreign"') :]
    block = block[: block.index("</fieldset>\n\n  </fieldset>")]
    assert re.search(rf'class="block foreign"[^>]*data-show-when="{shubetsu_name}=2"', page)
    for label in ("国籍・地域", "在留資格", "在留カード等の番号"):
        assert label in block, label


@pytest.mark.django_db
def test_shokken_kisai_person_has_the_same_foreign_items(client: Client, contractor) -> None:
    login_as(client, contractor)
    page = entry_page(client, receive(contractor, "shokken_kisai"))
    assert re.search(r'class="block foreign"[^>]*data-show-when="[\w-]*shubetsu=2"', page)
    assert "<details" not in page.split('class="block foreign"', 1)[0][-200:]
