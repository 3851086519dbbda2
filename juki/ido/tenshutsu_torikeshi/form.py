"""転出取消届's entry form: the persons (除票 by 転出) and the reason."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from django import forms

from counter.procedure_kinds import get_kind

from .. import kernel
from .entry import TorikeshiEntry

if TYPE_CHECKING:
    from .kind import TenshutsuTorikeshiKind

CODE = "tenshutsu_torikeshi"


class TorikeshiForm(kernel.AtenaBangosForm):
    """転出取消届: the persons (除票 by 転出) and the reason."""

    reason = forms.CharField(
        label="取消の理由", max_length=200, widget=forms.Textarea(attrs={"rows": 2})
    )

    def build(self, cleaned: dict[str, Any]) -> TorikeshiEntry:
        return TorikeshiEntry(
            todoke_date=cleaned.get("todoke_date"),
            atena_bangos=tuple(cleaned["atena_bangos"]),
            reason=(cleaned.get("reason") or "").strip(),
        )

    def check(self, entry: kernel.Entry) -> None:
        cast("TenshutsuTorikeshiKind", get_kind(CODE)).planned(entry)
