"""The generator of a whole population: households, addresses, 除票, 資格 and numbers."""

from __future__ import annotations

import random
import re
from collections.abc import Sequence
from datetime import date, timedelta

from jputil.numbers import juminhyo_code_check_digit, kojin_bango_check_digit

from ..models import (
    Chouaza,
    Jumin,
    JuminShubetsu,
    JuminStatus,
    Kubun3045,
    NenkinShubetsu,
    Setai,
    ShojoJiyu,
)
from .data import _ALPHA, _BUILDING_PREFIX, _BUILDING_SUFFIX, ZAIRYU_KIKAN, _shift_years
from .households import _Shapes
from .people import _Member

#: The day the foreign residents' 住民票 began (改正住基法の施行日).
GAIKOKUJIN_SYSTEM_START = date(2012, 7, 9)


class _Generator(_Shapes):
    """Households with their addresses, 除票, 資格 and numbers, as unsaved objects."""

    def addresses(self, members: list[_Member]) -> None:
        """Same 住所 for the household; dates, 従前の住所, 届出年月日 per person."""
        rng, today = self.rng, self.today
        c = rng.choice(self.chouaza)
        banchi = f"{rng.randint(1, 30)}番{rng.randint(1, 25)}号"
        katagaki = ""
        if self.chance(0.55):
            base = re.sub(r"[一二三四五六七八九十]+丁目$", "", c.name)
            suffix = rng.choice(_BUILDING_SUFFIX)
            building = (
                f"{rng.choice(_BUILDING_PREFIX)}{base}"
                if suffix == "マンション" and self.chance(0.5)
                else f"{base}{suffix}"
                if self.chance(0.5)
                else f"{rng.choice(_BUILDING_PREFIX)}{suffix}"
            )
            floors = 2 if suffix in ("荘", "コーポ", "ハイツ") else 14
            katagaki = f"{building}{rng.randint(1, floors)}{rng.randint(1, 12):02d}号室"
        head = members[0]
        # when the household came to the city, and whether it moved within it since
        span = max(30, min(head.age - 18, 45) * 365)
        moved_in = today - timedelta(days=rng.randrange(span))
        settled = moved_in
        if self.chance(0.25):
            settled = moved_in + timedelta(days=rng.randrange((today - moved_in).days + 1))
        prior, pc = self.other_address()
        inner = rng.choice(self.chouaza)
        inner_banchi = f"{rng.randint(1, 30)}番{rng.randint(1, 25)}号"
        inner_address = f"{inner.prefecture}{inner.city}{inner.name}{inner_banchi}"
        for m in members:
            jumin = max(m.birth, moved_in)
            if m.foreign:
                jumin = max(jumin, GAIKOKUJIN_SYSTEM_START)
            jusho = max(jumin, m.birth, settled)
            if jusho > jumin:
                zenjusho, zen_pc = inner_address, inner.postal_code
            elif jumin > m.birth:
                zenjusho, zen_pc = prior, pc
            else:
                zenjusho, zen_pc = "", ""
            todoke = min(today, jusho + timedelta(days=rng.randint(0, 13)))
            m.extra.update(
                chouaza=c,
                banchi=banchi,
                katagaki=katagaki,
                jumin_date=jumin,
                jusho_date=jusho,
                todoke_date=todoke,
                zenjusho=zenjusho,
                zenjusho_postal_code=zen_pc,
            )

    def removals(self, members: list[_Member]) -> None:
        """除票: a whole household moved out / died, or single members (never the 世帯主
        of a household whose other members still live)."""
        if self.chance(0.016):
            head = members[0]
            if len(members) == 1 and head.age >= 75 and self.chance(0.6):
                self.remove(head, ShojoJiyu.SHIBOU)
            else:
                jiyu = (
                    ShojoJiyu.KOKUGAI_TENSHUTSU
                    if head.foreign and self.chance(0.5)
                    else ShojoJiyu.TENSHUTSU
                )
                when = self.removal_date(members)
                if when is not None:
                    where = self.tenshutsusaki(head, jiyu)
                    for m in members:
                        self.remove(m, jiyu, when, where)
            return
        for m in members[1:]:
            # (died, moved out): elderly parents and spouses die, grown children and
            # lodgers move out
            if m.zokugara in ("父", "母"):
                died, left = m.age >= 75 and self.chance(0.12), False
            elif m.zokugara in ("妻", "夫"):
                died, left = m.age >= 70 and self.chance(0.05), False
            elif m.zokugara in ("子", "妻の子"):
                died, left = False, m.age >= 19 and self.chance(0.12)
            else:
                died, left = False, m.zokugara == "同居人" and self.chance(0.25)
            if died or left:
                self.remove(m, ShojoJiyu.SHIBOU if died else ShojoJiyu.TENSHUTSU)

    def removal_date(self, members: Sequence[_Member]) -> date | None:
        latest_jusho: date = max(m.extra["jusho_date"] for m in members)
        first = max(latest_jusho + timedelta(days=1), self.today - timedelta(days=5 * 365))
        last = self.today - timedelta(days=1)
        if first > last:
            return None
        return first + timedelta(days=self.rng.randrange((last - first).days + 1))

    def tenshutsusaki(self, m: _Member, jiyu: str) -> str:
        if jiyu == ShojoJiyu.KOKUGAI_TENSHUTSU:
            return m.kokuseki
        return self.other_address()[0]

    def remove(
        self, m: _Member, jiyu: str, when: date | None = None, where: str | None = None
    ) -> None:
        if when is None:
            when = self.removal_date([m])
            if when is None:
                return
        m.shojo = jiyu
        m.extra.update(
            shojo_date=when,
            tenshutsusaki=(where if where is not None else self.tenshutsusaki(m, jiyu))
            if jiyu in (ShojoJiyu.TENSHUTSU, ShojoJiyu.KOKUGAI_TENSHUTSU)
            else "",
        )

    def qualifications(self, members: list[_Member]) -> None:
        """資格 items by age: 選挙, 国保, 後期, 介護, 国民年金, 児童手当."""
        today = self.today
        head = members[0]
        kokuho_household = self.chance(
            0.85 if 65 <= head.age < 75 else 0.55 if head.foreign else 0.22
        )
        # 児童手当 goes to a parent of children under 18 (recorded on the recipient)
        for parent_zokugara, child_zokugara in (("世帯主", "子"), ("子", "子の子")):
            parent = next(
                (m for m in members if m.zokugara == parent_zokugara and not m.shojo), None
            )
            if parent is not None and any(
                m.zokugara == child_zokugara and m.age < 18 and not m.shojo for m in members
            ):
                parent.extra["jidou_teate"] = True
        for m in members:
            jumin_date = m.extra["jumin_date"]
            assert isinstance(jumin_date, date)
            if (
                not m.foreign
                and m.age >= 18
                and not m.shojo
                and jumin_date <= today - timedelta(days=92)
            ):
                m.extra["senkyo_touroku"] = True
            if m.age >= 75:
                m.extra["kouki_date"] = max(_shift_years(m.birth, 75), jumin_date)
            elif kokuho_household or (m.age >= 65 and self.chance(0.6)):
                m.extra["kokuho_date"] = jumin_date
            if m.age >= 65:
                m.extra["kaigo_date"] = max(_shift_years(m.birth, 65), jumin_date)
            if 20 <= m.age < 60:
                became_20 = max(_shift_years(m.birth, 20), jumin_date)
                if kokuho_household:
                    m.extra.update(nenkin_shubetsu=NenkinShubetsu.DAI1, nenkin_date=became_20)
                elif m.zokugara in ("妻", "夫", "子の妻") and self.chance(0.4):
                    m.extra.update(nenkin_shubetsu=NenkinShubetsu.DAI3, nenkin_date=became_20)

    def foreign_items(self, m: _Member) -> None:
        today = self.today
        jumin_date = m.extra["jumin_date"]
        assert isinstance(jumin_date, date)
        m.extra["gaikokujin_date"] = jumin_date
        if m.kubun in (Kubun3045.CHUCHOKI, Kubun3045.TOKUBETSU_EIJU):
            m.extra["zairyu_card_bango"] = self.card_number()
        if m.kubun == Kubun3045.CHUCHOKI:
            periods = ZAIRYU_KIKAN.get(m.zairyu_shikaku, ("1年",))
            if periods:
                kikan = self.rng.choice(periods)
                years, _, rest = kikan.partition("年")
                months = int(rest.rstrip("月") or 0) if rest else 0
                length = int(years or 0) * 365 + months * 30
                m.extra.update(
                    zairyu_kikan=kikan,
                    zairyu_manryo_date=today
                    + timedelta(days=self.rng.randint(20, max(21, length))),
                )
        elif m.kubun == Kubun3045.KARI_TAIZAI:
            m.extra["zairyu_manryo_date"] = today + timedelta(days=self.rng.randint(20, 180))

    def card_number(self) -> str:
        while True:
            rng = self.rng
            number = (
                rng.choice(_ALPHA)
                + rng.choice(_ALPHA)
                + f"{rng.randrange(10**8):08d}"
                + rng.choice(_ALPHA)
                + rng.choice(_ALPHA)
            )
            if number not in self.used_cards:
                self.used_cards.add(number)
                return number

    def juminhyo_code(self) -> str:
        while True:
            first10 = f"{self.rng.randrange(10**10):010d}"
            code = first10 + juminhyo_code_check_digit(first10)
            if code not in self.used_juminhyo:
                self.used_juminhyo.add(code)
                return code

    def kojin_bango(self) -> str:
        while True:
            first11 = f"{self.rng.randrange(10**11):011d}"
            number = first11 + kojin_bango_check_digit(first11)
            if number not in self.used_kojin:
                self.used_kojin.add(number)
                return number

    def to_jumin(self, m: _Member) -> Jumin:
        extra = m.extra
        if m.foreign:
            self.foreign_items(m)
        has_kojin = self.chance(0.91) and (self.today - m.birth).days > 20
        return Jumin(
            status=JuminStatus.JOHYO if m.shojo else JuminStatus.LIVE,
            shubetsu=JuminShubetsu.FOREIGN if m.foreign else JuminShubetsu.JAPANESE,
            shi=m.shi,
            mei=m.mei,
            shi_kana=m.shi_kana,
            mei_kana=m.mei_kana,
            name_alphabet=m.name_alphabet,
            tsushou=m.tsushou,
            tsushou_kana=m.tsushou_kana,
            seinengappi=m.birth,
            seinengappi_hyoki=m.birth_hyoki,
            seibetsu=m.sex,
            zokugara=m.zokugara,
            honseki=m.honseki,
            hittousha=m.hittousha,
            kojin_bango=self.kojin_bango() if has_kojin else None,
            juminhyo_code=self.juminhyo_code(),
            kokuseki=m.kokuseki,
            kubun_30_45=m.kubun,
            zairyu_shikaku=m.zairyu_shikaku,
            shojo_jiyu=m.shojo,
            **extra,
        )

    def run(self, n_persons: int) -> list[tuple[Setai, list[Jumin]]]:
        result: list[tuple[Setai, list[Jumin]]] = []
        while self.persons < n_persons:
            members = self.household(n_persons - self.persons)
            self.addresses(members)
            self.removals(members)
            self.qualifications(members)
            result.append((Setai(), [self.to_jumin(m) for m in members]))
        return result


def generate_households(
    rng: random.Random,
    n_persons: int,
    chouaza: list[Chouaza],
    *,
    faker_seed: int,
    today: date,
) -> list[tuple[Setai, list[Jumin]]]:
    """Build ``n_persons`` residents in households, as unsaved objects (no DB access).

    Each household is ``(Setai(), members)`` with its 世帯主 first, ready for
    :func:`juki.services.bulk_register`. The same ``rng`` state, ``faker_seed``,
    ``chouaza`` list and ``today`` give the same people.

    Shapes (share of households): single 38%, couple 20%, couple with 1–3 children 28%,
    single parent 7%, three generations 5% (世帯主's 父/母, or 子・子の妻・子の子),
    with a 同居人 2%; about 3% of persons are foreign residents and 2–4% are 除票.
    """
    if n_persons < 0:
        raise ValueError("人数は0以上で指定してください。")
    return _Generator(rng, chouaza, faker_seed, today).run(n_persons)
