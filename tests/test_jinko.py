"""人口統計 as of a day (issue 14, ADR 0038): who counts on a day and how."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from juki import services
from juki.models import IdoJiyu, Jumin, JuminShubetsu, JuminStatus, Seibetsu, ShojoJiyu
from stats import jinko
from stats.jinko import kikan_of
from stats.jinko.kikan import Rireki

from .factories import ChouazaFactory, JuminFactory, foreign_person, register_household

D = datetime.date


def ctx(jiyu: IdoJiyu, day: datetime.date) -> services.IdoContext:
    return services.IdoContext(acting_user=None, terminal=None, ido_jiyu=jiyu, ido_date=day)


def change(j: Jumin, jiyu: IdoJiyu, day: datetime.date, **changes: Any) -> None:
    services.update_person(j, changes, ctx(jiyu, day))


def total(day: datetime.date) -> int:
    return jinko.jinko(day, by=()).total()


@pytest.mark.django_db
def test_a_person_counts_from_becoming_a_resident_until_the_day_before_the_shojo() -> None:
    (j,) = register_household(JuminFactory.build(jumin_date=D(2020, 5, 10)))
    change(
        j, IdoJiyu.SHIBOU, D(2025, 3, 1),
        status=JuminStatus.JOHYO, shojo_jiyu=ShojoJiyu.SHIBOU, shojo_date=D(2025, 3, 1),
    )  # fmt: skip
    assert [total(d) for d in (D(2020, 5, 9), D(2020, 5, 10))] == [0, 1]
    assert [total(d) for d in (D(2025, 2, 28), D(2025, 3, 1))] == [1, 0]


@pytest.mark.django_db
def test_a_tenshutsu_yotei_sha_counts_until_the_tenshutsu_yotei_date_before_any_shojo() -> None:
    """標準仕様書 j1080: 転出予定者 before their date count as residents."""
    (j,) = register_household(JuminFactory.build())
    change(j, IdoJiyu.TENSHUTSU, D(2026, 11, 1), tenshutsu_yotei_date=D(2026, 11, 20))
    assert j.status == JuminStatus.LIVE
    assert total(D(2026, 11, 19)) == 1
    assert total(D(2026, 11, 20)) == 0


@pytest.mark.django_db
def test_a_tenkyo_moves_the_person_to_the_new_chouaza_on_the_ido_date() -> None:
    a, b = ChouazaFactory(), ChouazaFactory()
    (j,) = register_household(JuminFactory.build(), chouaza=a)
    change(j, IdoJiyu.TENKYO, D(2025, 6, 15), chouaza=b, banchi="3番")
    before = jinko.jinko(D(2025, 6, 14), by=("chouaza",))
    after = jinko.jinko(D(2025, 6, 15), by=("chouaza",))
    assert before.counts == {(a.code,): 1}
    assert after.counts == {(b.code,): 1}


@pytest.mark.django_db
def test_the_age_is_complete_at_the_end_of_the_day_before_the_birthday() -> None:
    """年齢計算ニ関スル法律 and 民法第143条: born 29 February, a year older at the end of
    28 February in a common year."""
    register_household(JuminFactory.build(seinengappi=D(2004, 2, 29)))
    assert jinko.jinko(D(2025, 2, 27), by=("nenrei",)).counts == {(20,): 1}
    assert jinko.jinko(D(2025, 2, 28), by=("nenrei",)).counts == {(21,): 1}


@pytest.mark.django_db
def test_households_are_japanese_foreign_or_mixed_by_their_members() -> None:
    place = ChouazaFactory()
    register_household(JuminFactory.build(), chouaza=place)
    register_household(foreign_person(card="AB12345678CD"), chouaza=place)
    register_household(
        JuminFactory.build(),
        foreign_person(card="AB12345679CD", zokugara="妻", seibetsu=Seibetsu.FEMALE),
        chouaza=place,
    )
    setai = jinko.setai_su(D(2026, 1, 1))
    assert setai.counts == {(place.code, "1"): 1, (place.code, "2"): 1, (place.code, "3"): 1}
    persons = jinko.jinko(D(2026, 1, 1), by=("shubetsu", "kokuseki"))
    assert persons.counts == {
        (JuminShubetsu.JAPANESE.value, ""): 2,
        (JuminShubetsu.FOREIGN.value, "アメリカ合衆国"): 2,
    }


def test_the_kukan_tenshutsu_johyo_counts_nothing_as_the_live_record_carries_the_stay() -> None:
    snap = {
        "status": "johyo", "jumin_date": "2010-04-01", "shojo_jiyu": "kukan_tenshutsu",
        "shojo_date": "2025-01-10", "chouaza_code": "x", "seinengappi": "1980-01-01",
    }  # fmt: skip
    assert kikan_of([Rireki(1, 1, "ikou", D(2024, 4, 1), snap)]) == []


@pytest.mark.django_db
def test_a_migrated_person_counts_from_the_jumin_date_before_the_migration_row() -> None:
    """j1080 from go-live: the データ移行 row is dated at the migration (2024-04-01 here),
    the stay it records began on the 住民となった年月日."""
    register_household(JuminFactory.build(jumin_date=D(2015, 7, 1)))
    assert [total(d) for d in (D(2015, 6, 30), D(2015, 7, 1), D(2024, 3, 31))] == [0, 1, 1]


@pytest.mark.django_db
def test_a_shokken_shusei_of_the_jumin_date_moves_the_start_of_the_stay() -> None:
    """住基法施行令第12条第3項: the corrected 住民となった年月日 is the one that holds."""
    (j,) = register_household(JuminFactory.build(jumin_date=D(2020, 5, 10)))
    change(j, IdoJiyu.SHOKKEN_SHUSEI, D(2025, 1, 20), jumin_date=D(2020, 5, 1))
    assert total(D(2020, 5, 1)) == 1


@pytest.mark.django_db
def test_the_figures_carry_the_history_row_they_stand_on_and_kijun_asks_them_again() -> None:
    (j,) = register_household(JuminFactory.build())
    first = jinko.jinko(D(2025, 6, 1), by=())
    change(
        j, IdoJiyu.SHIBOU, D(2025, 3, 1),
        status=JuminStatus.JOHYO, shojo_jiyu=ShojoJiyu.SHIBOU, shojo_date=D(2025, 3, 1),
    )  # fmt: skip
    later = jinko.jinko(D(2025, 6, 1), by=())
    assert (first.total(), later.total()) == (1, 0)
    assert later.rireki_made > first.rireki_made
    assert jinko.jinko(D(2025, 6, 1), by=(), kijun=first.rireki_made).total() == 1


@pytest.mark.django_db
def test_the_figures_of_one_block_stand_on_the_row_its_first_catch_up_reached() -> None:
    """jinko.one_catch_up(): the tables of one page agree (and cost one catch-up);
    outside the block the next figure sees the history as it stands."""
    (j,) = register_household(JuminFactory.build())
    with jinko.one_catch_up():
        first = jinko.jinko(D(2025, 6, 1), by=())
        change(
            j, IdoJiyu.SHIBOU, D(2025, 3, 1),
            status=JuminStatus.JOHYO, shojo_jiyu=ShojoJiyu.SHIBOU, shojo_date=D(2025, 3, 1),
        )  # fmt: skip
        with jinko.one_catch_up():  # a block inside another uses the outer one's
            same = jinko.jinko(D(2025, 6, 1), by=())
    assert (first.total(), same.total()) == (1, 1)
    assert same.rireki_made == first.rireki_made
    after = jinko.jinko(D(2025, 6, 1), by=())
    assert after.total() == 0 and after.rireki_made > first.rireki_made


def test_an_unknown_axis_is_refused_by_name() -> None:
    with pytest.raises(ValueError, match="集計の軸"):
        jinko.jinko(D(2025, 1, 1), by=("jusho",))  # type: ignore[arg-type]


def test_a_johyo_without_its_shojo_date_ends_on_the_day_of_its_shojo_row() -> None:
    live = {"status": "live", "jumin_date": "2010-04-01", "seinengappi": "1980-01-01"}
    gone = {**live, "status": "johyo", "shojo_jiyu": "shibou"}
    rows = [Rireki(1, 1, "ikou", D(2024, 4, 1), live), Rireki(2, 2, "shibou", D(2025, 1, 5), gone)]
    (kikan,) = kikan_of(rows)
    assert (kikan.kaishi_date, kikan.shuryo_date, kikan.shuryo_jiyu) == (
        D(2010, 4, 1),
        D(2025, 1, 5),
        "shibou",
    )


@pytest.mark.django_db(transaction=True)
def test_the_aggregates_get_their_work_mem_for_their_own_transaction_only() -> None:
    """PostgreSQL: settings.STATS_WORK_MEM inside ``aggregate_memory`` (SET LOCAL), the
    server's own value after it; on SQLite a no-op that still runs what it wraps."""
    from django.conf import settings
    from django.db import connection

    from stats.jinko.query import aggregate_memory

    register_household(JuminFactory.build())
    if connection.vendor != "postgresql":
        with aggregate_memory():
            assert total(D(2026, 1, 1)) == 1
        return
    with connection.cursor() as cursor:
        cursor.execute("SHOW work_mem")
        before = cursor.fetchone()[0]
        with aggregate_memory():
            cursor.execute("SHOW work_mem")
            assert cursor.fetchone()[0] == settings.STATS_WORK_MEM
        cursor.execute("SHOW work_mem")
        assert cursor.fetchone()[0] == before != settings.STATS_WORK_MEM
    assert total(D(2026, 1, 1)) == 1
