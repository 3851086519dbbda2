"""jputil.numbers: 個人番号・住民票コード・宛名番号のチェックデジット（DB 不要）。"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from stdnum.jp import in_ as stdnum_in

from jputil.numbers import (
    ATENA_BANGO_WIDTH,
    is_valid_atena_bango,
    is_valid_juminhyo_code,
    is_valid_kojin_bango,
    juminhyo_code_check_digit,
    kojin_bango_check_digit,
    normalize_digits,
    validate_atena_bango,
    validate_juminhyo_code,
    validate_kojin_bango,
    with_check_digit,
)

ascii_digits = "0123456789"


def digits(n: int) -> st.SearchStrategy[str]:
    return st.text(alphabet=ascii_digits, min_size=n, max_size=n)


def _other_digit(d: str, k: int) -> str:
    return str((int(d) + k) % 10)


# --- 個人番号 -------------------------------------------------------------------


def test_kojin_bango_known_example() -> None:
    assert is_valid_kojin_bango("621498320257")
    assert kojin_bango_check_digit("62149832025") == "7"
    assert not is_valid_kojin_bango("621498320258")
    validate_kojin_bango("621498320257")


@given(digits(11))
def test_kojin_check_digit_agrees_with_stdnum(first11: str) -> None:
    ours = kojin_bango_check_digit(first11)
    assert ours == stdnum_in.calc_check_digit(first11)
    assert is_valid_kojin_bango(first11 + ours)
    assert stdnum_in.is_valid(first11 + ours)


@given(digits(11), st.integers(min_value=1, max_value=9))
def test_kojin_wrong_check_digit_rejected(first11: str, k: int) -> None:
    wrong = _other_digit(kojin_bango_check_digit(first11), k)
    assert not is_valid_kojin_bango(first11 + wrong)
    with pytest.raises(ValueError, match="個人番号のチェックデジットが正しくありません。"):
        validate_kojin_bango(first11 + wrong)


@given(digits(12))
def test_is_valid_kojin_bango_matches_stdnum(number: str) -> None:
    assert is_valid_kojin_bango(number) == stdnum_in.is_valid(number)


def test_kojin_rule_by_hand() -> None:
    first11 = "62149832025"
    weights = (6, 5, 4, 3, 2, 7, 6, 5, 4, 3, 2)
    r = sum(w * int(d) for w, d in zip(weights, first11, strict=True)) % 11
    assert kojin_bango_check_digit(first11) == ("0" if r <= 1 else str(11 - r))


@pytest.mark.parametrize(
    "value",
    [
        "",
        "62149832025",
        "6214983202570",
        "62149832025a",
        "６２１４９８３２０２５７",
        "6214-9832-0257",
        " 621498320257",
        "٦٢١٤٩٨٣٢٠٢٥٧",
    ],
)
def test_kojin_bango_format_errors(value: str) -> None:
    assert not is_valid_kojin_bango(value)
    with pytest.raises(ValueError, match="個人番号は12桁の数字です。"):
        validate_kojin_bango(value)


def test_normalize_digits_then_validate() -> None:
    for raw in (
        "６２１４９８３２０２５７",
        "6214-9832-0257",
        "６２１４ ９８３２－０２５７",
        " 6214　9832‐0257 ",
    ):
        normalized = normalize_digits(raw)
        assert normalized == "621498320257"
        validate_kojin_bango(normalized)


@given(st.text(max_size=15))
def test_kojin_validator_raises_only_value_error(value: str) -> None:
    try:
        validate_kojin_bango(value)
    except ValueError:
        assert not is_valid_kojin_bango(value)
    else:
        assert is_valid_kojin_bango(value)


@pytest.mark.parametrize("bad", [None, 621498320257, b"621498320257", ["6"]])
def test_validators_reject_non_strings_with_value_error(bad: object) -> None:
    for validator in (validate_kojin_bango, validate_juminhyo_code, validate_atena_bango):
        with pytest.raises(ValueError):
            validator(bad)  # type: ignore[arg-type]


@given(st.text(max_size=12))
def test_kojin_check_digit_bad_input_raises_value_error(value: str) -> None:
    if len(value) == 11 and all(c in ascii_digits for c in value):
        return
    with pytest.raises(ValueError):
        kojin_bango_check_digit(value)


# --- 住民票コード -----------------------------------------------------------------


def test_juminhyo_code_example_from_brief() -> None:
    # 右から重み 2,3,4,5,6,7,2,3,4,5: 和 = 179, 179 mod 11 = 3, 11 - 3 = 8
    assert juminhyo_code_check_digit("2472705960") == "8"
    assert is_valid_juminhyo_code("24727059608")
    validate_juminhyo_code("24727059608")
    assert not is_valid_juminhyo_code("24727059607")


def _juminhyo_reference(first10: str) -> str:
    weights = [2 + i % 6 for i in range(10)]  # 右端の桁から 2,3,4,5,6,7,2,3,4,5
    total = sum(w * int(d) for w, d in zip(weights, reversed(first10), strict=True))
    r = total % 11
    return "0" if r <= 1 else str(11 - r)


@given(digits(10))
def test_juminhyo_check_digit_matches_reference(first10: str) -> None:
    cd = juminhyo_code_check_digit(first10)
    assert cd == _juminhyo_reference(first10)
    assert len(cd) == 1 and cd in ascii_digits
    assert is_valid_juminhyo_code(first10 + cd)


@given(digits(10), st.integers(min_value=1, max_value=9))
def test_juminhyo_wrong_check_digit_rejected(first10: str, k: int) -> None:
    wrong = _other_digit(juminhyo_code_check_digit(first10), k)
    assert not is_valid_juminhyo_code(first10 + wrong)
    with pytest.raises(ValueError, match="住民票コードのチェックデジットが正しくありません。"):
        validate_juminhyo_code(first10 + wrong)


@given(st.text(max_size=14))
def test_juminhyo_validator_raises_only_value_error(value: str) -> None:
    try:
        validate_juminhyo_code(value)
    except ValueError as exc:
        assert "住民票コード" in str(exc)
        assert not is_valid_juminhyo_code(value)
    else:
        assert is_valid_juminhyo_code(value)


def test_juminhyo_format_error_message() -> None:
    with pytest.raises(ValueError, match="住民票コードは11桁の数字です。"):
        validate_juminhyo_code("2472705960")


# --- 宛名番号・世帯番号 ---------------------------------------------------------


def test_with_check_digit_examples() -> None:
    assert with_check_digit(1) == "0000000019"
    assert with_check_digit(0) == "0000000000"
    assert len(with_check_digit(999_999_999)) == ATENA_BANGO_WIDTH + 1
    assert with_check_digit(12345, width=6) == "0123455"


@given(st.integers(min_value=0, max_value=10**9 - 1))
def test_with_check_digit_round_trip(seq: int) -> None:
    number = with_check_digit(seq)
    assert len(number) == 10
    assert int(number[:-1]) == seq
    assert is_valid_atena_bango(number)
    validate_atena_bango(number)
    # 住民票コードと同じ規則（右から重み 2〜7）
    assert number[-1] == _juminhyo_reference(number[:-1].zfill(10)[-10:])


@given(st.integers(min_value=0, max_value=10**6 - 1), st.integers(min_value=6, max_value=12))
def test_with_check_digit_other_widths(seq: int, width: int) -> None:
    number = with_check_digit(seq, width)
    assert len(number) == width + 1
    assert is_valid_atena_bango(number, width)


@given(st.integers(min_value=0, max_value=10**9 - 1), st.integers(min_value=1, max_value=9))
def test_single_digit_error_detected(seq: int, k: int) -> None:
    number = with_check_digit(seq)
    # 検査数字を書き換えると必ず検出される
    tampered = number[:-1] + _other_digit(number[-1], k)
    assert not is_valid_atena_bango(tampered)
    with pytest.raises(ValueError, match="宛名番号のチェックデジットが正しくありません。"):
        validate_atena_bango(tampered)


@pytest.mark.parametrize(
    ("seq", "width"), [(-1, 9), (10**9, 9), (100, 2), (1, 0), (True, 9), (1.0, 9), ("1", 9)]
)
def test_with_check_digit_rejects_bad_arguments(seq: object, width: int) -> None:
    with pytest.raises(ValueError):
        with_check_digit(seq, width)  # type: ignore[arg-type]


@given(st.text(max_size=12))
def test_atena_validator_raises_only_value_error(value: str) -> None:
    try:
        validate_atena_bango(value)
    except ValueError as exc:
        assert "宛名番号" in str(exc)
        assert not is_valid_atena_bango(value)
    else:
        assert is_valid_atena_bango(value)


def test_atena_format_error_message() -> None:
    with pytest.raises(ValueError, match="宛名番号は10桁の数字です。"):
        validate_atena_bango("000000001")


@given(st.text(max_size=20))
def test_normalize_digits_is_idempotent(value: str) -> None:
    once = normalize_digits(value)
    assert normalize_digits(once) == once
