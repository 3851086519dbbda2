"""Resident search and the resident page (住民票照会)."""

from __future__ import annotations

import datetime
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET, require_POST

from counter import audit, reads
from counter.access import allow
from counter.documents import page_count
from counter.models import AuditAction
from counter.roles import RESIDENT_READERS, roles_of
from counter.tables import paginate
from jputil.wareki import to_wareki

from . import documents, views_kisai_jun
from .access import (
    HIDE_HONSEKI,
    HIDE_JUMINHYO_CODE,
    HIDE_ZAIRYU,
    get_jumin_for,
    hides,
    may_see_kojin_bango,
)
from .filters import ResidentFilter
from .kisai_jun import ordered
from .models import Jumin, JuminStatus, ShojoJiyu
from .shien.marks import ADDRESS_ROWS, may_see_protected_address, protected_atena_bangos
from .tables import ResidentTable, resident_url


def _target(jumin: Jumin) -> audit.AuditTarget:
    return audit.AuditTarget("jumin", jumin.atena_bango, jumin.full_name)


def _search_log_detail(cleaned: dict[str, Any]) -> dict[str, Any]:
    """The conditions as the 操作ログ keeps them; a 個人番号 only by its last 4 digits."""
    detail: dict[str, Any] = {}
    for name, value in cleaned.items():
        if value in ("", None, False):
            continue
        if name == "kojin_bango":
            detail[name] = "…" + str(value)[-4:]
        elif hasattr(value, "isoformat"):
            detail[name] = value.isoformat()
        else:
            detail[name] = str(value)
    return detail


@allow(*RESIDENT_READERS)
@require_GET
def search(request: HttpRequest) -> HttpResponse:
    filterset = ResidentFilter(request.GET or None, queryset=Jumin.objects.none())
    table = None
    if request.GET and filterset.is_valid():
        table = paginate(request, ResidentTable(filterset.qs))
        mark_table(table, request)
        reads.declare(AuditAction.SEARCH, **_search_log_detail(filterset.form.cleaned_data))
    return render(
        request, "juki/search.html", {"filter": filterset, "form": filterset.form, "table": table}
    )


def mark_table(table: ResidentTable, request: HttpRequest) -> None:
    """The 支援措置 marks of the page's persons (one query), and whether the user sees
    a protected person's address (UI.md: the 受注者 does not)."""
    records = [row.record for row in table.page.object_list]
    table.shien_marks = protected_atena_bangos(r.atena_bango for r in records)
    table.shien_sees_address = may_see_protected_address(request.user)


def _household(jumin: Jumin, *, with_johyo: bool = False) -> tuple[list[Jumin], list[Jumin]]:
    """The household's live members in their 記載順, and (``with_johyo``, j430) the
    members it lost by a 消除, the latest first, in one query. A 区間転出's 除票 is a copy
    a live member carries on (ADR 0021): not a member lost."""
    statuses = [JuminStatus.LIVE, JuminStatus.JOHYO] if with_johyo else [JuminStatus.LIVE]
    rows = (
        Jumin.objects.filter(setai_id=jumin.setai_id, status__in=statuses)
        .exclude(shojo_jiyu=ShojoJiyu.KUKAN_TENSHUTSU)
        .select_related("chouaza")
    )
    live = [m for m in rows if not m.is_johyo]
    gone = sorted(
        (m for m in rows if m.is_johyo and m.pk != jumin.pk),
        key=lambda m: (m.shojo_date or datetime.date.min, m.pk),
        reverse=True,
    )
    return ordered(live, jumin.setai), gone  # j1010: a 続柄 outside the list never fails it


@allow(*RESIDENT_READERS)
@require_GET
def resident(request: HttpRequest, atena_bango: str) -> HttpResponse:
    jumin = get_jumin_for(request, atena_bango, _kiroku(request))
    reads.declare(AuditAction.VIEW_RESIDENT, target=_target(jumin))
    with_johyo = request.GET.get("shojosha") == "1"
    household, johyo_members = (
        _household(jumin, with_johyo=with_johyo) if not jumin.is_johyo else ([], [])
    )
    context = {
        "jumin": jumin,
        "records": _other_records(jumin),
        "household": household,
        "with_johyo": with_johyo,
        "johyo_members": [(m, resident_url(m)) for m in johyo_members],
        # j380: the mark of the person and of the household's members (one query)
        "shien_marks": protected_atena_bangos(
            [jumin.atena_bango, *(m.atena_bango for m in [*household, *johyo_members])]
        ),
        "shien_sees_address": may_see_protected_address(request.user),
        "rireki": list(jumin.rireki.select_related("entered_by").order_by("-rireki_no")),
        "may_show_kojin_bango": may_see_kojin_bango(request),
        "hide_honseki": hides(request, HIDE_HONSEKI),
        "hide_juminhyo_code": hides(request, HIDE_JUMINHYO_CODE),
        "hide_zairyu": hides(request, HIDE_ZAIRYU),
        "may_set_kisai_jun": bool(roles_of(request.user) & set(views_kisai_jun.STAFF)),
    }
    return render(request, "juki/resident.html", context)


def _kiroku(request: HttpRequest) -> int | None:
    """The record asked for by id (``?kiroku=``): one 除票 of the 宛名番号."""
    kiroku = request.GET.get("kiroku", "")
    return int(kiroku) if kiroku.isascii() and kiroku.isdigit() else None


def _other_records(jumin: Jumin) -> list[tuple[str, str]]:
    """The other records of the 宛名番号 (its 住民票 and 除票), each (label, url): the
    chain 再転入 and 区間転入 leave (ADR 0021)."""
    others = (
        Jumin.objects.of_atena(jumin.atena_bango)
        .exclude(pk=jumin.pk)
        .only("id", "atena_bango", "status", "shojo_jiyu", "shojo_date")
    )
    out = []
    for other in others:
        if other.is_johyo:
            when = to_wareki(other.shojo_date) if other.shojo_date else ""
            label = f"除票（{other.get_shojo_jiyu_display()} {when}）"
        else:
            label = "現在の住民票"
        out.append((label, resident_url(other)))
    return out


@allow(*RESIDENT_READERS)
@require_POST
def show_kojin_bango(request: HttpRequest, atena_bango: str) -> HttpResponse:
    """「表示」: reveals the 個人番号 once, and the 操作ログ says so."""
    jumin = get_jumin_for(request, atena_bango)
    if not may_see_kojin_bango(request):
        audit.record(
            AuditAction.REFUSED,
            request=request,
            target=_target(jumin),
            detail={"reason": "kojin_bango"},
        )
        return render(
            request, "juki/_kojin_bango.html", {"jumin": jumin, "refused": True}, status=403
        )
    reads.declare(AuditAction.SHOW_KOJIN_BANGO, target=_target(jumin))
    reads.kojin_bango_shown()
    return render(request, "juki/_kojin_bango.html", {"jumin": jumin, "shown": True})


@allow(*RESIDENT_READERS)
@require_GET
def resident_pdf(request: HttpRequest, atena_bango: str) -> HttpResponse:
    """住民票記載事項照会票 (internal print, j1420): opens in the browser's PDF preview."""
    jumin = get_jumin_for(request, atena_bango, _kiroku(request))
    # 表示設定 (j1390) as on the resident page; the 照会票 never prints the 個人番号
    hidden = [s for s in (HIDE_HONSEKI, HIDE_JUMINHYO_CODE, HIDE_ZAIRYU) if hides(request, s)]
    labels = {label for s in hidden for label in s.row_labels}
    if not may_see_protected_address(request.user) and protected_atena_bangos([jumin.atena_bango]):
        labels |= set(ADDRESS_ROWS)  # 支援措置: the 受注者 prints no address either (UI.md)
    pdf = documents.render_shokai_hyo(
        jumin,
        printed_by=str(request.user),
        terminal_code=str(request.session.get("terminal_code", "")),
        hidden_labels=labels,
    )
    reads.declare(
        AuditAction.PRINT,
        target=_target(jumin),
        form=documents.SHOKAI_HYO_NAME,
        pages=page_count(pdf),
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="shokai-{jumin.atena_bango}.pdf"'
    return response
