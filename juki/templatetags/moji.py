"""Characters of a name, enlarged with their code points (j370)."""

from __future__ import annotations

from django import template

register = template.Library()


def _is_selector(ch: str) -> bool:
    code = ord(ch)
    return 0xFE00 <= code <= 0xFE0F or 0xE0100 <= code <= 0xE01EF


@register.filter(name="moji_codes")
def moji_codes(value: object) -> list[tuple[str, str]]:
    """Each visible character with its code; an IVS stays with its base character."""
    glyphs: list[tuple[str, str]] = []
    for ch in str(value or ""):
        if ch.isspace():
            continue
        if _is_selector(ch) and glyphs:
            base, codes = glyphs[-1]
            glyphs[-1] = (base + ch, f"{codes} U+{ord(ch):04X}")
        else:
            glyphs.append((ch, f"U+{ord(ch):04X}"))
    return glyphs
