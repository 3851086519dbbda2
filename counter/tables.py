"""The one base for staff tables: same look, same empty text, same pagination."""

from __future__ import annotations

from typing import Any, ClassVar

import django_tables2 as tables


class StaffTable(tables.Table):
    class Meta:
        template_name = "includes/table.html"
        attrs: ClassVar[dict[str, Any]] = {"class": "staff-table"}
        empty_text = "該当するものはありません。"
        per_page = 50
