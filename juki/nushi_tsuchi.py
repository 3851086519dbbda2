"""世帯主変更通知書 (j490): to the person the 承認 made 世帯主 by 職権.

When the 世帯主 leaves (転出, 転居, 世帯分離, 死亡, 職権消除) and one member stays, that
member becomes 世帯主 by 職権 and is told so. Found from the history rows the 承認
wrote: a 世帯変更 row marked 「（職権）」 whose snapshot names the person as 世帯主.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from counter.procedure_kinds import HandoverDocument
from counter.procedure_models import Procedure
from jputil.wareki import to_wareki

from .juri_tsuchi import CityNotice, prior_rows
from .models import IdoJiyu, JuminRireki

FORM_NAME = "世帯主変更通知書"
TEMPLATE = "documents/nushi_henkou_tsuchi.html"
SHOKKEN_MARK = "（職権）"


@dataclass(frozen=True)
class NushiNotice:
    name: str
    address: str
    setai_bango: str
    former: str
    ido_date: str
    reason: str


def notices_of(procedure: Procedure) -> list[NushiNotice]:
    rows = [
        r
        for r in JuminRireki.objects.filter(
            procedure=procedure,
            ido_jiyu=IdoJiyu.SETAI_HENKOU,
            ryuiji__endswith=SHOKKEN_MARK,
        ).select_related("jumin")
        if r.snapshot.get("setai_nushi_atena_bango") == r.jumin.atena_bango
    ]
    before = prior_rows(rows)
    out = []
    for r in rows:
        prior = before.get((r.jumin_id, r.rireki_no - 1))
        out.append(
            NushiNotice(
                name=r.jumin.full_name,
                address=str(r.snapshot.get("jusho", "")),
                setai_bango=str(r.snapshot.get("setai_bango", "")),
                former=str(prior.snapshot.get("setai_nushi_name", "")) if prior else "",
                ido_date=r.ido_date_hyoki or to_wareki(r.ido_date),
                reason=r.ryuiji.removesuffix(SHOKKEN_MARK),
            )
        )
    return out


NUSHI_TSUCHI = CityNotice("nushi_henkou_tsuchi", FORM_NAME, TEMPLATE)


def nushi_tsuchi_documents(procedure: Procedure) -> list[HandoverDocument]:
    """The 世帯主変更通知書 of an approved 異動 that made someone 世帯主 by 職権."""
    return NUSHI_TSUCHI.listed_documents(procedure, notices_of)


def build_sample() -> bytes:
    notice = NushiNotice(
        name="髙橋　花子",
        address="東京都墨田区吾妻橋一丁目1番2号",
        setai_bango="0000000019",
        former="髙橋　一郎",
        ido_date="令和8年4月1日",
        reason="転出に伴う世帯主変更",
    )
    today = datetime.date(2026, 4, 3)
    return NUSHI_TSUCHI.render(procedure_label="見本", today=today, notices=[notice])
