"""4情報 search through the folded keys; numbers by check digit; 除票 only when asked."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from counter.models import AuditAction, AuditLog
from juki.models import JuminStatus, Seibetsu
from juki.search import Conditions, search_residents

from .conftest import login_as
from .factories import ChouazaFactory, JuminFactory, register_household, resident


@pytest.fixture
def people() -> dict[str, object]:
    place = ChouazaFactory(
        name="東駒形一丁目", kana="ヒガシコマガタ1チョウメ", postal_code="1300005"
    )
    takahashi = register_household(
        JuminFactory.build(
            shi="髙橋",
            mei="一郎",
            shi_kana="タカハシ",
            mei_kana="イチロウ",
            seinengappi=datetime.date(1975, 5, 5),
        ),
        JuminFactory.build(
            shi="髙橋",
            mei="花子",
            shi_kana="タカハシ",
            mei_kana="ハナコ",
            zokugara="妻",
            seibetsu=Seibetsu.FEMALE,
            seinengappi=datetime.date(1977, 7, 7),
        ),
        chouaza=place,
    )
    watanabe = resident(
        shi="渡邊",
        mei="誠",
        shi_kana="ワタナベ",
        mei_kana="マコト",
        seinengappi=datetime.date(1990, 1, 2),
    )
    yoshida = resident(
        shi="𠮷田", mei="裕子", shi_kana="ヨシダ", mei_kana="ユウコ", seibetsu=Seibetsu.FEMALE
    )
    sato = resident(
        shi="佐藤",
        mei="翔",
        shi_kana="サトウ",
        mei_kana="ショウ",
        status=JuminStatus.JOHYO,
        shojo_jiyu="tenshutsu",
    )
    return {
        "takahashi": takahashi,
        "watanabe": watanabe,
        "yoshida": yoshida,
        "sato": sato,
        "place": place,
    }


def names(cond: Conditions) -> list[str]:
    return [p.full_name for p in search_residents(cond)]


@pytest.mark.django_db
def test_kana_search_folds_width_voicing_small_kana_and_long_vowels(people) -> None:
    for query in ("タカハシ", "たかはし", "ﾀｶﾊｼ", "タカハシ　イチロー", "タガハシ イチロ"):
        assert "髙橋　一郎" in names(Conditions(shimei=query)), query
    assert names(Conditions(shimei="ユーコ", mei_only=True)) == ["𠮷田　裕子"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("高橋", "髙橋　一郎"),
        ("渡辺", "渡邊　誠"),
        ("渡邉", "渡邊　誠"),
        ("吉田", "𠮷田　裕子"),
        ("𠮷田裕", "𠮷田　裕子"),
    ],
)
def test_kanji_search_folds_itaiji(people, query: str, expected: str) -> None:
    assert expected in names(Conditions(shimei=query))


@pytest.mark.django_db
def test_four_information_narrowing(people) -> None:
    place = people["place"]
    assert names(Conditions(shimei="タカハシ", seinengappi=datetime.date(1977, 7, 7))) == [
        "髙橋　花子"
    ]
    assert names(Conditions(shimei="タカハシ", seibetsu=Seibetsu.MALE)) == ["髙橋　一郎"]
    assert len(names(Conditions(chouaza=place, banchi="1番"))) == 2


@pytest.mark.django_db
def test_johyo_only_when_asked(people) -> None:
    assert names(Conditions(shimei="サトウ")) == []
    assert names(Conditions(shimei="サトウ", include_johyo=True)) == ["佐藤　翔"]


@pytest.mark.django_db
def test_exact_numbers(people) -> None:
    person = people["watanabe"]
    assert names(Conditions(atena_bango=person.atena_bango)) == ["渡邊　誠"]
    assert names(Conditions(juminhyo_code=person.juminhyo_code)) == ["渡邊　誠"]
    assert names(Conditions(kojin_bango=person.kojin_bango)) == ["渡邊　誠"]


def _plan(sql: str, *, analyze: bool = False) -> str:
    prefix = "EXPLAIN QUERY PLAN " if connection.vendor == "sqlite" else "EXPLAIN "
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            if analyze:
                # statistics of this test's rows, not of an earlier test's register; and
                # ask for a plan in index order: on a few dozen rows, reading the whole
                # 町字 and sorting is as cheap (bench/search.py shows the plans at scale)
                cursor.execute("ANALYZE juki_jumin")
                cursor.execute("SET LOCAL enable_sort = off")
            # a handful of rows would be scanned; ask whether the index *can* serve
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute("SET LOCAL enable_bitmapscan = off")
        cursor.execute(prefix + sql)
        return " ".join(str(row) for row in cursor.fetchall())


@pytest.mark.django_db
def test_the_prefix_is_an_index_range_read_in_index_order(people) -> None:
    qs = search_residents(Conditions(shimei="タカハシ"))[:51]
    with CaptureQueriesContext(connection) as ctx:
        list(qs)
    sql = ctx.captured_queries[0]["sql"]  # then the page's 町字 by primary key
    assert '"search_kana" >= ' in sql and '"search_kana" < ' in sql
    # with this test's statistics: an earlier test's ANALYZE leaves its row count behind
    # (pg_class.reltuples is not rolled back), and on tiny tables a sort may then look
    # as cheap as the ordered index
    plan = _plan(sql, analyze=True)
    assert "jumin_search_kana" in plan
    assert "SORT" not in plan.upper()  # the first page comes from the index, unsorted


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("shimei", "index"),
    [("タカハシ", "jumin_chouaza_search_kana"), ("高橋", "jumin_chouaza_search_kanji")],
)
def test_surname_sex_and_chouaza_read_only_that_chouaza_in_index_order(
    people, shimei: str, index: str
) -> None:
    """氏 + 性別 + 町字 (bench/search.py's slowest shape, ADR 0023): the 町字 is the
    index's first column and an equality, so the surname's range is read inside that 町字
    and in key order, not over everyone with that surname."""
    elsewhere = ChouazaFactory()
    for i in range(40):  # the surname is common in the city, rare in the 町字 searched
        resident(shi="髙橋", mei=f"花子{i}", shi_kana="タカハシ", mei_kana="ハナコ",
                 seibetsu=Seibetsu.FEMALE, chouaza=elsewhere)  # fmt: skip
    cond = Conditions(shimei=shimei, seibetsu=Seibetsu.FEMALE, chouaza=people["place"])
    qs = search_residents(cond)[:51]
    with CaptureQueriesContext(connection) as ctx:
        assert [p.full_name for p in qs] == ["髙橋　花子"]
    plan = _plan(ctx.captured_queries[0]["sql"], analyze=True)
    assert index in plan
    assert "SORT" not in plan.upper()


@pytest.mark.django_db
def test_the_search_query_joins_nothing_and_the_chouaza_come_by_primary_key(people) -> None:
    """No join in the search's query (ADR 0023): PostgreSQL would hash-join and sort every
    match of a common full name it estimates rare; the page's 町字 come in one more query."""
    with CaptureQueriesContext(connection) as ctx:
        found = list(search_residents(Conditions(shimei="タカハシ"))[:51])
    assert [p.chouaza.name for p in found] == ["東駒形一丁目", "東駒形一丁目"]
    search, chouaza = (q["sql"] for q in ctx.captured_queries)
    assert "JOIN" not in search.upper()
    assert '"juki_chouaza"' in chouaza and '"juki_jumin"' not in chouaza


@pytest.mark.django_db
def test_keys_compare_by_code_point_on_every_database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 'ア' < 'あ'")  # katakana U+30A2 > hiragana U+3042 by code point
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT collation_name FROM information_schema.columns"
                " WHERE table_name = 'juki_jumin' AND column_name = 'search_kana'"
            )
            assert cursor.fetchone()[0] == "C"


@pytest.mark.django_db
def test_search_screen_lists_marks_and_logs(client: Client, contractor, people) -> None:
    login_as(client, contractor)
    response = client.get("/juki/search/", {"shimei": "サトウ", "include_johyo": "on"})
    html = response.content.decode()
    assert "佐藤　翔" in html and "除票" in html
    log = AuditLog.objects.get(action=AuditAction.SEARCH)
    # the persons the page listed (counter/reads.py): here the one 佐藤, a 除票
    sato = people["sato"]
    assert log.detail == {
        "shimei": "サトウ",
        "include_johyo": "True",
        "whom": [f"jumin:{sato.atena_bango}"],  # type: ignore[attr-defined]
        "count": 1,
    }


@pytest.mark.django_db
def test_search_screen_rejects_bad_numbers_and_keeps_input(
    client: Client, contractor, people
) -> None:
    login_as(client, contractor)
    response = client.get("/juki/search/", {"kojin_bango": "621498320258", "shimei": "タカハシ"})
    html = response.content.decode()
    assert "個人番号のチェックデジットが正しくありません" in html
    assert 'value="621498320258"' in html and 'value="タカハシ"' in html
    response = client.get("/juki/search/", {"juminhyo_code": "24727059600"})
    assert (
        "住民票コード" in response.content.decode()
        and "チェックデジット" in response.content.decode()
    )
    assert not AuditLog.objects.filter(action=AuditAction.SEARCH).exists()


@pytest.mark.django_db
def test_search_screen_refuses_an_empty_search(client: Client, contractor) -> None:
    login_as(client, contractor)
    html = client.get("/juki/search/", {"seibetsu": "1"}).content.decode()
    assert "いずれかを入力してください" in html


@pytest.mark.django_db
def test_search_accepts_full_width_numbers_and_wareki(client: Client, contractor, people) -> None:
    login_as(client, contractor)
    person = people["watanabe"]
    wide = person.juminhyo_code.translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    html = client.get("/juki/search/", {"juminhyo_code": wide}).content.decode()
    assert "渡邊　誠" in html
    html = client.get(
        "/juki/search/", {"shimei": "ワタナベ", "seinengappi": "H2.1.2"}
    ).content.decode()
    assert "渡邊　誠" in html and "平成2年1月2日" in html


@pytest.mark.django_db
def test_search_results_query_count_does_not_grow(
    client: Client, contractor, django_assert_max_num_queries
) -> None:
    place = ChouazaFactory()
    for i in range(60):
        resident(shi="山田", mei=f"太郎{i}", shi_kana="ヤマダ", mei_kana="タロウ", banchi=f"{i}番")
    login_as(client, contractor)
    with django_assert_max_num_queries(14):
        response = client.get("/juki/search/", {"shimei": "ヤマダ"})
    assert response.content.decode().count("山田　太郎") == 50
    assert place is not None
