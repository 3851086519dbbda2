"""The 閲覧's lines of a resident's disclosure record (ADR 0034, issue 11 第6項: "every
閲覧 that included them"): one line per visit whose list, as shown (EtsuranHyoji), held
the person. A protected person is never in a list, so never here.

The 申出者 is named: the city publishes every 閲覧's 申出者の氏名 (法人は名称) at least
once a year (住基法第11条の2第12項; a 機関's 請求: 第11条第3項), so the name is
information the 本人 may know by law (個人情報の保護に関する法律第78条第1項第2号イ) and
not withheld as another person's (same 号 本文). The 閲覧者 (not published) is never named.
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef

from ..disclosure_record import KirokuRow, Source
from .models import EtsuranHyoji, EtsuranKai
from .rules import KONKYO, Mokuteki, MoushideshaKubun

WHAT = "住民基本台帳の一部の写しの閲覧"


def _purpose(mokuteki: str) -> str:
    # the label without its parenthesised qualifier: the basis column carries the article
    return str(Mokuteki(mokuteki).label).split("（")[0]


def etsuran_rows(atena_bango: str) -> list[KirokuRow]:
    """A line per 閲覧 whose list showed the person (one query)."""
    shown = EtsuranHyoji.objects.filter(
        kai=OuterRef("pk"), atena_bangos__contains=EtsuranHyoji.needle(atena_bango)
    )
    visits = (
        EtsuranKai.objects.filter(Exists(shown))
        .select_related("moushide__chouaza")
        .order_by("etsuran_date", "pk")
    )
    return [
        KirokuRow(
            day=kai.etsuran_date,
            kind="閲覧",
            what=f"{WHAT}（{kai.moushide.hani_label}）",
            kubun=(
                f"{MoushideshaKubun(kai.moushide.moushidesha_kubun).label}"
                f"（{_purpose(kai.moushide.mokuteki)}）"
            ),
            basis=KONKYO.get(kai.moushide.mokuteki, ""),
            seikyusha=kai.moushide.moushidesha_name,
        )
        for kai in visits
    ]


ETSURAN_SOURCE = Source("etsuran", "閲覧簿", etsuran_rows)
