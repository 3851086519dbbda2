"""The plan of a カード交付: the holder's card 交付前 and every rule of the window."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db import models

from juki.models import Jumin
from mynumber import kernel, validity
from mynumber.kernel import visit_rules
from mynumber.models import HELD_STATES, Card, CardStatus

from .entry import KoufuEntry

#: 番号法第17条第1項 and 事務処理要領: the 交付通知書 is brought; when it was lost the holder
#: writes the 回答書 at the window instead (seed ①: 「交付通知書を紛失の場合は、回答書への
#: 記載を依頼」)
TSUCHISHO_RULE = "番号法第17条第1項・事務処理要領（交付通知書の確認）"
#: カード省令: a valid card is not held twice; the old one ends at this 交付
KYUU_RULE = "カード省令（有効な個人番号カードを重ねて交付しない: 旧カードは廃止・回収）"


class Tsuchisho(models.TextChoices):
    JISAN = "jisan", "持参した"
    FUNSHITSU = "funshitsu", "紛失（窓口で回答書に記入）"


@dataclass(frozen=True)
class KoufuPlan:
    person: Jumin
    card: Card
    day: datetime.date
    #: whether a 署名用電子証明書 is issued (wanted, and 15 or over)
    shomei: bool
    old: Card | None
    flags: list[str] = field(default_factory=list)


def plan(entry: KoufuEntry, *, lock: bool = False) -> KoufuPlan:
    def build(problems: kernel.Problems) -> KoufuPlan:
        day = entry.koufu_date
        problems.require(day is not None, "交付日を入力してください。", field="koufu_date")
        problems.require(
            entry.tsuchisho in Tsuchisho.values,
            f"{TSUCHISHO_RULE}: 交付通知書の確認を選んでください。",
            field="tsuchisho",
        )
        problems.require(
            entry.raichousha in kernel.RaichoushaChoice.values,
            "来庁者を選んでください。",
            field="raichousha",
        )
        visit_rules.check_id_documents(problems, entry.honnin_kakunin, entry.honnin_kakunin_2)
        kernel.rules.check_dairinin(problems, entry.raichousha, entry.shoukaisho)
        visit_rules.check_fuzai(
            problems,
            raichousha=entry.raichousha,
            riyu=entry.fuzai_riyu,
            sonmei=entry.sonmei,
            dairinin_shimei=entry.dairinin_shimei,
        )
        person = kernel.rules.find_person(problems, entry.atena_bango, lock=lock)
        if person is None:
            problems.stop()
        card = kernel.rules.find_card(
            problems,
            person,
            (CardStatus.KOUFUMAE,),
            lock=lock,
            missing="この方の交付前設定が済んだ個人番号カードはありません。",
        )
        shomei = False
        if day is not None:
            kernel.rules.check_houtei_dairinin(
                problems,
                person,
                day,
                raichousha=entry.raichousha,
                seinen_hikoukennin=entry.seinen_hikoukennin,
            )
            shomei = entry.shomei_kibou and validity.shomei_allowed(person.seinengappi, day)
            visit_rules.check_pins_set(problems, entry, shomei=shomei)
        old = _old_card(problems, entry, person, card, lock=lock)
        problems.raise_if_any()
        assert card is not None and day is not None
        return KoufuPlan(person, card, day, shomei, old, _flags(card))

    return kernel.make_plan(build)


def _old_card(
    problems: kernel.Problems, entry: KoufuEntry, person: Jumin, card: Card | None, *, lock: bool
) -> Card | None:
    """The card the holder has (KYUU_RULE): the entry must say it ends here."""
    problems.require(
        entry.kyuu_card in visit_rules.KyuuCard.values,
        "お持ちの旧カードを選んでください。",
        field="kyuu_card",
    )
    cards = Card.objects.filter(jumin_id=person.pk, status__in=HELD_STATES)
    if card is not None:
        cards = cards.exclude(pk=card.pk)
    if lock:
        cards = cards.select_for_update()
    old = cards.first()
    if old is not None:
        problems.require(
            entry.kyuu_card == visit_rules.KyuuCard.MYNUMBER_CARD,
            f"{KYUU_RULE}: この方は個人番号カード（{old.get_status_display()}）をお持ちです。"
            "旧カードに「個人番号カード」を選んでください。",
            field="kyuu_card",
        )
    return old


def _flags(card: Card | None) -> list[str]:
    """Seed ⑥: 券面事項の変更の有無 — a change since the card was made needs a 補記."""
    if card is not None and card.hoki_since is not None:
        return [
            f"券面記載事項に変更があります（{card.hoki_jiyu}）: カード補記の手続を行ってください。"
        ]
    return []
