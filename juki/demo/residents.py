"""Small, fixed households written through the register's services, for the examples.

The examples of the 異動 kinds (``examples``) need a register in a known shape: a family
of four, a couple, one person living alone, a foreign family, a 指定都市's wards. Ages are
counted back from today, so the same example has the same 他課 and 資格 every day.
"""

from __future__ import annotations

import datetime
import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from counter.models import StaffUser
from counter.roles import Role, ensure_roles
from jputil.numbers import juminhyo_code_check_digit, kojin_bango_check_digit

from ..ido import kernel
from ..models import (
    Chouaza,
    Gyouseiku,
    IdoJiyu,
    Jumin,
    JuminShubetsu,
    Kubun3045,
    Seibetsu,
    Setai,
    YobiJuminhyoCode,
)
from ..services import IdoContext, bulk_register

HONSEKI = "東京都墨田区吾妻橋一丁目1番"
MALE = Seibetsu.MALE.value
FEMALE = Seibetsu.FEMALE.value

#: numbers no generated population uses (the generator draws at random from all of them)
_serial = itertools.count(7_000_000_001)


def today() -> datetime.date:
    return timezone.localdate()


def days_ago(n: int) -> datetime.date:
    return today() - datetime.timedelta(days=n)


def born(age: int) -> datetime.date:
    """A birth date giving ``age`` today and for the next month (ages do not drift)."""
    day = today() - datetime.timedelta(days=40)
    try:
        return day.replace(year=day.year - age)
    except ValueError:  # 2月29日
        return day.replace(year=day.year - age, day=28)


def new_numbers(with_kojin: bool = True) -> tuple[str, str]:
    """A fresh (住民票コード, 個人番号) pair with valid check digits, unused in the register."""
    while True:
        n = next(_serial)
        code = f"{n:010d}" + juminhyo_code_check_digit(f"{n:010d}")
        kojin = f"{n:011d}" + kojin_bango_check_digit(f"{n:011d}") if with_kojin else ""
        # nor a spare code of the pool (j870): a 出生 may be given that one
        taken = (
            Jumin.objects.filter(juminhyo_code=code).exists()
            or YobiJuminhyoCode.objects.filter(code=code).exists()
            or (bool(kojin) and Jumin.objects.filter(kojin_bango=kojin).exists())
        )
        if not taken:
            return code, kojin


@dataclass(frozen=True)
class Person:
    """One person of an example: names, sex, age and 続柄 (foreign when ``kokuseki``)."""

    shi: str
    mei: str
    shi_kana: str
    mei_kana: str
    sex: str
    age: int
    zokugara: str
    kokuseki: str = ""
    name_alphabet: str = ""

    @property
    def foreign(self) -> bool:
        return bool(self.kokuseki)


#: 髙橋 家, and more members for the examples that leave someone behind
TAKAHASHI = (
    Person("髙橋", "一郎", "タカハシ", "イチロウ", MALE, 46, "世帯主"),
    Person("髙橋", "花子", "タカハシ", "ハナコ", FEMALE, 44, "妻"),
    Person("髙橋", "太郎", "タカハシ", "タロウ", MALE, 17, "子"),
    Person("髙橋", "桜", "タカハシ", "サクラ", FEMALE, 13, "子"),
    Person("髙橋", "次郎", "タカハシ", "ジロウ", MALE, 9, "子"),
)
#: 佐藤 家, who move in from elsewhere (転入)
SATO = (
    Person("佐藤", "健", "サトウ", "ケン", MALE, 38, "世帯主"),
    Person("佐藤", "恵", "サトウ", "メグミ", FEMALE, 36, "妻"),
    Person("佐藤", "陽翔", "サトウ", "ハルト", MALE, 8, "子"),
    Person("佐藤", "凛", "サトウ", "リン", FEMALE, 4, "子"),
)
#: a Vietnamese family who landed (国外からの転入, 住居地届出)
_VN = "ベトナム"
NGUYEN = (
    Person(
        "グエン", "ヴァン　アン", "グエン", "ヴァン　アン", MALE, 34, "世帯主", _VN, "NGUYEN VAN AN"
    ),
    Person("グエン", "ティ　ラン", "グエン", "ティ　ラン", FEMALE, 31, "妻", _VN, "NGUYEN THI LAN"),
    Person("グエン", "ミン", "グエン", "ミン", MALE, 6, "子", _VN, "NGUYEN MINH"),
    Person("グエン", "ホア", "グエン", "ホア", FEMALE, 3, "子", _VN, "NGUYEN HOA"),
)


def chouaza(no: int = 1, *, gyouseiku: Gyouseiku | None = None) -> Chouaza:
    """A 町字 of the municipality (or of a ward), created when missing."""
    city = str(settings.MUNICIPALITY_NAME)
    code = f"{gyouseiku.code if gyouseiku else settings.MUNICIPALITY_CODE}{no:03d}001"
    names = ("吾妻橋一丁目", "押上一丁目", "向島一丁目", "東駒形一丁目")
    place, _created = Chouaza.objects.get_or_create(
        code=code,
        defaults={
            "prefecture": str(settings.PREFECTURE_NAME),
            "city": f"{city}{gyouseiku.name}" if gyouseiku else city,
            "name": names[(no - 1) % len(names)],
            "kana": "チョウ",
            "postal_code": "1300001",
            "gyouseiku": gyouseiku,
        },
    )
    return place


def wards() -> tuple[Chouaza, Chouaza, Chouaza]:
    """A 指定都市's register: two 町字 in 鶴見区 and one in 神奈川区 (j130, ADR 0009)."""
    tsurumi, _ = Gyouseiku.objects.get_or_create(code="14101", defaults={"name": "鶴見区"})
    kanagawa, _ = Gyouseiku.objects.get_or_create(code="14102", defaults={"name": "神奈川区"})
    return (
        chouaza(1, gyouseiku=tsurumi),
        chouaza(2, gyouseiku=tsurumi),
        chouaza(1, gyouseiku=kanagawa),
    )


def jumin(p: Person, *, place: Chouaza, banchi: str, hittousha: str) -> Jumin:
    """The unsaved 住民票 of ``p`` living at ``place`` since long ago."""
    code, kojin = new_numbers(with_kojin=p.age >= 15)
    items: dict[str, Any] = {}
    if p.foreign:
        items = {
            "shubetsu": JuminShubetsu.FOREIGN,
            "kokuseki": p.kokuseki,
            "name_alphabet": p.name_alphabet,
            "kubun_30_45": Kubun3045.CHUCHOKI,
            "zairyu_shikaku": "技術・人文知識・国際業務",
            "zairyu_kikan": "3年",
            "zairyu_manryo_date": today() + datetime.timedelta(days=400),
            "gaikokujin_date": datetime.date(2020, 4, 1),
        }
    else:
        items = {"honseki": HONSEKI, "hittousha": hittousha}
    since = max(datetime.date(2015, 4, 1), born(p.age))
    return Jumin(
        shi=p.shi,
        mei=p.mei,
        shi_kana=p.shi_kana,
        mei_kana=p.mei_kana,
        seinengappi=born(p.age),
        seibetsu=p.sex,
        zokugara=p.zokugara,
        chouaza=place,
        banchi=banchi,
        jumin_date=since,
        jusho_date=since,
        juminhyo_code=code,
        kojin_bango=kojin or None,
        **items,
    )


def household(
    people: Sequence[Person], *, place: Chouaza | None = None, banchi: str = "1番1号"
) -> list[Jumin]:
    """One household written through ``bulk_register`` (データ移行, history row 1 each)."""
    where = place or chouaza()
    head = people[0]
    members = [
        jumin(p, place=where, banchi=banchi, hittousha=f"{head.shi}　{head.mei}") for p in people
    ]
    bulk_register(
        [(Setai(), members)],
        ctx=IdoContext(
            acting_user=None,
            terminal=None,
            ido_jiyu=IdoJiyu.IKOU,
            ido_date=datetime.date(2015, 4, 1),
        ),
    )
    return members


def incoming(people: Sequence[Person], *, moved: datetime.date) -> list[dict[str, Any]]:
    """The persons of a 転入 entry (every item, as the form gives them back)."""
    out = []
    for p in people:
        code, kojin = new_numbers(with_kojin=p.age >= 15)
        items: dict[str, Any] = {
            "shi": p.shi,
            "mei": p.mei,
            "shi_kana": p.shi_kana,
            "mei_kana": p.mei_kana,
            "seinengappi": born(p.age),
            "seibetsu": p.sex,
            "zokugara": p.zokugara,
            "juminhyo_code": code,
            "kojin_bango": kojin,
        }
        if p.foreign:
            items.update(
                shubetsu=JuminShubetsu.FOREIGN.value,
                name_alphabet=p.name_alphabet,
                kokuseki=p.kokuseki,
                gaikokujin_date=moved,
                kubun_30_45=Kubun3045.CHUCHOKI.value,
                zairyu_shikaku="技術・人文知識・国際業務" if p.age >= 18 else "家族滞在",
                zairyu_kikan="3年",
                zairyu_manryo_date=today() + datetime.timedelta(days=3 * 365),
                zairyu_card_bango=f"AB{code[2:10]}CD",
            )
        else:
            head = people[0]
            items.update(
                honseki="大阪府大阪市北区梅田一丁目1番", hittousha=f"{head.shi}　{head.mei}"
            )
        out.append(kernel.tennyu_person(**items))
    return out


def staff() -> tuple[StaffUser, StaffUser]:
    """A contractor and a clerk who walk the procedures an example needs first."""
    ensure_roles()
    users = []
    for username, name, role in (
        ("rei_juchu", "見本　受注者", Role.CONTRACTOR),
        ("rei_shokuin", "見本　職員", Role.CLERK),
    ):
        user, created = get_user_model().objects.get_or_create(
            username=username, defaults={"display_name": name}
        )
        if created:
            user.set_unusable_password()
            user.save(update_fields=["password"])
            user.groups.add(Group.objects.get(name=role.value))
        assert isinstance(user, StaffUser)
        users.append(user)
    return users[0], users[1]
