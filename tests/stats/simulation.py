"""A year of simulated 異動 on a small town, written the way the kinds' 承認 write the
register (juki.services: bulk_register for the persons who arrive, update_person for every
change), with every kind of change the 異動統計 counts, in random order and on random
days (a seeded generator: the same seed gives the same year)."""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass, field
from typing import Any

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

from ..factories import ChouazaFactory, JuminFactory

PLACES = ("大阪府大阪市北区梅田一丁目1番", "東京都千代田区丸の内一丁目1番", "横浜市中区本町1番")
ABROAD = ("アメリカ合衆国", "大韓民国")


def ctx(jiyu: IdoJiyu, day: datetime.date) -> services.IdoContext:
    return services.IdoContext(acting_user=None, terminal=None, ido_jiyu=jiyu, ido_date=day)


@dataclass
class Town:
    rng: random.Random
    places: list[Chouaza] = field(default_factory=list)
    serial: int = 0
    #: the 転出予定者 waiting for their date: (転出予定日, person)
    yotei: list[tuple[datetime.date, Jumin]] = field(default_factory=list)

    @classmethod
    def build(cls, seed: int, residents: int = 30) -> Town:
        town = cls(random.Random(seed))
        town.places = [ChouazaFactory() for _ in range(4)]
        start = datetime.date(2024, 4, 1)
        for _ in range(residents):
            town.arrive(IdoJiyu.IKOU, start, jumin_date=datetime.date(2010, 4, 1))
        return town

    # --- the persons ----------------------------------------------------------------

    def live(self) -> list[Jumin]:
        waiting = {j.pk for _, j in self.yotei}
        return [
            j
            for j in Jumin.objects.select_related("chouaza", "setai").filter(
                status=JuminStatus.LIVE
            )
            if j.pk not in waiting
        ]

    def pick(self) -> Jumin | None:
        people = self.live()
        return self.rng.choice(people) if people else None

    def arrive(
        self, jiyu: IdoJiyu, day: datetime.date, *, jumin_date: datetime.date | None = None
    ) -> Jumin:
        self.serial += 1
        foreign = self.rng.random() < 0.2
        values: dict[str, Any] = {
            "seibetsu": self.rng.choice([Seibetsu.MALE, Seibetsu.FEMALE]),
            "seinengappi": day if jiyu == IdoJiyu.SHUSSEI else datetime.date(1990, 1, 1),
            "jumin_date": jumin_date or day,
            "jusho_date": jumin_date or day,
            "mei": f"太郎{self.serial}",
        }
        if foreign:
            values |= {
                "shubetsu": JuminShubetsu.FOREIGN,
                "kokuseki": "アメリカ合衆国",
                "zairyu_card_bango": f"AB{self.serial:08d}CD",
                "honseki": "",
                "hittousha": "",
            }
        if jiyu == IdoJiyu.TENNYU:
            values["zenjusho"] = self.rng.choice(PLACES)
        if jiyu == IdoJiyu.KOKUGAI_TENNYU:
            values["zenjusho"] = self.rng.choice(ABROAD)
        person = JuminFactory.build(**values)
        person.chouaza = self.rng.choice(self.places)
        services.bulk_register([(Setai(), [person])], ctx=ctx(jiyu, day))
        return person

    def change(self, j: Jumin, jiyu: IdoJiyu, day: datetime.date, **changes: Any) -> None:
        services.update_person(j, changes, ctx(jiyu, day))

    def remove(self, j: Jumin, jiyu: IdoJiyu, shojo: ShojoJiyu, day: datetime.date) -> None:
        self.change(j, jiyu, day, status=JuminStatus.JOHYO, shojo_jiyu=shojo, shojo_date=day)

    # --- a day ----------------------------------------------------------------------

    def day(self, day: datetime.date) -> None:
        for due, j in [item for item in self.yotei if item[0] <= day]:
            self.yotei.remove((due, j))
            j.refresh_from_db()
            if j.status == JuminStatus.LIVE and j.tenshutsu_yotei_date:
                self.remove(j, IdoJiyu.TENSHUTSU, ShojoJiyu.TENSHUTSU, due)
        for _ in range(self.rng.choice((0, 0, 1, 1, 2))):
            self.event(day)

    def event(self, day: datetime.date) -> None:
        what = self.rng.choice(
            ["tennyu", "tennyu", "kokugai", "shussei", "kisai", "tenkyo", "tenkyo", "tenshutsu",
             "kokugai_tenshutsu", "shibou", "shojo", "torikeshi", "shusei"]
        )  # fmt: skip
        if what == "tennyu":
            self.arrive(IdoJiyu.TENNYU, day)
        elif what == "kokugai":
            self.arrive(IdoJiyu.KOKUGAI_TENNYU, day)
        elif what == "shussei":
            self.arrive(IdoJiyu.SHUSSEI, day)
        elif what == "kisai":
            self.arrive(IdoJiyu.SHOKKEN_KISAI, day)
        else:
            self.change_someone(what, day)

    def change_someone(self, what: str, day: datetime.date) -> None:
        j = self.pick()
        if j is None:
            return
        if what == "tenkyo":
            place = self.rng.choice(self.places)  # sometimes the same 町字
            self.change(j, IdoJiyu.TENKYO, day, chouaza=place, banchi=f"{self.rng.randint(1, 9)}番")
        elif what == "tenshutsu":
            due = day + datetime.timedelta(days=self.rng.randint(0, 20))
            saki = self.rng.choice(PLACES)
            self.change(j, IdoJiyu.TENSHUTSU, day, tenshutsusaki=saki, tenshutsu_yotei_date=due)
            self.yotei.append((due, j))
        elif what == "kokugai_tenshutsu":
            self.change(j, IdoJiyu.KOKUGAI_TENSHUTSU, day, tenshutsusaki=self.rng.choice(ABROAD))
            self.remove(j, IdoJiyu.KOKUGAI_TENSHUTSU, ShojoJiyu.KOKUGAI_TENSHUTSU, day)
        elif what == "shibou":
            self.remove(j, IdoJiyu.SHIBOU, ShojoJiyu.SHIBOU, day)
        elif what == "shojo":
            self.remove(j, IdoJiyu.SHOKKEN_SHOJO, ShojoJiyu.SHOKKEN_SHOJO, day)
        elif what == "torikeshi":
            self.torikeshi(day)
        elif what == "shusei":
            sex = Seibetsu.FEMALE if j.seibetsu == Seibetsu.MALE else Seibetsu.MALE
            self.change(j, IdoJiyu.SHOKKEN_SHUSEI, day, seibetsu=sex)

    def torikeshi(self, day: datetime.date) -> None:
        """転出取消: a 除票 by 転出 (or a 転出予定者) returns."""
        gone = list(Jumin.objects.filter(status=JuminStatus.JOHYO, shojo_jiyu=ShojoJiyu.TENSHUTSU))
        if not gone:
            return
        j = self.rng.choice(gone)
        self.change(
            j, IdoJiyu.TORIKESHI, day, status=JuminStatus.LIVE, shojo_jiyu="", shojo_date=None,
            tenshutsusaki="", tenshutsu_yotei_date=None,
        )  # fmt: skip

    def run(self, first: datetime.date, days: int) -> None:
        for n in range(days):
            self.day(first + datetime.timedelta(days=n))
