"""The printer's inputs and result (shared by the request kinds and the renderer).

:class:`IssueContext` is counter.shomei's (docs/adr/0030), re-exported here."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING

from counter.shomei.issue import IssueContext

if TYPE_CHECKING:
    from .models import HakkoKiroku

__all__ = ["IssueContext", "Overflow", "Rendered", "Style"]


class Style(StrEnum):
    """The form of a 住民票の写し (DOMAIN.md "Certificates")."""

    RENKI = "renki"  # 世帯連記式: up to four persons a sheet, current data only (default)
    KOJIN = "kojin"  # 個人票: one person, A4 portrait, with history when asked

    @property
    def label(self) -> str:
        return "世帯連記式" if self is Style.RENKI else "個人票"


@dataclass(frozen=True)
class Overflow:
    """An item that did not fit its box even at the smallest size, or holds characters
    the font cannot print (j1070 文字超過リスト, for a 職員)."""

    #: the sheet (1-based) on a 連記式 and the simple documents; 0 on a 個人票 or
    #: 記載事項証明書, where a person's first sheet is known only once printed
    sheet: int
    person: str
    item: str
    text: str
    reason: str  # 「文字超過」 or 「外字（印字不可）」


@dataclass(frozen=True)
class Rendered:
    """A rendered certificate copy."""

    pdf: bytes
    page_count: int
    #: the 発行番号 printed on each sheet (「… 1/2」); empty for a draft
    hakko_bangos: tuple[str, ...] = ()
    overflow: tuple[Overflow, ...] = ()
    #: the copy's record (a final render only)
    kiroku: HakkoKiroku | None = field(default=None, compare=False)
