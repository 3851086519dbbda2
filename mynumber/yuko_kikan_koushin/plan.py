"""The plan of an 有効期間更新: the card held, the register's new end of stay, and the
new 有効期限 it gives (mynumber.validity.renewed_valid_until)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from jputil import wareki
from juki.ido import kernel as ido
from juki.models import Jumin
from mynumber import kernel, services, validity
from mynumber.kernel import visit_rules
from mynumber.models import Card

from .entry import KoushinEntry

#: カード省令第26条第2項: a foreign resident's card ends with the stay; a new 在留期間
#: recorded in the register (住基法第30条の46・第30条の50: 法務大臣の通知) moves it
KOUSHIN_RULE = "カード省令第26条第2項（外国人住民のカードの有効期間は在留期間の満了の日まで）"
#: seed ③〜⑤: the register must show the new 在留期間 first (「有効期間が反映していない
#: ⇒在留期間の修正作業」)
HANEI_RULE = "事務処理要領（在留期間の更新が住民票に反映されていること）"


@dataclass(frozen=True)
class KoushinPlan:
    person: Jumin
    card: Card
    day: datetime.date
    stay_until: datetime.date
    new_until: datetime.date


def plan(entry: KoushinEntry, *, lock: bool = False) -> KoushinPlan:
    def build(problems: kernel.Problems) -> KoushinPlan:
        day = entry.shinsei_date
        problems.require(day is not None, "申請年月日を入力してください。", field="shinsei_date")
        problems.require(
            entry.check_zairyu_card,
            f"{KOUSHIN_RULE}: 在留カードで新しい在留期間を確認し、複写してください。",
            field="check_zairyu_card",
        )
        kernel.rules.check_dairinin(problems, entry.raichousha, entry.shoukaisho)
        visit_rules.check_visitor_id(problems, entry.raichousha, entry.honnin_kakunin)
        person, card = visit_rules.find_held_card(problems, entry.atena_bango, lock=lock)
        stay = services.stay_limit_of(person)
        if stay is None:
            problems.stop(
                f"{KOUSHIN_RULE}: この方のカードは在留期間による制限を受けません"
                "（日本人・永住者・特別永住者・高度専門職第2号）。",
                field="atena_bango",
            )
        current = card.yuukou_kigen
        if current is not None and stay <= current:
            problems.stop(
                f"{HANEI_RULE}: 住民票の在留期間の満了の日（{wareki.to_seireki(stay)}）が"
                f"カードの有効期限（{ido.wareki_text(current)}）より後ではありません。"
                "在留期間の更新を先に住民票に記録してください。",
                field="atena_bango",
            )
        assert card.hakkou_date is not None
        new_until = validity.renewed_valid_until(
            person.seinengappi,
            card.hakkou_date,
            shinsei_date=card.shinsei_date,
            new_stay_until=stay,
        )
        if current is not None and new_until <= current:
            problems.stop(
                f"{KOUSHIN_RULE}: カードの有効期限は発行日後の誕生日（{ido.wareki_text(current)}）"
                "を超えて延ばせません。再交付を申請してください。",
                field="atena_bango",
            )
        problems.raise_if_any()
        assert day is not None
        return KoushinPlan(person, card, day, stay, new_until)

    return kernel.make_plan(build)
