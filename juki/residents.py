"""Who is a resident on a day, for the apps that read the register (certificates, stats).

A 転出予定者 (docs/adr/0017) is a resident until the 消除: a live row whose
``tenshutsu_yotei_date`` is set. These are the two questions the apps above juki ask
about them, answered in one place.
"""

from __future__ import annotations

import datetime

from django.db.models import QuerySet
from django.utils import timezone

from jputil import wareki

from .models import Jumin, JuminStatus


def omit_tenshutsu_items(j: Jumin, on: datetime.date | None = None) -> bool:
    """Must a certificate of ``j`` issued ``on`` (today) leave the 転出届 items out?

    標準仕様書 j1000: before the 転出予定日 a 住民票の写し of a 転出予定者 does not print
    the 転出先 and the 転出予定年月日 (the move has not happened; the 住民票 holds)."""
    if not j.is_tenshutsu_yotei:
        return False
    assert j.tenshutsu_yotei_date is not None
    return (on or timezone.localdate()) < j.tenshutsu_yotei_date


def yotei_text(j: Jumin) -> str:
    """「転出予定（令和8年12月10日）」 for a 転出予定者, else ""."""
    if not j.is_tenshutsu_yotei or j.tenshutsu_yotei_date is None:
        return ""
    return f"転出予定（{wareki.to_wareki(j.tenshutsu_yotei_date)}）"


def residents() -> QuerySet[Jumin]:
    """Everyone the register counts as a resident now: the live rows, 転出予定者 among
    them (標準仕様書 j1080: 転出予定者 before their date count as residents)."""
    return Jumin.objects.filter(status=JuminStatus.LIVE)


def resident_count() -> int:
    """The number of residents (the 人口 of the 住民基本台帳関係年報, j1080)."""
    return residents().count()
