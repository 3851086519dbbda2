"""Property (issue 14): for random sequences of 異動, the 人口統計 of any past day equals
the count over a copy of the register rolled back to that day.

The copy is the test's own: every change the sequence makes is also written into a
timeline per person here (what the register read from which day), a 転出取消 striking the
転出 out of it as the law does (the 届出 is void). Nothing of stats.jinko or of the
history's format is used to build it."""

from __future__ import annotations

import dataclasses
import datetime
from collections import Counter
from typing import Any

import pytest
from django.db import transaction
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from juki import services
from juki.models import (
    Chouaza,
    IdoJiyu,
    Jumin,
    JuminShubetsu,
    JuminStatus,
    Seibetsu,
    Setai,
    ShojoJiyu,
)
from stats import jinko

from .factories import ChouazaFactory, JuminFactory

START = datetime.date(2025, 1, 1)
DAY = datetime.timedelta(days=1)
OPS = ("kisai", "shussei", "tenkyo", "setai", "tenshutsu", "shojo", "shibou", "torikeshi", "kuni")


@dataclasses.dataclass(frozen=True)
class State:
    chouaza: str
    setai: str
    shubetsu: str
    seibetsu: str
    kokuseki: str
    live: bool = True
    yotei: datetime.date | None = None


@dataclasses.dataclass
class Person:
    jumin: Jumin
    birth: datetime.date
    start: datetime.date
    #: (day, state) in the order written; the last of a day holds
    timeline: list[tuple[datetime.date, State]]

    @property
    def now(self) -> State:
        return self.timeline[-1][1]

    def on(self, day: datetime.date) -> State | None:
        held = None
        for when, state in self.timeline:
            if when <= day:
                held = state
        return held


def age_at_end_of(day: datetime.date, birth: datetime.date) -> int:
    nxt = day + DAY
    return nxt.year - birth.year - ((nxt.month, nxt.day) < (birth.month, birth.day))


class World:
    """The register and the test's own timeline of it."""

    def __init__(self, places: list[Chouaza]) -> None:
        self.places = places
        self.persons: list[Person] = []
        self.serial = 0

    def ctx(self, jiyu: IdoJiyu, day: datetime.date) -> services.IdoContext:
        return services.IdoContext(acting_user=None, terminal=None, ido_jiyu=jiyu, ido_date=day)

    def state_of(self, j: Jumin, **kw: Any) -> State:
        base = State(j.chouaza.code, j.setai.setai_bango, j.shubetsu, j.seibetsu, j.kokuseki)
        return dataclasses.replace(base, **kw)

    def kisai(self, day: datetime.date, pick: int, birth: datetime.date, jiyu: IdoJiyu) -> None:
        self.serial += 1
        foreign = pick % 4 == 0
        joins = [p for p in self.persons if p.now.live and p.now.yotei is None]
        setai = joins[pick % len(joins)].jumin.setai if joins and pick % 3 == 0 else None
        place = setai.members.first().chouaza if setai else self.places[pick % len(self.places)]  # type: ignore[union-attr]
        extra: dict[str, Any] = (
            {"shubetsu": JuminShubetsu.FOREIGN, "kokuseki": ("中国", "ベトナム")[pick % 2],
             "zairyu_card_bango": f"AB{self.serial:08d}CD", "honseki": "", "hittousha": ""}
            if foreign else {}
        )  # fmt: skip
        j = JuminFactory.build(
            seinengappi=birth,
            seibetsu=(Seibetsu.MALE, Seibetsu.FEMALE)[pick % 2],
            jumin_date=day,
            jusho_date=day,
            chouaza=place,
            zokugara="同居人" if setai else "世帯主",
            **extra,
        )
        if setai is None:
            setai = services.create_setai()
            services.register_person(j, setai, self.ctx(jiyu, day))
            services.set_setai_nushi(setai, j)
        else:
            services.register_person(j, setai, self.ctx(jiyu, day))
        self.persons.append(Person(j, birth, day, [(day, self.state_of(j))]))

    def change(self, p: Person, jiyu: IdoJiyu, day: datetime.date, **changes: Any) -> None:
        services.update_person(p.jumin, changes, self.ctx(jiyu, day))

    def step(self, op: str, day: datetime.date, pick: int) -> None:
        if op in ("kisai", "shussei") or not self.persons:
            birth = (
                day
                if op == "shussei"
                else datetime.date(1930 + pick % 90, 1 + pick % 12, 1 + pick % 28)
            )
            self.kisai(day, pick, birth, IdoJiyu.SHUSSEI if op == "shussei" else IdoJiyu.TENNYU)
            return
        p = self.persons[pick % len(self.persons)]
        now = p.now
        if op == "torikeshi":
            if (now.live and now.yotei is None) or p.jumin.shojo_jiyu not in (
                "",
                ShojoJiyu.TENSHUTSU,
            ):
                return
            self.change(
                p, IdoJiyu.TORIKESHI, day, status=JuminStatus.LIVE, shojo_jiyu="",
                shojo_date=None, tenshutsu_yotei_date=None,
            )  # fmt: skip
            # the 転出 is void: struck out of the timeline
            p.timeline = [(w, dataclasses.replace(s, live=True, yotei=None)) for w, s in p.timeline]
            return
        if not now.live:
            return
        if op == "shojo":  # the 消除 of a 転出予定者 on the day (the daily task)
            if now.yotei is None or now.yotei > day:
                return
            self.change(
                p, IdoJiyu.TENSHUTSU, now.yotei, status=JuminStatus.JOHYO,
                shojo_jiyu=ShojoJiyu.TENSHUTSU, shojo_date=now.yotei,
            )  # fmt: skip
            p.timeline.append((now.yotei, dataclasses.replace(now, live=False)))
            return
        if now.yotei is not None:
            return  # a 転出予定者 is left alone until the 消除 or the 取消
        if op == "tenkyo":
            place = self.places[(self.places.index(p.jumin.chouaza) + 1) % len(self.places)]
            self.change(p, IdoJiyu.TENKYO, day, chouaza=place, jusho_date=day)
            p.timeline.append((day, dataclasses.replace(now, chouaza=place.code)))
        elif op == "setai":
            others = [
                q for q in self.persons if q.now.live and q.jumin.setai_id != p.jumin.setai_id
            ]
            if not others:
                return
            setai: Setai = others[pick % len(others)].jumin.setai
            self.change(p, IdoJiyu.SETAI_HENKOU, day, setai=setai, zokugara="同居人")
            p.timeline.append((day, dataclasses.replace(now, setai=setai.setai_bango)))
        elif op == "tenshutsu":
            yotei = day + DAY * (1 + pick % 20)
            self.change(p, IdoJiyu.TENSHUTSU, day, tenshutsu_yotei_date=yotei)
            p.timeline.append((day, dataclasses.replace(now, yotei=yotei)))
        elif op == "shibou":
            self.change(
                p, IdoJiyu.SHIBOU, day, status=JuminStatus.JOHYO,
                shojo_jiyu=ShojoJiyu.SHIBOU, shojo_date=day,
            )  # fmt: skip
            p.timeline.append((day, dataclasses.replace(now, live=False)))
        elif op == "kuni" and p.jumin.is_foreign:
            kuni = "韓国" if p.jumin.kokuseki != "韓国" else "中国"
            self.change(p, IdoJiyu.SHOKKEN_SHUSEI, day, kokuseki=kuni)
            p.timeline.append((day, dataclasses.replace(now, kokuseki=kuni)))

    # --- the rolled-back copy -------------------------------------------------------------

    def counted(self, day: datetime.date) -> list[tuple[Person, State]]:
        out = []
        for p in self.persons:
            state = p.on(day)
            if p.start > day or state is None or not state.live:
                continue
            if state.yotei is not None and day >= state.yotei:
                continue
            out.append((p, state))
        return out

    def expected_persons(self, day: datetime.date) -> Counter[tuple[Any, ...]]:
        return Counter(
            (
                s.chouaza,
                s.seibetsu,
                min(age_at_end_of(day, p.birth) // 5 * 5, 100),
                s.shubetsu,
                s.kokuseki,
            )
            for p, s in self.counted(day)
        )

    def expected_setai(self, day: datetime.date) -> Counter[tuple[Any, ...]]:
        members: dict[str, list[State]] = {}
        for _p, s in self.counted(day):
            members.setdefault(s.setai, []).append(s)
        kinds = Counter()
        for states in members.values():
            sorts = {s.shubetsu for s in states}
            kind = "3" if len(sorts) == 2 else "1" if sorts == {"1"} else "2"
            kinds[(min(s.chouaza for s in states), kind)] += 1
        return kinds


ops = st.lists(
    st.tuples(st.sampled_from(OPS), st.integers(0, 6), st.integers(0, 10_000)),
    min_size=1,
    max_size=40,
)


@pytest.mark.django_db
@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(ops=ops)
@example(ops=[("kisai", 0, 0), ("tenshutsu", 0, 0)])  # all on one day: a one-day period
def test_past_figures_equal_a_copy_of_the_register_rolled_back_to_that_day(
    ops: list[tuple[str, int, int]],
) -> None:
    with transaction.atomic():
        world = World([ChouazaFactory() for _ in range(3)])
        day = START
        for op, gap, pick in ops:
            day += DAY * gap
            world.step(op, day, pick)
        for probe in sorted({START - DAY, *(day - DAY * k for k in range(0, 200, 7))}):
            got = jinko.jinko(probe, by=("chouaza", "seibetsu", "nenrei5", "shubetsu", "kokuseki"))
            assert Counter(got.counts) == world.expected_persons(probe), probe
            setai = jinko.setai_su(probe)
            assert Counter(setai.counts) == world.expected_setai(probe), probe
        # the balance: the 期間 that begin and end in between tie one day to another
        # a period that runs forwards, however short the simulated stretch
        kara, made = min(START + DAY * 10, day), day
        axes: tuple[Any, ...] = ("chouaza", "seibetsu")
        zou, gen = jinko.zougen(kara, made, by=axes)
        tied = Counter(jinko.jinko(kara - DAY, by=axes).counts)
        tied.update(zou.by(*axes))
        tied.subtract(gen.by(*axes))
        assert +tied == Counter(jinko.jinko(made, by=axes).counts)
        assert all(n >= 0 for n in tied.values())
        transaction.set_rollback(True)
