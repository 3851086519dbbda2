"""The one base for staff tables: same look, same empty text, same pagination."""

from __future__ import annotations

from typing import Any, ClassVar

import django_tables2 as tables
from django.http import HttpRequest
from django_tables2 import LazyPaginator, RequestConfig


class StaffTable(tables.Table):
    class Meta:
        template_name = "includes/table.html"
        attrs: ClassVar[dict[str, Any]] = {"class": "staff-table"}
        empty_text = "該当するものはありません。"
        per_page = 50


def paginate(request: HttpRequest, table: StaffTable, per_page: int = 50) -> StaffTable:
    """Page a staff table without counting the rows (LazyPaginator: no COUNT(*))."""
    RequestConfig(
        request, paginate={"paginator_class": LazyPaginator, "per_page": per_page}
    ).configure(table)
    return table
