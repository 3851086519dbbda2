"""The CSV and PDF of a report screen (日計表, 異動統計, 人口統計): ``?format=csv&table=…``
gives any of its tables as CSV and ``?format=pdf`` the printed report, from the same
figures as the screen; each is a 印刷 in the 操作ログ."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from django.http import Http404, HttpRequest, HttpResponse

from counter import reads
from counter.models import AuditAction
from counter.tables import StaffTable
from counter.views_common import pdf_response

from .documents_nikkei import table_csv


def download(
    request: HttpRequest,
    tables: Mapping[str, StaffTable],
    name: str,
    pdf: Callable[[], bytes],
    stem: str,
) -> HttpResponse | None:
    """The CSV or PDF asked for by ``?format=``; None for the screen. `stem` names the
    file (``nikkei-2025-06-02``)."""
    fmt = request.GET.get("format", "")
    if fmt == "csv":
        key = request.GET.get("table", "")
        if key not in tables:
            raise Http404("その表はありません。")
        reads.declare(AuditAction.PRINT, form=f"{name}（{key}）CSV")
        # UTF-8 with a BOM: the spreadsheet a city opens it in reads it as UTF-8
        body = "\ufeff" + table_csv(tables[key])
        response = HttpResponse(body.encode("utf-8"), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{stem}-{key}.csv"'
        return response
    if fmt == "pdf":
        reads.declare(AuditAction.PRINT, form=f"{name} PDF")
        return pdf_response(pdf(), f"{stem}.pdf")
    if fmt:
        raise Http404("その形式はありません。")
    return None
