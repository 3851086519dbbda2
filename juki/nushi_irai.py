"""世帯主変更依頼通知書 (j490, j500): to a household an 異動 left without a 世帯主.

When the 世帯主 leaves (転出, 転居, 世帯分離, 死亡, 職権消除) while two or more stay and no
new 世帯主 was chosen in the same 届, the 異動 goes through and the household has no
世帯主 (j100). The city then asks it to name one: a 世帯主の変更 is a 届 of its own,
within 14 days (住民基本台帳法第25条). The notice goes to the member first in the
household's order (標準仕様書 5.2, j1010; ``juki.kisai_jun``) and lists the members (the
対象者リスト of j500).

Found from the history rows the 承認 wrote: 世帯変更 rows whose 留意事項 ends with
「（世帯主なし）」, as the household stood then (their snapshots).
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass

from counter.procedure_kinds import HandoverDocument
from counter.procedure_models import Procedure
from jputil.kisai_jun import kisai_jun
from jputil.wareki import to_wareki

from .ido.kernel import HEADLESS_MARK
from .juri_tsuchi import CityNotice, prior_rows
from .models import IdoJiyu, JuminRireki, JuminShubetsu, Setai, recorded_date_text

FORM_NAME = "世帯主変更依頼通知書"
TEMPLATE = "documents/nushi_henkou_irai.html"


@dataclass(frozen=True)
class Listed:
    """A member as the 承認 recorded them (the order reads these fields)."""

    name: str
    zokugara: str
    seinengappi: datetime.date | None
    seinengappi_text: str
    atena_bango: str
    honseki: str
    hittousha: str


@dataclass(frozen=True)
class IraiNotice:
    name: str
    address: str
    setai_bango: str
    former: str
    ido_date: str
    reason: str
    members: list[Listed]


def _listed(row: JuminRireki) -> Listed:
    snap = row.snapshot
    born = snap.get("seinengappi")
    day = datetime.date.fromisoformat(born) if born else None
    return Listed(
        name=row.jumin.full_name,
        zokugara=str(snap.get("zokugara", "")),
        seinengappi=day,
        seinengappi_text=recorded_date_text(
            day,
            str(snap.get("seinengappi_hyoki", "")),
            seireki=snap.get("shubetsu") == JuminShubetsu.FOREIGN,  # 西暦 (j90)
        ),
        atena_bango=row.jumin.atena_bango,
        honseki=str(snap.get("honseki", "")),
        hittousha=str(snap.get("hittousha", "")),
    )


def notices_of(procedure: Procedure) -> list[IraiNotice]:
    rows = list(
        JuminRireki.objects.filter(
            procedure=procedure,
            ido_jiyu=IdoJiyu.SETAI_HENKOU,
            ryuiji__endswith=HEADLESS_MARK,
        )
        .select_related("jumin")
        .order_by("id")
    )
    households: dict[str, list[JuminRireki]] = defaultdict(list)
    for r in rows:
        households[str(r.snapshot.get("setai_bango", ""))].append(r)
    hand = dict(
        Setai.objects.filter(setai_bango__in=list(households)).values_list(
            "setai_bango", "kisai_jun"
        )
    )
    before = prior_rows(rows)
    out = []
    for bango, members in households.items():
        by_atena = {r.jumin.atena_bango: r for r in members}
        listed = kisai_jun([_listed(r) for r in members], hand.get(bango) or [])
        top = by_atena[listed[0].atena_bango]
        prior = before.get((top.jumin_id, top.rireki_no - 1))
        out.append(
            IraiNotice(
                name=listed[0].name,
                address=str(top.snapshot.get("jusho", "")),
                setai_bango=bango,
                former=str(prior.snapshot.get("setai_nushi_name", "")) if prior else "",
                ido_date=top.ido_date_hyoki or to_wareki(top.ido_date),
                reason=top.ryuiji.removesuffix(HEADLESS_MARK),
                members=listed,
            )
        )
    return out


NUSHI_IRAI = CityNotice("nushi_henkou_irai", FORM_NAME, TEMPLATE)


def nushi_irai_documents(procedure: Procedure) -> list[HandoverDocument]:
    """The 世帯主変更依頼通知書 of an approved 異動 that left a household without a 世帯主."""
    return NUSHI_IRAI.listed_documents(procedure, notices_of)


def build_sample() -> bytes:
    members = [
        Listed("髙橋　花子", "妻", datetime.date(1972, 5, 1), "昭和47年5月1日", "2", "", ""),
        Listed("髙橋　一郎", "子", datetime.date(2001, 8, 3), "平成13年8月3日", "3", "", ""),
    ]
    notice = IraiNotice(
        name="髙橋　花子",
        address="東京都墨田区吾妻橋一丁目1番2号",
        setai_bango="0000000019",
        former="髙橋　太郎",
        ido_date="令和8年4月1日",
        reason="世帯主の転出に伴う世帯主変更",
        members=members,
    )
    today = datetime.date(2026, 4, 3)
    return NUSHI_IRAI.render(procedure_label="見本", today=today, notices=[notice])
