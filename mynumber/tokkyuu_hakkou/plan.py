"""The plan of a 特急発行: the condition checked against the register and the cards."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import models

from juki.models import Jumin, JuminRireki
from juki.models_rireki import IdoJiyu
from mynumber import kernel, validity
from mynumber.kernel import visit_rules
from mynumber.models import OPEN_STATES, Card, CardStatus, Raichousha, ShinseiJiyu

from .entry import TokkyuuEntry

#: 特急発行・交付の仕組み (総務省, 令和6年12月2日〜; 事務処理要領): for 新生児等, 紛失等に
#: よる再交付 and 国外からの転入者; applied at the window like the 申請時来庁方式 (the
#: applicant comes, the photo is taken there)
TOKKYU_RULE = "事務処理要領（特急発行の対象者）"
RAICHOU_RULE = "事務処理要領（特急発行は申請時来庁方式: 本人の来庁が必要）"
#: カード省令: a valid card is not issued twice (only a 再交付 replaces one)
HELD_RULE = kernel.rules.HELD_RULE
#: a 新生児等: under 1 year of age on the day of the 申請
SHINSEIJI_AGE = 1


class TokkyuJiyu(models.TextChoices):
    SHINSEIJI = "shinseiji", "新生児等（1歳未満。出生届と同時の申請を除く）"
    SAIKOUFU = "saikoufu", "紛失・焼失・著しい損傷による再交付"
    KOKUGAI_TENNYU = "kokugai_tennyu", "国外からの転入者"


class Sofusaki(models.TextChoices):
    JUSHO = "jusho", "住所地（本人限定受取郵便）"
    MADOGUCHI = "madoguchi", "区役所の窓口で受け取る"


@dataclass(frozen=True)
class TokkyuuPlan:
    person: Jumin
    day: datetime.date
    jiyu: TokkyuJiyu
    shinsei_jiyu: ShinseiJiyu
    old: Card | None


def plan(entry: TokkyuuEntry, *, lock: bool = False) -> TokkyuuPlan:
    def build(problems: kernel.Problems) -> TokkyuuPlan:
        day = entry.shinsei_date
        problems.require(day is not None, "申請年月日を入力してください。", field="shinsei_date")
        problems.require(
            entry.jiyu in TokkyuJiyu.values,
            f"{TOKKYU_RULE}: 特急発行の条件を選んでください。",
            field="jiyu",
        )
        problems.require(
            entry.sofusaki in Sofusaki.values, "カードの送付先を選んでください。", field="sofusaki"
        )
        problems.require(
            entry.raichousha in (Raichousha.HONNIN, Raichousha.HOUTEI_DAIRININ),
            f"{RAICHOU_RULE}: 任意代理人による特急発行の申請はできません。",
            field="raichousha",
        )
        problems.require(
            entry.check_shashin,
            f"{RAICHOU_RULE}: 申請者の顔写真を撮影（又は取込）してください。",
            field="check_shashin",
        )
        visit_rules.check_id_documents(problems, entry.honnin_kakunin, entry.honnin_kakunin_2)
        person = kernel.rules.find_person(problems, entry.atena_bango, lock=lock)
        if person is None:
            problems.stop()
        if day is not None:
            kernel.rules.check_houtei_dairinin(
                problems,
                person,
                day,
                raichousha=entry.raichousha,
                seinen_hikoukennin=entry.seinen_hikoukennin,
            )
        cards = Card.objects.filter(jumin_id=person.pk, status__in=OPEN_STATES)
        if lock:
            cards = cards.select_for_update()
        by_status = {card.status: card for card in cards}
        problems.require(
            CardStatus.SHINSEI not in by_status and CardStatus.KOUFUMAE not in by_status,
            f"{HELD_RULE}: この方には交付前の個人番号カードがあります（申請取消が先です）。",
            field="atena_bango",
        )
        old = by_status.get(CardStatus.ICHIJI_TEISHI) or by_status.get(CardStatus.KOUFUZUMI)
        if day is not None and entry.jiyu in TokkyuJiyu.values:
            _check_condition(problems, TokkyuJiyu(entry.jiyu), person, day, old)
        problems.raise_if_any()
        assert day is not None
        jiyu = TokkyuJiyu(entry.jiyu)
        return TokkyuuPlan(person, day, jiyu, _shinsei_jiyu(jiyu, old), old)

    return kernel.make_plan(build)


def _check_condition(
    problems: kernel.Problems,
    jiyu: TokkyuJiyu,
    person: Jumin,
    day: datetime.date,
    old: Card | None,
) -> None:
    """Each condition as the register and the cards show it (TOKKYU_RULE)."""
    if jiyu == TokkyuJiyu.SAIKOUFU:
        problems.require(
            old is not None,
            f"{TOKKYU_RULE}: 再交付の対象となる個人番号カード（紛失届済・交付済）がありません。",
            field="jiyu",
        )
        return
    problems.require(
        old is None,
        f"{HELD_RULE}: この方は個人番号カードをお持ちです"
        "（特急発行は再交付として申請してください）。",
        field="jiyu",
    )
    if jiyu == TokkyuJiyu.SHINSEIJI:
        age = validity.age_on(person.seinengappi, day)
        problems.require(
            age < SHINSEIJI_AGE,
            f"{TOKKYU_RULE}: 新生児等（1歳未満）ではありません（申請日に{age}歳）。",
            field="jiyu",
        )
    else:
        came = JuminRireki.objects.filter(
            jumin_id=person.pk, ido_jiyu=IdoJiyu.KOKUGAI_TENNYU
        ).exists()
        problems.require(
            came,
            f"{TOKKYU_RULE}: 住民票に国外からの転入の記録がありません。",
            field="jiyu",
        )


def _shinsei_jiyu(jiyu: TokkyuJiyu, old: Card | None) -> ShinseiJiyu:
    if jiyu != TokkyuJiyu.SAIKOUFU or old is None:
        return ShinseiJiyu.SHINKI
    if old.status == CardStatus.ICHIJI_TEISHI:
        return ShinseiJiyu.SAIKOUFU_FUNSHITSU
    return ShinseiJiyu.SAIKOUFU_HASON
