"""The base of the 個人番号カード kinds: the machine's PlannedKind in the 個人番号カード
窓口区分 (its subject: the person by 宛名番号)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypeVar

from counter.kind_entry import Entry
from counter.procedure_kinds import ReviewBlock, ReviewRow, Subject
from counter.procedure_models import Procedure
from juki.ido import kernel as ido
from juki.models import Jumin
from mynumber.models import Card

E = TypeVar("E", bound=Entry)
P = TypeVar("P")

#: the 窓口区分 mynumber declares (MynumberConfig.counter_categories)
MYNUMBER = "mynumber"


class MynumberKind(ido.PlannedKind[E, P]):
    category = MYNUMBER

    def subjects_of(self, entry: E) -> Sequence[Subject]:
        atena = str(getattr(entry, "atena_bango", ""))
        return [ido.jumin_subject(atena, f"宛名番号 {atena} の方")] if atena else []

    def summary_of(self, entry: E) -> str:
        return f"{self.label} 宛名番号 {getattr(entry, 'atena_bango', '')}"

    def review_approved(self, procedure: Procedure) -> list[ReviewBlock]:
        result = procedure.result
        return [
            ReviewBlock(
                "承認済み",
                [ReviewRow(str(label), "", str(value)) for label, value in result.get("rows", [])],
            )
        ]


def actor(approval: ido.Approval) -> dict[str, Any]:
    """The keyword arguments every mynumber.services function takes from a 承認."""
    return {"acting_user": approval.acting_user, "procedure": approval.procedure}


def person_rows(person: Jumin) -> list[ReviewRow]:
    return [
        ReviewRow("氏名", person.full_name, person.full_name),
        # j90: 和暦, a foreign resident's in 西暦 (as recorded)
        ReviewRow("生年月日", person.seinengappi_text, person.seinengappi_text),
        ReviewRow("住所", person.address, person.address),
    ]


def card_rows(card: Card) -> list[ReviewRow]:
    """The card as the 照合・審査 screens show it (和暦)."""
    until = ido.wareki_text(card.yuukou_kigen) if card.yuukou_kigen else "―"
    return [
        ReviewRow("カード発行番号", card.hakkou_bango or "―", card.hakkou_bango or "―"),
        ReviewRow("カードの状態", card.get_status_display(), card.get_status_display()),
        ReviewRow("有効期限", until, until),
    ]


def result(rows: list[tuple[str, str]], **extra: Any) -> dict[str, Any]:
    """What 承認 did, for the 審査 page after it."""
    return {"rows": [list(row) for row in rows], **extra}
