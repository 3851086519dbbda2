"""The one base for staff tables: same look, same empty text, same pagination."""

from __future__ import annotations

from typing import Any, ClassVar

import django_tables2 as tables
from django.core.paginator import EmptyPage, PageNotAnInteger
from django.http import HttpRequest
from django_tables2 import LazyPaginator, RequestConfig


class StaffTable(tables.Table):
    class Meta:
        template_name = "includes/table.html"
        attrs: ClassVar[dict[str, Any]] = {"class": "staff-table"}
        empty_text = "該当するものはありません。"
        per_page = 50


#: no staff list has this many pages; a larger number is not one of ours
MAX_PAGE = 1_000_000


def paginate(request: HttpRequest, table: StaffTable, per_page: int = 50) -> StaffTable:
    """Page a staff table without counting the rows (LazyPaginator: no COUNT(*)).

    The page size is the view's: django-tables2 would take ``?per_page=`` from the URL,
    where -1 failed with a 500 and a huge number would read the whole table. A page
    number that is not one, or past the end, shows the first page (PostgreSQL refuses an
    OFFSET beyond bigint: ?page=99999999999999999999 was a 500)."""
    RequestConfig(request, paginate=False).configure(table)
    try:
        page = int(request.GET.get(table.prefixed_page_field, 1))
    except ValueError:
        page = 1
    if not 1 <= page <= MAX_PAGE:
        page = 1
    try:
        table.paginate(paginator_class=LazyPaginator, per_page=per_page, page=page)
    except (PageNotAnInteger, EmptyPage):
        table.paginate(paginator_class=LazyPaginator, per_page=per_page, page=1)
    return table
