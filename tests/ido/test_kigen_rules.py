"""The deadlines of the 異動届 by the calendar of the law (jputil.kigen), rule by rule.

地方自治法第4条の2第4項 moves a 期限 that ends on a 休日 to the next working day; each
deadline check of juki/ido goes through ``jputil.kigen.kikan_manryo``.
"""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.utils import timezone

from counter.procedure_kinds import get_kind
from juki.ido import kernel, shibou, shussei
from juki.ido.tennyu import TennyuEntryForm, entry_post_data, tennyu_entry
from juki.models import Jumin, Seibetsu

from ..factories import ChouazaFactory, receive_tenshutsu_joho
from ._shokken import plan_of
from .test_tennyu import family as tennyu_family

TODAY = timezone.localdate()
D = datetime.date


# --- 住基法第22条・第23条・第25条 (and 第30条の46 through the 転入's check): 14 days ----------


def test_a_notice_on_the_working_day_after_a_kyujitsu_deadline_is_in_time() -> None:
    # moved 2026-11-07: day 14 is 11-21 (土); 11-22 (日), 11-23 (勤労感謝の日) → 11-24 (火)
    assert kernel.todoke_kikan_flag(D(2026, 11, 7), D(2026, 11, 24)) is None


def test_a_notice_after_the_moved_deadline_is_flagged_with_the_deadline_and_the_law() -> None:
    flag = kernel.todoke_kikan_flag(D(2026, 11, 7), D(2026, 11, 25))
    assert flag is not None and flag.startswith("届出期間経過")
    assert "1日超過" in flag
    assert "期限 令和8年11月24日" in flag and "土曜日のため翌開庁日" in flag
    assert "地方自治法第4条の2" in flag


def test_the_nenmatsu_nenshi_moves_the_14_days_past_january_3() -> None:
    # moved 2025-12-15: day 14 is 12-29 → 2026-01-05 (1-3 土, 1-4 日)
    assert kernel.todoke_kikan_flag(D(2025, 12, 15), D(2026, 1, 5)) is None
    assert kernel.todoke_kikan_flag(D(2025, 12, 15), D(2026, 1, 6)) is not None


def test_late_flag_of_a_tenkyo_names_its_own_article_with_the_moved_deadline() -> None:
    flag = kernel.late_flag(D(2026, 11, 7), D(2026, 11, 26), "住基法第23条")
    assert flag is not None and "住基法第23条" in flag and "2日超過" in flag
    assert kernel.late_flag(D(2026, 11, 7), D(2026, 11, 24), "住基法第23条") is None


# --- 住基法第24条: a 転出 notified after the move, within 14 days (準ずる証明書 after) ----------


def test_a_tenshutsu_on_the_working_day_after_a_kyujitsu_deadline_is_not_late() -> None:
    assert not kernel.is_late_tenshutsu(D(2026, 11, 24), D(2026, 11, 7))
    assert kernel.is_late_tenshutsu(D(2026, 11, 25), D(2026, 11, 7))
    # a working-day deadline stays: moved 12-01, day 14 is 12-15 (火)
    assert not kernel.is_late_tenshutsu(D(2026, 12, 15), D(2026, 12, 1))
    assert kernel.is_late_tenshutsu(D(2026, 12, 16), D(2026, 12, 1))


# --- 住基法第24条の2・施行令第24条の2: 特例転入 until the earlier of two deadlines -------------


def test_tokurei_kigen_is_the_earlier_of_tennyu_14_and_yotei_30() -> None:
    # 転出予定日 11-01 + 30 = 12-01 (火); 転入日 11-10 + 14 = 11-24 (火): 転入日's is earlier
    last, rule = kernel.tokurei_kigen(D(2026, 11, 10), D(2026, 11, 1))
    assert last == D(2026, 11, 24) and rule.startswith("転入日")
    # 転入日 11-20 + 14 = 12-04; 転出予定日's 12-01 is earlier
    last, rule = kernel.tokurei_kigen(D(2026, 11, 20), D(2026, 11, 1))
    assert last == D(2026, 12, 1) and rule.startswith("転出予定日") and "30日以内" in rule


def test_tokurei_kigen_moves_past_a_kyujitsu() -> None:
    # 転出予定日 10-22 + 30 = 11-21 (土) → 11-24; 転入日 late enough not to matter
    last, rule = kernel.tokurei_kigen(D(2026, 11, 20), D(2026, 10, 22))
    assert last == D(2026, 11, 24) and "地方自治法第4条の2" in rule


def _tokurei(chouaza: Any, *, moved: datetime.date, yotei: datetime.date) -> dict[str, Any]:
    entry = tennyu_entry(
        chouaza=chouaza.code,
        persons=tennyu_family()[:1],
        tennyu_date=moved,
        tenshutsu_yotei_date=yotei,
        shoumeisho="tokurei",
    )
    return receive_tenshutsu_joho(entry)


@pytest.mark.django_db
def test_tokurei_more_than_14_days_after_the_tennyu_is_refused_though_within_30_of_yotei() -> None:
    chouaza = ChouazaFactory()
    # 転出予定日 + 30 is still ahead; 転入日 + 14 is past (even moved over the longest run of
    # 休日 since 1990, 10 days: 2019-04-27 to 05-06)
    entry = _tokurei(
        chouaza, moved=TODAY - datetime.timedelta(days=27), yotei=TODAY - datetime.timedelta(28)
    )
    form = TennyuEntryForm(entry_post_data(entry), kind=get_kind("tennyu_tokurei"))  # type: ignore[arg-type]
    assert not form.is_valid()
    message = " ".join(form.errors["todoke_date"])
    assert "特例転入は転入日" in message and "14日以内" in message
    assert "住基法第24条の2" in message and "施行令第24条の2" in message
    # the same move by a paper 転出証明書 is a 転入 accepted with the 届出期間 flag only
    paper = tennyu_entry(
        chouaza=chouaza.code,
        persons=tennyu_family()[:1],
        tennyu_date=TODAY - datetime.timedelta(27),
    )
    assert TennyuEntryForm(entry_post_data(paper), kind=get_kind("tennyu")).is_valid()  # type: ignore[arg-type]


@pytest.mark.django_db
def test_tokurei_within_both_deadlines_is_accepted() -> None:
    chouaza = ChouazaFactory()
    entry = _tokurei(
        chouaza, moved=TODAY - datetime.timedelta(days=3), yotei=TODAY - datetime.timedelta(5)
    )
    form = TennyuEntryForm(entry_post_data(entry), kind=get_kind("tennyu_tokurei"))  # type: ignore[arg-type]
    assert form.is_valid(), form.errors


@pytest.mark.django_db
def test_a_tokurei_where_nobody_shows_a_card_is_refused_and_a_paper_tennyu_is_not() -> None:
    """住基法第24条の2第1項: the 特例転入 is made with the 個人番号カード; a household's
    members may come without one (第2項), but somebody shows it."""
    chouaza = ChouazaFactory()
    moved, yotei = TODAY - datetime.timedelta(days=3), TODAY - datetime.timedelta(5)
    entry = tennyu_entry(
        chouaza=chouaza.code, persons=tennyu_family()[:2], tennyu_date=moved,
        tenshutsu_yotei_date=yotei, shoumeisho="tokurei", mynumber_card=(),
    )  # fmt: skip
    entry = receive_tenshutsu_joho(entry)
    with pytest.raises(kernel.PlanRefused) as refused:
        get_kind("tennyu_tokurei").planned(entry)  # type: ignore[attr-defined]
    (problem,) = refused.value.problems
    assert problem.field == "persons.0.mynumber_card"
    assert "住基法第24条の2第1項" in problem.message
    # the second person's card is enough
    get_kind("tennyu_tokurei").planned({**entry, "mynumber_card": [1]})  # type: ignore[attr-defined]
    paper = tennyu_entry(chouaza=chouaza.code, persons=tennyu_family()[:2], tennyu_date=moved)
    assert paper["mynumber_card"] == []
    get_kind("tennyu").planned(paper)  # type: ignore[attr-defined]


# --- 戸籍法第49条・第86条 (the day itself counted, 第43条第1項) ----------------------------


def _late_flags(flags: list[str]) -> list[str]:
    return [f for f in flags if "届出期間経過" in f or "日後の届出です" in f]


def _baby(family: dict[str, Jumin], born: datetime.date, todoke: datetime.date) -> Any:
    entry = shussei.shussei_entry(
        setai_bango=family["nushi"].setai.setai_bango,
        shi="髙橋",
        mei="三郎",
        shi_kana="タカハシ",
        mei_kana="サブロウ",
        seinengappi=born,
        seibetsu=Seibetsu.MALE,
        zokugara="子",
        honseki="東京都墨田区吾妻橋一丁目1番",
        hittousha="髙橋　一郎",
        todoke_date=todoke,
    )
    return plan_of("shussei", entry)


def test_shussei_14_days_count_the_birthday_and_move_past_a_kyujitsu(
    family: dict[str, Jumin],
) -> None:
    # 戸籍法第49条・第43条: born 2026-11-08, day 14 is 11-21 (土) → 11-24 (火)
    born = D(2026, 11, 8)
    assert _late_flags(_baby(family, born, D(2026, 11, 24)).flags) == []
    (flag,) = _late_flags(_baby(family, born, D(2026, 11, 25)).flags)
    assert "戸籍法第49条" in flag and "期限 令和8年11月24日" in flag
    # born 2026-10-27: day 14 is 11-09 (月), a working day; 11-10 is late
    assert _late_flags(_baby(family, D(2026, 10, 27), D(2026, 11, 9)).flags) == []
    assert _late_flags(_baby(family, D(2026, 10, 27), D(2026, 11, 10)).flags)


def test_shibou_7_days_count_the_day_of_death_and_move_past_a_kyujitsu(
    family: dict[str, Jumin],
) -> None:
    tsuma = family["tsuma"]

    def flags(day: datetime.date, todoke: datetime.date) -> list[str]:
        entry = shibou.shibou_entry(
            atena_bango=tsuma.atena_bango, shibou_date=day, todoke_date=todoke
        )
        return _late_flags(plan_of("shibou", entry).flags)

    # 戸籍法第86条・第43条: died 2026-11-15, day 7 is 11-21 (土) → 11-24 (火)
    assert flags(D(2026, 11, 15), D(2026, 11, 24)) == []
    (flag,) = flags(D(2026, 11, 15), D(2026, 11, 25))
    assert "戸籍法第86条" in flag and "期限 令和8年11月24日" in flag
    # died 2026-11-04 (水): day 7 is 11-10 (火); 11-11 is late (the day of death counts)
    assert flags(D(2026, 11, 4), D(2026, 11, 10)) == []
    assert flags(D(2026, 11, 4), D(2026, 11, 11))
