"""j570/j780: 届出日, 戸籍届出・通知日 and 申出日 default to today and may not lie ahead.

住民記録システム標準仕様書 4.1.0.2 (j570) and 4.2.0.4 (j780).
"""

from __future__ import annotations

import datetime
from types import SimpleNamespace
from typing import Any

import pytest
from django import forms
from django.utils import timezone

from counter import registry
from jputil.wareki import to_wareki
from juki.forms_fields import WarekiDateField

#: the date fields of an entry screen that j570/j780 default to today, per kind
DEFAULT_TODAY = {"todoke_date", "tsuchi_date"}


def _entry_forms() -> list[tuple[str, forms.Form]]:
    found = []
    for code, kind in registry.kinds().items():
        entry_form = getattr(kind, "entry_form", None)
        if entry_form is None:
            continue
        form = entry_form(SimpleNamespace(entry={}, pk=None))
        found.append((code, form))
    return found


@pytest.mark.django_db
def test_every_entry_screen_shows_todays_date_as_its_todoke_date() -> None:
    today = to_wareki(timezone.localdate())
    seen = 0
    for code, form in _entry_forms():
        for name in DEFAULT_TODAY & set(form.fields):
            seen += 1
            html = str(form[name])
            assert f'value="{today}"' in html, (code, name, html)
    assert seen >= 9  # every 届出 kind and both 職権 notices


@pytest.mark.django_db
def test_a_draft_keeps_its_own_todoke_date() -> None:
    from juki.ido.tenkyo.form import TenkyoForm

    form = TenkyoForm(entry={"todoke_date": "2024-04-01"})
    assert 'value="令和6年4月1日"' in str(form["todoke_date"])


class _Notice(forms.Form):
    todoke_date = WarekiDateField(
        label="届出年月日",
        allow_future=False,
        default_today=True,
        today=lambda: datetime.date(2024, 4, 1),
    )


def test_a_todoke_date_defaulted_to_today_is_still_refused_after_today() -> None:
    assert _Notice()["todoke_date"].value() == "令和6年4月1日"
    form: Any = _Notice(data={"todoke_date": "R6.4.2"})
    assert not form.is_valid()
    assert form.errors["todoke_date"] == ["未来の日付は入力できません。"]
    assert _Notice(data={"todoke_date": "R6.4.1"}).is_valid()
