"""氏名の振り仮名 as printed (住基法第7条第1号の2, since 2025-05-26)."""

from __future__ import annotations

SHI_KUURAN = "【氏空欄】"
MEI_KUURAN = "【名空欄】"


def furigana_text(shi: str, mei: str, *, has_mei: bool = True) -> str:
    """氏名の振り仮名 with the part the 戸籍 has not recorded marked 【氏空欄】 or 【名空欄】
    (the 戸籍 may record only one part; 標準仕様書 j180). A person with no 名 has no 名
    part to mark."""
    if not shi and not mei:
        return ""
    if not has_mei and not mei:
        return shi
    return f"{shi or SHI_KUURAN}　{mei or MEI_KUURAN}"
