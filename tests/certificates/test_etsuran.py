"""閲覧 (住基法第11条, 第11条の2): the purposes, the booking's life, the list's persons and
items, its order, the fee per person, the 閲覧簿 and the yearly 閲覧状況."""

from __future__ import annotations

import csv
import datetime
import io
from typing import Any

import pytest
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from certificates.etsuran import jokyo, listing, services
from certificates.etsuran.forms import MoushideForm
from certificates.etsuran.models import EtsuranMoushide, EtsuranRireki, EtsuranState
from certificates.etsuran.rules import EIRI_REFUSAL, Mokuteki, purpose_problems
from counter.documents import page_count
from counter.models import AuditAction, AuditLog
from juki.models import Jumin, JuminStatus, ShojoJiyu
from juki.shien import services as shien_services

from ..factories import ChouazaFactory, JuminFactory, foreign_person, register_household
from .etsuran_helpers import UNIT_YEN, approved, booked, data, price, visit

pytestmark = pytest.mark.django_db

S = EtsuranState


def kari(clerk: Any, person: Jumin, **kwargs: Any) -> Any:
    return shien_services.do_kari_touroku(
        acting_user=clerk,
        moushidesha=person.atena_bango,
        moushide_date=datetime.date(2026, 4, 1),
        iken_kikan="keisatsu",
        **kwargs,
    )


# --------------------------------------------------------------------- purposes


@pytest.mark.parametrize(
    ("kubun", "mokuteki"),
    [
        ("kikan", "koyo"),
        ("hojin", "chousa_kenkyu"),
        ("kojin", "chousa_kenkyu"),
        ("hojin", "koukyou_dantai"),
        ("kojin", "kyojuu_kakunin"),
        ("hojin", "kyojuu_kakunin"),
    ],
)
def test_each_allowed_purpose_is_accepted(clerk, kubun, mokuteki) -> None:
    m = booked(clerk, ChouazaFactory(), moushidesha_kubun=kubun, mokuteki=mokuteki)
    assert m.state == S.YOYAKU
    assert m.rireki.get().reason.startswith("住基法第11条")


@pytest.mark.parametrize("kubun", ["kikan", "hojin", "kojin"])
def test_a_commercial_purpose_is_refused_with_the_rule_named(clerk, kubun) -> None:
    with pytest.raises(services.EtsuranRefused, match="営利を目的とする閲覧はできません") as e:
        booked(clerk, ChouazaFactory(), moushidesha_kubun=kubun, mokuteki="eiri")
    assert "第11条の2第1項各号" in e.value.message
    assert e.value.field == "mokuteki"
    assert not EtsuranMoushide.objects.exists()


def test_only_a_public_body_asks_for_koyo_and_a_public_body_asks_only_for_koyo() -> None:
    assert "第11条第1項" in purpose_problems("kojin", "koyo")[0][1]
    assert "第11条第1項" in purpose_problems("kikan", "chousa_kenkyu")[0][1]


def test_a_koukyou_dantai_activity_is_asked_by_the_body_not_a_person() -> None:
    assert "第11条の2第1項第2号" in purpose_problems("kojin", "koukyou_dantai")[0][1]


@pytest.mark.parametrize(
    ("overrides", "rule"),
    [
        ({"etsuransha": []}, "第11条の2第2項第3号"),
        ({"daihyosha": ""}, "第11条の2第2項第1号"),
        ({"kanri_basho": ""}, "第11条の2第2項第4号"),
        ({"seiyakusho": False}, "省令第2条第1項"),
        ({"seika_toriatsukai": ""}, "第11条の2第2項第6号"),
    ],
)
def test_each_item_the_law_asks_for_is_required(clerk, overrides, rule) -> None:
    with pytest.raises(services.EtsuranRefused, match=rule):
        booked(clerk, ChouazaFactory(), **overrides)


# --------------------------------------------------------------------- the booking's life


def _in_state(state: str, clerk: Any, second_clerk: Any) -> EtsuranMoushide:
    c = ChouazaFactory()
    if state == S.YOYAKU:
        return booked(clerk, c)
    if state == S.SHINSACHU:
        return services.do_shinsa(booked(clerk, c), acting_user=clerk)
    if state == S.SHONIN:
        return approved(clerk, second_clerk, c)
    if state == S.FUSHONIN:
        m = services.do_shinsa(booked(clerk, c), acting_user=clerk)
        return services.do_fushonin(m, reason="公益性が認められない", acting_user=second_clerk)
    if state == S.TORIKESHI:
        return services.do_torikeshi(booked(clerk, c), reason="申出の取下げ", acting_user=clerk)
    price()
    kai = visit(clerk, second_clerk, c)
    services.do_shuryo(kai, tenki_kensu=0, acting_user=clerk)
    return EtsuranMoushide.objects.get(pk=kai.moushide_id)


ACTS = ("shinsa", "shonin", "fushonin", "torikeshi", "kaishi")
#: the acts each state allows (the others are refused, never a 500)
MATRIX: dict[str, set[str]] = {
    S.YOYAKU: {"shinsa", "torikeshi"},
    S.SHINSACHU: {"shonin", "fushonin", "torikeshi"},
    S.SHONIN: {"torikeshi", "kaishi"},
    S.FUSHONIN: set(),
    S.TORIKESHI: set(),
    S.ETSURANZUMI: set(),
}


def _act(act: str, m: EtsuranMoushide, clerk: Any, second_clerk: Any) -> None:
    if act == "shinsa":
        services.do_shinsa(m, acting_user=clerk)
    elif act == "shonin":
        services.do_shonin(m, acting_user=second_clerk)
    elif act == "fushonin":
        services.do_fushonin(m, reason="理由", acting_user=second_clerk)
    elif act == "torikeshi":
        services.do_torikeshi(m, reason="理由", acting_user=clerk)
    else:
        services.do_kaishi(
            m, etsuransha_shimei="調査　花子", honnin_kakunin="旅券", acting_user=clerk
        )


@pytest.mark.parametrize("state", list(MATRIX))
@pytest.mark.parametrize("act", ACTS)
def test_the_transition_matrix(clerk, second_clerk, state, act) -> None:
    m = _in_state(state, clerk, second_clerk)
    before = EtsuranRireki.objects.filter(moushide=m).count()
    if act in MATRIX[state]:
        _act(act, m, clerk, second_clerk)
        assert EtsuranRireki.objects.filter(moushide=m).count() == before + (act != "kaishi")
    else:
        with pytest.raises(services.EtsuranRefused):
            _act(act, m, clerk, second_clerk)
        m.refresh_from_db()
        assert m.state == state
        assert EtsuranRireki.objects.filter(moushide=m).count() == before


def test_the_one_who_entered_or_reviewed_never_decides(clerk, second_clerk) -> None:
    m = services.do_shinsa(booked(clerk, ChouazaFactory()), acting_user=second_clerk)
    for user in (clerk, second_clerk):
        with pytest.raises(services.EtsuranRefused, match="二者確認"):
            services.do_shonin(m, acting_user=user)


def test_a_contractor_never_decides(clerk, contractor) -> None:
    m = services.do_shinsa(booked(clerk, ChouazaFactory()), acting_user=clerk)
    with pytest.raises(services.EtsuranRefused, match="市の職員だけ"):
        services.do_shonin(m, acting_user=contractor)


def test_every_move_is_in_the_history_and_the_audit_log(clerk, second_clerk) -> None:
    m = approved(clerk, second_clerk, ChouazaFactory())
    moves = [(r.from_state, r.to_state, r.by) for r in m.rireki.all()]
    assert moves == [
        ("", S.YOYAKU, clerk),
        (S.YOYAKU, S.SHINSACHU, clerk),
        (S.SHINSACHU, S.SHONIN, second_clerk),
    ]
    logged = AuditLog.objects.filter(target_type="etsuran", target_id=str(m.pk))
    assert logged.count() == 3


def test_the_visit_needs_the_booked_day_a_named_etsuransha_and_a_photo_id(
    clerk, second_clerk
) -> None:
    m = approved(clerk, second_clerk, ChouazaFactory())
    with pytest.raises(services.EtsuranRefused, match="省令第2条第3項"):
        services.do_kaishi(m, etsuransha_shimei="調査　花子", honnin_kakunin=" ", acting_user=clerk)
    with pytest.raises(services.EtsuranRefused, match="第11条の2第2項第3号"):
        services.do_kaishi(
            m, etsuransha_shimei="別人　太郎", honnin_kakunin="旅券", acting_user=clerk
        )
    other = approved(
        clerk,
        second_clerk,
        ChouazaFactory(),
        etsuran_date=timezone.localdate() + datetime.timedelta(1),
    )
    with pytest.raises(services.EtsuranRefused, match="予約した閲覧日"):
        services.do_kaishi(
            other, etsuransha_shimei="調査　花子", honnin_kakunin="旅券", acting_user=clerk
        )


# --------------------------------------------------------------------- the list


@pytest.fixture
def town(clerk, second_clerk) -> dict[str, Any]:
    """A 町字 of every kind of person the list must take or leave out."""
    chouaza = ChouazaFactory()
    plain = register_household(JuminFactory.build(shi="一般", mei="一郎"), chouaza=chouaza)[0]
    kari_p = register_household(JuminFactory.build(shi="仮保護", mei="花子"), chouaza=chouaza)[0]
    kakutei_p, awasete_p = register_household(
        JuminFactory.build(shi="確定", mei="母"),
        JuminFactory.build(shi="確定", mei="子", zokugara="子"),
        chouaza=chouaza,
    )
    # a measure whose 対象事務 leaves out 証明: the person is still never listed (DOMAIN.md)
    narrow_p = register_household(JuminFactory.build(shi="限定", mei="事務"), chouaza=chouaza)[0]
    gone = register_household(JuminFactory.build(shi="除票", mei="太郎"), chouaza=chouaza)[0]
    Jumin.objects.filter(pk=gone.pk).update(
        status=JuminStatus.JOHYO,
        shojo_jiyu=ShojoJiyu.TENSHUTSU,
        shojo_date=datetime.date(2026, 1, 5),
    )
    leaving = register_household(JuminFactory.build(shi="転出予定", mei="者"), chouaza=chouaza)[0]
    Jumin.objects.filter(pk=leaving.pk).update(tenshutsu_yotei_date=datetime.date(2026, 5, 1))
    elsewhere = register_household(JuminFactory.build(shi="隣町", mei="住民"))[0]
    kari(clerk, kari_p)
    sochi = kari(clerk, kakutei_p, awasete=[awasete_p.atena_bango])
    shien_services.do_kakutei(
        sochi, acting_user=second_clerk, kaishi_date=datetime.date(2026, 4, 1)
    )
    kari(clerk, narrow_p, taishou_jimu=["ido"])
    return {
        "chouaza": chouaza,
        "listed": {plain.full_name, leaving.full_name},
        "protected": {kari_p, kakutei_p, awasete_p, narrow_p},
        "left_out": {gone.full_name, elsewhere.full_name},
    }


def _names(rows: list[listing.EtsuranRow]) -> set[str]:
    return {r.shimei for r in rows}


def test_a_list_for_a_chouaza_never_contains_a_protected_person(clerk, second_clerk, town) -> None:
    kai = visit(clerk, second_clerk, town["chouaza"])
    names = _names(listing.list_of(kai))
    assert names == town["listed"]
    for person in town["protected"]:
        assert person.full_name not in names


def test_a_list_holds_live_residents_of_the_chouaza_only(clerk, second_clerk, town) -> None:
    kai = visit(clerk, second_clerk, town["chouaza"])
    assert not _names(listing.list_of(kai)) & town["left_out"]


def test_the_list_shows_only_the_four_items_of_article_11() -> None:
    assert listing.HEADINGS == ("氏名", "生年月日", "性別", "住所")
    read = {c.split("__")[0] for c in listing.COLUMNS}
    assert read <= {
        "atena_bango", "shi", "mei", "tsushou", "shubetsu", "seinengappi",
        "seinengappi_hyoki", "seibetsu", "chouaza", "banchi", "katagaki",
    }  # fmt: skip
    for never in ("setai", "zokugara", "honseki", "hittousha", "kojin_bango", "juminhyo_code"):
        assert never not in read
    assert [f.name for f in listing.EtsuranRow.__dataclass_fields__.values()] == [
        "shimei", "seinengappi", "seibetsu", "jusho",
    ]  # fmt: skip


def test_a_foreign_residents_tsushou_is_part_of_the_name_and_the_birth_date_in_seireki(
    clerk, second_clerk
) -> None:
    chouaza = ChouazaFactory()
    register_household(
        foreign_person(tsushou="山本　ジョン", seinengappi=datetime.date(1990, 2, 3)),
        chouaza=chouaza,
    )
    (row,) = listing.list_of(visit(clerk, second_clerk, chouaza))
    assert "通称 山本　ジョン" in row.shimei
    assert row.seinengappi.startswith("1990")


def test_the_age_band_narrows_the_list(clerk, second_clerk) -> None:
    chouaza = ChouazaFactory()
    today = timezone.localdate()
    young = JuminFactory.build(shi="若者", seinengappi=today.replace(year=today.year - 20))
    old = JuminFactory.build(shi="高齢", seinengappi=today.replace(year=today.year - 70))
    register_household(young, old, chouaza=chouaza)
    kai = visit(clerk, second_clerk, chouaza, nenrei_from=65, nenrei_to=74)
    assert [r.shimei for r in listing.list_of(kai)] == ["高齢　太郎"]


def _street(chouaza: Any, n: int) -> None:
    register_household(
        *[JuminFactory.build(shi=f"住民{i:03d}", banchi=f"{i}番") for i in range(n)],
        chouaza=chouaza,
    )


def test_by_address_the_banchi_are_in_natural_order(clerk, second_clerk) -> None:
    chouaza = ChouazaFactory()
    _street(chouaza, 12)
    rows = listing.list_of(visit(clerk, second_clerk, chouaza))
    assert [r.shimei.split("　")[0] for r in rows] == [f"住民{i:03d}" for i in range(12)]


def test_a_random_order_is_the_same_at_every_showing_of_a_visit(clerk, second_clerk) -> None:
    chouaza = ChouazaFactory()
    _street(chouaza, 30)
    kai = visit(clerk, second_clerk, chouaza, narabi="random")
    first = listing.list_of(kai)
    assert listing.list_of(kai) == first
    assert first != sorted(first, key=lambda r: r.shimei)
    other = listing.etsuran_list(kai.moushide, day=kai.etsuran_date, seed=kai.seed + 1)
    assert other != first and sorted(other, key=str) == sorted(first, key=str)


# --------------------------------------------------------------------- fee


def test_the_fee_is_per_person_transcribed(clerk, second_clerk) -> None:
    price()
    chouaza = ChouazaFactory()
    _street(chouaza, 5)
    kai = visit(clerk, second_clerk, chouaza)
    services.record_shown(kai, count=5, printed=False, user=clerk)
    kai = services.do_shuryo(kai, tenki_kensu=4, acting_user=clerk)
    assert (kai.tenki_kensu, kai.unit_yen, kai.amount_yen) == (4, UNIT_YEN, 4 * UNIT_YEN)
    assert EtsuranMoushide.objects.get(pk=kai.moushide_id).state == S.ETSURANZUMI


def test_koyo_is_free_but_counted(clerk, second_clerk) -> None:
    price()
    chouaza = ChouazaFactory()
    _street(chouaza, 3)
    kai = visit(
        clerk, second_clerk, chouaza, moushidesha_kubun="kikan", mokuteki="koyo",
        moushidesha_name="見本県選挙管理委員会",
    )  # fmt: skip
    services.record_shown(kai, count=3, printed=False, user=clerk)
    kai = services.do_shuryo(kai, tenki_kensu=3, acting_user=clerk)
    assert (kai.tenki_kensu, kai.amount_yen) == (3, 0)


def test_more_transcribed_than_shown_is_refused(clerk, second_clerk) -> None:
    price()
    kai = visit(clerk, second_clerk, ChouazaFactory())
    with pytest.raises(services.EtsuranRefused, match="0から0まで"):
        services.do_shuryo(kai, tenki_kensu=1, acting_user=clerk)


def test_without_a_price_in_the_master_the_end_is_refused_in_japanese(clerk, second_clerk) -> None:
    kai = visit(clerk, second_clerk, ChouazaFactory())
    with pytest.raises(Exception, match="手数料マスタ"):
        services.do_shuryo(kai, tenki_kensu=0, acting_user=clerk)


def test_every_showing_writes_the_audit_log(clerk, second_clerk) -> None:
    kai = visit(clerk, second_clerk, ChouazaFactory())
    services.record_shown(kai, count=0, printed=False, user=clerk)
    services.record_shown(kai, count=0, printed=True, user=clerk)
    rows = AuditLog.objects.filter(detail__act="閲覧用リスト", detail__kai=kai.pk)
    assert sorted(r.action for r in rows) == sorted([AuditAction.SEARCH, AuditAction.PRINT])
    assert all(r.detail["seed"] == kai.seed for r in rows)


# --------------------------------------------------------------------- 閲覧簿, 閲覧状況


def _ended(clerk: Any, second_clerk: Any, **overrides: Any) -> Any:
    price()
    chouaza = ChouazaFactory(name="見本町一丁目")
    _street(chouaza, 3)
    kai = visit(clerk, second_clerk, chouaza, **overrides)
    services.record_shown(kai, count=3, printed=False, user=clerk)
    return services.do_shuryo(kai, tenki_kensu=2, acting_user=clerk)


def test_the_yearly_jokyo_csv_holds_what_the_law_publishes(clerk, second_clerk) -> None:
    kai = _ended(clerk, second_clerk, nenrei_from=20, nenrei_to=39)
    text = jokyo.jokyo_csv(jokyo.nendo_of(kai.etsuran_date))
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == ["申出者（請求機関）", "利用目的の概要", "閲覧年月日", "閲覧に係る住民の範囲"]
    (row,) = rows[1:]
    assert row[0] == "株式会社見本調査研究所（代表者 代表取締役　見本　一郎）"
    assert row[1].startswith("高齢者の生活実態に関する世論調査")
    assert row[2].startswith("令和")
    assert row[3] == "見本町一丁目（20歳〜39歳）"
    assert "調査　花子" not in text  # the 閲覧者 is the 閲覧簿's, not published


def test_the_yearly_jokyo_is_by_nendo(clerk, second_clerk) -> None:
    kai = _ended(clerk, second_clerk)
    nendo = jokyo.nendo_of(kai.etsuran_date)
    assert len(jokyo.jokyo_rows(nendo)) == 1
    assert jokyo.jokyo_rows(nendo - 1) == [] and jokyo.jokyo_rows(nendo + 1) == []
    assert jokyo.nendo_label(2026) == "令和8年度"
    # the era of the 年度's first day (4月1日): 2019年4月1日 was still 平成
    assert jokyo.nendo_label(2019) == "平成31年度"
    assert jokyo.nendo_label(2020) == "令和2年度"
    assert jokyo.nendo_of(datetime.date(2027, 3, 31)) == 2026


def test_the_yearly_jokyo_pdf(clerk, second_clerk) -> None:
    kai = _ended(clerk, second_clerk)
    pdf = jokyo.jokyo_pdf(jokyo.nendo_of(kai.etsuran_date))
    assert pdf.startswith(b"%PDF") and page_count(pdf) == 1


def test_the_etsuran_bo_has_every_visit_with_its_count_and_fee(clerk, second_clerk) -> None:
    kai = _ended(clerk, second_clerk)
    (row,) = jokyo.bo_rows(jokyo.nendo_of(kai.etsuran_date))
    assert row[1] == "法人" and row[5] == "調査　花子"
    assert row[6:] == ("2", str(2 * UNIT_YEN))


# --------------------------------------------------------------------- the form


FORM_BASE = {
    "moushidesha_kubun": "hojin",
    "moushidesha_name": "見本法人",
    "moushidesha_jusho": "東京都",
    "daihyosha": "代表　一郎",
    "mokuteki": "chousa_kenkyu",
    "mokuteki_gaiyou": "調査",
    "etsuransha": "調査　花子",
    "kanri_basho": "書庫",
    "kanri_sekininsha": "管理者",
    "seika_toriatsukai": "統計のみ公表",
    "seiyakusho": "on",
    "etsuran_date": "令和8年4月1日",
    "jikan_waku": "gozen",
    "narabi": "jusho",
}


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    changes=st.dictionaries(
        st.sampled_from([*sorted(FORM_BASE), "nenrei_from", "nenrei_to"]),
        st.text(max_size=30),
        max_size=4,
    )
)
def test_the_booking_form_never_crashes_and_keeps_what_was_typed(db, changes) -> None:
    chouaza = ChouazaFactory()
    form = MoushideForm({**FORM_BASE, "chouaza": str(chouaza.pk), **changes})
    valid = form.is_valid()
    if not valid:
        assert form.errors
        for name, value in changes.items():
            if name in form.fields and name != "seiyakusho":
                assert form[name].value() == value


@settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(kubun=st.sampled_from(["kikan", "hojin", "kojin"]), gaiyou=st.text(min_size=1, max_size=50))
def test_the_form_refuses_eiri_whatever_else_is_typed(db, kubun, gaiyou) -> None:
    chouaza = ChouazaFactory()
    form = MoushideForm(
        {**FORM_BASE, "chouaza": str(chouaza.pk), "moushidesha_kubun": kubun,
         "mokuteki": Mokuteki.EIRI, "mokuteki_gaiyou": gaiyou}
    )  # fmt: skip
    assert not form.is_valid()
    if form.errors.get("mokuteki"):
        assert EIRI_REFUSAL in form.errors["mokuteki"]


def test_a_valid_form_gives_the_service_its_data(clerk) -> None:
    chouaza = ChouazaFactory()
    form = MoushideForm({**FORM_BASE, "chouaza": str(chouaza.pk), "etsuransha": "甲\n\n乙"})
    assert form.is_valid(), form.errors
    d = MoushideForm.data_of(form.cleaned_data)
    assert d.etsuransha == ["甲", "乙"] and d.etsuran_date == datetime.date(2026, 4, 1)
    assert d == data(chouaza, **{
        "moushidesha_name": "見本法人", "moushidesha_jusho": "東京都", "daihyosha": "代表　一郎",
        "mokuteki_gaiyou": "調査", "etsuransha": ["甲", "乙"], "kanri_basho": "書庫",
        "kanri_sekininsha": "管理者", "seika_toriatsukai": "統計のみ公表",
        "etsuran_date": datetime.date(2026, 4, 1),
    })  # fmt: skip
