from __future__ import annotations

import django_tables2 as tables
from django.utils import timezone

from counter.models import AuditLog
from counter.tables import StaffTable
from jputil.wareki import to_wareki


class AuditLogTable(StaffTable):
    id = tables.Column("番号")
    at = tables.Column("日時")
    username = tables.Column("利用者ID")
    terminal_code = tables.Column("端末")
    action = tables.Column("操作")
    target_id = tables.Column("対象")
    target_label = tables.Column("対象の表示")
    kojin_bango_shown = tables.BooleanColumn("個人番号", yesno="表示,―")
    path = tables.Column("画面")

    class Meta(StaffTable.Meta):
        model = AuditLog
        fields = (
            "id",
            "at",
            "username",
            "terminal_code",
            "action",
            "target_id",
            "target_label",
            "kojin_bango_shown",
            "path",
        )
        orderable = False

    def render_at(self, value: object) -> str:
        local = timezone.localtime(value)  # type: ignore[arg-type]
        return f"{to_wareki(local.date())} {local:%H:%M:%S}"
