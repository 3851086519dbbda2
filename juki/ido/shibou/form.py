"""The 死亡 entry form: the person, the 死亡届's dates, the household when needed."""

from __future__ import annotations

from typing import Any, ClassVar, cast

from jputil import wareki

from ...forms_fields import RecordedDateField, WarekiDateField
from .. import kernel
from .entry import ShibouEntry
from .plan import planned


class ShibouForm(kernel.LeavingForm):
    """死亡届（戸籍の受理）."""

    todoke_date = WarekiDateField(label="届出年月日", allow_future=False, default_today=True)
    shibou_date = RecordedDateField(
        label="死亡年月日",
        allow_future=False,
        help_text="不詳は「令和6年月日不詳」のように記録どおり（j80）",
    )
    field_order = ("atena_bango", "todoke_date", "shibou_date", "new_setai_nushi")
    entry_type: ClassVar[type[kernel.LeavingEntry]] = ShibouEntry

    def initial_from(self, entry: kernel.LeavingEntry) -> dict[str, Any]:
        e = cast(ShibouEntry, entry)
        return {
            **super().initial_from(e),
            "todoke_date": e.todoke_date,
            "shibou_date": e.shibou_date_hyoki or e.shibou_date,
        }

    def build(self, cleaned: dict[str, Any], household: kernel.LeavingEntry) -> ShibouEntry:
        day = cast(wareki.RecordedDate, cleaned["shibou_date"])
        return ShibouEntry(
            **kernel.household_fields(household),
            todoke_date=cleaned["todoke_date"],
            shibou_date=day.sort_date,
            shibou_date_hyoki=day.text,
        )

    def check(self, entry: kernel.LeavingEntry) -> None:
        planned(cast(ShibouEntry, entry))
