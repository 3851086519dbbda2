"""異動統計 (ADR 0039): each rule of the 区分, one test each."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.test import override_settings
from hypothesis import given
from hypothesis import strategies as st

from juki import services
from juki.models import Gyouseiku, IdoJiyu, Jumin, JuminStatus, Seibetsu, ShojoJiyu
from stats.idou import Kubun, month_report, population
from stats.idou.lines import balance_lines, summary_lines
from stats.idou.prefecture import PREFECTURES, Chiiki, chiiki_of, prefecture_of

from ..factories import ChouazaFactory, JuminFactory, register_household
from .simulation import ctx

D = datetime.date


def change(j: Jumin, jiyu: IdoJiyu, day: datetime.date, **changes: Any) -> None:
    services.update_person(j, changes, ctx(jiyu, day))


def arrive(jiyu: IdoJiyu, day: datetime.date, **values: Any) -> Jumin:
    from juki.models import Setai

    person = JuminFactory.build(jumin_date=day, jusho_date=day, **values)
    person.chouaza = values.pop("chouaza", None) or ChouazaFactory()
    services.bulk_register([(Setai(), [person])], ctx=ctx(jiyu, day))
    return person


def counted(year: int, month: int) -> dict[Kubun, int]:
    total = month_report(year, month).total()
    return {k: n for k, n in total.by_kubun.items() if n}


@pytest.mark.django_db
@override_settings(PREFECTURE_NAME="東京都")
def test_a_tennyu_is_split_by_where_the_former_address_lies() -> None:
    """住民基本台帳人口移動報告 (住基法第37条): 転入 from the same 都道府県, another, abroad."""
    arrive(IdoJiyu.TENNYU, D(2025, 5, 2), zenjusho="東京都千代田区丸の内一丁目1番")
    arrive(IdoJiyu.TENNYU, D(2025, 5, 3), zenjusho="大阪府大阪市北区梅田一丁目1番")
    arrive(IdoJiyu.KOKUGAI_TENNYU, D(2025, 5, 4), zenjusho="アメリカ合衆国")
    assert counted(2025, 5) == {
        Kubun.TENNYU_KENNAI: 1,
        Kubun.TENNYU_KENGAI: 1,
        Kubun.TENNYU_KOKUGAI: 1,
    }


@pytest.mark.django_db
@override_settings(PREFECTURE_NAME="東京都")
def test_a_tenshutsu_counts_on_the_tenshutsu_yotei_date_split_by_the_tenshutsusaki() -> None:
    """標準仕様書 j1080: a 転出予定者 counts until the 転出予定日, so the 転出 falls then
    (here in June, though approved in May)."""
    (j,) = register_household(JuminFactory.build())
    change(j, IdoJiyu.TENSHUTSU, D(2025, 5, 28), tenshutsusaki="神奈川県横浜市中区本町1番",
           tenshutsu_yotei_date=D(2025, 6, 2))  # fmt: skip
    assert counted(2025, 5) == {}
    assert counted(2025, 6) == {Kubun.TENSHUTSU_KENGAI: 1}


@pytest.mark.django_db
def test_shussei_shibou_shokken_kisai_and_shokken_shojo_have_their_own_columns() -> None:
    arrive(IdoJiyu.SHUSSEI, D(2025, 7, 1), seinengappi=D(2025, 7, 1))
    arrive(IdoJiyu.SHOKKEN_KISAI, D(2025, 7, 2))
    (a, b) = register_household(JuminFactory.build(), JuminFactory.build(zokugara="妻"))
    change(a, IdoJiyu.SHIBOU, D(2025, 7, 3), status=JuminStatus.JOHYO,
           shojo_jiyu=ShojoJiyu.SHIBOU, shojo_date=D(2025, 7, 3))  # fmt: skip
    change(b, IdoJiyu.SHOKKEN_SHOJO, D(2025, 7, 4), status=JuminStatus.JOHYO,
           shojo_jiyu=ShojoJiyu.SHOKKEN_SHOJO, shojo_date=D(2025, 7, 4))  # fmt: skip
    assert counted(2025, 7) == {
        Kubun.SHUSSEI: 1,
        Kubun.SHOKKEN_KISAI: 1,
        Kubun.SHIBOU: 1,
        Kubun.SHOKKEN_SHOJO: 1,
    }


@pytest.mark.django_db
def test_a_tenkyo_moves_a_person_between_chouaza_and_leaves_the_city_total_alone() -> None:
    a, b = ChouazaFactory(), ChouazaFactory()
    (j,) = register_household(JuminFactory.build(), chouaza=a)
    (k,) = register_household(JuminFactory.build(mei="次郎"), chouaza=a)
    change(j, IdoJiyu.TENKYO, D(2025, 8, 10), chouaza=b, banchi="9番")
    change(k, IdoJiyu.TENKYO, D(2025, 8, 11), banchi="5番")  # within the same 町字
    report = month_report(2025, 8)
    in_a = report.total([c for c in report.cells if c.chouaza_code == a.code])
    in_b = report.total([c for c in report.cells if c.chouaza_code == b.code])
    assert in_a[Kubun.TENKYO_GEN] == 1 and in_b[Kubun.TENKYO_ZOU] == 1
    zougen = next(line for line in summary_lines(report) if line.label == "増減")
    assert zougen.total == 0
    # a 転居 inside one 町字 changes no cell (S1's 住民期間 go on) but is a 転居 all the
    # same: the 転居者数 counts both persons
    assert report.tenkyo_sha == 2
    assert month_report(2025, 9).tenkyo_sha == 0


@pytest.mark.django_db
def test_a_kukan_ido_is_counted_per_ward_only() -> None:
    """指定都市: a move between 行政区 is a 区間転入; the wards count it, the city does not."""
    east = Gyouseiku.objects.create(code="14101", name="鶴見区")
    west = Gyouseiku.objects.create(code="14102", name="神奈川区")
    a = ChouazaFactory(code="14101001001", gyouseiku=east)
    b = ChouazaFactory(code="14102001001", gyouseiku=west)
    (j,) = register_household(JuminFactory.build(), chouaza=a)
    change(j, IdoJiyu.KUKAN_TENNYU, D(2025, 9, 1), chouaza=b, banchi="1番")
    report = month_report(2025, 9)
    start, end = population(D(2025, 8, 31)), population(D(2025, 9, 30))
    wards = balance_lines(report, start, end, {}, area_of={a.code: "鶴見区", b.code: "神奈川区"})
    totals = {(line.code, line.seibetsu): line for line in wards}
    assert totals[("鶴見区", "")].gen == 1 and totals[("鶴見区", "")].groups["naibu_gen"] == 1
    assert totals[("神奈川区", "")].zou == 1
    assert all(line.total == 0 for line in summary_lines(report))


@pytest.mark.django_db
def test_a_tenshutsu_torikeshi_voids_the_tenshutsu_in_its_month() -> None:
    """A 転出取消 makes the 転出届 void: the person never left (ADR 0038's 期間), so the
    month of the 転出 no longer counts it and the month of the 取消 counts nothing."""
    (j,) = register_household(JuminFactory.build())
    change(j, IdoJiyu.TENSHUTSU, D(2025, 3, 5), tenshutsusaki="大阪府大阪市",
           tenshutsu_yotei_date=D(2025, 3, 10))  # fmt: skip
    change(j, IdoJiyu.TENSHUTSU, D(2025, 3, 10), status=JuminStatus.JOHYO,
           shojo_jiyu=ShojoJiyu.TENSHUTSU, shojo_date=D(2025, 3, 10))  # fmt: skip
    assert counted(2025, 3) == {Kubun.TENSHUTSU_KENGAI: 1}
    change(j, IdoJiyu.TORIKESHI, D(2025, 4, 2), status=JuminStatus.LIVE, shojo_jiyu="",
           shojo_date=None, tenshutsusaki="", tenshutsu_yotei_date=None)  # fmt: skip
    assert counted(2025, 3) == {}
    assert counted(2025, 4) == {}


@pytest.mark.django_db
def test_a_correction_of_the_sex_moves_the_person_between_cells_as_sonota() -> None:
    (j,) = register_household(JuminFactory.build(seibetsu=Seibetsu.MALE))
    change(j, IdoJiyu.SHOKKEN_SHUSEI, D(2025, 10, 1), seibetsu=Seibetsu.FEMALE)
    report = month_report(2025, 10)
    male = report.total([c for c in report.cells if c.seibetsu == Seibetsu.MALE])
    female = report.total([c for c in report.cells if c.seibetsu == Seibetsu.FEMALE])
    assert male[Kubun.SONOTA_SHOJO] == 1 and female[Kubun.SONOTA_KISAI] == 1


@pytest.mark.django_db
def test_a_setai_henkou_alone_is_no_ido_of_the_statistics() -> None:
    a, b = register_household(JuminFactory.build()), register_household(JuminFactory.build())
    change(a[0], IdoJiyu.SETAI_HENKOU, D(2025, 11, 1), setai=b[0].setai, zokugara="同居人")
    assert counted(2025, 11) == {}


@given(st.sampled_from(PREFECTURES), st.text(max_size=30))
def test_the_prefecture_is_read_from_the_start_of_any_address(name: str, rest: str) -> None:
    assert prefecture_of(name + rest) == name
    assert prefecture_of("　" + name + rest) == name  # a leading space typed


@given(st.text(alphabet="あいうえおアイウエオ一二三丁目番地号-1234567890", max_size=30))
def test_an_address_naming_no_prefecture_counts_kengai_and_says_so(text: str) -> None:
    assert prefecture_of(text) is None
    assert chiiki_of(text, "東京都") == (Chiiki.KENGAI, False)


def test_a_designated_city_or_special_ward_written_alone_names_its_prefecture() -> None:
    assert prefecture_of("横浜市中区本町1番") == "神奈川県"
    assert prefecture_of("千代田区丸の内一丁目") == "東京都"
    assert chiiki_of("ＴＯＫＹＯ", "東京都") == (Chiiki.KENGAI, False)


@pytest.mark.django_db
def test_a_report_kept_as_json_reads_back_the_same() -> None:
    from stats.idou.report import report_from_json, report_to_json

    arrive(IdoJiyu.TENNYU, D(2025, 5, 2), zenjusho="どこか")
    report = month_report(2025, 5)
    again = report_from_json(report_to_json(report))
    assert again.cells == report.cells and again.months == report.months
    assert (again.period, again.fumei) == (report.period, 1)
    assert again.tenkyo == report.tenkyo == {D(2025, 5, 1): 0}


@pytest.mark.django_db
def test_a_year_kept_before_the_tenkyo_count_shows_the_tenkyo_across_chouaza() -> None:
    """A run kept without the 転居者数 of each month (earlier results of the Celery job)."""
    from stats.idou.report import report_from_json, report_to_json

    a, b = ChouazaFactory(), ChouazaFactory()
    (j,) = register_household(JuminFactory.build(), chouaza=a)
    change(j, IdoJiyu.TENKYO, D(2025, 8, 10), chouaza=b, banchi="9番")
    kept = dict(report_to_json(month_report(2025, 8)))
    del kept["tenkyo"]
    assert report_from_json(kept).tenkyo_sha == 1
