"""Django validators for the register's items, over the plain checks in numbers/zokugara."""

from __future__ import annotations

import re
from collections.abc import Callable

from django.core.exceptions import ValidationError

from jputil import numbers, searchkeys, zokugara


def _run(check: Callable[[str], object], value: str | None, code: str) -> None:
    if value in (None, ""):
        return
    try:
        check(value)
    except ValueError as exc:
        raise ValidationError(str(exc), code=code) from exc


def validate_kojin_bango(value: str | None) -> None:
    _run(numbers.validate_kojin_bango, value, "kojin_bango")


def validate_juminhyo_code(value: str | None) -> None:
    _run(numbers.validate_juminhyo_code, value, "juminhyo_code")


def validate_atena_bango(value: str | None) -> None:
    _run(numbers.validate_atena_bango, value, "atena_bango")


def validate_zokugara(value: str | None) -> None:
    _run(zokugara.parse_zokugara, value, "zokugara")


def _require(ok: bool, message: str, code: str) -> None:
    if not ok:
        raise ValidationError(message, code=code)


def validate_furigana(value: str) -> None:
    _require(
        not value or searchkeys.is_katakana_reading(value),
        "フリガナは全角カタカナで入力してください（ひらがな・半角カナは自動で変換します）。",
        "furigana",
    )


_ZAIRYU_CARD = re.compile(r"^[A-Z]{2}[0-9]{8}[A-Z]{2}$")


def validate_zairyu_card_bango(value: str) -> None:
    _require(
        not value or bool(_ZAIRYU_CARD.match(value)),
        "在留カード等の番号は英字2桁・数字8桁・英字2桁の12桁です（例: AB12345678CD）。",
        "zairyu_card_bango",
    )


_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def validate_name_text(value: str) -> None:
    """Names are kept as typed, but control characters are never part of a name."""
    if _CONTROL.search(value):
        raise ValidationError("氏名に制御文字（改行・タブなど）は使えません。", code="control")
