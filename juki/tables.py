from __future__ import annotations

from typing import Any

import django_tables2 as tables
from django.urls import reverse
from django.utils.html import format_html

from counter.tables import StaffTable

from .models import Jumin
from .shien.marks import HIDDEN_ADDRESS


def resident_url(record: Jumin) -> str:
    """The page of this very record: a 除票 beside a live row of its 宛名番号 (再転入,
    区間転入: ADR 0021) is opened by its id."""
    url = reverse("juki:resident", args=[record.atena_bango])
    return f"{url}?kiroku={record.pk}" if record.is_johyo else url


class ResidentTable(StaffTable):
    atena_bango = tables.Column("宛名番号", orderable=False)
    name = tables.Column("氏名", empty_values=(), orderable=False)
    kana = tables.Column("フリガナ", empty_values=(), orderable=False)
    seinengappi = tables.Column("生年月日", orderable=False)
    seibetsu = tables.Column("性別", orderable=False)
    address = tables.Column("住所", empty_values=(), orderable=False)
    status = tables.Column("状態", orderable=False)

    class Meta(StaffTable.Meta):
        model = Jumin
        fields = ("atena_bango", "name", "kana", "seinengappi", "seibetsu", "address", "status")
        row_attrs = {"class": lambda record: "johyo" if record.is_johyo else ""}  # noqa: RUF012

    #: 宛名番号 → 「支援措置」/「仮支援措置」 of the page's persons, and whether the user
    #: sees a protected person's address (set by the view: juki.shien.marks, one query)
    shien_marks: dict[str, str] = {}  # noqa: RUF012
    shien_sees_address = False

    def render_name(self, record: Jumin) -> Any:
        url = resident_url(record)
        mark = self.shien_marks.get(record.atena_bango)
        if mark:
            return format_html(
                '<a href="{}" class="name">{}</a> <span class="badge badge-shien">{}</span>',
                url,
                record.full_name,
                mark,
            )
        return format_html('<a href="{}" class="name">{}</a>', url, record.full_name)

    def render_kana(self, record: Jumin) -> str:
        return record.full_kana

    def render_seinengappi(self, record: Jumin) -> str:
        return record.seinengappi_text

    def render_address(self, record: Jumin) -> str:
        if record.atena_bango in self.shien_marks and not self.shien_sees_address:
            return HIDDEN_ADDRESS
        return record.address

    def render_status(self, record: Jumin) -> Any:
        if record.is_johyo:
            return format_html(
                '<span class="badge badge-johyo">除票（{}）</span>', record.get_shojo_jiyu_display()
            )
        if record.is_tenshutsu_yotei:  # still a resident until the 消除 (ADR 0017)
            return format_html(
                '<span class="badge">{}</span> <span class="badge badge-yotei">転出予定</span>',
                record.get_status_display(),
            )
        return format_html('<span class="badge">{}</span>', record.get_status_display())
