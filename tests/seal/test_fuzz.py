"""hypothesis on every seal form and parser: never an exception, always a Japanese
message next to a field (or the entry when valid)."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from seal import demo, lookups
from seal.forms import TorikomiForm, TorokuSearchForm
from seal.inkan_haishi.form import HaishiForm
from seal.inkan_kaitou.form import KaitouForm
from seal.inkan_saikoufu.form import SaikoufuForm
from seal.inkan_shoukai.form import ShoukaiForm
from seal.inkan_sokuji.form import SokujiForm
from seal.kernel.scan import MAX_MM, MIN_MM, ScanError, parse_mm, read_scan

pytestmark = pytest.mark.django_db

JAPANESE = re.compile(r"[ぁ-んァ-ヶ一-龯]")
TEXT = st.text(max_size=30)
FUZZ = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
ENTRY_FORMS = [ShoukaiForm, SokujiForm, KaitouForm, HaishiForm, SaikoufuForm]


def _all_japanese(form: Any) -> bool:
    return all(JAPANESE.search(str(e)) for errors in form.errors.values() for e in errors)


def _values(form_class: Any) -> Any:
    names = list(form_class.base_fields)
    value = st.one_of(TEXT, st.sampled_from(["on", "1", "honnin", "dairinin", "2026-04-01"]))
    return st.dictionaries(st.sampled_from(names), value)


@FUZZ
@given(st.sampled_from(ENTRY_FORMS), st.data())
def test_every_entry_form_never_fails_and_answers_in_japanese(
    roles: None, form_class: Any, data: st.DataObject
) -> None:
    form = form_class(data.draw(_values(form_class)))
    if form.is_valid():
        assert form.entry is not None
    else:
        assert _all_japanese(form)


@FUZZ
@given(st.dictionaries(st.sampled_from(["youto", "width_mm", "height_mm"]), TEXT), st.binary())
def test_the_torikomi_form_never_fails_and_answers_in_japanese(
    roles: None, data: dict[str, str], blob: bytes
) -> None:
    files = {"scan": SimpleUploadedFile("x.png", blob, content_type="image/png")}
    form = TorikomiForm(data, files)
    if not form.is_valid():
        assert _all_japanese(form)
    else:
        assert form.scan_read is not None


@FUZZ
@given(st.dictionaries(st.sampled_from(["q", "status"]), TEXT))
def test_the_search_form_never_fails(roles: None, data: dict[str, str]) -> None:
    form = TorokuSearchForm(data)
    if not form.is_valid():
        assert _all_japanese(form)


@given(st.text(max_size=12))
def test_parse_mm_gives_a_size_in_range_or_says_why(text: str) -> None:
    try:
        value = parse_mm(text)
    except ScanError as exc:
        assert JAPANESE.search(str(exc))
    else:
        assert value is None or MIN_MM <= value <= MAX_MM


@given(st.decimals(min_value=Decimal("1.0"), max_value=Decimal("100.0"), places=1))
def test_parse_mm_reads_back_what_it_is_given(value: Decimal) -> None:
    assert parse_mm(str(value)) == value


@settings(max_examples=30, deadline=None)
@given(st.binary(max_size=200))
def test_read_scan_refuses_any_bytes_that_are_no_image(blob: bytes) -> None:
    with pytest.raises(ScanError):
        read_scan(b"NOTANIMAGE" + blob)


@settings(max_examples=15, deadline=None)
@given(st.integers(20, 800), st.integers(20, 800), st.sampled_from([150, 300, 600, 1200]))
@example(150, 150, 600)  # 6.35 mm, on a half step
def test_read_scan_measures_by_the_dpi(width: int, height: int, dpi: int) -> None:
    scan = read_scan(demo.scan_png(width, height, dpi))
    # rounded to 0.1 mm (half a step off at most), from a dpi that PNG keeps as whole pixels
    # per metre (600 dpi comes back as 599.9988): a size exactly on a half step, e.g. 150 px
    # at 600 dpi = 6.35 mm, may round either way
    half_step = Decimal("0.05") + Decimal("0.001")
    assert abs(scan.width_mm - Decimal(width) * Decimal("25.4") / Decimal(dpi)) <= half_step
    assert abs(scan.height_mm - Decimal(height) * Decimal("25.4") / Decimal(dpi)) <= half_step


@FUZZ
@given(st.text(max_size=14))
@example(bango="\x00")  # PostgreSQL refuses a NUL byte in a query: refused before asking it
def test_an_unknown_torokusho_number_is_always_refused_by_name(roles: None, bango: str) -> None:
    with pytest.raises(lookups.TorokushoRefused) as refused:
        lookups.find_open_by_torokusho(bango)
    assert "登録証番号" in refused.value.message
