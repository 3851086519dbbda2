"""住民基本台帳関係年報 and ``manage.py jinko`` (issue 14, ADR 0038)."""

from __future__ import annotations

import csv
import datetime
import io
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from hypothesis import given
from hypothesis import strategies as st

from juki import services
from juki.models import IdoJiyu, Jumin, JuminShubetsu, JuminStatus, Seibetsu, ShojoJiyu
from stats.jinko.nenpo import dotai_hyo, jinko_setai_hyo, ken_hokoku, kijun_bi

from .factories import ChouazaFactory, JuminFactory, foreign_person, register_household

D = datetime.date


def ctx(jiyu: IdoJiyu, day: datetime.date) -> services.IdoContext:
    return services.IdoContext(acting_user=None, terminal=None, ido_jiyu=jiyu, ido_date=day)


def kisai(jiyu: IdoJiyu, day: datetime.date, **kw: Any) -> Jumin:
    j = JuminFactory.build(jumin_date=day, jusho_date=day, chouaza=ChouazaFactory(), **kw)
    setai = services.create_setai()
    services.register_person(j, setai, ctx(jiyu, day))
    services.set_setai_nushi(setai, j)
    return j


def shojo(j: Jumin, jiyu: IdoJiyu, shojo_jiyu: str, day: datetime.date) -> None:
    changes = {"status": JuminStatus.JOHYO, "shojo_jiyu": shojo_jiyu, "shojo_date": day}
    services.update_person(j, changes, ctx(jiyu, day))


def rows_of(hyo: Any) -> dict[Any, dict[str, Any]]:
    return {row[0]: dict(zip(hyo.header[1:], row[1:], strict=True)) for row in hyo.rows}


@pytest.fixture
def year_2025(db: Any) -> dict[str, Jumin]:
    """Four residents from before 2025, then a year of 異動 of every 年報 column."""
    a, b = register_household(JuminFactory.build(), JuminFactory.build(zokugara="子"))
    (c,) = register_household(foreign_person(card="AB00000001CD"))
    (d,) = register_household(JuminFactory.build(seibetsu=Seibetsu.FEMALE))
    kisai(IdoJiyu.TENNYU, D(2025, 1, 1))
    kisai(IdoJiyu.KOKUGAI_TENNYU, D(2025, 3, 3), **_foreign("AB00000002CD"))
    kisai(IdoJiyu.SHUSSEI, D(2025, 5, 5), seinengappi=D(2025, 5, 5))
    kisai(IdoJiyu.SHOKKEN_KISAI, D(2025, 7, 7))
    kisai(IdoJiyu.SHUSSEI, D(2026, 1, 1), seinengappi=D(2026, 1, 1))  # the next year's
    shojo(a, IdoJiyu.SHIBOU, ShojoJiyu.SHIBOU, D(2025, 2, 2))
    services.update_person(
        b, {"tenshutsu_yotei_date": D(2025, 12, 31)}, ctx(IdoJiyu.TENSHUTSU, D(2025, 12, 1))
    )
    shojo(c, IdoJiyu.KOKUGAI_TENSHUTSU, ShojoJiyu.KOKUGAI_TENSHUTSU, D(2025, 9, 9))
    shojo(d, IdoJiyu.SHOKKEN_SHOJO, ShojoJiyu.SHOKKEN_SHOJO, D(2025, 10, 10))
    return {"a": a, "b": b, "c": c, "d": d}


def _foreign(card: str) -> dict[str, Any]:
    return {
        "shubetsu": JuminShubetsu.FOREIGN, "kokuseki": "ベトナム", "zairyu_card_bango": card,
        "honseki": "", "hittousha": "",
    }  # fmt: skip


def test_ichigatsu_tsuitachi_genzai_is_the_register_at_the_end_of_31_december() -> None:
    assert kijun_bi(2026) == D(2025, 12, 31)


def test_the_dotai_of_the_year_counts_each_kisai_and_shojo_by_its_jiyu(
    year_2025: dict[str, Jumin],
) -> None:
    """住民基本台帳関係年報報告要領: 転入 (国内・国外), 出生, その他記載; 転出 (国内・国外),
    死亡, その他消除; the 転出予定者 of 31 December is a 転出 of the year (j1080)."""
    rows = rows_of(dotai_hyo(2026))
    assert rows["計"] == {
        "転入者数（国内）": 1, "転入者数（国外）": 1, "出生者数": 1, "その他記載数": 1,
        "住民票記載数": 4, "転出者数（国内）": 1, "転出者数（国外）": 1, "死亡者数": 1,
        "その他消除数": 1, "住民票消除数": 4, "増減数": 0, "自然増減数": 0, "社会増減数": 0,
    }  # fmt: skip
    assert rows["外国人住民"]["転入者数（国外）"] == 1
    assert rows["外国人住民"]["転出者数（国外）"] == 1


def test_the_nenpo_ties_one_ichigatsu_tsuitachi_to_the_next_by_the_dotai(
    year_2025: dict[str, Jumin],
) -> None:
    before, after = rows_of(jinko_setai_hyo(2025)), rows_of(jinko_setai_hyo(2026))
    dotai = rows_of(dotai_hyo(2026))
    for label in ("日本人住民", "外国人住民", "計"):
        assert after[label]["計"] == before[label]["計"] + dotai[label]["増減数"], label
    assert before["計"]["計"] == 4 and after["計"]["計"] == 4
    assert after["計"]["世帯数"] == 4  # one household each (the 4 registered 2025)


def test_the_ken_hokoku_is_one_figure_per_line_with_the_dantai_code(
    year_2025: dict[str, Jumin], settings: Any
) -> None:
    settings.MUNICIPALITY_CODE = "13107"
    hyo = ken_hokoku(2026)
    assert hyo.header == ("団体コード", "調査期日", "表", "区分", "項目", "値")
    line = next(
        r for r in hyo.rows if r[2].startswith("人口動態") and r[3] == "計" and r[4] == "出生者数"
    )
    assert line[:2] == ("13107", "2026-01-01") and line[5] == 1


def test_manage_py_jinko_writes_the_chouaza_table_as_csv(year_2025: dict[str, Jumin]) -> None:
    out = io.StringIO()
    call_command("jinko", "--as-of", "2025-12-31", "--format", "csv", stdout=out)
    rows = list(csv.reader(io.StringIO(out.getvalue())))
    assert rows[0][:4] == ["町字コード", "町字", "日本人男", "日本人女"]
    total = dict(zip(rows[0], rows[-1], strict=True))
    assert total["町字"] == "合計" and total["総数計"] == "4" and total["世帯数（計）"] == "4"


def test_manage_py_jinko_nenpo_writes_every_table_titled(year_2025: dict[str, Jumin]) -> None:
    out = io.StringIO()
    call_command("jinko", "--nenpo", "2026", stdout=out)
    text = out.getvalue()
    for title in (
        "人口及び世帯数",
        "人口動態",
        "年齢階級別人口",
        "各歳別人口",
        "国籍・地域別",
        "在留資格別",
    ):
        assert title in text


@given(st.text(max_size=20))
def test_manage_py_jinko_refuses_a_bad_date_in_japanese(text: str) -> None:
    try:
        datetime.date.fromisoformat(text)
    except ValueError:
        with pytest.raises(CommandError, match=r"YYYY-MM-DD|どちらか"):
            call_command("jinko", "--as-of", text, stdout=io.StringIO())
