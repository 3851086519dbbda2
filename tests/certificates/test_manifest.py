"""certificates declares its kinds in its manifest (ADR 0027), under 窓口区分「証明」."""

from __future__ import annotations

from counter import registry
from counter.procedure_kinds import get_kind

CODES = ("juminhyo_utsushi", "kisai_jiko", "fuzaiju", "jukyo_hyoji")


def test_the_certificate_kinds_are_declared_by_certificates_under_shomei() -> None:
    for code in CODES:
        assert registry.kind_app(code) == "certificates", code
        kind = get_kind(code)
        assert kind.category == "shomei" and kind.reserves is False, code


def test_the_kinds_are_offered_in_the_order_of_the_window() -> None:
    orders = [get_kind(code).order for code in CODES]
    assert orders == sorted(orders)
