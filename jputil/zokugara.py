"""続柄（世帯主との続柄）。住民記録システム標準仕様書 j110 の閉じたリスト。

使える続柄:

* 単独でのみ使うもの: 世帯主、縁故者、同居人
* 基本の続柄（:data:`ZOKUGARA_BASE`）: 夫、妻、子、父、母、兄、姉、弟、妹
* 未届の配偶者: 夫（未届）、妻（未届）。「の」でつないだ鎖のどの位置にも置ける
  （例: 妻（未届）の子、子の妻（未届））
* 基本の続柄を「の」でつないだ鎖（4 つまで）: 妻の子、子の子、子の夫、子の妻、
  父の母、妻の父の母、子の子の子の子 など。
  5 つ以上つながるものは「縁故者」とする（:func:`normalize_chain`）。

祖父・孫・準世帯主・義父などの語は使えない（祖父は「父の父」、孫は「子の子」
と表す）。鎖の意味的な妥当性（「妻の妻」など）は検査しない。

正規形: 括弧は **全角**「（」「）」に統一する（``妻(未届)`` → ``妻（未届）``）。
空白は取り除き、NFKC で幅をそろえてから判定する。
"""

from __future__ import annotations

import unicodedata
from datetime import date

__all__ = [
    "DOKYONIN",
    "ENKOSHA",
    "MITODOKE_LINKS",
    "SETAINUSHI",
    "SPOUSE_LINKS",
    "STANDALONE",
    "ZOKUGARA_BASE",
    "is_spouse",
    "normalize_chain",
    "parse_zokugara",
    "sort_rank",
    "split_chain",
]

SETAINUSHI = "世帯主"
ENKOSHA = "縁故者"
DOKYONIN = "同居人"

#: 単独でのみ使う続柄（「の」でつながない）
STANDALONE: tuple[str, ...] = (SETAINUSHI, ENKOSHA, DOKYONIN)

#: 「の」でつなぐ基本の続柄
ZOKUGARA_BASE: tuple[str, ...] = ("夫", "妻", "子", "父", "母", "兄", "姉", "弟", "妹")

#: 未届の配偶者（正規形は全角括弧）
MITODOKE_LINKS: tuple[str, ...] = ("夫（未届）", "妻（未届）")

#: 配偶者を表す単独の続柄
SPOUSE_LINKS: tuple[str, ...] = ("夫", "妻", *MITODOKE_LINKS)

#: 鎖の最大の長さ。これを超えると縁故者
MAX_CHAIN_LINKS = 4

_LINKS = frozenset(ZOKUGARA_BASE + MITODOKE_LINKS)
_SEPARATOR = "の"

_HINT = "世帯主・妻・子・父・母…を「の」でつないで表します（住民記録システム標準仕様書 j110）"


def _error(original: object) -> ValueError:
    shown = original.strip() if isinstance(original, str) else repr(original)
    return ValueError(f"続柄「{shown}」は使用できません。{_HINT}")


def _normalize_text(text: str) -> str:
    """NFKC で幅をそろえ、空白を除き、括弧を全角にする。"""
    text = unicodedata.normalize("NFKC", text)
    text = "".join(ch for ch in text if not ch.isspace() and ch != "\u200b")
    return text.replace("(", "（").replace(")", "）")


def _canonical_link(link: str) -> str | None:
    link = _normalize_text(link)
    return link if link in _LINKS else None


def normalize_chain(links: list[str]) -> str:
    """基本の続柄の並び（世帯主から見た順）を正規形の続柄にする。

    各要素は :data:`ZOKUGARA_BASE` か 夫（未届）/妻（未届）（半角括弧も可）。
    5 つ以上なら「縁故者」。空や不正な要素は ValueError。

    >>> normalize_chain(["妻", "父", "母"])
    '妻の父の母'
    """
    if not links:
        raise ValueError(f"続柄が指定されていません。{_HINT}")
    canonical: list[str] = []
    for link in links:
        if not isinstance(link, str):
            raise _error(link)
        c = _canonical_link(link)
        if c is None:
            raise _error(link)
        canonical.append(c)
    if len(canonical) > MAX_CHAIN_LINKS:
        return ENKOSHA
    return _SEPARATOR.join(canonical)


def parse_zokugara(text: str) -> str:
    """入力された続柄を検証し、正規形（全角括弧）で返す。使えなければ ValueError。

    >>> parse_zokugara("妻(未届)の子")
    '妻（未届）の子'
    >>> parse_zokugara("子の子の子の子の子")
    '縁故者'
    """
    if not isinstance(text, str):
        raise _error(text)
    normalized = _normalize_text(text)
    if not normalized:
        raise ValueError(f"続柄を入力してください。{_HINT}")
    if normalized in STANDALONE:
        return normalized
    links = normalized.split(_SEPARATOR)
    if any(_canonical_link(link) is None for link in links):
        raise _error(text)
    return normalize_chain(links)


def split_chain(zokugara: str) -> list[str]:
    """正規化した続柄を基本の続柄の並びに分ける（単独の続柄は 1 要素）。"""
    canonical = parse_zokugara(zokugara)
    if canonical in STANDALONE:
        return [canonical]
    return canonical.split(_SEPARATOR)


def is_spouse(z: str) -> bool:
    """世帯主の配偶者（夫・妻・夫（未届）・妻（未届））なら True。不正な値は False。"""
    try:
        return parse_zokugara(z) in SPOUSE_LINKS
    except ValueError:
        return False


def sort_rank(z: str, birth_date: date | None) -> tuple[int, int, date]:
    """世帯の記載順（住民票の印字順）のソートキー。

    世帯主 → 配偶者（夫・妻、その後に未届）→ 子（生年月日順）→ その他（生年月日順）。
    生年月日が不明（None）の人は同じ区分の最後。不正な続柄は ValueError。
    """
    canonical = parse_zokugara(z)
    born = birth_date if birth_date is not None else date.max
    if canonical == SETAINUSHI:
        return (0, 0, born)
    if canonical in SPOUSE_LINKS:
        return (1, 1 if canonical in MITODOKE_LINKS else 0, born)
    if canonical == "子":
        return (2, 0, born)
    return (3, 0, born)
