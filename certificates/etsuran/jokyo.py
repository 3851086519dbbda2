"""The 閲覧簿 and the yearly 閲覧状況 the city must publish.

住基法第11条第3項 (機関の請求: 名称, 請求事由の概要) and 第11条の2第12項 (申出者の氏名
(法人は名称), 利用目的の概要) ask the 市町村長 to publish, at least once a year, the state
of the 閲覧; 省令第3条 adds 閲覧の年月日 and 閲覧に係る住民の範囲. One row per visit
held in the 年度 (4月〜翌年3月: 地方自治法第208条第1項), read in one query.
"""

from __future__ import annotations

import csv
import datetime
import io
from dataclasses import dataclass

from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone

from counter.documents import render_pdf
from jputil.wareki import to_wareki, to_wareki_parts

from .models import EtsuranKai
from .rules import Mokuteki, MoushideshaKubun

#: the columns published (第11条第3項, 第11条の2第12項, 省令第3条)
JOKYO_HEADINGS = ("申出者（請求機関）", "利用目的の概要", "閲覧年月日", "閲覧に係る住民の範囲")
#: the 閲覧簿's columns (every visit, for the city's own record)
BO_HEADINGS = (
    "閲覧日",
    "申出者の区分",
    "申出者",
    "利用目的",
    "町字・範囲",
    "閲覧者",
    "転記件数",
    "手数料（円）",
)


def nendo_of(day: datetime.date) -> int:
    return day.year if day.month >= 4 else day.year - 1


def nendo_label(nendo: int) -> str:
    """``2026`` → 「令和8年度」 (the era of the 年度's first day)."""
    era, year = to_wareki_parts(datetime.date(nendo, 4, 1))
    return f"{era.name}{'元' if year == 1 else year}年度"


def visits_of(nendo: int) -> QuerySet[EtsuranKai]:
    return (
        EtsuranKai.objects.filter(
            etsuran_date__gte=datetime.date(nendo, 4, 1),
            etsuran_date__lt=datetime.date(nendo + 1, 4, 1),
            ended_at__isnull=False,
        )
        .select_related("moushide__chouaza")
        .order_by("etsuran_date", "id")
    )


@dataclass(frozen=True)
class JokyoRow:
    moushidesha: str
    mokuteki_gaiyou: str
    etsuran_date: str
    hani: str

    def cells(self) -> tuple[str, ...]:
        return (self.moushidesha, self.mokuteki_gaiyou, self.etsuran_date, self.hani)


def _publishable_name(kai: EtsuranKai) -> str:
    """An individual's name is published as the law says (第11条の2第12項: 申出者の氏名);
    a 法人 by its name and 代表者, a 機関 by its name (第11条第3項)."""
    m = kai.moushide
    if m.moushidesha_kubun == MoushideshaKubun.HOJIN and m.daihyosha:
        return f"{m.moushidesha_name}（代表者 {m.daihyosha}）"
    return m.moushidesha_name


def jokyo_rows(nendo: int) -> list[JokyoRow]:
    return [
        JokyoRow(
            _publishable_name(kai),
            f"{kai.moushide.mokuteki_gaiyou}（{Mokuteki(kai.moushide.mokuteki).label}）",
            to_wareki(kai.etsuran_date),
            kai.moushide.hani_label,
        )
        for kai in visits_of(nendo)
    ]


def bo_rows(nendo: int) -> list[tuple[str, ...]]:
    rows: list[tuple[str, ...]] = []
    for kai in visits_of(nendo):
        m = kai.moushide
        rows.append(
            (
                to_wareki(kai.etsuran_date),
                MoushideshaKubun(m.moushidesha_kubun).label,
                m.moushidesha_name,
                Mokuteki(m.mokuteki).label,
                m.hani_label,
                kai.etsuransha_shimei,
                str(kai.tenki_kensu or 0),
                str(kai.amount_yen),
            )
        )
    return rows


def _csv(headings: tuple[str, ...], rows: list[tuple[str, ...]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(headings)
    writer.writerows(rows)
    return out.getvalue()


def jokyo_csv(nendo: int) -> str:
    return _csv(JOKYO_HEADINGS, [r.cells() for r in jokyo_rows(nendo)])


def bo_csv(nendo: int) -> str:
    return _csv(BO_HEADINGS, bo_rows(nendo))


def jokyo_pdf(nendo: int) -> bytes:
    return render_pdf(
        "documents/etsuran_jokyo.html",
        {
            "title": "住民基本台帳の一部の写しの閲覧状況",
            "nendo_label": nendo_label(nendo),
            "municipality": settings.MUNICIPALITY_NAME,
            "headings": JOKYO_HEADINGS,
            "rows": [r.cells() for r in jokyo_rows(nendo)],
            "printed_on": to_wareki(timezone.localdate()),
        },
    )
