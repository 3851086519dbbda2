"""The persons found by 4情報 inside an entry form (転出, 死亡, 転出取消 …).

An entry template includes ``juki/_person_pick.html`` with the name of its 宛名番号 field;
the panel asks this view for its search fields (htmx), then for the persons matching
氏名（カナまたは漢字）, 生年月日, 性別 and 住所, one line each with 除票 marked. Choosing
a line fills the entry form's field (static/js/app.js), so no 宛名番号 is copied from
another screen. The same search as the 住民検索 (juki.search), the same roles, and each
search leaves its row in the 操作ログ as a 住民検索 does.
"""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from counter import reads
from counter.access import allow
from counter.models import AuditAction
from counter.roles import RESIDENT_READERS

from .forms import ResidentSearchForm
from .models import Jumin
from .search import search_residents
from .shien.marks import protected_atena_bangos
from .views import _search_log_detail

#: persons listed at most; more means the clerk adds a condition
PICK_LIMIT = 20
PREFIX = "pick"
_FIELD_NAME = re.compile(r"^[a-z][a-z0-9_]{0,39}$")


class PersonPickForm(ResidentSearchForm):
    """4情報 only (the numbers are what the clerk is looking for)."""

    mei_only = None  # type: ignore[assignment]
    atena_bango = None  # type: ignore[assignment]
    juminhyo_code = None  # type: ignore[assignment]
    kojin_bango = None  # type: ignore[assignment]

    def __init__(
        self, data: Any = None, *, target: str, initial: dict[str, Any] | None = None
    ) -> None:
        super().__init__(data, initial=initial, prefix=PREFIX, auto_id=f"id_{target}_%s")
        # The panel opens inside an entry form: the form's first field keeps the focus.
        self.fields["shimei"].widget.attrs.pop("autofocus", None)

    def clean(self) -> dict[str, Any]:
        cleaned = self.cleaned_data
        if not self.errors and self.conditions().is_empty():
            raise forms.ValidationError(
                "氏名・生年月日・町字のいずれかを入力してください（性別だけでは探せません）。"
            )
        if cleaned.get("banchi") and not cleaned.get("chouaza"):
            self.add_error("banchi", "番地で探すときは町字も選んでください。")
        return cleaned


def pick_target(request: HttpRequest) -> str:
    """The entry form's field to fill (a field name, never markup)."""
    target = str(request.GET.get("target", ""))
    return target if _FIELD_NAME.match(target) else "atena_bango"


@allow(*RESIDENT_READERS)
@require_GET
def person_pick(request: HttpRequest) -> HttpResponse:
    """The panel: its search fields, and after 「探す」 the persons found (audited)."""
    target = pick_target(request)
    searching = request.GET.get("search") == "1"
    if searching:
        form = PersonPickForm(request.GET, target=target)
    else:
        initial = {"include_johyo": request.GET.get("johyo") == "1"}
        form = PersonPickForm(initial=initial, target=target)
    found: list[Jumin] | None = None
    if searching and form.is_valid():
        found = list(search_residents(form.conditions())[: PICK_LIMIT + 1])
        reads.declare(
            AuditAction.SEARCH,
            **_search_log_detail(form.cleaned_data),
            screen="person_pick",
            found=len(found),
        )
    return render(
        request,
        "juki/_person_pick_panel.html",
        {
            "form": form,
            "target": target,
            "found": found[:PICK_LIMIT] if found is not None else None,
            # 支援措置 marked, its address hidden from the 受注者 (one query)
            "shien_marks": protected_atena_bangos(j.atena_bango for j in found or []),
            "more": found is not None and len(found) > PICK_LIMIT,
            "limit": PICK_LIMIT,
        },
    )
