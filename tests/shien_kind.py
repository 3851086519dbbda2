"""A certificate-like kind that records its requester, for the 支援措置 tests.

Registered with counter.registry.temporarily (``with shien_kind():``) under a 窓口区分
of its own ("shien_shiken"), which a measure covers by default (every registered
category but 住民異動). The lead adds the real certificate kinds' cases after merging.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, ClassVar

from django import forms

from counter import registry
from counter.procedure_kinds import (
    ProcedureKind,
    Requester,
    RequesterCategory,
    Subject,
)
from counter.procedure_models import Procedure
from counter.registry import Category

CATEGORY = Category("shien_shiken", "試験用証明", order=90)


class RequestForm(forms.Form):
    atena_bango = forms.CharField(label="宛名番号", max_length=10)
    category = forms.ChoiceField(label="請求者の区分", choices=RequesterCategory.choices)
    name = forms.CharField(label="請求者の氏名", max_length=100)
    seinengappi = forms.DateField(label="請求者の生年月日", required=False)


class RequestKind(ProcedureKind):
    code: ClassVar[str] = "shien_shiken_seikyu"
    label: ClassVar[str] = "試験用証明書の請求"
    category = CATEGORY.code
    reserves = False
    contract_exempt: ClassVar[str] = "test stub"

    def entry_form(self, procedure: Procedure, data: Any = None) -> forms.Form:
        return RequestForm(data, initial=procedure.entry or None)

    def clean_entry(self, form: forms.Form) -> dict[str, Any]:
        data = dict(form.cleaned_data)
        day = data.get("seinengappi")
        data["seinengappi"] = day.isoformat() if day else None
        return data

    def subjects(self, entry: dict[str, Any]) -> list[Subject]:
        number = str(entry["atena_bango"])
        return [Subject(f"jumin:{number}", f"宛名番号{number}の住民")]

    def requester(self, procedure: Procedure) -> Requester | None:
        entry = procedure.entry or {}
        if not entry:
            return None
        day = entry.get("seinengappi")
        return Requester(
            RequesterCategory(entry["category"]),
            str(entry["name"]),
            seinengappi=datetime.date.fromisoformat(day) if day else None,
        )


@contextmanager
def shien_kind() -> Iterator[RequestKind]:
    kind = RequestKind()
    with registry.temporarily(counter_categories=[CATEGORY], procedure_kinds=[kind]):
        yield kind


def entry(
    atena_bango: str, category: str = "daisansha", name: str = "第三　者", **more: Any
) -> dict[str, Any]:
    return {
        "atena_bango": atena_bango,
        "category": category,
        "name": name,
        "seinengappi": None,
        **more,
    }
