"""The plan of a 交付前設定: the applicant's card 申請中, the 事前チェックシート, and what
承認 does with it (設定 and the 交付通知書, or 保留)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db import models

from juki.models import Jumin
from mynumber import kernel, services, validity
from mynumber.kernel.card_rules import ido_since_shinsei
from mynumber.models import Card, CardStatus

from .entry import SetteiEntry

#: 事務処理要領 (交付前設定): the card's face and photo are checked against the register
#: before the 交付通知書 goes out; a card that does not match is not set up
CHECK_RULE = "事務処理要領（交付前設定: 券面事項と住民票の照合）"


class Kekka(models.TextChoices):
    SETTEI = "settei", "一致: 交付前設定を行い交付通知書を発送"
    HORYUU = "horyuu", "不一致: 保留（理由を記録）"


@dataclass(frozen=True)
class CheckItem:
    field: str
    label: str


CHECKLIST: tuple[CheckItem, ...] = (
    CheckItem("check_shimei", "氏名"),
    CheckItem("check_jusho", "住所"),
    CheckItem("check_seinengappi", "生年月日"),
    CheckItem("check_seibetsu", "性別"),
    CheckItem("check_shashin", "顔写真（申請書の写真と同一）"),
)


@dataclass(frozen=True)
class SetteiPlan:
    person: Jumin
    card: Card
    kekka: Kekka
    hakkou_bango: str
    hakkou_date: datetime.date
    day: datetime.date
    yuukou_kigen: datetime.date
    #: the old card the holder must bring (the 交付通知書 is marked: seed ③)
    holds_card: bool
    flags: list[str] = field(default_factory=list)


def plan(entry: SetteiEntry, *, lock: bool = False) -> SetteiPlan:
    def build(problems: kernel.Problems) -> SetteiPlan:
        day, made = entry.settei_date, entry.hakkou_date
        problems.require(day is not None, "交付前設定日を入力してください。", field="settei_date")
        problems.require(
            made is not None, "カードの発行日を入力してください。", field="hakkou_date"
        )
        if day is not None and made is not None:
            problems.require(
                made <= day,
                "カードの発行日は交付前設定日より前の日です。",
                field="hakkou_date",
            )
        problems.require(entry.kekka in Kekka.values, "照合の結果を選んでください。", field="kekka")
        _check_bango(problems, entry.hakkou_bango)
        if entry.kekka == Kekka.SETTEI:
            for item in CHECKLIST:
                problems.require(
                    bool(getattr(entry, item.field)),
                    f"{CHECK_RULE}: {item.label}が住民票と一致しないカードは設定できません"
                    "（結果を「保留」にして理由を記録してください）。",
                    field=item.field,
                )
        else:
            problems.require(
                bool(entry.horyuu_riyu.strip()),
                f"{CHECK_RULE}: 保留の理由（一致しない事項）を入力してください。",
                field="horyuu_riyu",
            )
        person = kernel.rules.find_person(problems, entry.atena_bango, lock=lock)
        if person is None:
            problems.stop()
        card = kernel.rules.find_card(
            problems,
            person,
            (CardStatus.SHINSEI,),
            lock=lock,
            missing="この方の申請中の個人番号カードはありません（交付前設定の対象外です）。",
        )
        problems.raise_if_any()
        assert card is not None and day is not None and made is not None
        until = validity.card_valid_until(
            person.seinengappi,
            made,
            shinsei_date=card.shinsei_date,
            stay_until=services.stay_limit_of(person),
        )
        holds = Card.objects.filter(
            jumin_id=person.pk, status__in=[CardStatus.KOUFUZUMI, CardStatus.ICHIJI_TEISHI]
        ).exists()
        return SetteiPlan(
            person,
            card,
            Kekka(entry.kekka),
            entry.hakkou_bango,
            made,
            day,
            until,
            holds,
            _flags(person, card),
        )

    return kernel.make_plan(build)


def _check_bango(problems: kernel.Problems, bango: str) -> None:
    ok = bango.isascii() and bango.isalnum() and 1 <= len(bango) <= 20
    problems.require(ok, "カード発行番号は英数字20桁以内で入力してください。", field="hakkou_bango")
    if ok:
        problems.require(
            not Card.objects.filter(hakkou_bango=bango).exists(),
            f"カード発行番号{bango}のカードは既に設定されています。",
            field="hakkou_bango",
        )


def _flags(person: Jumin, card: Card) -> list[str]:
    """Seed ③: a resident whose record changed after the 申請 gets a 確認用住民票 kept in
    the card's folder (the card's face may need a 補記 at 交付)."""
    if card.shinsei_date is None:
        return []
    moved = ido_since_shinsei(person.pk, card.shinsei_date).exists()
    if not moved:
        return []
    return ["申請後に異動があります: 確認用住民票を出力しカードフォルダに保管してください。"]
