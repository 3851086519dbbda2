"""A resident's own disclosure record (ADR 0034): every 交付 of a certificate about
them and every 閲覧 whose list included them, printed for the 本人 at the window.

The request is a 保有個人情報開示請求 (個人情報の保護に関する法律第76条第1項; made in
writing with the 本人's identity shown, 第77条第1項・第2項): the 職員 checks the photo ID
and prints the list at once. Each line says when, what, which category of requester and
on which legal basis; never who asked: the requester is another person, whose data the
law withholds (第78条第1項第2号). The 請求事由 kept in the 交付履歴 names a 代理人 or an
official, so the basis printed is the article only (``basis_of``).

Where the lines come from is a registry of sources: the 交付履歴 is one; the 閲覧簿
(certificates.etsuran.disclosure, registered in CertificatesConfig.ready) is another,
from the persons each showing of a 閲覧 list held — a function from a 宛名番号 to its
lines — and nothing here changes. A 閲覧's line names its 申出者, whom the law publishes.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone

from counter.documents import render_pdf
from counter.procedure_kinds import RequesterCategory
from jputil.wareki import to_wareki

from .kernel.request import RiyuKubun
from .records import KoufuRireki

C = RequesterCategory
FORM_NAME = "住民票の写し等の交付・閲覧の記録（開示）"
TEMPLATE = "documents/kaiji_kiroku.html"


@dataclass(frozen=True)
class KirokuRow:
    """One line of the record: a 交付 or a 閲覧 that concerned the 本人."""

    day: datetime.date
    kind: str  # 交付 / 閲覧
    what: str
    kubun: str
    basis: str
    #: a 閲覧's 申出者, published by law (certificates.etsuran.disclosure); a 交付's
    #: requester is never named (第78条第1項第2号)
    seikyusha: str = ""


@dataclass(frozen=True)
class Source:
    """Where lines come from: ``rows(atena_bango)`` returns the person's lines."""

    code: str
    label: str
    rows: Callable[[str], list[KirokuRow]]


_SOURCES: dict[str, Source] = {}


def register_source(source: Source) -> None:
    """Add a source (once per code; a second registration of a code replaces it)."""
    _SOURCES[source.code] = source


def unregister_source(code: str) -> None:
    _SOURCES.pop(code, None)


def sources() -> list[Source]:
    return list(_SOURCES.values())


#: the article of each category (住基法第12条〜第12条の3), without the names a
#: 請求事由 may hold
_ARTICLES: dict[str, str] = {
    C.HONNIN: "住基法第12条第1項（本人の請求）",
    C.DOITSU_SETAI: "住基法第12条第1項（同一世帯の者の請求）",
    C.DAIRININ: "住基法第12条第1項（代理人による請求）",
    C.DAISANSHA: "住基法第12条の3第1項（第三者の請求）",
    C.SHIGYO: "住基法第12条の3第2項（特定事務受任者の請求）",
    C.KOUYOU: "住基法第12条の2第1項（国又は地方公共団体の機関の請求）",
}


def basis_of(rireki: KoufuRireki) -> str:
    """The legal basis of a 交付, and a 第三者's ground (第12条の3第1項各号, fixed words),
    never the free text of the 請求事由."""
    article = _ARTICLES.get(rireki.seikyusha_kubun, "")
    if rireki.seikyusha_kubun in (C.DAISANSHA, C.SHIGYO):
        for ground in RiyuKubun.labels:
            if ground in rireki.seikyu_jiyu:
                return f"{article}　{ground}"
    return article


def koufu_rows(atena_bango: str) -> list[KirokuRow]:
    """The 交付履歴's lines (certificates.records, j300): every certificate naming the person."""
    rows = KoufuRireki.objects.filter(taisho__atena_bango=atena_bango).only(
        "koufu_at", "shubetsu_label", "tsusu", "seikyusha_kubun", "seikyu_jiyu", "taishosha"
    )
    return [
        KirokuRow(
            day=timezone.localdate(r.koufu_at),
            kind="交付",
            what=f"{r.shubetsu_label} {r.tsusu}通",
            kubun=RequesterCategory(r.seikyusha_kubun).label,
            basis=basis_of(r),
        )
        for r in rows.distinct()
    ]


KOUFU_SOURCE = Source("koufu", "交付履歴", koufu_rows)
register_source(KOUFU_SOURCE)


def record_of(atena_bango: str) -> list[KirokuRow]:
    """Every source's lines about the person, oldest first."""
    lines = [line for source in sources() for line in source.rows(atena_bango)]
    return sorted(lines, key=lambda line: (line.day, line.kind))


def render(
    *,
    name: str,
    atena_bango: str,
    rows: list[KirokuRow],
    today: datetime.date | None = None,
    seikyusha: str = "",
) -> bytes:
    """The record printed for the 本人; `seikyusha` names who asked when a 代理人 did
    (個人情報の保護に関する法律第76条第2項)."""
    return render_pdf(
        TEMPLATE,
        {
            "form_name": FORM_NAME,
            "municipality": settings.MUNICIPALITY_NAME,
            "mayor": settings.MAYOR_TITLE,
            "issued_on": to_wareki(today or timezone.localdate()),
            "name": name,
            "atena_bango": atena_bango,
            "rows": [(to_wareki(r.day), r) for r in rows],
            "sources": [s.label for s in sources()],
            "seikyusha": seikyusha,
        },
    )


def build_sample() -> bytes:
    rows = [
        KirokuRow(
            datetime.date(2026, 4, 1),
            "交付",
            "住民票の写し 1通",
            C.HONNIN.label,
            _ARTICLES[C.HONNIN],
        ),
        KirokuRow(
            datetime.date(2026, 4, 2),
            "交付",
            "住民票の写し 2通",
            C.DAISANSHA.label,
            _ARTICLES[C.DAISANSHA] + "　（第1号）",
        ),
    ]
    return render(
        name="髙橋　花子", atena_bango="0000000019", rows=rows, today=datetime.date(2026, 4, 3)
    )
