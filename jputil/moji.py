"""文字: which characters the register can print and send (標準仕様書 j1070, j1090).

A name or an address is kept as typed, so what is typed must be a character the
register's outputs can print and the 住基ネット can carry. The first source is the
font every output prints with, IPAmj明朝 (the 文字情報基盤's MJ characters): its code
points and its IVS sequences (the format-14 cmap table), read from the font by
``scripts/build_ipamj_coverage.py`` into ``data/ipamj_coverage.json`` so that neither
the tests nor a request parse the font (the test suite compares the file with the
installed font when the font is there).

A *character* here is one code point, or a base with one variation selector (IVS
U+E0100–U+E01EF, SVS U+FE00–U+FE0F): 邊 and 邊+U+E0108 are two different characters,
and 邊+U+E0100 (an Adobe-Japan1 selector the font does not have) is none it can print.

Beyond the font, some characters it has are still refused by the item they are typed
into: 半角カナ anywhere (the register keeps 全角), and Latin letters in a 日本人's 氏名
(the 氏名 is the 戸籍's, written in 漢字 and かな; 住基法第7条第1号, 戸籍法施行規則
第31条・第60条). A character outside the font that is an 外字 candidate (a private-use
code point, or a CJK ideograph the font lacks) may be registered by a 職員 as an 外字
(j1070); emoji and other symbols never.

The 住基統一文字 (j1090): the CS carries each character by its 住基ネット統一文字コード
(「J+XXXX」). For a character of the BMP without a variation selector, outside the
private-use area, the compatibility ideographs and the range the 住基ネット keeps for its
own characters, that code is its own code point (漢 U+6F22 is J+6F22, as the MJ list
gives it); a glyph variant (an IVS, a compatibility ideograph) may have a code of its
own, read from ``data/juki_toitsu_moji.json`` (a small sample: see the file).
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

DATA = Path(__file__).with_name("data")
COVERAGE_FILE = DATA / "ipamj_coverage.json"
TOITSU_FILE = DATA / "juki_toitsu_moji.json"

IVS_FIRST, IVS_LAST = 0xE0100, 0xE01EF
SVS_FIRST, SVS_LAST = 0xFE00, 0xFE0F
HANKAKU_KANA_FIRST, HANKAKU_KANA_LAST = 0xFF61, 0xFF9F
#: a 住基ネット統一文字コード as the MJ list writes it
TOITSU_CODE_PATTERN = re.compile(r"^J\+[0-9A-F]{4}$")


def is_selector(cp: int) -> bool:
    return IVS_FIRST <= cp <= IVS_LAST or SVS_FIRST <= cp <= SVS_LAST


def is_private_use(cp: int) -> bool:
    return 0xE000 <= cp <= 0xF8FF or 0xF0000 <= cp <= 0x10FFFD


def split_characters(text: str) -> Iterator[str]:
    """The characters of ``text``: each code point with the selectors that follow it.

    A selector with nothing before it is a character of its own (and never printable)."""
    i, n = 0, len(text)
    while i < n:
        j = i + 1
        while j < n and is_selector(ord(text[j])):
            j += 1
        yield text[i:j]
        i = j


def code_label(char: str) -> str:
    """「U+908A U+E0108」: how a message names a character."""
    return " ".join(f"U+{ord(c):04X}" for c in char)


def shown(char: str) -> str:
    """The character as a message may show it (an invisible one by its kind only)."""
    first = char[0]
    if unicodedata.category(first) == "Co":
        return "（私用領域の文字）"
    if first.isprintable() and not is_selector(ord(first)) and first.strip():
        return f"「{char}」"
    return "（見えない文字）"


# ------------------------------------------------------------------ the font's coverage


@dataclass(frozen=True)
class Coverage:
    """What a font prints: code points, and (base, selector) pairs."""

    code_points: frozenset[int]
    sequences: frozenset[tuple[int, int]]

    def prints(self, char: str) -> bool:
        cps = [ord(c) for c in char]
        if len(cps) == 1:
            return cps[0] in self.code_points and not is_selector(cps[0])
        return len(cps) == 2 and (cps[0], cps[1]) in self.sequences


def encode_coverage(
    code_points: set[int], sequences: set[tuple[int, int]], **about: Any
) -> dict[str, Any]:
    """The data file's content: code points as runs (gap, length), and for each selector
    its bases as deltas, so ~55,000 code points and ~11,500 sequences stay small."""
    runs: list[int] = []
    prev_end = 0
    for start, end in _runs(sorted(code_points)):
        runs += [start - prev_end, end - start]
        prev_end = end
    by_selector: dict[str, list[int]] = {}
    for selector in sorted({s for _b, s in sequences}):
        bases = sorted(b for b, s in sequences if s == selector)
        by_selector[f"{selector:X}"] = [b - a for a, b in zip([0, *bases], bases, strict=False)]
    return {**about, "code_point_runs": runs, "sequences": by_selector}


def decode_coverage(data: dict[str, Any]) -> Coverage:
    code_points: set[int] = set()
    pos = 0
    runs = data["code_point_runs"]
    for gap, length in zip(runs[0::2], runs[1::2], strict=True):
        start = pos + gap
        code_points.update(range(start, start + length))
        pos = start + length
    sequences: set[tuple[int, int]] = set()
    for selector, deltas in data["sequences"].items():
        base = 0
        for d in deltas:
            base += d
            sequences.add((base, int(selector, 16)))
    return Coverage(frozenset(code_points), frozenset(sequences))


def _runs(sorted_cps: list[int]) -> Iterator[tuple[int, int]]:
    """Maximal runs of consecutive code points as (start, end exclusive)."""
    if not sorted_cps:
        return
    start = end = sorted_cps[0]
    for cp in sorted_cps[1:]:
        if cp != end + 1:
            yield start, end + 1
            start = cp
        end = cp
    yield start, end + 1


def read_font(path: Path) -> dict[str, Any]:
    """The coverage of a font file, as the data file keeps it (needs fontTools, which
    WeasyPrint brings; only the build script and the test that checks the file call it)."""
    from fontTools.ttLib import TTFont

    font = TTFont(str(path), lazy=True)
    code_points = set(font.getBestCmap())
    sequences: set[tuple[int, int]] = set()
    for table in font["cmap"].tables:
        if table.format == 14:
            for selector, pairs in table.uvsDict.items():
                sequences.update((base, selector) for base, _glyph in pairs)
    version = font["name"].getDebugName(5) or ""
    return encode_coverage(
        code_points,
        sequences,
        font=font["name"].getDebugName(4) or path.name,
        font_version=version,
    )


@cache
def coverage() -> Coverage:
    """IPAmj明朝's coverage, from the data file (read once per process)."""
    return decode_coverage(json.loads(COVERAGE_FILE.read_text(encoding="utf-8")))


# ------------------------------------------------------------------ what an item accepts


class Reason(StrEnum):
    HANKAKU_KANA = "hankaku_kana"
    LATIN_IN_JAPANESE_NAME = "latin"
    NOT_IN_FONT = "not_in_font"
    SEQUENCE_NOT_IN_FONT = "sequence"


@dataclass(frozen=True)
class Unprintable:
    """One character an item may not hold, and why."""

    char: str
    reason: Reason

    @property
    def code(self) -> str:
        return code_label(self.char)

    @property
    def gaiji_candidate(self) -> bool:
        return is_gaiji_candidate(self.char)

    @property
    def kind(self) -> tuple[Reason, bool]:
        """What one message says of several characters."""
        return self.reason, self.gaiji_candidate

    def message(self) -> str:
        return message_of([self])


def message_of(problems: list[Unprintable]) -> str:
    """One message naming each of ``problems`` (all of one ``kind``) and its code."""
    first = problems[0]
    where = "、".join(f"{shown(p.char)}（{p.code}）" for p in problems)
    if first.reason is Reason.HANKAKU_KANA:
        return f"{where}は半角カナです。全角で入力してください（標準仕様書 j1070）。"
    if first.reason is Reason.LATIN_IN_JAPANESE_NAME:
        return (
            f"{where}は英字です。日本人の氏名は戸籍に記載されたとおり漢字・かなで"
            "入力してください（住基法第7条第1号）。"
        )
    if first.reason is Reason.SEQUENCE_NOT_IN_FONT:
        return (
            f"{where}は印字・送信できない異体字の組合せです（IPAmj明朝にない異体字セレクタ）。"
            "異体字セレクタを外すか、正しい字形を選んでください（標準仕様書 j1070）。"
        )
    if first.gaiji_candidate:
        return (
            f"{where}は印字・送信できない文字です（IPAmj明朝にありません）。"
            "外字のときは職員が外字登録をしてから入力してください（標準仕様書 j1070）。"
        )
    return f"{where}は印字・送信できない文字です（IPAmj明朝にありません。標準仕様書 j1070）。"


def messages(problems: list[Unprintable]) -> list[str]:
    """The messages of an item's problems: one per kind, in the order first found."""
    kinds: dict[tuple[Reason, bool], list[Unprintable]] = {}
    for p in problems:
        kinds.setdefault(p.kind, []).append(p)
    return [message_of(group) for group in kinds.values()]


def is_gaiji_candidate(char: str) -> bool:
    """Whether a 職員 may register ``char`` as an 外字: one private-use code point, or one
    CJK ideograph the font does not print. Emoji, symbols, control characters, what the
    font prints, and an IVS the font lacks (choose the right selector instead) never are."""
    if len(char) != 1 or coverage().prints(char):
        return False
    if is_private_use(ord(char)):
        return True
    return unicodedata.category(char) == "Lo" and unicodedata.name(char, "").startswith("CJK ")


def _is_latin_letter(char: str) -> bool:
    first = char[0]
    return unicodedata.category(first).startswith("L") and unicodedata.name(first, "").startswith(
        ("LATIN ", "FULLWIDTH LATIN ")
    )


def unprintable(text: str, *, japanese_name: bool = False) -> list[Unprintable]:
    """Every character of ``text`` the item may not hold, once each, in order.

    ``japanese_name``: the item is a 日本人's 氏名 (or 旧氏, 筆頭者), where Latin letters
    are refused too. Registered 外字 are not known here: the caller drops those."""
    return list(_unprintable(text, japanese_name))


# A 承認 asks this of the same names and address for each message it writes (the font's
# coverage is read once per process, so the answer for a text never changes).
@lru_cache(maxsize=8192)
def _unprintable(text: str, japanese_name: bool) -> tuple[Unprintable, ...]:
    found: list[Unprintable] = []
    seen: set[str] = set()
    cov = coverage()
    for char in split_characters(text):
        if char in seen:
            continue
        reason: Reason | None = None
        if HANKAKU_KANA_FIRST <= ord(char[0]) <= HANKAKU_KANA_LAST:
            reason = Reason.HANKAKU_KANA
        elif not cov.prints(char):
            sequence = len(char) > 1 and cov.prints(char[0])
            reason = Reason.SEQUENCE_NOT_IN_FONT if sequence else Reason.NOT_IN_FONT
        elif japanese_name and _is_latin_letter(char):
            reason = Reason.LATIN_IN_JAPANESE_NAME
        if reason is not None:
            seen.add(char)
            found.append(Unprintable(char, reason))
    return tuple(found)


# ------------------------------------------------------------------ 住基統一文字 (j1090)


@cache
def toitsu_table() -> dict[str, str | None]:
    """The characters whose 住基ネット統一文字コード is not their own code point
    (None: the 統一文字 has no such glyph)."""
    data = json.loads(TOITSU_FILE.read_text(encoding="utf-8"))
    return {row["char"]: row["toitsu"] for row in data["rows"]}


@dataclass(frozen=True)
class ToitsuForm:
    """A text as the CS carries it: one 住基ネット統一文字コード per character; the
    characters whose code is not known (an IVS missing from the table, a character
    outside the BMP) are listed, and carried by their base's code or as 「U+XXXXX」."""

    codes: tuple[str, ...]
    unmapped: tuple[str, ...]


def toitsu_code(char: str, extra: dict[str, str] | None = None) -> str | None:
    """The 住基ネット統一文字コード of one character, None when it is not known."""
    table = toitsu_table()
    if char in table:
        return table[char]
    if extra and char in extra:
        return extra[char]
    cp = ord(char[0])
    if len(char) == 1 and cp <= 0xFFFF and not _toitsu_own_area(cp):
        return f"J+{cp:04X}"
    return None


def _toitsu_own_area(cp: int) -> bool:
    """Code points whose 統一文字 code is not their own: the private-use area, the range
    the 住基ネット uses for its own characters (J+AA00–J+D7FF), and the compatibility
    ideographs (U+FA47 漢 is J+FA48 there): only the table knows them."""
    return is_private_use(cp) or 0xAA00 <= cp <= 0xD7FF or 0xF900 <= cp <= 0xFAFF


def toitsu_form(text: str, extra: dict[str, str] | None = None) -> ToitsuForm | None:
    """The 統一文字 form of ``text`` where it differs from the text's own code points
    (a character with a code of its own, or one whose code is not known); None where the
    CS can read the text as it is. An unknown character is sent as its base character's
    code and listed in ``unmapped`` for the 職員 to settle."""
    if not extra:  # the table alone decides: the same text, the same form
        return _toitsu_form_of_table(text)
    return _toitsu_form(text, extra)


@lru_cache(maxsize=8192)
def _toitsu_form_of_table(text: str) -> ToitsuForm | None:
    return _toitsu_form(text, None)


def _toitsu_form(text: str, extra: dict[str, str] | None) -> ToitsuForm | None:
    codes: list[str] = []
    unmapped: list[str] = []
    differs = False
    for char in split_characters(text):
        code = toitsu_code(char, extra)
        if code is None:
            unmapped.append(code_label(char))
            code = toitsu_code(char[0], extra) or code_label(char[0])
            differs = True
        elif len(char) > 1 or code != f"J+{ord(char):04X}":
            differs = True
        codes.append(code)
    return ToitsuForm(tuple(codes), tuple(unmapped)) if differs else None
