"""hypothesis on the 印鑑登録証明書 request form: never an exception; a refusal is a
Japanese message next to its field and the form keeps what was typed; a valid request
is exactly a card in use (要領 第4)."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from juki.demo import residents as r
from seal import demo
from seal.inkan_shomei.form import ShomeiForm

pytestmark = pytest.mark.django_db

JAPANESE = re.compile(r"[ぁ-んァ-ヶ一-龯]")
FUZZ = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.fixture
def bango(db: None) -> str:
    (person,) = r.household(r.TAKAHASHI[:1])
    return str(demo.registered(person).torokusho.get().bango)


@FUZZ
@given(
    number=st.one_of(st.text(max_size=14), st.from_regex(r"\A[0-9]{1,12}\Z")),
    tsusu=st.one_of(st.text(max_size=4), st.integers(-5, 20).map(str)),
    raichousha=st.sampled_from(["honnin", "dairinin", "", "x"]),
    dairinin=st.text(max_size=20),
    keep=st.booleans(),
)
def test_the_request_form_never_fails_and_answers_in_japanese(
    bango: str, number: str, tsusu: str, raichousha: str, dairinin: str, keep: bool
) -> None:
    number = bango if keep else number
    data = {
        "torokusho_bango": number,
        "shinsei_date": r.today().isoformat(),
        "raichousha": raichousha,
        "dairinin_shimei": dairinin,
        "tsusu": tsusu,
    }
    form = ShomeiForm(data)
    if form.is_valid():
        assert form.entry is not None
        assert form.entry["torokusho_bango"] == bango == number.strip()
        assert 1 <= form.entry["tsusu"] <= 10
        assert raichousha == "honnin" or form.entry["dairinin_shimei"]
    else:
        assert all(JAPANESE.search(str(e)) for es in form.errors.values() for e in es)
        assert form["torokusho_bango"].value() == number  # what was typed is kept
