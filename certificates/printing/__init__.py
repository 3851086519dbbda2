"""The printed certificates (標準仕様書 j1000–j1070; DOMAIN.md "Certificates").

The request kinds (certificates.kinds, lane K) decide who may have what and which items;
this package prints it:

- :func:`render_juminhyo` — a 住民票の写し (or 除票の写し) of juki persons, 世帯連記式 or
  個人票, with the chosen :class:`~certificates.items.Items`;
- :func:`render_kisai_jiko` — a 記載事項証明書 of juki persons;
- :func:`render_fuzaiju`, :func:`render_jukyo_hyoji` — the simple documents, from plain
  values;

each returning a :class:`Rendered` (PDF bytes, page count, the 発行番号 of each sheet and
the j1070 overflow list). A final render (``IssueContext(draft=False)``) takes the day's
next 発行番号 (counter.hakko_bango), records one
:class:`~counter.shomei.models.HakkoKiroku` per copy in the caller's transaction
and prints a QR code with a signed token for the verify page (counter.shomei.verify;
the pieces every app shares moved there: docs/adr/0030).
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import TYPE_CHECKING

from .types import IssueContext, Overflow, Rendered, Style

if TYPE_CHECKING:
    from juki.models import Jumin

    from ..items import Items

__all__ = [
    "IssueContext",
    "Overflow",
    "Rendered",
    "Style",
    "render_fuzaiju",
    "render_jukyo_hyoji",
    "render_juminhyo",
    "render_kisai_jiko",
]


def render_juminhyo(
    persons: Sequence[Jumin],
    *,
    style: Style,
    items: Items,
    context: IssueContext,
    setai_zenin: bool = False,
    johyo: bool = False,
) -> Rendered:
    """A 住民票の写し of ``persons`` (one copy).

    ``persons``: live rows of one household (any order: printed in the household's
    order, j1010), or 除票 rows with ``johyo`` (then ``style`` must be 個人票: a 除票 is
    never mixed into a 連記式, j1000). ``setai_zenin``: the persons are the whole
    household (the 認証文 says 世帯全員 instead of 一部). ``items.rireki`` adds the
    history to a 個人票. A 個人票 of several persons prints one person after another.
    """
    from .juminhyo import render_juminhyo as impl

    return impl(
        persons, style=style, items=items, context=context, setai_zenin=setai_zenin, johyo=johyo
    )


def render_kisai_jiko(
    persons: Sequence[Jumin],
    *,
    items: Items,
    context: IssueContext,
    johyo: bool = False,
) -> Rendered:
    """A 記載事項証明書 of ``persons`` (the items asked for, as a list; j1000, j1030)."""
    from .juminhyo import render_kisai_jiko as impl

    return impl(persons, items=items, context=context, johyo=johyo)


def render_fuzaiju(
    *,
    name: str,
    address: str,
    context: IssueContext,
    seinengappi: str = "",
    honseki: str = "",
) -> Rendered:
    """A 不在住証明書: no 住民票 (nor 除票) of this person at this address (plain values
    as the requester wrote them; the search is the request's)."""
    from .simple import render_fuzaiju as impl

    return impl(
        name=name, address=address, context=context, seinengappi=seinengappi, honseki=honseki
    )


def render_jukyo_hyoji(
    *,
    name: str,
    old_address: str,
    new_address: str,
    jisshi_date: datetime.date,
    context: IssueContext,
) -> Rendered:
    """A 住居表示変更証明書: ``old_address`` became ``new_address`` on ``jisshi_date``
    (住居表示に関する法律; plain values)."""
    from .simple import render_jukyo_hyoji as impl

    return impl(
        name=name,
        old_address=old_address,
        new_address=new_address,
        jisshi_date=jisshi_date,
        context=context,
    )
