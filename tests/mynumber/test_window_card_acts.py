"""有効期間更新, 暗証番号変更・再設定 and 特急発行 at the window (seed 004: 個人番号（カード
有効期間更新）, （カード暗証番号変更・再設定）, (特急発行）): each rule, and what 承認 does."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from counter.procedure_kinds import get_kind
from jputil import wareki
from juki.demo import residents as r
from juki.models import Jumin
from mynumber import demo, examples_kofu, services
from mynumber.kernel import rules
from mynumber.models import (
    Card,
    CardStatus,
    PinSetteiKiroku,
    PinShurui,
    PinSousa,
    ShinseiHouhou,
    ShinseiJiyu,
)
from mynumber.tokkyuu_hakkou.kind import FEE_CARD, FEE_CERT
from mynumber.tokkyuu_hakkou.plan import RAICHOU_RULE, TOKKYU_RULE
from mynumber.yuko_kikan_koushin.plan import HANEI_RULE, KOUSHIN_RULE

from ..procedures import enter_and_check, run
from .window import refusals

pytestmark = pytest.mark.django_db


# --------------------------------------------------------------------------- 有効期間更新


@pytest.fixture
def nguyen(db: None) -> Jumin:
    """グエン ヴァン アン (34), 技術・人文知識・国際業務, 在留期間 until today + 400 days."""
    (person,) = r.household(r.NGUYEN[:1])
    return person


def koushin_entry(person: Jumin, **changes: Any) -> dict[str, Any]:
    return {
        "atena_bango": person.atena_bango,
        "shinsei_date": r.today().isoformat(),
        "raichousha": "honnin",
        "shoukaisho": False,
        "honnin_kakunin": "",
        "check_zairyu_card": True,
        **changes,
    }


def test_a_foreign_residents_card_ends_with_the_stay(nguyen: Jumin) -> None:
    card = demo.issued(nguyen)
    assert card.yuukou_kigen == nguyen.zairyu_manryo_date


def test_the_koushin_waits_for_the_new_stay_in_the_register(nguyen: Jumin) -> None:
    demo.issued(nguyen)
    problems = refusals("yuko_kikan_koushin", koushin_entry(nguyen))
    assert HANEI_RULE in problems["atena_bango"][0]


def test_a_japanese_residents_card_has_no_stay_to_renew(ichiro: Jumin) -> None:
    demo.issued(ichiro)
    problems = refusals("yuko_kikan_koushin", koushin_entry(ichiro))
    assert KOUSHIN_RULE in problems["atena_bango"][0]


def test_the_zairyu_card_is_checked(nguyen: Jumin) -> None:
    demo.issued(nguyen)
    examples_kofu.zairyu_koushin(nguyen, r.today() + datetime.timedelta(days=1000))
    problems = refusals("yuko_kikan_koushin", koushin_entry(nguyen, check_zairyu_card=False))
    assert KOUSHIN_RULE in problems["check_zairyu_card"][0]


def test_a_dairinin_renews_only_with_the_shoukaisho(nguyen: Jumin) -> None:
    demo.issued(nguyen)
    examples_kofu.zairyu_koushin(nguyen, r.today() + datetime.timedelta(days=1000))
    entry = koushin_entry(nguyen, raichousha="dairinin", honnin_kakunin="driver_license")
    assert rules.DAIRININ_RULE in refusals("yuko_kikan_koushin", entry)["shoukaisho"][0]


def test_the_card_is_renewed_to_the_new_end_of_stay(
    nguyen: Jumin, contractor: Any, clerk: Any
) -> None:
    card = demo.issued(nguyen)
    new_end = r.today() + datetime.timedelta(days=1000)
    examples_kofu.zairyu_koushin(nguyen, new_end)
    proc = run("yuko_kikan_koushin", koushin_entry(nguyen), contractor, clerk)
    card.refresh_from_db()
    assert card.yuukou_kigen == new_end
    assert ("在留期間の満了の日", wareki.to_seireki(new_end)) in [  # j90: 西暦
        tuple(row) for row in proc.result["rows"]
    ]


# --------------------------------------------------------------------------- 暗証番号


def anshou_entry(person: Jumin, **changes: Any) -> dict[str, Any]:
    return {
        "atena_bango": person.atena_bango,
        "shinsei_date": r.today().isoformat(),
        "sousa": "saisettei",
        "cs_shomei": True,
        "cs_riyousha": True,
        "cs_juki": False,
        "cs_kenmen": False,
        "raichousha": "honnin",
        "shoukaisho": False,
        "honnin_kakunin": "",
        **changes,
    }


def test_a_pin_change_names_at_least_one_pin(ichiro: Jumin) -> None:
    demo.issued(ichiro)
    entry = anshou_entry(ichiro, cs_shomei=False, cs_riyousha=False)
    assert "対象の暗証番号" in refusals("anshou_bangou", entry)["cs_shomei"][0]


def test_a_dairinin_resets_pins_only_with_the_kaitousho(ichiro: Jumin) -> None:
    demo.issued(ichiro)
    entry = anshou_entry(ichiro, raichousha="dairinin", honnin_kakunin="driver_license")
    assert rules.DAIRININ_RULE in refusals("anshou_bangou", entry)["shoukaisho"][0]


def test_a_suspended_card_has_no_pin_reset(ichiro: Jumin) -> None:
    card = demo.issued(ichiro)
    services.do_suspend(card, day=r.today(), acting_user=None, reason="紛失")
    assert "一時停止中" in refusals("anshou_bangou", anshou_entry(ichiro))["atena_bango"][0]


def test_no_pin_for_a_shomei_certificate_that_is_not_live(sakura: Jumin) -> None:
    demo.issued(sakura)  # 13: no 署名用電子証明書
    problems = refusals("anshou_bangou", anshou_entry(sakura, raichousha="houtei"))
    assert "署名用電子証明書はありません" in problems["cs_shomei"][0]


def test_a_pin_reset_is_recorded_per_pin_and_never_holds_a_pin(
    ichiro: Jumin, contractor: Any, clerk: Any
) -> None:
    card = demo.issued(ichiro)
    proc = run("anshou_bangou", anshou_entry(ichiro), contractor, clerk)
    rows = PinSetteiKiroku.objects.filter(card=card, procedure=proc)
    assert {(k.shurui, k.sousa) for k in rows} == {
        (PinShurui.SHOMEI, PinSousa.SAISETTEI),
        (PinShurui.RIYOUSHA, PinSousa.SAISETTEI),
    }
    assert all(isinstance(value, bool | str) for value in proc.entry.values())
    assert not any(
        key.startswith("pin") and not isinstance(v, bool) for key, v in proc.entry.items()
    )


# --------------------------------------------------------------------------- 特急発行


@pytest.fixture
def baby(db: None) -> Jumin:
    _parent, child = r.household((r.TAKAHASHI[0], examples_kofu.NEWBORN))
    return child


def tokkyuu_entry(person: Jumin, **changes: Any) -> dict[str, Any]:
    return {
        "atena_bango": person.atena_bango,
        "shinsei_date": r.today().isoformat(),
        "jiyu": "shinseiji",
        "raichousha": "houtei",
        "seinen_hikoukennin": False,
        "honnin_kakunin": "passport",
        "honnin_kakunin_2": "",
        "check_shashin": True,
        "sofusaki": "jusho",
        **changes,
    }


def test_a_newborns_tokkyuu_application_is_flagged_on_the_card(
    baby: Jumin, contractor: Any, clerk: Any
) -> None:
    run("tokkyuu_hakkou", tokkyuu_entry(baby), contractor, clerk)
    card = Card.objects.get(jumin=baby)
    assert card.status == CardStatus.SHINSEI and card.tokkyu
    assert card.shinsei_houhou == ShinseiHouhou.MADOGUCHI
    assert card.shinsei_jiyu == ShinseiJiyu.SHINKI


def test_a_child_of_one_year_is_not_a_newborn(sakura: Jumin) -> None:
    assert TOKKYU_RULE in refusals("tokkyuu_hakkou", tokkyuu_entry(sakura))["jiyu"][0]


def test_the_tokkyuu_application_is_made_in_person(baby: Jumin) -> None:
    problems = refusals("tokkyuu_hakkou", tokkyuu_entry(baby, raichousha="dairinin"))
    assert RAICHOU_RULE in problems["raichousha"][0]


def test_the_photo_is_taken_at_the_window(baby: Jumin) -> None:
    problems = refusals("tokkyuu_hakkou", tokkyuu_entry(baby, check_shashin=False))
    assert RAICHOU_RULE in problems["check_shashin"][0]


def test_a_saikoufu_needs_a_card_to_replace(ichiro: Jumin) -> None:
    entry = tokkyuu_entry(ichiro, jiyu="saikoufu", raichousha="honnin")
    assert TOKKYU_RULE in refusals("tokkyuu_hakkou", entry)["jiyu"][0]


def test_a_kokugai_tennyu_needs_the_record_of_it(ichiro: Jumin) -> None:
    entry = tokkyuu_entry(ichiro, jiyu="kokugai_tennyu", raichousha="honnin")
    assert "国外からの転入の記録" in refusals("tokkyuu_hakkou", entry)["jiyu"][0]


def test_a_card_not_yet_handed_over_blocks_a_new_application(ichiro: Jumin) -> None:
    old = demo.issued(ichiro)
    services.do_suspend(old, day=r.today(), acting_user=None, reason="紛失")
    demo.applied(ichiro, shinsei_jiyu="saikoufu_funshitsu")
    entry = tokkyuu_entry(ichiro, jiyu="saikoufu", raichousha="honnin")
    assert rules.HELD_RULE in refusals("tokkyuu_hakkou", entry)["atena_bango"][0]


def test_a_lost_cards_tokkyuu_saikoufu_pays_the_card_and_the_certificates(
    ichiro: Jumin, contractor: Any, clerk: Any
) -> None:
    old = demo.issued(ichiro)
    services.do_suspend(old, day=r.today(), acting_user=None, reason="紛失")
    entry = tokkyuu_entry(ichiro, jiyu="saikoufu", raichousha="honnin")
    proc = run("tokkyuu_hakkou", entry, contractor, clerk)
    codes = [line.code for line in get_kind("tokkyuu_hakkou").fee_lines(proc)]
    assert codes == [FEE_CARD[0], FEE_CERT[0]]
    new = Card.objects.get(jumin=ichiro, status=CardStatus.SHINSEI)
    assert new.kyuu_card_id == old.pk and new.shinsei_jiyu == ShinseiJiyu.SAIKOUFU_FUNSHITSU


def test_a_newborns_tokkyuu_is_free(baby: Jumin, contractor: Any) -> None:
    proc = enter_and_check("tokkyuu_hakkou", tokkyuu_entry(baby), contractor)
    assert get_kind("tokkyuu_hakkou").fee_lines(proc) == []


def test_the_koushin_review_shows_a_foreign_residents_dates_in_seireki(
    nguyen: Jumin, contractor: Any
) -> None:
    """j90: 和暦 on screens, but a foreign resident's 生年月日 and 在留期間の満了の日 in 西暦."""
    card = demo.issued(nguyen)
    new_end = r.today() + datetime.timedelta(days=1000)
    examples_kofu.zairyu_koushin(nguyen, new_end)
    proc = enter_and_check("yuko_kikan_koushin", koushin_entry(nguyen), contractor)
    rows = {row.label: row for block in get_kind(proc.kind).review(proc) for row in block.rows}
    assert rows["生年月日"].after == wareki.to_seireki(nguyen.seinengappi)
    assert rows["在留期間の満了の日（住民票）"].after == wareki.to_seireki(new_end)
    assert card.yuukou_kigen is not None
    assert rows["カードの有効期限"].before == wareki.to_wareki(card.yuukou_kigen)
