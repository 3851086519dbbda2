"""住民基本台帳で扱う番号のチェックデジット。

* 個人番号（マイナンバー、12 桁）: 先頭 11 桁に左から重み 6,5,4,3,2,7,6,5,4,3,2
  を掛けた和 S について r = S mod 11、検査数字 = 0 (r <= 1) / 11 - r。
  ``python-stdnum`` の ``stdnum.jp.in_`` と同じ規則（テストで突き合わせている）。
* 住民票コード（11 桁）: 先頭 10 桁に **右から** 重み 2,3,4,5,6,7,2,3,… を掛けた
  和 S について r = S mod 11、検査数字 = 0 (r <= 1) / 11 - r。
  例 24727059608 はこの規則で有効（r = 3 → 8）。なお、この例はたまたま
  「左から 2,3,…」の重みでも r = 3 になるため、例だけでは向きを区別できない。
* 宛名番号・世帯番号: 連番を ``width`` 桁（既定 9 桁）にゼロ詰めし、住民票コードと
  同じモジュラス 11（右から重み 2〜7 の循環、r <= 1 → 0、それ以外 11 - r）の
  検査数字 1 桁を付けて ``width + 1`` 桁にする。

入力の全角数字・空白・ハイフンは :func:`normalize_digits` で取り除いてから
検証関数に渡すこと（検証関数自体は半角数字だけの文字列しか受け付けない）。
``validate_*`` は Django に依存せず、不正なら日本語メッセージの ValueError を送出する
（Django のフォームでは ValidationError に詰め替えて使う）。
"""

from __future__ import annotations

import re
import unicodedata

from stdnum.jp import in_ as _stdnum_in

__all__ = [
    "ATENA_BANGO_WIDTH",
    "is_valid_atena_bango",
    "is_valid_juminhyo_code",
    "is_valid_kojin_bango",
    "juminhyo_code_check_digit",
    "kojin_bango_check_digit",
    "normalize_digits",
    "validate_atena_bango",
    "validate_juminhyo_code",
    "validate_kojin_bango",
    "with_check_digit",
]

#: 宛名番号・世帯番号の本体桁数（検査数字を除く）の既定値
ATENA_BANGO_WIDTH = 9

_KOJIN_WEIGHTS = (6, 5, 4, 3, 2, 7, 6, 5, 4, 3, 2)

_DIGITS_RE: dict[int, re.Pattern[str]] = {}

# normalize_digits で取り除く文字（NFKC 後に残り得る空白・ハイフン類）
_REMOVE_CHARS = frozenset("-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u2500\u30fc\ufe58\ufe63")


def _is_ascii_digits(s: object, length: int) -> bool:
    if not isinstance(s, str):
        return False
    pattern = _DIGITS_RE.get(length)
    if pattern is None:
        pattern = re.compile(rf"[0-9]{{{length}}}")
        _DIGITS_RE[length] = pattern
    return pattern.fullmatch(s) is not None


def normalize_digits(s: str) -> str:
    """全角数字などを NFKC で半角にし、空白とハイフン類を取り除く。

    >>> normalize_digits("６２１４ ９８３２－０２５７")
    '621498320257'
    """
    text = s
    # 空白を消すと結合文字が前の文字と合成されることがあるので、安定するまで繰り返す
    for _ in range(8):
        nxt = "".join(
            ch
            for ch in unicodedata.normalize("NFKC", text)
            if not ch.isspace() and ch not in _REMOVE_CHARS
        )
        if nxt == text:
            break
        text = nxt
    return text


def _mod11_check(remainder: int) -> str:
    return "0" if remainder <= 1 else str(11 - remainder)


def _mod11_right_weights(digits: str) -> str:
    """右から重み 2,3,4,5,6,7 を循環させるモジュラス 11 の検査数字。"""
    total = sum(int(d) * (2 + i % 6) for i, d in enumerate(reversed(digits)))
    return _mod11_check(total % 11)


# --- 個人番号 -----------------------------------------------------------


def kojin_bango_check_digit(first11: str) -> str:
    """個人番号の先頭 11 桁から検査数字（1 文字）を計算する。"""
    if not _is_ascii_digits(first11, 11):
        raise ValueError("個人番号の先頭11桁（数字）を指定してください。")
    total = sum(w * int(d) for w, d in zip(_KOJIN_WEIGHTS, first11, strict=True))
    return _mod11_check(total % 11)


def is_valid_kojin_bango(s: str) -> bool:
    """12 桁の半角数字で検査数字が正しければ True（``stdnum.jp.in_`` で検証）。"""
    if not _is_ascii_digits(s, 12):
        return False
    return bool(_stdnum_in.is_valid(s))


def validate_kojin_bango(s: str) -> None:
    """個人番号の検証。不正なら ValueError（日本語メッセージ）。"""
    if not _is_ascii_digits(s, 12):
        raise ValueError("個人番号は12桁の数字です。")
    if not is_valid_kojin_bango(s):
        raise ValueError("個人番号のチェックデジットが正しくありません。")


# --- 住民票コード -------------------------------------------------------


def juminhyo_code_check_digit(first10: str) -> str:
    """住民票コードの先頭 10 桁から検査数字（1 文字）を計算する。"""
    if not _is_ascii_digits(first10, 10):
        raise ValueError("住民票コードの先頭10桁（数字）を指定してください。")
    return _mod11_right_weights(first10)


def is_valid_juminhyo_code(s: str) -> bool:
    """11 桁の半角数字で検査数字が正しければ True。"""
    if not _is_ascii_digits(s, 11):
        return False
    return juminhyo_code_check_digit(s[:10]) == s[10]


def validate_juminhyo_code(s: str) -> None:
    """住民票コードの検証。不正なら ValueError（日本語メッセージ）。"""
    if not _is_ascii_digits(s, 11):
        raise ValueError("住民票コードは11桁の数字です。")
    if not is_valid_juminhyo_code(s):
        raise ValueError("住民票コードのチェックデジットが正しくありません。")


# --- 宛名番号・世帯番号 ---------------------------------------------------


def with_check_digit(seq: int, width: int = ATENA_BANGO_WIDTH) -> str:
    """連番 ``seq`` を ``width`` 桁にゼロ詰めし、検査数字を付けた文字列を返す。

    >>> with_check_digit(1)
    '0000000019'
    """
    if isinstance(seq, bool) or not isinstance(seq, int):
        raise ValueError("連番は整数で指定してください。")
    if isinstance(width, bool) or not isinstance(width, int) or width < 1:
        raise ValueError("桁数は1以上の整数で指定してください。")
    if seq < 0:
        raise ValueError("連番は0以上で指定してください。")
    body = str(seq).zfill(width)
    if len(body) > width:
        raise ValueError(f"連番が{width}桁に収まりません。")
    return body + _mod11_right_weights(body)


def is_valid_atena_bango(s: str, width: int = ATENA_BANGO_WIDTH) -> bool:
    """``width + 1`` 桁の半角数字で検査数字が正しければ True（世帯番号にも使う）。"""
    if not _is_ascii_digits(s, width + 1):
        return False
    return _mod11_right_weights(s[:-1]) == s[-1]


def validate_atena_bango(s: str, width: int = ATENA_BANGO_WIDTH) -> None:
    """宛名番号（世帯番号）の検証。不正なら ValueError（日本語メッセージ）。"""
    if not _is_ascii_digits(s, width + 1):
        raise ValueError(f"宛名番号は{width + 1}桁の数字です。")
    if not is_valid_atena_bango(s, width):
        raise ValueError("宛名番号のチェックデジットが正しくありません。")
