"""An example of every 異動 kind: the register prepared, a valid entry and a refused one.

``for_kind(code, persons=n)`` prepares what the kind needs in the register (a household,
an approved 転出 for its 取消, a received 転出証明書情報 for a 特例転入, a recorded 実態調査
for a 職権消除, a 指定都市's wards for a 区間転入) and returns an ``Example``: the entry
JSON the kind's form gives for that case, the same entry changed so that the kind refuses
it, and the field (its name as posted) the refusal stands next to.

The contract tests (tests/contract/) run every registered kind through its example; a
kind without one fails there, on purpose: whoever adds a kind adds its example here
(``@example``), or, for a kind of another app or of the tests, with ``register``.

Entries are built here from their JSON shape, not with a kind's own helpers: the example
says what the form must give back, so it cannot borrow the kind's code to say it.
"""

from __future__ import annotations

import datetime
import hashlib
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from counter import inbox, services
from counter.procedure_kinds import get_kind

from ..ido import kernel
from ..models import JittaiChousa, JittaiKekka, Jumin
from . import residents as r

__all__ = ["Example", "codes", "for_kind", "persons_of", "register"]


@dataclass(frozen=True)
class Example:
    """A valid entry of a kind, and one the kind refuses next to ``refused_field``."""

    entry: dict[str, Any]
    refused_entry: dict[str, Any]
    #: the refused field's name as the page posts it ("todoke_date", "persons-0-zokugara" …)
    refused_field: str
    persons: int


Builder = Callable[[int], Example]
_BUILDERS: dict[str, tuple[Builder, tuple[int, ...]]] = {}


def register(code: str, builder: Builder, *, persons: Sequence[int] = (1,)) -> None:
    """The example of a kind that lives elsewhere (another app's, a test's)."""
    _BUILDERS[code] = (builder, tuple(persons))


def example(*codes_: str, persons: Sequence[int] = (1,)) -> Callable[[Builder], Builder]:
    def decorate(builder: Builder) -> Builder:
        for code in codes_:
            register(code, builder, persons=persons)
        return builder

    return decorate


def codes() -> list[str]:
    """The kinds that have an example."""
    return sorted(_BUILDERS)


def persons_of(code: str) -> tuple[int, ...]:
    """For how many persons ``code`` has an example: (1, 4) where a kind takes several."""
    return _entry_of(code)[1]


def for_kind(code: str, persons: int = 1) -> Example:
    """Prepare the register for ``code`` and return its example for ``persons`` persons."""
    builder, allowed = _entry_of(code)
    if persons not in allowed:
        raise ValueError(f"{code}: examples exist for {allowed} persons, not {persons}")
    built = builder(persons)
    return built if built.persons == persons else replace(built, persons=persons)


def _entry_of(code: str) -> tuple[Builder, tuple[int, ...]]:
    try:
        return _BUILDERS[code]
    except KeyError:
        raise LookupError(
            f"procedure kind {code!r} has no example: add one to juki/demo/examples.py "
            "(@example) or register it with juki.demo.examples.register()"
        ) from None


# --------------------------------------------------------------------------- helpers


def _iso(day: datetime.date | None) -> str:
    return day.isoformat() if day else ""


def _tennyu_entry(
    persons: list[dict[str, Any]],
    *,
    shoumeisho: str,
    zenjusho: str,
    zenjusho_postal_code: str,
    yotei: datetime.date | None,
    moved: datetime.date,
) -> dict[str, Any]:
    return {
        "todoke_date": _iso(r.today()),
        "tennyu_date": _iso(moved),
        "tenshutsu_yotei_date": _iso(yotei),
        "zenjusho_postal_code": zenjusho_postal_code,
        "zenjusho": zenjusho,
        "shoumeisho": shoumeisho,
        "chouaza": r.chouaza().code,
        "banchi": "3番4号",
        "katagaki": "",
        "setai_mode": "new",
        "setai_bango": "",
        "persons": persons,
    }


def _todoke_before(entry: dict[str, Any], ido_key: str) -> dict[str, Any]:
    """The entry with its 届出日 a day before its 異動日 (every 異動 kind refuses it)."""
    ido = datetime.date.fromisoformat(entry[ido_key])
    return {**entry, "todoke_date": _iso(ido - datetime.timedelta(days=1))}


# --------------------------------------------------------------------------- 転入


def _tennyu_example(
    people: Sequence[r.Person],
    n: int,
    *,
    zenjusho: str,
    zenjusho_postal_code: str = "",
    yotei: datetime.date | None = None,
    shoumeisho: str = "nashi",
) -> Example:
    """The first ``n`` of ``people`` moved in three days ago (from abroad unless a
    転出証明書 says otherwise)."""
    moved = r.days_ago(3)
    entry = _tennyu_entry(
        r.incoming(people[:n], moved=moved),
        shoumeisho=shoumeisho,
        zenjusho=zenjusho,
        zenjusho_postal_code=zenjusho_postal_code,
        yotei=yotei,
        moved=moved,
    )
    return Example(entry, _todoke_before(entry, "tennyu_date"), "todoke_date", n)


@example("tennyu", persons=(1, 4))
def tennyu(n: int) -> Example:
    return _tennyu_example(
        r.SATO,
        n,
        shoumeisho="ari",
        zenjusho="大阪府大阪市北区梅田一丁目1番1号",
        zenjusho_postal_code="5300001",
        yotei=r.days_ago(5),
    )


@example("tennyu_kokugai", persons=(1, 4))
def tennyu_kokugai(n: int) -> Example:
    return _tennyu_example(r.SATO, n, zenjusho="アメリカ合衆国")


@example("jukyochi_todoke", persons=(1, 4))
def jukyochi_todoke(n: int) -> Example:
    return _tennyu_example(r.NGUYEN, n, zenjusho="ベトナム")


@example("tennyu_tokurei", persons=(1, 4))
def tennyu_tokurei(n: int) -> Example:
    """The 転出証明書情報 of the persons arrives in the inbox from the 転出地 first."""
    moved, yotei = r.days_ago(3), r.days_ago(5)
    persons = r.incoming(r.SATO[:n], moved=moved)
    jusho, postal_code = "大阪府大阪市北区梅田一丁目1番1号", "5300001"
    payload: dict[str, Any] = {
        "tenshutsu_yotei_date": _iso(yotei),
        "jusho": jusho,
        "jusho_postal_code": postal_code,
        "tenshutsusaki": f"{r.chouaza().city}{r.chouaza().name}3番4号",
        "persons": persons,
    }
    digest = hashlib.sha1(json.dumps(payload, sort_keys=True).encode(), usedforsecurity=False)
    key = f"joho-27127-{digest.hexdigest()[:12]}"
    inbox.receive(
        "jukinet_cs",
        {
            "idempotency_key": key,
            "message_type": kernel.tenshutsu_joho.MESSAGE_TYPE,
            "municipality_code": "27127",
            "payload": payload,
        },
    )
    entry = _tennyu_entry(
        persons,
        shoumeisho="tokurei",
        zenjusho=jusho,
        zenjusho_postal_code=postal_code,
        yotei=yotei,
        moved=moved,
    )
    entry["tenshutsu_joho"] = key
    # the 世帯主 shows the card; the 世帯員 come along (住基法第24条の2第2項)
    entry["mynumber_card"] = [0]
    return Example(entry, _todoke_before(entry, "tennyu_date"), "todoke_date", n)


# --------------------------------------------------------------------------- 転居・区間転入


def _move_entry(
    members: Sequence[Jumin], *, chouaza: str, banchi: str, moved: datetime.date
) -> dict[str, Any]:
    """The whole household moves (世帯ごと: 世帯番号, 世帯主 and 続柄 stay)."""
    return {
        "todoke_date": _iso(r.today()),
        "tenkyo_date": _iso(moved),
        "setai_bango": members[0].setai.setai_bango,
        "atena_bangos": [m.atena_bango for m in members],
        "chouaza": chouaza,
        "banchi": banchi,
        "katagaki": "",
        "setai_mode": "same",
        "setai_nushi": "",
        "join_setai_bango": "",
        "zokugara": {},
        "staying_setai_nushi": "",
        "staying_zokugara": {},
    }


@example("tenkyo", persons=(1, 4))
def tenkyo(n: int) -> Example:
    members = r.household(r.TAKAHASHI[:n], banchi="1番1号")
    place = members[0].chouaza.code
    entry = _move_entry(members, chouaza=place, banchi="5番6号", moved=r.days_ago(3))
    # j630: the new address is the one they live at
    same = _move_entry(members, chouaza=place, banchi="1番1号", moved=r.days_ago(3))
    return Example(entry, same, "banchi", n)


@example("kukan_tennyu", persons=(1, 4))
def kukan_tennyu(n: int) -> Example:
    tsurumi, tsurumi2, kanagawa = r.wards()
    members = r.household(r.TAKAHASHI[:n], place=tsurumi, banchi="1番1号")
    entry = _move_entry(members, chouaza=kanagawa.code, banchi="2番3号", moved=r.days_ago(2))
    # j560: within one 区 it is a 転居, not a 区間転入
    within = _move_entry(members, chouaza=tsurumi2.code, banchi="2番3号", moved=r.days_ago(2))
    return Example(entry, within, "chouaza", n)


# --------------------------------------------------------------------------- 世帯変更


def _setai_henkou_entry(
    members: Sequence[Jumin], henkou: str, *, setai_nushi: str = "", zokugara: dict[str, str]
) -> dict[str, Any]:
    return {
        "todoke_date": _iso(r.today()),
        "ido_date": _iso(r.days_ago(2)),
        "henkou": henkou,
        "setai_bango": members[0].setai.setai_bango,
        "atena_bangos": [],
        "setai_nushi": setai_nushi,
        "other_setai_bango": "",
        "zokugara": zokugara,
        "staying_setai_nushi": "",
        "staying_zokugara": {},
    }


@example("setai_henkou", persons=(1, 4))
def setai_henkou(n: int) -> Example:
    """One person: 世帯構成変更 (同居人 → 妻（未届）); four: 世帯主変更 (the 妻 becomes
    世帯主, every member's 続柄 entered again)."""
    if n == 1:
        head, lodger = r.household(
            (r.TAKAHASHI[0], r.Person("清水", "清", "シミズ", "キヨ", r.FEMALE, 40, "同居人"))
        )
        entry = _setai_henkou_entry(
            [head], "kousei_henkou", zokugara={lodger.atena_bango: "妻（未届）"}
        )
        refused = {**entry, "zokugara": {lodger.atena_bango: "祖父"}}
        return Example(entry, refused, f"zokugara_{lodger.atena_bango}", n)
    husband, wife, son, daughter = r.household(r.TAKAHASHI[:4])
    zokugara = {husband.atena_bango: "夫", son.atena_bango: "子", daughter.atena_bango: "子"}
    entry = _setai_henkou_entry(
        [husband], "nushi_henkou", setai_nushi=wife.atena_bango, zokugara=zokugara
    )
    # j110: a 続柄 the standard does not know
    refused = {**entry, "zokugara": {**zokugara, daughter.atena_bango: "祖父"}}
    return Example(entry, refused, f"zokugara_{daughter.atena_bango}", n)


# --------------------------------------------------------------------------- 転出・取消・再交付


def _tenshutsu_entry(leavers: Sequence[Jumin]) -> dict[str, Any]:
    return {
        "todoke_date": _iso(r.today()),
        "tenshutsu_yotei_date": _iso(r.today() + datetime.timedelta(days=7)),
        "kokugai": False,
        "tokurei": False,
        "tenshutsusaki_postal_code": "5308201",
        "tenshutsusaki": "大阪府大阪市北区中之島一丁目3番20号",
        "tenshutsusaki_country": "",
        "setai_bango": leavers[0].setai.setai_bango,
        "atena_bangos": [m.atena_bango for m in leavers],
        "new_setai_nushi": "",
        "zokugara_changes": {},
    }


@example("tenshutsu", persons=(1, 4))
def tenshutsu(n: int) -> Example:
    """The whole household leaves (nobody stays, so no new 世帯主)."""
    entry = _tenshutsu_entry(r.household(r.TAKAHASHI[:n]))
    kokugai = {**entry, "kokugai": True, "tenshutsusaki": "", "tenshutsusaki_postal_code": ""}
    return Example(entry, kokugai, "tenshutsusaki_country", n)


def _approved_tenshutsu(n: int) -> tuple[Jumin, list[Jumin]]:
    """A household of n + 1 whose n members (not the 世帯主) moved out, approved."""
    head, *leavers = r.household(r.TAKAHASHI[: n + 1])
    contractor, clerk = r.staff()
    proc = services.do_receive(
        acting_user=contractor,
        terminal=None,
        category=get_kind("tenshutsu").category,
        visitor_kind="honnin",
        visitor_name=f"{head.shi}　{head.mei}",
        id_documents=["mynumber_card"],
        has_ininjo=False,
        kinds=["tenshutsu"],
    ).procedures.get()
    proc = services.do_enter(proc, _tenshutsu_entry(leavers), acting_user=contractor, terminal=None)
    proc = services.do_check(proc, acting_user=contractor, terminal=None, all_ticked=True)
    services.do_approve(proc, acting_user=clerk, terminal=None)
    return head, leavers


@example("tenshutsu_torikeshi", persons=(1, 4))
def tenshutsu_torikeshi(n: int) -> Example:
    head, leavers = _approved_tenshutsu(n)
    entry = {
        "todoke_date": _iso(r.today()),
        "atena_bangos": [m.atena_bango for m in leavers],
        "reason": "転出の予定の取りやめ",
    }
    # only a 除票 by 転出 can be cancelled: the 世帯主 stayed
    return Example(entry, {**entry, "atena_bangos": [head.atena_bango]}, "atena_bangos", n)


@example("tenshutsu_saikoufu", persons=(1, 4))
def tenshutsu_saikoufu(n: int) -> Example:
    head, leavers = _approved_tenshutsu(n)
    entry = {"todoke_date": _iso(r.today()), "atena_bangos": [m.atena_bango for m in leavers]}
    return Example(entry, {**entry, "atena_bangos": [head.atena_bango]}, "atena_bangos", n)


# --------------------------------------------------------------------------- 出生・死亡・職権


@example("shussei")
def shussei(n: int) -> Example:
    father, _mother = r.household(r.TAKAHASHI[:2])
    entry = {
        "todoke_date": _iso(r.today()),
        "juri_date": _iso(r.today()),
        "setai_bango": father.setai.setai_bango,
        "shi": "髙橋",
        "mei": "三郎",
        "shi_kana": "タカハシ",
        "mei_kana": "サブロウ",
        "seibetsu": r.MALE,
        "seinengappi": _iso(r.days_ago(5)),
        "seinengappi_hyoki": "",
        "zokugara": "子",
        "honseki": r.HONSEKI,
        "hittousha": "髙橋　一郎",
    }
    return Example(entry, {**entry, "zokugara": "世帯主"}, "zokugara", n)


@example("shibou")
def shibou(n: int) -> Example:
    _head, wife = r.household(r.TAKAHASHI[:2])
    entry = {
        "atena_bango": wife.atena_bango,
        "setai_bango": wife.setai.setai_bango,
        "todoke_date": _iso(r.days_ago(1)),
        "shibou_date": _iso(r.days_ago(3)),
        "shibou_date_hyoki": "",
        "new_setai_nushi": "",
        "zokugara_changes": {},
    }
    after = {**entry, "shibou_date": _iso(r.today())}  # 死亡日 after the 届出日
    return Example(entry, after, "shibou_date", n)


@example("shokken_kisai")
def shokken_kisai(n: int) -> Example:
    """A person found living here by a survey (未届転入), recorded as a new household
    without a known 住民票コード (one is assigned at 承認)."""
    person = kernel.tennyu_person(
        shi="山本",
        mei="実",
        shi_kana="ヤマモト",
        mei_kana="ミノル",
        seinengappi=r.born(52),
        seibetsu=r.MALE,
        zokugara="世帯主",
        honseki="不明",
        hittousha="不明",  # 戸籍の表示 may be unknown, not blank (j60, j120)
    )
    entry = {
        "riyu": "実態調査により居住を確認（未届転入）",
        "todoke_date": _iso(r.today()),
        "jumin_date": _iso(r.days_ago(30)),
        "zenjusho": "不明",
        "chouaza": r.chouaza().code,
        "banchi": "2番3号",
        "katagaki": "",
        "setai_mode": "new",
        "setai_bango": "",
        "persons": [person],
    }
    child = {**entry, "persons": [{**person, "zokugara": "子"}]}  # a new household needs a head
    return Example(entry, child, "person-zokugara", n)


@example("shokken_shojo")
def shokken_shojo(n: int) -> Example:
    """The son no longer lives there: a 実態調査 found 居住の事実なし, recorded first."""
    _head, son = r.household((r.TAKAHASHI[0], r.TAKAHASHI[2]))
    chousa = JittaiChousa.objects.create(
        jumin=son,
        chousa_date=r.days_ago(40),
        chousain="調査　一郎",
        kekka=JittaiKekka.KYOJU_NASHI,
        saikoku_date=r.days_ago(30),
        koji_date=r.days_ago(10),
        memo="郵便物滞留、近隣聞き取り",
    )
    entry = {
        "atena_bango": son.atena_bango,
        "setai_bango": son.setai.setai_bango,
        "shojo_date": _iso(r.today()),
        "riyu": "実態調査の結果、居住の事実なし",
        "chousa_id": chousa.pk,
        "chousa": None,
        "new_setai_nushi": "",
        "zokugara_changes": {},
    }
    before = {**entry, "shojo_date": _iso(r.days_ago(50))}  # before the survey
    return Example(entry, before, "shojo_date", n)


@example("shokken_shusei")
def shokken_shusei(n: int) -> Example:
    _head, wife = r.household(r.TAKAHASHI[:2])
    entry = {
        "atena_bango": wife.atena_bango,
        "setai_bango": "",
        "shusei_date": _iso(r.today()),
        "tsuchi_date": _iso(r.today()),  # the notice of the 理由 (j780: today by default)
        "riyu": "戸籍の記載との相違（戸籍法第24条第4項通知）",
        "changes": {"mei": "華子", "mei_kana": "ハナヨ"},
    }
    # the 世帯主 changes by a 世帯変更, never by a correction
    head = {**entry, "changes": {"zokugara": "世帯主"}}
    return Example(entry, head, "items-zokugara", n)
