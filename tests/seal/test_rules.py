"""The rules of a registration, one test per rule (印鑑登録証明事務処理要領, 「要領」)."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.db import IntegrityError, transaction

from counter.kind_plan import PlanRefused
from counter.procedure_kinds import get_kind
from juki.demo import residents as r
from juki.models import Jumin
from seal import demo
from seal.kernel.rules import CHECKLIST
from seal.models import InkanStatus, InkanToroku

from .conftest import shoukai_entry, sokuji_entry

pytestmark = pytest.mark.django_db


def problems(kind: str, entry: dict[str, Any]) -> dict[str | None, list[str]]:
    found: dict[str | None, list[str]] = {}
    try:
        get_kind(kind).planned(entry)  # type: ignore[attr-defined]
    except PlanRefused as refused:
        for p in refused.problems:
            found.setdefault(p.field, []).append(p.message)
    return found


def aged(years: int, *, days_after_birthday: int = 0) -> Jumin:
    (person,) = r.household([r.Person("若林", "光", "ワカバヤシ", "ヒカル", r.MALE, 40, "世帯主")])
    born = r.today() - datetime.timedelta(days=days_after_birthday)
    person.seinengappi = born.replace(year=born.year - years)
    person.save(update_fields=["seinengappi"])
    return person


def test_a_14_year_old_is_refused_with_the_rule_named(scan_id: int) -> None:
    """要領 第2-1: 15歳未満の者は登録を受けることができない."""
    person = aged(15, days_after_birthday=-1)  # 15 tomorrow: 14 today
    (message,) = problems("inkan_shoukai", shoukai_entry(person, scan_id))["atena_bango"]
    assert message.startswith("要領 第2-1（登録資格）") and "15歳未満" in message


def test_a_15_year_old_may_register_on_the_birthday(scan_id: int) -> None:
    person = aged(15)
    assert problems("inkan_shoukai", shoukai_entry(person, scan_id)) == {}


def test_a_person_not_in_the_register_is_refused(scan_id: int, ichiro: Jumin) -> None:
    entry = shoukai_entry(ichiro, scan_id, atena_bango="9999999999")
    assert "住民基本台帳に記録されている方" in problems("inkan_shoukai", entry)["atena_bango"][0]


def test_a_dairinin_is_refused_for_sokuji_with_the_rule_named(ichiro: Jumin, scan_id: int) -> None:
    """要領 第2-2: a 代理人's application is confirmed by the 照会書 (never the same day)."""
    entry = sokuji_entry(ichiro, scan_id, raichousha="dairinin")
    (message,) = problems("inkan_sokuji", entry)["raichousha"]
    assert message.startswith("要領 第2-2") and "照会で受け付けて" in message


def test_a_dairinin_goes_by_shoukai(ichiro: Jumin, scan_id: int) -> None:
    assert problems("inkan_shoukai", shoukai_entry(ichiro, scan_id, raichousha="dairinin")) == {}


def test_sokuji_needs_a_photo_id(ichiro: Jumin, scan_id: int) -> None:
    entry = sokuji_entry(ichiro, scan_id, honnin_kakunin="hokensho")
    assert "顔写真付き" in problems("inkan_sokuji", entry)["honnin_kakunin"][0]


def test_a_seinen_hikoukennin_comes_in_person_with_the_houtei_dairinin(
    ichiro: Jumin, scan_id: int
) -> None:
    """要領 第2-1: a 成年被後見人 only in person, the 法定代理人 beside them."""
    alone = shoukai_entry(ichiro, scan_id, seinen_hikoukennin=True)
    assert "法定代理人" in problems("inkan_shoukai", alone)["houtei_dairinin"][0]
    by_proxy = {**alone, "raichousha": "dairinin", "houtei_dairinin": "髙橋　花子"}
    assert "本人が来庁" in problems("inkan_shoukai", by_proxy)["raichousha"][0]
    together = {**alone, "houtei_dairinin": "髙橋　花子"}
    assert problems("inkan_shoukai", together) == {}


def test_one_registration_per_person(ichiro: Jumin, scan_id: int) -> None:
    """要領 第2-1: one seal per person; a 照会中 counts, and the DB refuses a second."""
    demo.registered(ichiro)
    assert "1人1個" in problems("inkan_shoukai", shoukai_entry(ichiro, scan_id))["atena_bango"][0]
    with pytest.raises(IntegrityError), transaction.atomic():
        InkanToroku.objects.create(jumin=ichiro, status=InkanStatus.SHOUKAI)


@pytest.mark.parametrize("item", CHECKLIST, ids=lambda i: i.field)
def test_each_checklist_item_not_ticked_refuses_by_its_rule(
    item: Any, ichiro: Jumin, scan_id: int
) -> None:
    """要領 第2-2: every item must be ticked at 照合; each names what cannot be registered."""
    entry = shoukai_entry(ichiro, scan_id, **{item.field: False})
    found = problems("inkan_shoukai", entry)
    assert list(found) == [item.field]
    assert found[item.field] == [
        f"要領 第2-2（登録できない印鑑）: {item.refusal}は登録できません。"
    ]


def test_a_seal_fitting_an_8mm_square_is_refused_by_its_recorded_size(ichiro: Jumin) -> None:
    small = demo.inei(width_px=189, height_px=189).pk  # 189 px at 600 dpi = 8.0 mm
    (message,) = problems("inkan_shoukai", shoukai_entry(ichiro, small))["check_8mm"]
    assert "8mmの正方形に収まるもの" in message and "8.0×8.0mm" in message


def test_a_seal_not_fitting_a_25mm_square_is_refused_by_its_recorded_size(ichiro: Jumin) -> None:
    big = demo.inei(width_px=600, height_px=400).pk  # 25.4 × 16.9 mm
    (message,) = problems("inkan_shoukai", shoukai_entry(ichiro, big))["check_25mm"]
    assert "25mmの正方形に収まらないもの" in message


def test_a_seal_of_25mm_fits(ichiro: Jumin) -> None:
    exact = demo.inei(width_px=591, height_px=591).pk  # 25.0 mm
    assert problems("inkan_shoukai", shoukai_entry(ichiro, exact)) == {}


def test_the_inei_must_be_one_taken_in_for_registration(ichiro: Jumin) -> None:
    shougou = demo.inei(demo.IneiYouto.SHOUGOU).pk
    assert (
        "登録印影はありません"
        in problems("inkan_shoukai", shoukai_entry(ichiro, shougou))["inei_id"][0]
    )
