"""交付履歴の検索 (j360): a supervisor finds who was issued what (j300 items).

Searched by 交付日 (from, to), 宛名番号 or 氏名 of a person named, 種別, 請求者の区分 and
発行番号. Each search leaves its 操作ログ row (a read of residents' data: the conditions,
and every row shown as a subject, counter.reads). The list reads one page in two
queries whatever the rows (django-tables2's LazyPaginator: no COUNT).
"""

from __future__ import annotations

import datetime
import re
from typing import Any, ClassVar

import django_filters
import django_tables2 as tables
from django import forms
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.html import format_html_join
from django.utils.safestring import SafeString
from django.views.decorators.http import require_GET

from counter import reads
from counter.access import allow
from counter.models import AuditAction
from counter.procedure_kinds import RequesterCategory
from counter.roles import Role
from counter.tables import StaffTable, paginate
from jputil import searchkeys
from juki.forms_fields import WarekiDateField
from juki.ido import kernel as ido

from .printing.models import ShomeiKind
from .records import KoufuRireki, KoufuTaisho

#: the longest period one search covers (a wider one is split: the list stays a page)
MAX_DAYS = 366


def _blank(choices: Any) -> list[tuple[str, str]]:
    return [("", "すべて"), *choices]


class KoufuRirekiSearchForm(forms.Form):
    koufu_from = WarekiDateField(label="交付日（から）", required=False)
    koufu_to = WarekiDateField(label="交付日（まで）", required=False)
    atena_bango = forms.CharField(label="宛名番号", max_length=10, required=False)
    shimei = forms.CharField(label="氏名（漢字）", max_length=100, required=False)
    shubetsu = forms.ChoiceField(label="種別", choices=_blank(ShomeiKind.choices), required=False)
    seikyusha_kubun = forms.ChoiceField(
        label="請求者の区分", choices=_blank(RequesterCategory.choices), required=False
    )
    hakko_bango = forms.CharField(label="発行番号", max_length=120, required=False)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("koufu_from"), cleaned.get("koufu_to")
        if start and end:
            if start > end:
                self.add_error("koufu_to", "交付日（まで）は（から）より後の日にしてください。")
            elif (end - start).days > MAX_DAYS:
                self.add_error("koufu_to", f"一度に検索できるのは{MAX_DAYS}日までです。")
        return cleaned


#: the 「page/total」 a sheet prints after its copy's number (counter.hakko_bango)
_SHEET = re.compile(r"\s+\d+/\d+$")


def copy_number(typed: str) -> str:
    """The copy's 発行番号 of what was typed: a sheet's number (「… 1/2」) finds its copy;
    spaces as typed (full width, several) read as one."""
    return _SHEET.sub("", " ".join(typed.split()))


def _local_start(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time.min, tzinfo=timezone.get_current_timezone())


class KoufuRirekiFilter(django_filters.FilterSet):
    """Binds the GET parameters to the form; each condition narrows the rows."""

    class Meta:
        model = KoufuRireki
        form = KoufuRirekiSearchForm
        fields: ClassVar[list[str]] = []

    def filter_queryset(self, queryset: QuerySet[Any]) -> QuerySet[KoufuRireki]:
        c = self.form.cleaned_data
        rows: QuerySet[KoufuRireki] = queryset
        if c.get("koufu_from"):
            rows = rows.filter(koufu_at__gte=_local_start(c["koufu_from"]))
        if c.get("koufu_to"):
            end = c["koufu_to"] + datetime.timedelta(days=1)
            rows = rows.filter(koufu_at__lt=_local_start(end))
        person = Q()
        if c.get("atena_bango"):
            person &= Q(atena_bango=c["atena_bango"].strip())
        if c.get("shimei", "").strip():
            person &= Q(shimei__contains=c["shimei"].strip())
        if person:
            named = KoufuTaisho.objects.filter(person, rireki=OuterRef("pk"))
            rows = rows.filter(Exists(named))
        if c.get("shubetsu"):
            rows = rows.filter(shubetsu=c["shubetsu"])
        if c.get("seikyusha_kubun"):
            rows = rows.filter(seikyusha_kubun=c["seikyusha_kubun"])
        if c.get("hakko_bango", "").strip():
            rows = rows.filter(copies__kiroku__hakko_bango=copy_number(c["hakko_bango"]))
        return rows


class KoufuRirekiTable(StaffTable):
    koufu_at = tables.Column(verbose_name="交付日時")
    shubetsu_label = tables.Column(verbose_name="種別")
    taishosha = tables.Column(verbose_name="対象者", orderable=False)
    kisai_jiko = tables.Column(verbose_name="記載事項", orderable=False)
    tsusu = tables.Column(verbose_name="通数")
    maisu = tables.Column(verbose_name="枚数")
    hakko_bangos = tables.Column(verbose_name="発行番号", orderable=False)
    seikyusha_kubun = tables.Column(verbose_name="請求者の区分")
    seikyusha_shimei = tables.Column(verbose_name="請求者")
    seikyu_jiyu = tables.Column(verbose_name="請求事由", orderable=False)
    place = tables.Column(verbose_name="場所・端末", accessor="terminal_code", orderable=False)
    issued_by = tables.Column(verbose_name="交付者", orderable=False)

    class Meta(StaffTable.Meta):
        orderable = False

    def render_koufu_at(self, value: datetime.datetime) -> str:
        local = timezone.localtime(value)
        return f"{ido.wareki_text(local.date())} {local:%H:%M}"

    def render_taishosha(self, value: list[dict[str, str]]) -> SafeString:
        return format_html_join(
            "",
            "<div>{}（{}）</div>",
            ((t.get("shimei"), t.get("atena_bango") or "—") for t in value),
        )

    def render_kisai_jiko(self, value: list[str]) -> str:
        return "、".join(value)

    def render_hakko_bangos(self, value: list[str]) -> SafeString:
        return format_html_join("", '<div class="mono">{}</div>', ((n,) for n in value))

    def render_place(self, record: KoufuRireki) -> str:
        return f"{record.basho} {record.terminal_code}".strip()

    def render_issued_by(self, record: KoufuRireki) -> str:
        user = record.issued_by
        return str(user.display_name or user.get_username())


def _log_detail(cleaned: dict[str, Any]) -> dict[str, Any]:
    detail = {k: str(v) for k, v in cleaned.items() if v not in (None, "")}
    if "shimei" in detail:
        detail["shimei"] = searchkeys.fold_kanji(detail["shimei"])
    return detail


@allow(Role.SUPERVISOR)
@require_GET
def koufu_rireki(request: HttpRequest) -> HttpResponse:
    """The search and one page of what it found (newest first)."""
    today = timezone.localdate()
    data = request.GET if request.GET else {"koufu_from": today, "koufu_to": today}
    rows = KoufuRireki.objects.select_related("issued_by").order_by("-koufu_at", "-id")
    filterset = KoufuRirekiFilter(data, queryset=rows)
    valid = filterset.is_valid()
    table = paginate(request, KoufuRirekiTable(filterset.qs if valid else rows.none()))
    if valid:
        reads.declare(
            AuditAction.SEARCH, screen="koufu_rireki", **_log_detail(filterset.form.cleaned_data)
        )
    return render(
        request, "certificates/koufu_rireki.html", {"form": filterset.form, "table": table}
    )
