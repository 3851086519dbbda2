"""確認用住民票: the sheet the window prints at 仮登録 for the visitor to check.

Not a certificate: it carries KAKUNIN_MARK.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.conf import settings
from django.utils import timezone

from counter import documents as counter_documents
from jputil.zokugara import SETAINUSHI

from ...models import (
    Jumin,
    recorded_date_text,
)
from . import dates, register

if TYPE_CHECKING:
    pass

#: the sheet the window prints at 仮登録 for the visitor to check (not a certificate)
KAKUNIN_NAME = "確認用住民票"
KAKUNIN_TEMPLATE = "documents/kakunin_juminhyo.html"


KAKUNIN_MARK = "確認用（証明書ではありません）"


@dataclass(frozen=True)
class KakuninPerson:
    is_new: bool
    rows: list[tuple[str, str]]
    name: str
    zokugara: str


def kakunin_rows(
    m: Jumin, *, incoming: bool = False, address: bool = False
) -> list[tuple[str, str]]:
    """One person's items on the 確認用住民票 (``incoming``: with the 転入's 届出年月日 and
    従前の住所; ``address``: with the 住所, when persons may differ from the heading)."""
    rows = [
        ("氏名", m.full_name),
        ("フリガナ", m.full_kana),
        ("生年月日", m.seinengappi_text),
        ("性別", m.get_seibetsu_display()),
        ("続柄", m.zokugara),
    ]
    if m.is_foreign:
        rows += [
            ("氏名（アルファベット）", m.name_alphabet),
            ("国籍・地域", m.kokuseki),
            ("第30条の45区分", m.get_kubun_30_45_display() if m.kubun_30_45 else ""),
            ("在留資格", m.zairyu_shikaku),
            ("在留期間の満了の日", m.zairyu_manryo_text),
            ("在留カード等の番号", m.zairyu_card_bango),
        ]
    else:
        rows += [("本籍", m.honseki), ("筆頭者", m.hittousha)]
    rows.append(("住民となった年月日", recorded_date_text(m.jumin_date, m.jumin_date_hyoki)))
    if address:
        rows.append(("住所", m.address))
    rows.append(("住所を定めた年月日", recorded_date_text(m.jusho_date, m.jusho_date_hyoki)))
    if incoming:
        rows += [("届出年月日", dates.wareki_text(m.todoke_date)), ("従前の住所", m.zenjusho)]
    rows.append(("住民票コード", m.juminhyo_code or ""))
    return rows


def kakunin_pdf(
    *,
    kind_label: str,
    members: Sequence[Jumin],
    changed: set[str],
    setai_bango: str,
    procedure_label: str = "",
    incoming: Sequence[Jumin] = (),
) -> bytes:
    """確認用住民票 of one household as it would be after 承認 (unsaved copies; no writes).

    ``changed`` are the 宛名番号 of the persons the procedure changes (marked). A 転入
    brings ``incoming`` (unsaved, no 宛名番号 yet) into ``members``: they are the ones
    marked, with their 届出年月日 and 従前の住所, and the first one's address heads the
    sheet (no person shows an address of their own then).
    """
    new_ids = {id(j) for j in incoming}
    ordered = register.ordered([*members, *incoming])
    people = [
        KakuninPerson(
            is_new=m.atena_bango in changed or id(m) in new_ids,
            rows=kakunin_rows(m, incoming=id(m) in new_ids, address=not incoming),
            name=m.full_name,
            zokugara=m.zokugara,
        )
        for m in ordered
    ]
    heading = incoming[0] if incoming else (ordered[0] if ordered else None)
    return household_sheet_pdf(
        kind_label=kind_label,
        people=people,
        heading=heading,
        setai_bango=setai_bango,
        procedure_label=procedure_label,
        marked=len(changed) + len(incoming),
    )


def household_sheet_pdf(
    *,
    kind_label: str,
    people: Sequence[KakuninPerson],
    heading: Jumin | None,
    setai_bango: str,
    procedure_label: str,
    marked: int,
) -> bytes:
    """The 確認用住民票 from its persons' rows (in order): ``heading`` is the person whose
    address heads the sheet, ``marked`` how many the procedure changes."""
    nushi = next((p for p in people if p.zokugara == SETAINUSHI), None)
    local = timezone.localtime(timezone.now())
    postal = heading.chouaza.postal_code_display if heading else ""
    address = heading.address if heading else ""
    context = {
        "form_name": KAKUNIN_NAME,
        "mark": KAKUNIN_MARK,
        "municipality": settings.MUNICIPALITY_NAME,
        "kind_label": kind_label,
        "printed_at": f"{dates.wareki_text(local.date())} {local.hour}時{local.minute:02d}分",
        "procedure_label": procedure_label,
        "address": f"〒{postal}　{address}" if postal else address,
        "setai_bango": setai_bango or "（承認時に付番）",
        "setai_nushi": nushi.name if nushi else "（世帯主なし）",
        "people": list(people),
        "incoming_count": marked,
    }
    return counter_documents.render_pdf(KAKUNIN_TEMPLATE, context)
