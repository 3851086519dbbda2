"""hypothesis on every form of the window's card kinds (ADR 0036): whatever is posted,
never an exception, always a Japanese message next to a field (or the entry when valid),
and what was typed is kept."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django import forms
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from juki.models import Jumin
from mynumber import demo
from mynumber.anshou_bangou.form import AnshouForm
from mynumber.card_hoki.form import HokiForm
from mynumber.card_koufu.form import KoufuForm
from mynumber.kofu_mae_settei.form import SetteiForm
from mynumber.models import Card
from mynumber.tokkyuu_hakkou.form import TokkyuuForm
from mynumber.yuko_kikan_koushin.form import KoushinForm

pytestmark = pytest.mark.django_db

JAPANESE = re.compile(r"[ぁ-んァ-ヶ一-龯]")
FUZZ = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
FORMS = [SetteiForm, KoufuForm, KoushinForm, AnshouForm, TokkyuuForm, HokiForm]
WORDS = [
    "on",
    "1",
    "honnin",
    "houtei",
    "dairinin",
    "settei",
    "horyuu",
    "jisan",
    "driver_license",
    "hokensho",
    "mynumber_card",
    "saikoufu",
    "shinseiji",
    "ari",
    "R8.4.1",
    "2026-04-01",
    "１２３",
]


def _values(form_class: Any, atena: str) -> Any:
    names = list(form_class.base_fields)
    value = st.one_of(st.text(max_size=30), st.sampled_from([*WORDS, atena]))
    return st.dictionaries(st.sampled_from(names), value)


@FUZZ
@given(st.sampled_from(FORMS), st.data())
def test_every_window_card_form_never_fails_and_answers_in_japanese(
    ichiro: Jumin, form_class: Any, data: st.DataObject
) -> None:
    if not Card.objects.filter(jumin=ichiro).exists():  # once: hypothesis reuses the db
        demo.issued(ichiro)
    posted = data.draw(_values(form_class, ichiro.atena_bango))
    form = form_class(posted)
    if form.is_valid():
        assert form.entry is not None
        return
    for errors in form.errors.values():
        assert all(JAPANESE.search(str(error)) for error in errors)
    html = str(form)
    for name, value in posted.items():
        plain_text = type(form_class.base_fields[name]) is forms.CharField
        if plain_text and value.strip() and "\x00" not in value:
            assert form[name].value() == value  # the form keeps what was typed
    assert html
