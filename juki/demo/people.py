"""A person being generated and the generator's basics: chance, ages, names, 本籍."""

from __future__ import annotations

import bisect
import itertools
import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

import jaconv
from faker import Faker

from jputil.wareki import parse_recorded_date, to_wareki_parts

from ..models import Chouaza, Seibetsu
from .data import (
    _COUNTRY_WEIGHTS,
    COUNTRIES,
    EXTRA_SURNAMES,
    ITAIJI_SURNAMES,
    OLD_FEMALE_NAMES,
    OLD_MALE_NAMES,
    OTHER_TOWNS,
    YOUNG_FEMALE_NAMES,
    YOUNG_MALE_NAMES,
    _Country,
    _pyramid,
    _shift_years,
)
from .places import _kanji_number

MALE = Seibetsu.MALE.value
FEMALE = Seibetsu.FEMALE.value


@dataclass
class _Member:
    """A person being generated (turned into a Jumin at the end)."""

    zokugara: str
    sex: str
    age: int
    shi: str
    mei: str
    shi_kana: str
    mei_kana: str
    birth: date = date.min
    birth_hyoki: str = ""
    honseki: str = ""
    hittousha: str = ""
    # foreign residents
    kokuseki: str = ""
    name_alphabet: str = ""
    kubun: str = ""
    zairyu_shikaku: str = ""
    tsushou: str = ""
    tsushou_kana: str = ""
    # 除票
    shojo: str = ""
    # filled by the household pass
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def foreign(self) -> bool:
        return bool(self.kokuseki)


class _Base:
    """The state of one generation run and the small draws every shape uses."""

    def __init__(
        self, rng: random.Random, chouaza: Sequence[Chouaza], faker_seed: int, today: date
    ) -> None:
        if not chouaza:
            raise ValueError("町字がありません（load_chouaza を先に実行してください）。")
        self.rng = rng
        self.chouaza = list(chouaza)
        self.today = today
        self.faker = Faker("ja_JP")
        self.faker.seed_instance(faker_seed)
        self.used_juminhyo: set[str] = set()
        self.used_kojin: set[str] = set()
        self.used_cards: set[str] = set()
        self.persons = 0
        self.foreign_persons = 0
        self.households = 0
        self.itaiji_pending = True
        self.itaiji_force_at = rng.randrange(5)
        self._age_tables: dict[tuple[int, int, str], tuple[list[int], list[float]]] = {}

    # ---- small helpers -------------------------------------------------------

    def chance(self, p: float) -> bool:
        return self.rng.random() < p

    def age_between(self, lo: int, hi: int, profile: str = "") -> int:
        """An age in [lo, hi] weighted by the population pyramid (and a profile)."""
        if hi <= lo:
            return max(lo, 0)
        key = (lo, hi, profile)
        table = self._age_tables.get(key)
        if table is None:
            ages = list(range(lo, hi + 1))
            weights = []
            for a in ages:
                w = _pyramid(a)
                if profile == "single" and 20 <= a <= 34:
                    w *= 2.0  # Tokyo: many young people living alone
                elif profile == "single" and a >= 65:
                    w *= 1.8  # and many old people
                elif profile == "couple" and a >= 60:
                    w *= 2.4  # empty nests
                weights.append(w)
            table = (ages, list(itertools.accumulate(weights)))
            self._age_tables[key] = table
        ages, cum = table
        return ages[bisect.bisect(cum, self.rng.random() * cum[-1])]

    def birth_for(self, age: int) -> date:
        """A birth date giving exactly ``age`` today."""
        latest = _shift_years(self.today, -age)
        earliest = _shift_years(self.today, -age - 1) + timedelta(days=1)
        return earliest + timedelta(days=self.rng.randrange((latest - earliest).days + 1))

    def child_age(self, parents: Sequence[int], cap: int = 35) -> int | None:
        """A child's age: born 21–39 years after each parent (None if impossible)."""
        lo = max(0, *(a - 39 for a in parents))
        hi = min(cap, *(a - 21 for a in parents))
        if hi < lo:
            return None
        return self.age_between(lo, hi)

    def spouse_age(self, head_age: int, head_sex: str) -> int:
        diff = self.rng.choice((-3, -2, -1, 0, 0, 1, 1, 2, 2, 3, 4, 5, 7))
        age = head_age - diff if head_sex == MALE else head_age + diff
        return max(18, min(age, 102))

    # ---- names ---------------------------------------------------------------

    def surname(self, allow_itaiji: bool = True) -> tuple[str, str]:
        if allow_itaiji and (
            (self.itaiji_pending and self.households >= self.itaiji_force_at) or self.chance(0.007)
        ):
            self.itaiji_pending = False
            return self.rng.choice(ITAIJI_SURNAMES)
        if self.chance(0.3):
            return self.rng.choice(EXTRA_SURNAMES)
        kanji, kana, _romaji = self.faker.last_name_pair()
        return kanji, jaconv.hira2kata(kana)

    def given_name(self, sex: str, age: int) -> tuple[str, str]:
        if age >= 70 and self.chance(0.6):
            return self.rng.choice(OLD_MALE_NAMES if sex == MALE else OLD_FEMALE_NAMES)
        if age <= 15 and self.chance(0.5):
            return self.rng.choice(YOUNG_MALE_NAMES if sex == MALE else YOUNG_FEMALE_NAMES)
        pair = (
            self.faker.first_name_male_pair()
            if sex == MALE
            else self.faker.first_name_female_pair()
        )
        return pair[0], jaconv.hira2kata(pair[1])

    def japanese(self, zokugara: str, sex: str, age: int, shi: tuple[str, str]) -> _Member:
        mei = self.given_name(sex, age)
        member = _Member(zokugara, sex, age, shi[0], mei[0], shi[1], mei[1])
        member.birth = self.birth_for(age)
        if member.birth < date(1989, 1, 1) and self.chance(1 / 800):
            self.recorded_birth(member)
        return member

    def recorded_birth(self, member: _Member) -> None:
        """j80: a birth date recorded as partly unknown (「昭和10年月日不詳」)."""
        era, year = to_wareki_parts(member.birth)
        year_text = "元" if year == 1 else str(year)
        text = (
            f"{era.name}{year_text}年月日不詳"
            if self.chance(0.6)
            else f"{era.name}{year_text}年{member.birth.month}月日不詳"
        )
        recorded = parse_recorded_date(text)
        member.birth, member.birth_hyoki = recorded.sort_date, recorded.text

    def foreign_member(
        self,
        zokugara: str,
        sex: str,
        age: int,
        country: _Country,
        surname: tuple[str, str, str] | None = None,
        avoid: Sequence[_Member] = (),
    ) -> _Member:
        sur = surname or self.rng.choice(country.surnames)
        names = country.male if sex == MALE else country.female
        given = self.rng.choice(names)
        taken = {m.mei for m in avoid}
        for _retry in range(3):
            if given[1] not in taken:
                break
            given = self.rng.choice(names)
        member = _Member(zokugara, sex, age, sur[1], given[1], sur[2], given[2])
        member.kokuseki = country.name
        member.name_alphabet = f"{sur[0]} {given[0]}"
        member.birth = self.birth_for(age)
        return member

    # ---- 本籍 ----------------------------------------------------------------

    def place(self) -> str:
        """A 本籍: in this city (a third) or a real 町域 elsewhere."""
        if self.chance(0.33):
            c = self.rng.choice(self.chouaza)
            return f"{c.prefecture}{c.city}{c.name}{self.rng.randint(1, 30)}番"
        return self.other_address(honseki=True)[0]

    def other_address(self, *, honseki: bool = False) -> tuple[str, str]:
        """(an address in a real 町域 elsewhere, its 郵便番号); a 本籍 has no 号."""
        rng = self.rng
        postal_code, pref, city, town, chome = rng.choice(OTHER_TOWNS)
        if chome:
            banchi = (
                f"{rng.randint(1, 20)}番"
                if honseki
                else (f"{rng.randint(1, 20)}番{rng.randint(1, 20)}号")
            )
            text = f"{pref}{city}{town}{_kanji_number(rng.randint(1, 3))}丁目{banchi}"
        else:
            banchi = (
                f"{rng.randint(1, 999)}番地"
                if honseki
                else (f"{rng.randint(1, 999)}番地{rng.randint(1, 9)}")
            )
            text = f"{pref}{city}{town}{banchi}"
        return text, postal_code

    def koseki(
        self, members: Sequence[_Member], hittousha: str, honseki: str | None = None
    ) -> None:
        place = honseki or self.place()
        for m in members:
            if not m.foreign:
                m.honseki, m.hittousha = place, hittousha

    def parents_koseki(self, member: _Member) -> None:
        """A person still in the parents' 戸籍 (筆頭者: the father)."""
        father, _kana = self.given_name(MALE, member.age + 30)
        self.koseki([member], f"{member.shi}　{father}")

    def pick_country(self) -> _Country:
        return COUNTRIES[bisect.bisect(_COUNTRY_WEIGHTS, self.rng.random() * _COUNTRY_WEIGHTS[-1])]
