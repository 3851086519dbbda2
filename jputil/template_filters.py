"""Template filters ``wareki`` and ``seireki`` (installed as builtins in settings).

``{{ d|wareki }}`` -> 「令和6年4月1日」, ``{{ d|seireki }}`` -> 「2024年4月1日」.
Both accept a ``date``, a ``datetime`` (aware ones are shown in local time) or
a :class:`jputil.wareki.RecordedDate` (its recorded wording, e.g. 「昭和10年月日不詳」).
Like Django's own ``date`` filter they never raise while rendering: ``None``
and ``""`` give ``""``, other values are returned unchanged, and dates before
1873 (no 和暦 spelling) fall back to 西暦.
"""

from __future__ import annotations

from datetime import date, datetime

from django import template
from django.utils import timezone

from jputil.wareki import (
    RecordedDate,
    WarekiError,
    format_recorded_seireki,
    format_recorded_wareki,
    to_seireki,
    to_wareki,
)

register = template.Library()


def _date_only(value: date) -> date:
    if isinstance(value, datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.date()
    return value


@register.filter(name="wareki")
def wareki_filter(value: object, hyoki: object = "") -> object:
    """Format as 和暦: 「令和6年4月1日」, 「令和元年5月1日」.

    ``{{ j.jumin_date|wareki:j.jumin_date_hyoki }}`` prints a recorded date (j80) by its
    wording, in 和暦 even when it was typed in 西暦 (j90).
    """
    if hyoki and isinstance(value, date) and not isinstance(value, datetime):
        value = RecordedDate(value, str(hyoki))
    if value is None or value == "":
        return ""
    try:
        if isinstance(value, RecordedDate):
            return format_recorded_wareki(value)
        if isinstance(value, date):
            return to_wareki(_date_only(value))
    except WarekiError:
        return seireki_filter(value)
    return value


@register.filter(name="seireki")
def seireki_filter(value: object) -> object:
    """Format as 西暦 with 年月日: 「2024年4月1日」."""
    if value is None or value == "":
        return ""
    if isinstance(value, RecordedDate):
        return format_recorded_seireki(value)
    if isinstance(value, date):
        return to_seireki(_date_only(value))
    return value
