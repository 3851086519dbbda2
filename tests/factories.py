"""Factories for staff and for residents registered through the register's services."""

from __future__ import annotations

import datetime
import hashlib
import itertools
import json
from typing import Any

import factory
from django.contrib.auth.models import Group

from counter.models import StaffUser, Terminal
from counter.roles import Role
from jputil.numbers import juminhyo_code_check_digit, kojin_bango_check_digit
from juki.models import Chouaza, IdoJiyu, Jumin, JuminShubetsu, Seibetsu, Setai
from juki.services import IdoContext, bulk_register

_serial = itertools.count(1)


def valid_juminhyo_code(n: int) -> str:
    first10 = f"{n:010d}"
    return first10 + juminhyo_code_check_digit(first10)


def valid_kojin_bango(n: int) -> str:
    first11 = f"{n:011d}"
    return first11 + kojin_bango_check_digit(first11)


#: the spare 住民票コード the test CS gives (first digit 6: apart from the factories'
#: codes, which count from 1, and the demo examples', which count from 7,000,000,001)
POOL_PREFIX = "6"


def pool_codes(count: int, *, start: int = 1) -> list[str]:
    """Valid 住民票コード for the 予備 pool, none a factory resident's."""
    out = []
    for n in range(start, start + count):
        first10 = f"{POOL_PREFIX}{n:09d}"
        out.append(first10 + juminhyo_code_check_digit(first10))
    return out


def code_pool(count: int = 20) -> int:
    """A pool of spare 住民票コード, as the 住基ネット CS would deliver it (j870)."""
    from juki import code_pool as pool

    return pool.load_codes(pool_codes(count))


class TerminalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Terminal
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"本庁{n + 1}")
    name = factory.LazyAttribute(lambda o: f"窓口{o.code}")
    place = "本庁"
    printer_name = factory.Sequence(lambda n: f"プリンタ{n + 1:03d}")


class StaffUserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StaffUser
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    display_name = factory.Sequence(lambda n: f"職員{n}")
    default_terminal = factory.SubFactory(TerminalFactory)
    password = factory.django.Password("test-pass-2026")

    @factory.post_generation
    def roles(self, create: bool, extracted: Any, **kwargs: Any) -> None:
        if create and extracted:
            for role in extracted:
                self.groups.add(Group.objects.get(name=Role(role).value))


class ChouazaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Chouaza
        django_get_or_create = ("code",)

    # 11 characters whatever the session's count (PostgreSQL enforces the length; a long
    # run makes more than 999 町字, each test in its own rolled-back transaction)
    code = factory.Sequence(lambda n: f"13107{n % 999 + 1:03d}000")
    prefecture = "東京都"
    city = "墨田区"
    name = factory.Sequence(lambda n: f"吾妻橋{n + 1}丁目")
    kana = factory.Sequence(lambda n: f"アヅマバシ{n + 1}チョウメ")
    postal_code = "1300001"


class JuminFactory(factory.django.DjangoModelFactory):
    """Builds an unsaved person; save through `register_household`."""

    class Meta:
        model = Jumin

    shi = "山田"
    mei = "太郎"
    shi_kana = "ヤマダ"
    mei_kana = "タロウ"
    seinengappi = datetime.date(1980, 4, 1)
    seibetsu = Seibetsu.MALE
    zokugara = "世帯主"
    honseki = "東京都墨田区吾妻橋一丁目1番"
    hittousha = "山田　太郎"
    jumin_date = datetime.date(2010, 4, 1)
    jusho_date = datetime.date(2010, 4, 1)
    banchi = "1番2号"
    juminhyo_code = factory.LazyFunction(lambda: valid_juminhyo_code(next(_serial)))
    kojin_bango = factory.LazyFunction(lambda: valid_kojin_bango(next(_serial)))


def foreign_person(mei: str = "JOHN", card: str = "AB12345678CD", **kwargs: Any) -> Jumin:
    """An unsaved 外国人住民 (no 本籍), for `register_household`."""
    values: dict[str, Any] = {
        "shi": "SMITH",
        "mei": mei,
        "shubetsu": JuminShubetsu.FOREIGN,
        "kokuseki": "アメリカ合衆国",
        "zairyu_card_bango": card,
        "honseki": "",
        "hittousha": "",
    }
    return JuminFactory.build(**{**values, **kwargs})


def register_household(*members: Jumin, chouaza: Chouaza | None = None) -> list[Jumin]:
    """Write one household through juki.services (history 1 for everyone)."""
    place = chouaza or ChouazaFactory()
    for member in members:
        member.chouaza = place
    bulk_register(
        [(Setai(), list(members))],
        ctx=IdoContext(
            acting_user=None,
            terminal=None,
            ido_jiyu=IdoJiyu.IKOU,
            ido_date=datetime.date(2024, 4, 1),
        ),
    )
    return list(members)


def resident(**kwargs: Any) -> Jumin:
    """One person living alone."""
    (person,) = register_household(JuminFactory.build(**kwargs))
    return person


def receive_tenshutsu_joho(entry: dict[str, Any], *, sender: str = "27127") -> dict[str, Any]:
    """The 転出証明書情報 of an entry's persons as received from the 転出地 (the inbox);
    returns the entry with it loaded (``tenshutsu_joho``)."""
    from counter import inbox
    from juki.ido.kernel import tenshutsu_joho as tokurei

    payload = {
        "tenshutsu_yotei_date": entry["tenshutsu_yotei_date"],
        "jusho": entry["zenjusho"],
        "jusho_postal_code": entry.get("zenjusho_postal_code", ""),
        "tenshutsusaki": "東京都墨田区",
        "persons": [dict(p) for p in entry["persons"]],
    }
    digest = hashlib.sha1(json.dumps(payload, sort_keys=True).encode(), usedforsecurity=False)
    key = f"joho-{sender}-{digest.hexdigest()[:12]}"
    inbox.receive(
        "jukinet_cs",
        {
            "idempotency_key": key,
            "message_type": tokurei.MESSAGE_TYPE,
            "municipality_code": sender,
            "payload": payload,
        },
    )
    return {**entry, "tenshutsu_joho": key}


# --------------------------------------------------------------------------- procedures


def receive(user: StaffUser, *kinds: str, visitor_name: str = "山田　太郎") -> Any:
    """受付 of one visit asking for ``kinds`` (at the window of their registered 窓口区分)."""
    from counter import services
    from counter.procedure_kinds import get_kind

    return services.do_receive(
        acting_user=user,
        terminal=user.default_terminal,
        category=str(get_kind(kinds[0]).category),
        visitor_kind="honnin",
        visitor_name=visitor_name,
        id_documents=["driver_license"],
        has_ininjo=False,
        kinds=list(kinds),
    )
