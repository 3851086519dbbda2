"""The plan of a カード補記: the card held and due for a 補記, what is written, and the
署名用電子証明書 asked again."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import models

from juki.models import Jumin
from mynumber import certs, kernel, validity
from mynumber.kernel import visit_rules
from mynumber.models import Card, CertShubetsu

from .entry import HokiEntry

#: 番号法第17条第4項: the holder reports a change of the card's items and the card is
#: written (補記); the reactions list the cards due (転居, 氏名の変更)
HOKI_RULE = "番号法第17条第4項（カード記録事項の変更: カード補記）"
#: 公的個人認証法第3条第1項・第15条: the 署名用 lapsed with the change; issued again on
#: request, never under 15
SHOMEI_RULE = "公的個人認証法第3条第1項（署名用電子証明書の発行）"


class IcChip(models.TextChoices):
    ARI = "ari", "ICチップ更新あり（CS端末で券面事項を更新）"
    NASHI = "nashi", "ICチップ更新なし（追記欄への補記のみ）"


@dataclass(frozen=True)
class HokiPlan:
    person: Jumin
    card: Card
    day: datetime.date
    naiyou: str
    ic_chip: IcChip
    shomei: bool


def plan(entry: HokiEntry, *, lock: bool = False) -> HokiPlan:
    def build(problems: kernel.Problems) -> HokiPlan:
        day = entry.todoke_date
        problems.require(day is not None, "届出年月日を入力してください。", field="todoke_date")
        problems.require(
            entry.ic_chip in IcChip.values,
            "ICチップの更新の有無を選んでください。",
            field="ic_chip",
        )
        problems.require(
            0 < len(entry.hoki_naiyou.strip()) <= 200,
            f"{HOKI_RULE}: 補記する内容を200文字以内で入力してください。",
            field="hoki_naiyou",
        )
        if entry.ic_chip == IcChip.ARI:
            # the IC chip is updated with the holder's PIN: a 代理人 by the 回答書
            kernel.rules.check_dairinin(problems, entry.raichousha, entry.shoukaisho)
        visit_rules.check_visitor_id(problems, entry.raichousha, entry.honnin_kakunin)
        person, card = visit_rules.find_held_card(problems, entry.atena_bango, lock=lock)
        problems.require(
            card.hoki_since is not None,
            f"{HOKI_RULE}: このカードに補記が必要な変更は記録されていません。",
            field="atena_bango",
        )
        if entry.shomei_saihakkou and day is not None:
            _check_shomei(problems, person, card, day)
        problems.raise_if_any()
        assert day is not None
        return HokiPlan(
            person,
            card,
            day,
            entry.hoki_naiyou.strip(),
            IcChip(entry.ic_chip),
            entry.shomei_saihakkou,
        )

    return kernel.make_plan(build)


def _check_shomei(problems: kernel.Problems, person: Jumin, card: Card, day: datetime.date) -> None:
    problems.require(
        validity.shomei_allowed(person.seinengappi, day),
        f"{SHOMEI_RULE}: 15歳未満の方には署名用電子証明書を発行しません。",
        field="shomei_saihakkou",
    )
    problems.require(
        not certs.live(card, CertShubetsu.SHOMEI),
        f"{SHOMEI_RULE}: 署名用電子証明書は有効です（再発行は不要です）。",
        field="shomei_saihakkou",
    )
