"""人口統計 over the register's own procedures (ADR 0038): the 転出予定者, the 転入通知 that
moves a 消除年月日 back, the 転出取消, the 区間転入 of a 指定都市."""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Max

from juki.models import Chouaza, Jumin, JuminRireki
from stats import jinko

from .procedures import run
from .test_kukan_tennyu import MOVED, wards
from .test_kukan_tennyu import entry_for as kukan_entry
from .test_kukan_tennyu import family as kukan_family
from .test_tenshutsu import TODAY, YOTEI, entry_for, family, shojo_on
from .test_tenshutsu_yotei import at, inbox, tennyu_tsuchi, tenshutsu_yotei, torikeshi

__all__ = ["family", "kukan_family", "wards"]  # the fixtures

DAY = datetime.timedelta(days=1)


def total(day: datetime.date, **kw: Any) -> int:
    return jinko.jinko(day, by=(), **kw).total()


def test_a_tenshutsu_yotei_sha_counts_until_the_date_whether_or_not_the_shojo_has_run(
    family: dict[str, Jumin], contractor: Any, clerk: Any
) -> None:
    """標準仕様書 j1080 and 住基法施行令第8条: a resident until the 転出予定日."""
    run("tenshutsu", entry_for(family["taro"]), contractor, clerk)
    figures = [total(d) for d in (TODAY, YOTEI - DAY, YOTEI)]
    assert figures == [4, 4, 3]
    shojo_on(YOTEI)
    assert [total(d) for d in (TODAY, YOTEI - DAY, YOTEI)] == figures


def test_a_late_tennyu_tsuchi_moves_the_past_figures_and_kijun_gives_the_earlier_ones(
    family: dict[str, Jumin], contractor: Any, clerk: Any
) -> None:
    """住基法第9条第1項, j50: the 消除年月日 becomes the earlier 転入日; the figures read the
    register as it stands, those as it stood stay askable by their history row."""
    taro = family["taro"]
    run("tenshutsu", entry_for(taro), contractor, clerk)
    shojo_on(YOTEI)
    before = total(YOTEI - DAY)
    mark = JuminRireki.objects.aggregate(m=Max("id"))["m"]
    inbox.receive("jukinet_cs", tennyu_tsuchi(taro, tennyu=YOTEI - 2 * DAY))
    with at(YOTEI + 3 * DAY):
        assert tenshutsu_yotei.shojo_due().by_tsuchi == 1
    assert total(YOTEI - DAY) == before - 1
    assert total(YOTEI - 3 * DAY) == 4
    assert total(YOTEI - DAY, kijun=mark) == before


def test_a_tenshutsu_torikeshi_gives_the_person_back_the_stay_as_if_never_removed(
    family: dict[str, Jumin], contractor: Any, clerk: Any, second_clerk: Any
) -> None:
    """The 届出 is void (転出取消): the 住民票 is restored, the stay unbroken."""
    taro = family["taro"]
    run("tenshutsu", entry_for(taro), contractor, clerk)
    shojo_on(YOTEI)
    assert total(YOTEI) == 3
    torikeshi(taro, contractor, second_clerk)
    assert [total(d) for d in (TODAY, YOTEI, YOTEI + 30 * DAY)] == [4, 4, 4]


def test_a_kukan_tennyu_moves_the_household_between_wards_and_keeps_the_city_total(
    kukan_family: dict[str, Jumin], wards: dict[str, Chouaza], contractor: Any, clerk: Any
) -> None:
    """ADR 0021: the 除票 the ward left keeps is a copy of the stay: counted once."""
    run(
        "kukan_tennyu",
        kukan_entry(*kukan_family.values(), place=wards["kanagawa"]),
        contractor,
        clerk,
    )
    by_ward = {d: jinko.jinko(d, by=("gyouseiku",)).counts for d in (MOVED - DAY, MOVED, TODAY)}
    assert by_ward == {
        MOVED - DAY: {("14101",): 3},
        MOVED: {("14102",): 3},
        TODAY: {("14102",): 3},
    }
    households = jinko.setai_su(MOVED, by=("gyouseiku", "setai_shubetsu"))
    assert households.counts == {("14102", "1"): 1}
