"""The examples of the window's card procedures (ADR 0036), what juki/demo/examples.py
holds for juki's kinds: each prepares the register and the card through the services
(mynumber.demo) and returns a valid entry, written from its JSON shape, and one the kind
refuses by a rule of its own, with the field the refusal stands next to."""

from __future__ import annotations

import datetime
from typing import Any

from counter import services as counter_services
from counter.procedure_kinds import get_kind
from juki.demo import examples
from juki.demo import residents as r
from juki.models import Jumin

from . import demo, services


def kofu_mae_settei(persons: int) -> examples.Example:
    """A card come from J-LIS that matches; refused: 設定 with the photo not matching."""
    (adult,) = r.household(r.TAKAHASHI[:1])
    demo.applied(adult)
    entry = {
        "atena_bango": adult.atena_bango,
        "hakkou_bango": demo.hakkou_bango(),
        "hakkou_date": r.days_ago(5).isoformat(),
        "settei_date": r.today().isoformat(),
        "check_shimei": True,
        "check_jusho": True,
        "check_seinengappi": True,
        "check_seibetsu": True,
        "check_shashin": True,
        "kekka": "settei",
        "horyuu_riyu": "",
    }
    return examples.Example(entry, {**entry, "check_shashin": False}, "check_shashin", 1)


def koufu_entry(atena_bango: str, **changes: Any) -> dict[str, Any]:
    return {
        "atena_bango": atena_bango,
        "koufu_date": r.today().isoformat(),
        "tsuchisho": "jisan",
        "raichousha": "honnin",
        "seinen_hikoukennin": False,
        "dairinin_shimei": "",
        "shoukaisho": False,
        "fuzai_riyu": "",
        "sonmei": False,
        "honnin_kakunin": "driver_license",
        "honnin_kakunin_2": "",
        "kyuu_card": "nashi",
        "kyuu_kaishu": False,
        "shomei_kibou": True,
        "cs_shomei": True,
        "cs_riyousha": True,
        "cs_juki": True,
        "cs_kenmen": True,
        **changes,
    }


def card_koufu(persons: int) -> examples.Example:
    """The 本人 with a 運転免許証; refused: a 代理人 without the 照会書兼回答書."""
    (adult,) = r.household(r.TAKAHASHI[:1])
    demo.received(adult)
    entry = koufu_entry(adult.atena_bango)
    refused = {
        **entry,
        "raichousha": "dairinin",
        "dairinin_shimei": "髙橋　花子",
        "fuzai_riyu": "byouki",
        "sonmei": True,
    }
    return examples.Example(entry, refused, "shoukaisho", 1)


def approved(kind: str, entry: dict[str, Any]) -> None:
    """A procedure of ``kind`` walked to 承認 by the example staff (what an example needs
    done in the register first)."""
    contractor, clerk = r.staff()
    proc = counter_services.do_receive(
        acting_user=contractor,
        terminal=None,
        category=get_kind(kind).category,
        visitor_kind="honnin",
        visitor_name="見本",
        id_documents=["mynumber_card"],
        has_ininjo=False,
        kinds=[kind],
    ).procedures.get()
    proc = counter_services.do_enter(proc, entry, acting_user=contractor, terminal=None)
    proc = counter_services.do_check(proc, acting_user=contractor, terminal=None, all_ticked=True)
    counter_services.do_approve(proc, acting_user=clerk, terminal=None)


def zairyu_koushin(person: Jumin, until: datetime.date) -> None:
    """The 在留期間更新 recorded in the register (a 職権修正 of the 満了の日)."""
    approved(
        "shokken_shusei",
        {
            "atena_bango": person.atena_bango,
            "setai_bango": "",
            "shusei_date": r.today().isoformat(),
            "tsuchi_date": r.today().isoformat(),
            "riyu": "在留期間更新許可（法務大臣の通知）",
            "changes": {"zairyu_kikan": "5年", "zairyu_manryo_date": until.isoformat()},
        },
    )


def yuko_kikan_koushin(persons: int) -> examples.Example:
    """A foreign resident whose new 在留期間 is in the register; refused: a 日本人."""
    (takahashi,) = r.household(r.TAKAHASHI[:1])
    (nguyen,) = r.household(r.NGUYEN[:1], banchi="2番2号")
    demo.issued(takahashi)
    demo.issued(nguyen)
    zairyu_koushin(nguyen, r.today() + datetime.timedelta(days=5 * 365))
    entry = {
        "atena_bango": nguyen.atena_bango,
        "shinsei_date": r.today().isoformat(),
        "raichousha": "honnin",
        "shoukaisho": False,
        "honnin_kakunin": "",
        "check_zairyu_card": True,
    }
    return examples.Example(
        entry, {**entry, "atena_bango": takahashi.atena_bango}, "atena_bango", 1
    )


def anshou_bangou(persons: int) -> examples.Example:
    """The 本人 resets the 利用者証明用 PIN; refused: no PIN chosen."""
    (adult,) = r.household(r.TAKAHASHI[:1])
    demo.issued(adult)
    entry = {
        "atena_bango": adult.atena_bango,
        "shinsei_date": r.today().isoformat(),
        "sousa": "saisettei",
        "cs_shomei": False,
        "cs_riyousha": True,
        "cs_juki": False,
        "cs_kenmen": False,
        "raichousha": "honnin",
        "shoukaisho": False,
        "honnin_kakunin": "",
    }
    return examples.Example(entry, {**entry, "cs_riyousha": False}, "cs_shomei", 1)


NEWBORN = r.Person("髙橋", "蓮", "タカハシ", "レン", r.MALE, 0, "子")


def tokkyuu_hakkou(persons: int) -> examples.Example:
    """A 新生児 with the parent; refused: a 再交付 without a card to replace."""
    _parent, baby = r.household((r.TAKAHASHI[0], NEWBORN))
    entry = {
        "atena_bango": baby.atena_bango,
        "shinsei_date": r.today().isoformat(),
        "jiyu": "shinseiji",
        "raichousha": "houtei",
        "seinen_hikoukennin": False,
        "honnin_kakunin": "passport",
        "honnin_kakunin_2": "",
        "check_shashin": True,
        "sofusaki": "jusho",
    }
    return examples.Example(entry, {**entry, "jiyu": "saikoufu"}, "jiyu", 1)


def hoki_entry(atena_bango: str, **changes: Any) -> dict[str, Any]:
    return {
        "atena_bango": atena_bango,
        "todoke_date": r.today().isoformat(),
        "hoki_naiyou": "住所の変更",
        "ic_chip": "ari",
        "shomei_saihakkou": False,
        "raichousha": "honnin",
        "shoukaisho": False,
        "honnin_kakunin": "",
        **changes,
    }


def card_hoki(persons: int) -> examples.Example:
    """A card due for its 補記 after a 転居; refused: one with nothing to write."""
    adult, wife = r.household(r.TAKAHASHI[:2])
    card = demo.issued(adult)
    demo.issued(wife)
    services.do_mark_hoki(card, day=r.today(), jiyu="転居（住所）", acting_user=None)
    entry = hoki_entry(adult.atena_bango)
    return examples.Example(entry, {**entry, "atena_bango": wife.atena_bango}, "atena_bango", 1)


def register_examples() -> None:
    examples.register("kofu_mae_settei", kofu_mae_settei)
    examples.register("card_koufu", card_koufu)
    examples.register("yuko_kikan_koushin", yuko_kikan_koushin)
    examples.register("anshou_bangou", anshou_bangou)
    examples.register("tokkyuu_hakkou", tokkyuu_hakkou)
    examples.register("card_hoki", card_hoki)
