"""Text that must fit its box (標準仕様書 j1070): shrink in steps, list what still does
not fit, and list the characters the font cannot print.

Widths are MEASURED with fontTools from the font the forms print in first (IPAmj明朝:
its advance widths, read once per process, ~0.2 s), not guessed by counting characters:
its Latin letters are proportional (W is twice i), so a count would be wrong for the
アルファベット氏名 and addresses with numbers. Without the font file the measure falls back
to the East Asian Width of each character (full width 1 em, the rest ½ em).

The boxes do not wrap (one line each): the renderer chooses the size here, in Python, so
the template needs no layout feedback and the result is known before the PDF is made.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from django.conf import settings

from counter.form_rendering import unreadable_character
from jputil import moji

#: points to millimetres
PT_MM = 25.4 / 72


@dataclass(frozen=True)
class Fitted:
    """A value as printed in its box: the text, its size (pt) and whether it overflowed."""

    text: str
    size: float
    overflow: bool = False


@dataclass(frozen=True)
class _Metrics:
    units_per_em: int
    advance: dict[int, int]  # code point → advance width in font units

    def em(self, char: str) -> float:
        width = self.advance.get(ord(char[0]))
        if width is None:
            return _fallback_em(char)
        return width / self.units_per_em


def _fallback_em(char: str) -> float:
    cp = ord(char[0])
    if moji.is_selector(cp) or unicodedata.combining(char[0]):
        return 0.0
    return 1.0 if unicodedata.east_asian_width(char[0]) in ("W", "F") else 0.5


@cache
def _metrics() -> _Metrics | None:
    try:
        from fontTools.ttLib import TTFont

        font = TTFont(str(settings.CERTIFICATE_FONT_FILE), lazy=True)
        cmap = font.getBestCmap()
        hmtx = font["hmtx"].metrics
        upm = int(font["head"].unitsPerEm)
    except (OSError, KeyError, ImportError):
        return None
    return _Metrics(upm, {cp: int(hmtx[glyph][0]) for cp, glyph in cmap.items()})


def em_width(text: str) -> float:
    """The width of ``text`` in em (selectors add nothing)."""
    metrics = _metrics()
    total = 0.0
    for char in text:
        if moji.is_selector(ord(char)):
            continue
        total += metrics.em(char) if metrics else _fallback_em(char)
    return total


def width_mm(text: str, size_pt: float) -> float:
    return em_width(text) * size_pt * PT_MM


def fit(text: str, box_mm: float, sizes: Sequence[float]) -> Fitted:
    """The largest of ``sizes`` (descending) at which ``text`` fits ``box_mm``; else the
    smallest, overflowing: cut to the box ("limit") or left blank ("blank"), as
    settings.CERTIFICATE_OVERFLOW says (j1070's parameter)."""
    em = em_width(text)
    for size in sizes:
        if em * size * PT_MM <= box_mm:
            return Fitted(text, size)
    smallest = sizes[-1]
    if settings.CERTIFICATE_OVERFLOW == "blank":
        return Fitted("", smallest, overflow=True)
    return Fitted(_cut(text, box_mm, smallest), smallest, overflow=True)


def _cut(text: str, box_mm: float, size: float) -> str:
    kept: list[str] = []
    used = 0.0
    for char in moji.split_characters(text):
        w = width_mm(char, size)
        if used + w > box_mm:
            break
        kept.append(char)
        used += w
    return "".join(kept)


def unprintable(text: str) -> list[str]:
    """The characters of ``text`` the font cannot print (a 外字 outside IPAmj明朝, an IVS
    the font lacks, a control character), each once, as 「字（U+XXXX）」."""
    found = [
        f"{moji.shown(p.char)}（{moji.code_label(p.char)}）"
        for p in moji.unprintable(text)
        if p.reason in (moji.Reason.NOT_IN_FONT, moji.Reason.SEQUENCE_NOT_IN_FONT)
    ]
    bad = unreadable_character(text)
    if bad is not None:
        found.append(f"{moji.shown(bad)}（U+{ord(bad):04X}）")
    return found
