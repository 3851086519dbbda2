"""転出証明書再交付申請's entry form: the persons of one 転出."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from counter.procedure_kinds import get_kind

from .. import kernel
from .entry import SaikoufuEntry

if TYPE_CHECKING:
    from .kind import TenshutsuSaikoufuKind

CODE = "tenshutsu_saikoufu"


class SaikoufuForm(kernel.AtenaBangosForm):
    """転出証明書再交付申請: the persons of one 転出."""

    def build(self, cleaned: dict[str, Any]) -> SaikoufuEntry:
        return SaikoufuEntry(
            todoke_date=cleaned.get("todoke_date"), atena_bangos=tuple(cleaned["atena_bangos"])
        )

    def check(self, entry: kernel.Entry) -> None:
        cast("TenshutsuSaikoufuKind", get_kind(CODE)).planned(entry)
