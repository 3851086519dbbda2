"""氏名の検索キー（正規化キー）。

住民記録システム標準仕様書（j330 あいまい検索）の考え方に沿って、氏名の
カナ・漢字を「検索専用のキー」に畳み込む。ここで作るキーは **検索用** であり、
画面表示や帳票、記録そのものには使わない（記録には入力どおりの氏名・フリガナを
保持する）。

カナキー（:func:`fold_kana`）の規則（適用順）:

1. 半角カナ → 全角カナ（``jaconv.h2z``。半角濁点・半濁点は直前のカナと合成）、
   NFKC（全角英数字 → 半角、合成済み文字など）、ひらがな → カタカナ
   （``jaconv.hira2kata``）、英字は大文字化。
2. ヴ行を先にバ行へ: ヴァ/ヴィ/ヴ/ヴェ/ヴォ → バ/ビ/ブ/ベ/ボ、ヷ/ヸ/ヹ/ヺ →
   バ/ビ/ベ/ボ。
3. 標準仕様書の同一視: ヂ → ジ、ヅ → ズ、ヲ → オ、ワ（ヮ）→ ハ、
   旧仮名 ヰ → イ、ヱ → エ。
4. 濁点・半濁点を除去（ガ → カ、パ → ハ、ジ → シ）。結果として
   ヂ ≡ ジ ≡ シ、ヅ ≡ ズ ≡ ス（ヂはチではなくシに寄る点に注意）。
5. 小書き → 大書き（ァ → ア、ッ → ツ、ャ → ヤ、ヵ → カ、ヶ → ケ など）。
6. 空白（半角・全角）、長音符「ー」とダッシュ類（― － ‐ ｰ - ‑ – — ─ 等）、
   中黒「・」を除去。
7. 繰り返し記号 ヽ ヾ（ゝ ゞ）は直前のカナに展開。
8. 長音の畳み込み: オ段 + ウ/オ → オ段（サトウ ≡ サトオ ≡ サトー ≡ サト、
   トオル ≡ トール ≡ トル、ショウ → シヨウ → シヨ）、
   ウ段 + ウ → ウ段（ユウコ ≡ ユーコ ≡ ユコ）。連続する場合はまとめて畳む。

かな以外（漢字・英字など）は NFKC の幅正規化と英字の大文字化のみで通過させる。

漢字キー（:func:`fold_kanji`）の規則: 空白除去、異体字セレクタ（IVS
U+E0100–U+E01EF、標準 VS U+FE00–U+FE0F）の除去、NFKC（CJK 互換漢字 →
統合漢字。例 U+FA10 → 塚）、``data/itaiji.json`` による異体字の畳み込み
（1 回だけ適用。表の値はどれも表のキーではない）、英字の大文字化。

どちらの関数も冪等（``f(f(x)) == f(x)``）。NFKC と文字削除の組み合わせで
まれに一度で安定しない入力（結合文字の直前の空白を消した場合など）があるため、
内部で結果が変わらなくなるまで（最大数回）繰り返している。
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

import jaconv

__all__ = [
    "fold_kana",
    "fold_kanji",
    "is_katakana_reading",
    "itaiji_table",
    "kana_key",
    "kanji_key",
    "prefix_upper_bound",
    "to_katakana_input",
]

_ITAIJI_PATH = Path(__file__).resolve().parent / "data" / "itaiji.json"

# 安定するまでの最大反復回数（通常は 1〜2 回で安定する）
_MAX_ROUNDS = 8

# --- 文字クラス ------------------------------------------------------------

#: 空白扱いにする文字（str.isspace に加え、念のため明示）
_EXTRA_SPACES = "\u3000\u00a0\u200b\u2060\ufeff"

#: 長音符・ダッシュ類・中黒（カナキーでは除去）
_DASHES = (
    "\u30fc"  # ー KATAKANA-HIRAGANA PROLONGED SOUND MARK
    "\uff70"  # ｰ HALFWIDTH KATAKANA-HIRAGANA PROLONGED SOUND MARK
    "\u2015"  # ― HORIZONTAL BAR
    "\uff0d"  # － FULLWIDTH HYPHEN-MINUS
    "\u2010"  # ‐ HYPHEN
    "\u2011"  # ‑ NON-BREAKING HYPHEN
    "\u2012"  # ‒ FIGURE DASH
    "\u2013"  # – EN DASH
    "\u2014"  # — EM DASH
    "\u2212"  # − MINUS SIGN
    "\u2500"  # ─ BOX DRAWINGS LIGHT HORIZONTAL
    "\u2501"  # ━ BOX DRAWINGS HEAVY HORIZONTAL
    "\u30a0"  # ゠ KATAKANA-HIRAGANA DOUBLE HYPHEN
    "\ufe58"  # ﹘ SMALL EM DASH
    "\ufe63"  # ﹣ SMALL HYPHEN-MINUS
    "\u002d"  # - HYPHEN-MINUS
    "\u301c"  # 〜 WAVE DASH（「サト〜」のような長音代わりの入力）
    "\uff5e"  # ～ FULLWIDTH TILDE
)
_MIDDLE_DOTS = "\u30fb\uff65\u00b7"  # ・ ･ ·

#: 濁点・半濁点（結合文字と単独文字、半角）
_VOICING_MARKS = "\u3099\u309a\u309b\u309c\uff9e\uff9f"

_KANA_DROP = frozenset(_DASHES + _MIDDLE_DOTS + _VOICING_MARKS)

_VS_RE = re.compile("[\ufe00-\ufe0f\U000e0100-\U000e01ef]")

# ヴ行はバ行に寄せる（2 文字の組を先に処理）
_VU_PAIRS = {
    "ヴァ": "バ",
    "ヴィ": "ビ",
    "ヴェ": "ベ",
    "ヴォ": "ボ",
}
_VU_RE = re.compile("|".join(_VU_PAIRS))

_SINGLE_MAP: dict[str, str] = {
    # ヴ・ワ行濁音
    "ヴ": "ブ",
    "ヷ": "バ",
    "ヸ": "ビ",
    "ヹ": "ベ",
    "ヺ": "ボ",
    # 標準仕様書の同一視
    "ヂ": "ジ",
    "ヅ": "ズ",
    "ヲ": "オ",
    "ワ": "ハ",
    "ヮ": "ハ",
    "ヰ": "イ",
    "ヱ": "エ",
}

_SMALL_TO_LARGE: dict[str, str] = {
    "ァ": "ア",
    "ィ": "イ",
    "ゥ": "ウ",
    "ェ": "エ",
    "ォ": "オ",
    "ッ": "ツ",
    "ャ": "ヤ",
    "ュ": "ユ",
    "ョ": "ヨ",
    "ヵ": "カ",
    "ヶ": "ケ",
    # アイヌ語用小書きカタカナ（U+31F0–U+31FF）
    "ㇰ": "ク",
    "ㇱ": "シ",
    "ㇲ": "ス",
    "ㇳ": "ト",
    "ㇴ": "ヌ",
    "ㇵ": "ハ",
    "ㇶ": "ヒ",
    "ㇷ": "フ",
    "ㇸ": "ヘ",
    "ㇹ": "ホ",
    "ㇺ": "ム",
    "ㇻ": "ラ",
    "ㇼ": "リ",
    "ㇽ": "ル",
    "ㇾ": "レ",
    "ㇿ": "ロ",
}


def _build_unvoice_map() -> dict[str, str]:
    """カタカナ（U+30A1–U+30FA）の濁音・半濁音 → 清音の対応表。"""
    table: dict[str, str] = {}
    for cp in range(0x30A1, 0x30FB):
        ch = chr(cp)
        decomposed = unicodedata.normalize("NFD", ch)
        if len(decomposed) == 2 and decomposed[1] in "\u3099\u309a":
            table[ch] = decomposed[0]
    return table


def _build_char_map() -> dict[str, str]:
    """1 文字 → 1 文字の合成済み畳み込み表（ヴ行・同一視・清音化・大書き化）。"""
    unvoice = _build_unvoice_map()

    def one(ch: str) -> str:
        ch = _SINGLE_MAP.get(ch, ch)
        ch = unvoice.get(ch, ch)
        ch = _SMALL_TO_LARGE.get(ch, ch)
        # ヮ → ハ のように大書き化の後に再度同一視が要る文字に備えて
        ch = _SINGLE_MAP.get(ch, ch)
        ch = unvoice.get(ch, ch)
        return ch

    keys = set(_SINGLE_MAP) | set(unvoice) | set(_SMALL_TO_LARGE)
    table = {k: one(k) for k in keys}
    # 値が再びキーにならない（1 回の適用で安定する）ことを保証
    for value in table.values():
        if table.get(value, value) != value:  # pragma: no cover - 表の構成ミス
            raise RuntimeError(f"カナ畳み込み表が連鎖しています: {value}")
    return {k: v for k, v in table.items() if k != v}


_CHAR_MAP = _build_char_map()

_O_DAN = frozenset("オコソトノホモヨロ")
_U_DAN = frozenset("ウクスツヌフムユル")
_ITERATION_MARKS = frozenset("ヽヾゝゞ")


def _is_space(ch: str) -> bool:
    return ch.isspace() or ch in _EXTRA_SPACES


def _is_katakana(ch: str) -> bool:
    return "\u30a1" <= ch <= "\u30fa" or "\u31f0" <= ch <= "\u31ff"


def _upper_ascii(text: str) -> str:
    return text.translate(_ASCII_UPPER)


_ASCII_UPPER = str.maketrans("abcdefghijklmnopqrstuvwxyz", "ABCDEFGHIJKLMNOPQRSTUVWXYZ")


def _until_stable(func: Callable[[str], str], text: str) -> str:
    current = func(text)
    for _ in range(_MAX_ROUNDS):
        nxt = func(current)
        if nxt == current:
            return current
        current = nxt
    return current


#: separate voicing marks (half-width ﾞﾟ, spacing ゛゜) as combining marks, so that
#: ウﾞ, ウ゛ and ヴ compose to the same letter before folding
_SEPARATE_MARKS = str.maketrans(
    {"\uff9e": "\u3099", "\u309b": "\u3099", "\uff9f": "\u309a", "\u309c": "\u309a"}
)


def _fold_kana_once(text: str) -> str:
    # 1. 幅・文字種の正規化
    # spaces go first: a voicing mark typed after a space still belongs to the kana before
    text = "".join(ch for ch in text if not _is_space(ch)).translate(_SEPARATE_MARKS)
    text = jaconv.h2z(text, kana=True, ascii=False, digit=False)
    text = unicodedata.normalize("NFKC", text)
    text = unicodedata.normalize("NFC", jaconv.hira2kata(text))
    text = _upper_ascii(text)
    # 2. ヴ行の 2 文字組
    text = _VU_RE.sub(lambda m: _VU_PAIRS[m.group(0)], text)

    # 3〜7. 1 文字ごとの畳み込み・除去・繰り返し記号の展開
    chars: list[str] = []
    for ch in text:
        if _is_space(ch) or ch in _KANA_DROP:
            continue
        if ch in _ITERATION_MARKS:
            if chars and _is_katakana(chars[-1]):
                chars.append(chars[-1])
            continue
        chars.append(_CHAR_MAP.get(ch, ch))

    # 8. 長音の畳み込み（オ段+ウ/オ、ウ段+ウ）
    out: list[str] = []
    for ch in chars:
        if out:
            last = out[-1]
            if last in _O_DAN and ch in "ウオ":
                continue
            if last in _U_DAN and ch == "ウ":
                continue
        out.append(ch)
    return "".join(out)


def fold_kana(text: str) -> str:
    """カナ氏名をあいまい検索用のキーに畳み込む（規則はモジュールの説明参照）。

    >>> fold_kana("さとう　たろう")
    'サトタロ'
    >>> fold_kana("ｶﾞｯｺｳ") == fold_kana("カツコ")
    True
    """
    return _until_stable(_fold_kana_once, text)


@lru_cache(maxsize=1)
def itaiji_table() -> dict[str, str]:
    """異体字 → 標準字の対応表（``jputil/data/itaiji.json``）。"""
    with _ITAIJI_PATH.open(encoding="utf-8") as fp:
        data = json.load(fp)
    if not isinstance(data, dict):
        raise ValueError("itaiji.json はオブジェクトである必要があります。")
    table: dict[str, str] = {}
    for key, value in data.items():
        if not (isinstance(key, str) and isinstance(value, str)):
            raise ValueError(f"itaiji.json の項目が不正です: {key!r}")
        table[key] = value
    return table


def _fold_kanji_once(text: str) -> str:
    text = _VS_RE.sub("", text)
    text = unicodedata.normalize("NFKC", text)
    text = _VS_RE.sub("", text)
    table = itaiji_table()
    text = "".join(table.get(ch, ch) for ch in text if not _is_space(ch))
    return _upper_ascii(text)


def fold_kanji(text: str) -> str:
    """漢字氏名を検索用のキーに畳み込む（空白・異体字セレクタ除去、NFKC、異体字）。

    >>> fold_kanji("髙橋 一郎")
    '高橋一郎'
    """
    return _until_stable(_fold_kanji_once, text)


def kana_key(shi_kana: str, mei_kana: str) -> str:
    """氏・名のフリガナを連結して :func:`fold_kana` したキー。"""
    return fold_kana(shi_kana + mei_kana)


def kanji_key(shi: str, mei: str) -> str:
    """氏・名を連結して :func:`fold_kanji` したキー。"""
    return fold_kanji(shi + mei)


_SURROGATE_FIRST = 0xD800
_SURROGATE_LAST = 0xDFFF
_MAX_CODE_POINT = 0x10FFFF


def prefix_upper_bound(prefix: str) -> str:
    """``prefix`` で始まるどの文字列よりも大きい最小の文字列を返す。

    前方一致を ``key >= prefix AND key < prefix_upper_bound(prefix)`` の範囲検索
    （SQLite の BINARY 照合＝UTF-8 バイト順＝コードポイント順）に置き換えるため
    に使う。最後のコードポイントを 1 増やす（サロゲート領域は飛ばし、U+10FFFF
    は切り捨てて 1 つ前の文字を増やす）。空文字列には上限が無いので ValueError。
    """
    chars = list(prefix)
    while chars:
        cp = ord(chars.pop())
        if cp < _MAX_CODE_POINT:
            cp += 1
            if _SURROGATE_FIRST <= cp <= _SURROGATE_LAST:
                cp = _SURROGATE_LAST + 1
            return "".join(chars) + chr(cp)
    raise ValueError("空の前方一致には上限がありません。")


def to_katakana_input(text: str) -> str:
    """フリガナ入力欄に保存する形へ整える（検索用の畳み込みはしない）。

    ひらがな・半角カナを全角カタカナへ変換し、空白（半角・全角、連続も）は
    全角空白 1 個にまとめ、前後の空白は取り除く。濁点・小書き・長音などは
    入力どおり残す。
    """
    text = jaconv.h2z(text, kana=True, ascii=False, digit=False)
    # 合成できなかった半角濁点・半濁点（「ｱﾞ」など）は全角の単独記号にする
    text = text.replace("\uff9e", "\u309b").replace("\uff9f", "\u309c")
    text = jaconv.hira2kata(text)
    parts: list[str] = []
    current: list[str] = []
    for ch in text:
        if _is_space(ch):
            if current:
                parts.append("".join(current))
                current = []
        else:
            current.append(ch)
    if current:
        parts.append("".join(current))
    return "\u3000".join(parts)


_READING_EXTRA = frozenset("\u30fc\u3000\u30fb\u30fd\u30fe")


def is_katakana_reading(text: str) -> bool:
    """全角カタカナ（ァ〜ヺ、ヽヾ）・長音符「ー」・全角空白・中黒「・」だけか。

    空文字列、空白・記号だけの文字列は False。
    """
    if not text:
        return False
    has_kana = False
    for ch in text:
        if "\u30a1" <= ch <= "\u30fa":
            has_kana = True
        elif ch not in _READING_EXTRA:
            return False
    return has_kana
