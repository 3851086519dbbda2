"""One test per rule of the window's 届出 (ADR 0037), each asserting the rule itself and
that its refusal stands next to its field naming the rule."""

from __future__ import annotations

import calendar
import datetime
from types import SimpleNamespace
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from counter.kind_plan import Problems
from counter.procedure_kinds import FeeBasis
from juki.demo import residents as r
from juki.models import Jumin
from mynumber import demo, services, services_todoke
from mynumber.card_hennou.plan import gimu
from mynumber.card_saikoufu.fees import RIYU, basis
from mynumber.kernel import card_rules, tsuchi_card
from mynumber.models_tsuchi import HenreiRiyu

from ..procedures import run
from .todoke import funshitsu, hakken, hennou, problems, refused_at, saikoufu, todoke

pytestmark = pytest.mark.django_db


def born_on(day: datetime.date) -> Any:
    return SimpleNamespace(seinengappi=day)


# --------------------------------------------------------------------------- the visitor


def test_a_nini_dairinin_shows_an_ininjo(ichiro: Jumin) -> None:
    entry = todoke(ichiro, raichousha="dairinin", dairinin_shimei="山田　太郎", dairiken="koseki")
    assert "委任状" in refused_at(
        "card_hennou", {**entry, "jiyu": "nini", "check_card": True}, "dairiken"
    )
    ok = {**entry, "dairiken": "ininjo", "jiyu": "nini", "check_card": True}
    assert not [f for f, _ in problems("card_hennou", ok) if f == "dairiken"]


def test_a_houtei_dairinin_shows_a_koseki_or_touki(sakura: Jumin) -> None:
    entry = todoke(
        sakura, raichousha="houtei", dairinin_shimei="髙橋　一郎", dairiken="ininjo", fuutou=False
    )
    assert "戸籍謄本等" in refused_at("koufu_shinseisho", entry, "dairiken")
    assert not problems("koufu_shinseisho", {**entry, "dairiken": "koseki"})


def test_a_dairinin_names_themself(ichiro: Jumin) -> None:
    entry = todoke(ichiro, raichousha="dairinin", dairiken="ininjo", fuutou=False)
    assert "事務処理要領（代理権の確認）" in refused_at(
        "koufu_shinseisho", entry, "dairinin_shimei"
    )


def test_the_kind_of_id_shown_is_recorded(ichiro: Jumin) -> None:
    entry = todoke(ichiro, honnin_kakunin="", fuutou=False)
    assert "本人確認書類の種類" in refused_at("koufu_shinseisho", entry, "honnin_kakunin")


def test_the_person_lives_in_the_register(ichiro: Jumin) -> None:
    entry = {**todoke(ichiro, fuutou=False), "atena_bango": "9999999999"}
    assert "番号法第17条第1項" in refused_at("koufu_shinseisho", entry, "atena_bango")


# --------------------------------------------------------------------------- 通知書・通知カード


def test_a_tsuchisho_destroyed_after_the_keeping_period_is_not_handed_over(ichiro: Jumin) -> None:
    services_todoke.do_henrei_uketsuke(
        ichiro, henrei_date=r.days_ago(400), riyu=HenreiRiyu.ATESHO_NASHI, acting_user=None
    )
    services_todoke.do_haiki_expired(r.today())
    message = refused_at("tsuchisho_koufu", todoke(ichiro, check_henrei_bunsho=True), "atena_bango")
    assert "廃棄" in message and "管理簿【返戻】" in message


def test_no_tsuchi_card_for_one_born_on_or_after_its_abolition() -> None:
    day_before, abolished = datetime.date(2020, 5, 24), datetime.date(2020, 5, 25)
    assert abolished == tsuchi_card.HAISHI_DATE
    ok, refused = Problems(), Problems()
    tsuchi_card.check_could_hold(ok, born_on(day_before))
    tsuchi_card.check_could_hold(refused, born_on(abolished))
    assert not ok
    (problem,) = refused.items
    assert problem.field == "atena_bango" and "令和2年5月25日" in problem.message


def test_a_tsuchi_card_born_after_2020_is_refused_at_the_window(db: None) -> None:
    rin = r.household(r.SATO)[3]  # 4 years old
    entry = todoke(
        rin,
        raichousha="houtei",
        dairinin_shimei="佐藤　健",
        dairiken="koseki",
        jiyu="funshitsu",
        funshitsu_date="",
        keisatsu_todoke=False,
    )
    assert "通知カードは廃止" in refused_at("tsuchi_card_funshitsu", entry, "atena_bango")


def test_a_tsuchi_card_loss_is_reported_once_and_nothing_after_its_return(
    ichiro: Jumin, contractor: Any, clerk: Any
) -> None:
    lost = todoke(ichiro, jiyu="funshitsu", funshitsu_date="", keisatsu_todoke=False)
    run("tsuchi_card_funshitsu", lost, contractor, clerk)
    assert "受理済み" in refused_at("tsuchi_card_funshitsu", lost, "atena_bango")
    back = todoke(ichiro, jiyu="hakken", check_card=True)
    run("tsuchi_card_hennou", back, contractor, clerk)
    assert "返納済み" in refused_at("tsuchi_card_hennou", back, "atena_bango")


def test_a_tsuchi_card_is_returned_with_the_card_itself(ichiro: Jumin) -> None:
    entry = todoke(ichiro, jiyu="sonota", check_card=False)
    assert "番号法第7条第7項" in refused_at("tsuchi_card_hennou", entry, "check_card")


def test_the_day_of_the_loss_is_not_after_the_todoke(ichiro: Jumin) -> None:
    entry = todoke(
        ichiro,
        jiyu="funshitsu",
        funshitsu_date=r.today().isoformat(),
        keisatsu_todoke=False,
        todoke_date=r.days_ago(1).isoformat(),
    )
    assert "届出年月日以前" in refused_at("tsuchi_card_funshitsu", entry, "funshitsu_date")


# --------------------------------------------------------------------------- 交付申請書・申請取消


def test_under_15_the_shinseisho_goes_to_the_houtei_dairinin(sakura: Jumin) -> None:
    entry = todoke(sakura, fuutou=False)
    assert "法定代理人" in refused_at("koufu_shinseisho", entry, "raichousha")


def test_no_second_card_while_a_valid_one_is_held_far_from_its_kigen(ichiro: Jumin) -> None:
    card = demo.issued(ichiro)
    message = refused_at("koufu_shinseisho", todoke(ichiro, fuutou=False), "atena_bango")
    assert "重ねて交付しない" in message
    # from three months before the 有効期限 a new application (更新) is taken
    start = card_rules.koushin_from(card)
    assert start is not None and card.yuukou_kigen is not None
    assert start == card_rules.months_before(card.yuukou_kigen, 3)
    late = todoke(ichiro, fuutou=False, todoke_date=start.isoformat())
    assert not [f for f, _ in problems("koufu_shinseisho", late) if f == "atena_bango"]


def test_months_before_keeps_the_day_or_takes_the_months_last() -> None:
    assert card_rules.months_before(datetime.date(2035, 5, 31), 3) == datetime.date(2035, 2, 28)
    assert card_rules.months_before(datetime.date(2036, 5, 31), 3) == datetime.date(2036, 2, 29)
    assert card_rules.months_before(datetime.date(2035, 2, 10), 3) == datetime.date(2034, 11, 10)


def test_no_second_application_while_one_is_open(ichiro: Jumin) -> None:
    demo.applied(ichiro)
    message = refused_at("koufu_shinseisho", todoke(ichiro, fuutou=False), "atena_bango")
    assert "交付申請中" in message


def test_only_an_application_not_handed_over_is_withdrawn(ichiro: Jumin) -> None:
    demo.issued(ichiro)
    message = refused_at("shinsei_torikeshi", todoke(ichiro, riyu="不要"), "atena_bango")
    assert "交付済" in message and "交付前の申請" in message


# --------------------------------------------------------------------------- 紛失・発見・返納


def test_a_loss_is_reported_for_a_card_handed_over(ichiro: Jumin) -> None:
    demo.received(ichiro)
    message = refused_at("card_funshitsu", funshitsu(ichiro), "atena_bango")
    assert "番号法第17条第5項" in message and "交付前" in message


def test_a_card_suspended_already_is_not_reported_twice(ichiro: Jumin) -> None:
    card = demo.issued(ichiro)
    services.do_suspend(card, day=r.today(), acting_user=None)
    assert "一時停止" in refused_at("card_funshitsu", funshitsu(ichiro), "atena_bango")


def test_the_found_card_is_seen_and_must_be_suspended(ichiro: Jumin) -> None:
    demo.issued(ichiro)
    assert "発見した個人番号カードを確認" in refused_at(
        "card_hakken", hakken(ichiro, check_card=False), "check_card"
    )
    assert "交付済" in refused_at("card_hakken", hakken(ichiro), "atena_bango")


def test_no_shomei_is_reissued_under_15(sakura: Jumin) -> None:
    card = demo.issued(sakura)
    services.do_suspend(card, day=r.today(), acting_user=None)
    entry = hakken(sakura, raichousha="houtei", dairinin_shimei="髙橋　一郎", dairiken="koseki")
    assert "公的個人認証法第3条第1項" in refused_at("card_hakken", entry, "shomei_saihakkou")
    assert not problems("card_hakken", {**entry, "shomei_saihakkou": False})


def test_kokugai_tenshutsu_obliged_the_return_until_2024_05_26_only() -> None:
    assert gimu("kokugai_tenshutsu", datetime.date(2024, 5, 26)) is True
    assert gimu("kokugai_tenshutsu", datetime.date(2024, 5, 27)) is False
    assert gimu("nini", datetime.date(2020, 1, 1)) is False  # 第4項: at any time
    assert gimu("hakken", datetime.date(2024, 5, 27)) is True  # 第1項


def test_a_card_is_returned_with_the_card_itself(ichiro: Jumin) -> None:
    demo.issued(ichiro)
    message = refused_at("card_hennou", hennou(ichiro, check_card=False), "check_card")
    assert "番号法施行令第15条" in message


def test_a_card_returned_at_kokugai_tenshutsu_now_is_flagged_as_the_holders_wish(
    ichiro: Jumin,
) -> None:
    from counter.procedure_kinds import get_kind

    demo.issued(ichiro)
    flags = get_kind("card_hennou").flags(hennou(ichiro, jiyu="kokugai_tenshutsu"))
    assert any("国外転出後もカードは継続して利用できます" in f for f in flags)


# --------------------------------------------------------------------------- 再交付申請


def test_a_loss_is_proved_by_its_document_number_and_copy(ichiro: Jumin) -> None:
    demo.issued(ichiro)
    entry = saikoufu(ichiro, shoumei_bango="", shoumei_copied=False)
    assert "紛失の事実を疎明" in refused_at("card_saikoufu", entry, "shoumei_bango")
    assert "複写" in refused_at("card_saikoufu", entry, "shoumei_copied")


def test_other_than_a_loss_the_card_is_collected(ichiro: Jumin) -> None:
    demo.issued(ichiro)
    entry = saikoufu(ichiro, riyu="hason", shoumei_bango="", shoumei_copied=False)
    assert "回収" in refused_at("card_saikoufu", entry, "check_card")


def test_an_application_sent_from_the_window_carries_a_checked_photo(ichiro: Jumin) -> None:
    demo.issued(ichiro)
    entry = saikoufu(ichiro, check_photo=False)
    assert "顔写真" in refused_at("card_saikoufu", entry, "check_photo")
    assert not problems("card_saikoufu", {**entry, "houhou": "online"})


def test_no_saikoufu_while_another_application_is_open(ichiro: Jumin) -> None:
    demo.applied(ichiro)
    assert "交付申請中" in refused_at("card_saikoufu", saikoufu(ichiro), "atena_bango")


@pytest.mark.parametrize(
    ("riyu", "expected"),
    [
        ("funshitsu", FeeBasis.TSUUJOU),
        ("hason", FeeBasis.TSUUJOU),
        ("sonota", FeeBasis.TSUUJOU),
        ("tounan", FeeBasis.MENJO),
        ("saigai", FeeBasis.MENJO),
        ("tsuikiran", FeeBasis.MENJO),
        ("shichouson", FeeBasis.MENJO),
    ],
)
def test_the_fee_is_waived_only_where_the_holder_is_not_at_fault(
    riyu: str, expected: FeeBasis
) -> None:
    assert set(RIYU) == {
        "funshitsu",
        "tounan",
        "saigai",
        "hason",
        "tsuikiran",
        "shichouson",
        "sonota",
    }
    assert basis(riyu) == expected


@given(
    st.dates(min_value=datetime.date(2000, 1, 1), max_value=datetime.date(2100, 12, 31)),
    st.integers(min_value=0, max_value=36),
)
def test_months_before_lands_in_the_month_asked_on_the_same_day_or_its_last(
    day: datetime.date, months: int
) -> None:
    earlier = card_rules.months_before(day, months)
    assert (earlier.year * 12 + earlier.month) == (day.year * 12 + day.month) - months
    last = calendar.monthrange(earlier.year, earlier.month)[1]
    assert earlier.day == min(day.day, last) and earlier <= day


def test_a_return_for_a_lapse_needs_a_card_past_its_kigen(ichiro: Jumin) -> None:
    demo.issued(ichiro)
    message = refused_at("card_hennou", hennou(ichiro, jiyu="shikkou"), "jiyu")
    assert "番号法施行令第15条" in message and "有効期限内" in message


def test_a_return_after_a_saikoufu_needs_the_card_that_saikoufu_ended(ichiro: Jumin) -> None:
    demo.issued(ichiro)
    message = refused_at("card_hennou", hennou(ichiro, jiyu="hakken"), "jiyu")
    assert "再交付により廃止したカードではありません" in message
