"""The 転入届 as the 照合 and 審査 screens show it: the notice, the household, each person."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from counter.procedure_kinds import ReviewBlock, ReviewRow
from jputil.zokugara import SETAINUSHI

from ... import services
from ...models import Chouaza, Jumin, Setai
from .. import kernel
from .entry import SHOUMEISHO_CHOICES, TennyuEntry


def chouaza_of(entry: TennyuEntry) -> Chouaza | None:
    return Chouaza.objects.filter(code=entry.chouaza).first()


def as_entered(entry: TennyuEntry) -> tuple[Chouaza | None, Setai | None, list[Jumin]]:
    """The 町字 and the household joined, as the entry names them, unchecked (for showing
    an entry the plan refuses)."""
    chouaza = chouaza_of(entry)
    setai = None
    if entry.joins and entry.setai_bango:
        setai = (
            Setai.objects.select_related("setai_nushi")
            .filter(setai_bango=entry.setai_bango)
            .first()
        )
    return chouaza, setai, services.live_members(setai) if setai is not None else []


def content_blocks(
    entry: TennyuEntry,
    chouaza: Chouaza | None,
    setai: Setai | None = None,
    existing: Sequence[Jumin] = (),
) -> list[ReviewBlock]:
    """転入の内容, the household after the 転入 and each incoming person's items."""
    place = chouaza or Chouaza(code="", prefecture="", city="", name=entry.chouaza)
    data = entry.to_json()
    incoming = [kernel.person_jumin(p, data, place) for p in data["persons"]]
    head = kernel.content_block(
        "転入の内容",
        entry.todoke_date,
        ("転入日（異動日）", kernel.wareki_text(entry.tennyu_date)),
        ("転出予定年月日", kernel.wareki_text(entry.tenshutsu_yotei_date)),
        ("従前の住所", entry.zenjusho),
        ("転出証明書", SHOUMEISHO_CHOICES.get(entry.shoumeisho, "")),
        ("新しい住所", incoming[0].address if incoming else ""),
    )
    persons = [
        _person_block(f"転入者{n}　{j.full_name}", j, entry.shows_card(n - 1))
        for n, j in enumerate(incoming, 1)
    ]
    return [head, _household_block(incoming, setai, existing), *persons]


def _person_block(title: str, j: Jumin, card: bool) -> ReviewBlock:
    """The person's items, and whether their 個人番号カード was shown: the card then waits
    for its 継続利用 (番号法第17条第2項), which 照合 confirms against the card itself."""
    block = kernel.item_block(title, j)
    shown = "提示あり（継続利用の対象）" if card else "提示なし"
    return ReviewBlock(block.title, [*block.rows, ReviewRow("個人番号カード", "", shown)])


def _household_block(
    incoming: list[Jumin], setai: Setai | None, existing: Sequence[Jumin]
) -> ReviewBlock:
    if setai is None:
        rows = [ReviewRow(m.full_name, "", m.zokugara) for m in kernel.ordered(incoming)]
        return ReviewBlock("世帯（新しい世帯）", rows)
    after = kernel.ordered([*existing, *incoming])
    # an existing member's 続柄 is the same before and after; a newcomer's is new
    rows = [ReviewRow(m.full_name, m.zokugara if m.pk else "", m.zokugara) for m in after]
    nushi = setai.setai_nushi
    coming = next((m.full_name for m in incoming if m.zokugara == SETAINUSHI), "")
    before = nushi.full_name if nushi else ""
    rows.insert(0, ReviewRow("世帯主", before, before or coming))
    return ReviewBlock(f"世帯（世帯番号{setai.setai_bango}・一部転入）", rows)


def approved_block(result: dict[str, Any]) -> ReviewBlock:
    return ReviewBlock(
        "承認済み",
        [
            ReviewRow("宛名番号", "", "、".join(result.get("atena_bango", []))),
            ReviewRow("世帯番号", "", result.get("setai_bango", "")),
        ],
    )
