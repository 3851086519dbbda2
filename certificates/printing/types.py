"""The printer's inputs and result (shared by the request kinds and the renderer)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from counter.models import StaffUser

    from .models import HakkoKiroku


class Style(StrEnum):
    """The form of a 住民票の写し (DOMAIN.md "Certificates")."""

    RENKI = "renki"  # 世帯連記式: up to four persons a sheet, current data only (default)
    KOJIN = "kojin"  # 個人票: one person, A4 portrait, with history when asked

    @property
    def label(self) -> str:
        return "世帯連記式" if self is Style.RENKI else "個人票"


@dataclass(frozen=True)
class IssueContext:
    """How and where a certificate is printed.

    ``draft``: a 見本 (the 仮登録's draft, a preview): marked 「見本」, no 発行番号 is
    taken, no QR code, nothing recorded. A final render (``draft=False``) takes the
    next 発行番号 of the day, records a :class:`~certificates.printing.models.HakkoKiroku`
    per copy and prints its signed QR token.
    """

    day: datetime.date
    terminal: str = ""  # counter.models.Terminal.code ("" leaves it out: j1040)
    printer: str | None = None  # None: the terminal's printer
    kouyou: bool = False  # 「公用」 (j1060)
    draft: bool = True
    issued_by: StaffUser | None = None
    #: the 職名 printed before the 認証者 (j1050); "" takes the settings' mayor
    shokumei: str = ""
    seal: bool = True  # 電子公印 on the last sheet (j1050: per certificate, on/off)
    #: lay the rows out and list what does not fit (j1070), without making the PDF: the
    #: 照合 and 審査 screens show the 文字超過リスト before anything is printed
    measure_only: bool = False


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
