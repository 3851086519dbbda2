"""Shared pieces of the printing tests: a household, the issue context, page texts."""

from __future__ import annotations

import datetime
from pathlib import Path

from django.utils import timezone

from certificates.printing import IssueContext
from juki.models import Jumin, Seibetsu

from ..factories import JuminFactory, TerminalFactory, foreign_person, register_household
from ..test_documents import pdftotext, squash

__all__ = ["context", "family", "page_texts", "pdftotext", "squash"]


def context(*, draft: bool = False, **kwargs: object) -> IssueContext:
    terminal = TerminalFactory(code="本庁1", printer_name="プリンタ001")
    values: dict[str, object] = {
        "day": timezone.localdate(),
        "terminal": terminal.code,
        "draft": draft,
    }
    return IssueContext(**{**values, **kwargs})  # type: ignore[arg-type]


def family(size: int = 5) -> list[Jumin]:
    """A household: 世帯主 𠮷田, 妻 髙橋, children 﨑 …, the last a foreign 同居人."""
    people = [
        JuminFactory.build(shi="𠮷田", mei="太郎", zokugara="世帯主"),
        JuminFactory.build(
            shi="𠮷田",
            mei="花子",
            zokugara="妻",
            seibetsu=Seibetsu.FEMALE,
            seinengappi=datetime.date(1982, 6, 3),
            honseki="",
        ),
    ]
    names = ["一郎", "二郎", "三郎", "四郎"]
    for i in range(max(0, size - 3)):
        people.append(
            JuminFactory.build(
                shi="𠮷田",
                mei=f"{names[i % 4]}﨑",
                zokugara="子",
                seinengappi=datetime.date(2010 + i, 1, 5),
            )
        )
    if size >= 3:
        people.append(
            foreign_person(
                mei="JOHN",
                zokugara="同居人",
                seinengappi=datetime.date(1990, 2, 1),
                zairyu_manryo_date=datetime.date(2028, 3, 31),
                zairyu_shikaku="技術・人文知識・国際業務",
            )
        )
    return register_household(*people[:size])


def page_texts(pdf: bytes, tmp_path: Path) -> list[str]:
    """Each sheet's text without white space (pdftotext separates pages by a form feed)."""
    pages = pdftotext(pdf, tmp_path).split("\f")
    return [squash(p) for p in pages if p.strip()]
