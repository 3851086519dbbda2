"""The one rule deciding which 他課 a person's 異動 reaches (住民異動届（他課用））."""

from __future__ import annotations

import datetime
from typing import Literal

from juki.manifest import JukiDestination

from ...models import Jumin
from .dates import age_on, is_gakurei, is_jidou_teate_age

#: 国民年金第1号被保険者 (国民年金法第7条): 20 to 59
NENKIN_AGES = range(20, 60)
#: 選挙権 (公職選挙法第9条; 日本国民)
SENKYO_AGE = 18
#: 介護保険第1号被保険者 (介護保険法第9条)
KAIGO_AGE = 65


TakkaReason = Literal["newcomer", "resident", "setai"]


def takka_destinations(
    j: Jumin, day: datetime.date, *, reason: TakkaReason = "resident"
) -> list[str]:
    """The 他課 a person's 異動 on ``day`` goes to (住民異動届（他課用））: the one rule.

    ``reason``:
    - ``"newcomer"`` (転入, 出生, 職権記載): every 他課 whose 制度 may now cover them,
      by age; the 他課 decides (国保 and 税 always; 年金 20–59; 児童手当 to the March
      after 18; 就学 in 学齢; 選挙 18+ and Japanese; 介護 65+);
    - ``"resident"`` (転居, 転出, 死亡, 消除, 修正): those that hold something of them,
      and 就学 in 学齢 (the school district follows the address);
    - ``"setai"`` (世帯主 or 続柄 changed): 税 and 国保 (the 世帯主 is the 国保's
      納付義務者), and 介護 and 児童手当 when they hold something.
    """
    dests: list[str] = [JukiDestination.TAKKA_ZEI]
    if reason == "newcomer":
        age = age_on(j.seinengappi, day)
        dests.append(JukiDestination.TAKKA_KOKUHO)
        if age in NENKIN_AGES:
            dests.append(JukiDestination.TAKKA_NENKIN)
        if is_jidou_teate_age(j.seinengappi, day):
            dests.append(JukiDestination.TAKKA_JIDOU_TEATE)
        if is_gakurei(j.seinengappi, day):
            dests.append(JukiDestination.TAKKA_SHUGAKU)
        if age >= SENKYO_AGE and not j.is_foreign:
            dests.append(JukiDestination.TAKKA_SENKYO)
        if age >= KAIGO_AGE:
            dests.append(JukiDestination.TAKKA_KAIGO)
    elif reason == "setai":
        dests.append(JukiDestination.TAKKA_KOKUHO)
        if j.kaigo_date:
            dests.append(JukiDestination.TAKKA_KAIGO)
        if j.jidou_teate:
            dests.append(JukiDestination.TAKKA_JIDOU_TEATE)
    elif reason == "resident":
        if j.senkyo_touroku:
            dests.append(JukiDestination.TAKKA_SENKYO)
        if j.kokuho_date or j.kouki_date:
            dests.append(JukiDestination.TAKKA_KOKUHO)
        if j.kaigo_date:
            dests.append(JukiDestination.TAKKA_KAIGO)
        if j.nenkin_shubetsu:
            dests.append(JukiDestination.TAKKA_NENKIN)
        if j.jidou_teate:
            dests.append(JukiDestination.TAKKA_JIDOU_TEATE)
        if is_gakurei(j.seinengappi, day):
            dests.append(JukiDestination.TAKKA_SHUGAKU)
    else:
        raise ValueError(f"unknown reason: {reason}")
    return [str(d) for d in dests]
