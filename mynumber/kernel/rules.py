"""The rules the 個人番号カード kinds share, each citing its law where it is coded. Each
adds its problems to the plan's ``Problems`` next to its field, so the window sees every
one at once.
"""

from __future__ import annotations

import datetime

from django.db import models

from counter.kind_plan import Problems
from juki.ido import kernel as ido
from juki.models import Jumin
from mynumber import validity
from mynumber.models import Card, CardStatus, Raichousha

PERSON_RULE = "番号法第17条第1項（住民基本台帳に記録されている者）"
#: 番号法施行令第13条第3項・事務処理要領: a 任意代理人 needs the 照会書兼回答書
DAIRININ_RULE = "番号法施行令第13条第3項・事務処理要領（任意代理人は照会書兼回答書が必要）"
#: 事務処理要領: a 15歳未満の者 or 成年被後見人 comes with the 法定代理人
HOUTEI_RULE = "番号法施行令第13条・事務処理要領（15歳未満・成年被後見人は法定代理人が同行）"
HOUTEI_MIN_AGE = 15
#: カード省令: a valid card is not issued twice
HELD_RULE = "カード省令（有効な個人番号カードを重ねて交付しない）"


class RaichoushaChoice(models.TextChoices):
    """Who stands at the window (the same words as mynumber.models.Raichousha)."""

    HONNIN = Raichousha.HONNIN.value, Raichousha.HONNIN.label
    HOUTEI_DAIRININ = Raichousha.HOUTEI_DAIRININ.value, Raichousha.HOUTEI_DAIRININ.label
    DAIRININ = Raichousha.DAIRININ.value, Raichousha.DAIRININ.label


def records_of(atena_bango: str, *, lock: bool = False) -> list[Jumin]:
    """Every record of this 宛名番号 (the 住民票 and its 除票), the newest first."""
    people = Jumin.objects.select_related("chouaza").filter(atena_bango=atena_bango)
    if lock:
        people = people.select_for_update()
    return list(people.order_by("-id"))


def find_person(
    problems: Problems, atena_bango: str, *, lock: bool = False, field: str = "atena_bango"
) -> Jumin | None:
    """The live resident with this 宛名番号 (PERSON_RULE)."""
    person = next((p for p in records_of(atena_bango, lock=lock) if ido.is_live(p)), None)
    problems.require(
        person is not None,
        f"{PERSON_RULE}: 宛名番号{atena_bango}の住民は見つかりません。",
        field=field,
    )
    return person


def find_card(
    problems: Problems,
    person: Jumin,
    states: tuple[str, ...],
    *,
    lock: bool = False,
    field: str = "atena_bango",
    missing: str = "",
) -> Card | None:
    """The person's card in one of ``states`` (the newest), or a problem naming them."""
    cards = Card.objects.filter(jumin_id=person.pk, status__in=states).order_by("-id")
    if lock:
        cards = cards.select_for_update()
    card = cards.first()
    labels = "・".join(str(CardStatus(s).label) for s in states)
    problems.require(
        card is not None,
        missing or f"この方の{labels}の個人番号カードはありません。",
        field=field,
    )
    return card


def check_dairinin(problems: Problems, raichousha: str, shoukaisho: bool) -> None:
    """A 任意代理人 only with the 照会書兼回答書 the holder answered (DAIRININ_RULE)."""
    if raichousha != Raichousha.DAIRININ:
        return
    problems.require(
        shoukaisho,
        f"{DAIRININ_RULE}: 代理人には照会書兼回答書の確認が必要です。",
        field="shoukaisho",
    )


def check_houtei_dairinin(
    problems: Problems,
    person: Jumin,
    day: datetime.date,
    *,
    raichousha: str,
    seinen_hikoukennin: bool = False,
) -> None:
    """Under 15 or a 成年被後見人: the 法定代理人 comes (HOUTEI_RULE)."""
    age = validity.age_on(person.seinengappi, day)
    if age >= HOUTEI_MIN_AGE and not seinen_hikoukennin:
        return
    who = f"15歳未満（{age}歳）" if age < HOUTEI_MIN_AGE else "成年被後見人"
    problems.require(
        raichousha == Raichousha.HOUTEI_DAIRININ,
        f"{HOUTEI_RULE}: {who}の方には法定代理人の同行が必要です。",
        field="raichousha",
    )
