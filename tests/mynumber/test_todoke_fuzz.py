"""hypothesis on every form of the window's 届出 (ADR 0037): never an exception, always a
Japanese message next to a field (or the entry when valid)."""

from __future__ import annotations

import re
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from counter.procedure_kinds import get_kind
from mynumber.kinds import PROCEDURES_B

pytestmark = pytest.mark.django_db

JAPANESE = re.compile(r"[ぁ-んァ-ヶ一-龯]")
FUZZ = settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
VALUES = st.one_of(
    st.text(max_size=30),
    st.sampled_from(
        [
            "on",
            "1",
            "honnin",
            "houtei",
            "dairinin",
            "ininjo",
            "koseki",
            "driver_license",
            "funshitsu",
            "hason",
            "nini",
            "kokugai_tenshutsu",
            "madoguchi",
            "R6.4.1",
            "2024-04-01",
            "0000000019",
            "-1",
            "９９",
        ]
    ),
)


def form_class(code: str) -> Any:
    return get_kind(code).form_class  # type: ignore[attr-defined]


@FUZZ
@given(st.sampled_from(PROCEDURES_B), st.data())
def test_every_todoke_form_never_fails_and_answers_in_japanese(
    roles: None, code: str, data: st.DataObject
) -> None:
    cls = form_class(code)
    form = cls(data.draw(st.dictionaries(st.sampled_from(list(cls.base_fields)), VALUES)))
    if form.is_valid():
        assert form.entry is not None
    else:
        errors = [str(e) for errs in form.errors.values() for e in errs]
        assert errors and all(JAPANESE.search(e) for e in errors)
