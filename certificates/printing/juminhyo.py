"""住民票の写し (世帯連記式 or 個人票; of a 除票 only 個人票) and 記載事項証明書.

標準仕様書 j1000 (forms, omissions, 転出 items), j1010 (the household's order: reused
from juki.kisai_jun, never copied), j1030 (方書), j1070 (shrink, list). The shared
sheet parts (発行番号, 認証文, 電子公印, QR) are certificates.printing.issue's.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass

from juki.documents import with_postal
from juki.kisai_jun import ordered
from juki.models import Jumin

from ..items import Items
from . import issue
from .models import ShomeiKind
from .rows import (
    KOJIN,
    RENKI,
    Fitter,
    PersonSheet,
    Value,
    fitted_sheet,
    person_sheet,
    sheets_of,
)
from .types import IssueContext, Rendered, Style

#: 世帯連記式: at most this many persons a sheet (DOMAIN.md "Certificates")
RENKI_PER_SHEET = 4

RENKI_TEMPLATE = "documents/shomei_renki.html"
KOJIN_TEMPLATE = "documents/shomei_kojin.html"
KISAI_TEMPLATE = "documents/shomei_kisai_jiko.html"

#: the 認証文 (Ch.4 layout; printed on the last sheet only, j1000)
NINSHOUBUN_ZENIN = "この写しは、世帯全員の住民票の原本と相違ないことを証明する。"
NINSHOUBUN_ICHIBU = "この写しは、世帯の一部の住民票の原本と相違ないことを証明する。"
NINSHOUBUN_KOJIN = "この写しは、住民票の原本と相違ないことを証明する。"
NINSHOUBUN_JOHYO = "この写しは、除票の原本と相違ないことを証明する。"
NINSHOUBUN_KISAI = "上記のとおり住民票に記載されていることを証明する。"
NINSHOUBUN_KISAI_JOHYO = "上記のとおり除票に記載されていることを証明する。"


class PrintRefused(ValueError):
    """A print the rules forbid (the message names the rule)."""


def _check(persons: Sequence[Jumin], *, style: Style, johyo: bool) -> None:
    if not persons:
        raise PrintRefused("証明する方がいません。")
    if any(p.is_johyo != johyo for p in persons):
        raise PrintRefused("除票と住民票を一つの写しに混ぜることはできません（標準仕様書 j1000）。")
    if johyo and style is not Style.KOJIN:
        raise PrintRefused("除票の写しは個人票で作成します（標準仕様書 j1000）。")
    if style is Style.RENKI and len({p.setai_id for p in persons}) > 1:
        raise PrintRefused("世帯連記式の写しは一つの世帯の方だけを記載します。")


def _in_order(persons: Sequence[Jumin], *, johyo: bool) -> list[Jumin]:
    """The household's order (j1010, its hand-set order kept) for live persons of one
    household; 除票 persons as given."""
    if johyo or len({p.setai_id for p in persons}) > 1:
        return list(persons)
    return ordered(list(persons), persons[0].setai)


def render_juminhyo(
    persons: Sequence[Jumin],
    *,
    style: Style,
    items: Items,
    context: IssueContext,
    setai_zenin: bool = False,
    johyo: bool = False,
) -> Rendered:
    _check(persons, style=style, johyo=johyo)
    people = _in_order(persons, johyo=johyo)
    if style is Style.RENKI:
        return _renki(people, items=items, context=context, setai_zenin=setai_zenin)
    fitter = Fitter(KOJIN)
    sheets = [person_sheet(p, fitter, items=items, day=context.day, address=True) for p in people]
    ninshoubun = NINSHOUBUN_JOHYO if johyo else NINSHOUBUN_KOJIN
    kind = ShomeiKind.JOHYO if johyo else ShomeiKind.JUMINHYO
    data = {"people": sheets, "johyo": johyo, "style_label": Style.KOJIN.label}
    return issue.issue(
        kind,
        KOJIN_TEMPLATE,
        data,
        ninshoubun=ninshoubun,
        context=context,
        overflow=fitter.overflow,
    )


def _renki(
    people: list[Jumin], *, items: Items, context: IssueContext, setai_zenin: bool
) -> Rendered:
    """世帯連記式: current data only, four persons a sheet, the household's heading
    (住所, and 世帯主 when 世帯主・続柄 are asked for) on every sheet."""
    current = dataclasses.replace(items, rireki=False)
    fitter = Fitter(RENKI)
    first = people[0]
    persons: list[PersonSheet] = []
    for i, p in enumerate(people):
        fitter.sheet = i // RENKI_PER_SHEET + 1
        persons.append(person_sheet(p, fitter, items=current, day=context.day, address=False))
    head = first.setai.setai_nushi if items.setai_nushi_zokugara else None
    nushi = (head.full_name if head else "") if items.setai_nushi_zokugara else None
    address = with_postal(first.address, first.chouaza.postal_code)
    return _renki_sheets(persons, fitter, address, nushi, context, setai_zenin)


def _renki_sheets(
    persons: list[PersonSheet],
    fitter: Fitter,
    address_text: str,
    nushi_text: str | None,
    context: IssueContext,
    setai_zenin: bool,
    note: str = "",
) -> Rendered:
    """The 連記式's sheets of persons already fitted; ``nushi_text`` None leaves the
    世帯主 out of the heading; ``note`` is printed under the title (広域交付)."""
    fitter.sheet, fitter.person = 1, ""
    address = fitter.cell("住所", address_text, wide=True)
    nushi = None if nushi_text is None else fitter.cell("世帯主", nushi_text, wide=True)
    data = {
        "sheets": sheets_of(persons, RENKI_PER_SHEET),
        "address": address,
        "nushi": nushi,
        "style_label": Style.RENKI.label,
        "note": note,
    }
    return issue.issue(
        ShomeiKind.JUMINHYO,
        RENKI_TEMPLATE,
        data,
        ninshoubun=NINSHOUBUN_ZENIN if setai_zenin else NINSHOUBUN_ICHIBU,
        context=context,
        overflow=fitter.overflow,
    )


@dataclass(frozen=True)
class PlainPerson:
    """A person as another city's answer gives them (広域交付): the 氏名 as printed and
    the items, already the ones asked for."""

    shimei: str
    values: tuple[Value, ...]


def render_juminhyo_plain(
    persons: Sequence[PlainPerson],
    *,
    address: str,
    nushi: str | None,
    context: IssueContext,
    setai_zenin: bool,
    note: str = "",
) -> Rendered:
    """A 世帯連記式 住民票の写し of plain data (a home city's answer, in its order):
    the same sheets, 発行番号 and 認証文 as one of our register."""
    if not persons:
        raise PrintRefused("証明する方がいません。")
    fitter = Fitter(RENKI)
    sheets: list[PersonSheet] = []
    for i, p in enumerate(persons):
        fitter.sheet = i // RENKI_PER_SHEET + 1
        sheets.append(fitted_sheet(p.shimei, p.values, fitter))
    return _renki_sheets(sheets, fitter, address, nushi, context, setai_zenin, note)


def render_kisai_jiko(
    persons: Sequence[Jumin], *, items: Items, context: IssueContext, johyo: bool = False
) -> Rendered:
    """記載事項証明書: the items asked for of each person, one list (j1000, j1030: the
    方書 may be left out here on request)."""
    _check(persons, style=Style.KOJIN, johyo=johyo)
    people = _in_order(persons, johyo=johyo)
    fitter = Fitter(KOJIN)
    current = dataclasses.replace(items, rireki=False)
    sheets = [
        person_sheet(p, fitter, items=current, day=context.day, address=True, kisai_jiko=True)
        for p in people
    ]
    return issue.issue(
        ShomeiKind.KISAI_JIKO,
        KISAI_TEMPLATE,
        {"people": sheets},
        ninshoubun=NINSHOUBUN_KISAI_JOHYO if johyo else NINSHOUBUN_KISAI,
        context=context,
        overflow=fitter.overflow,
    )
