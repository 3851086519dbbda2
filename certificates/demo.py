"""The examples of the certificate kinds (what juki/demo/examples.py holds for juki's).

Each prepares the register through juki's demo helpers and the services, and returns a
valid entry (exactly what the kind's form gives back, written from its JSON shape) and
one the kind refuses by a rule of its own, with the field the refusal stands next to.
"""

from __future__ import annotations

import datetime
from typing import Any

from juki.demo import examples
from juki.demo import residents as r
from juki.models import Jumin

from .services import do_record_jukyo_hyoji


def _honnin(person: Jumin) -> dict[str, Any]:
    """A 本人's request (住基法第12条第1項): the 請求者 chosen from the register."""
    c = person.chouaza
    return {
        "seikyusha_kubun": "honnin",
        "seikyusha_shimei": person.full_name,
        "seikyusha_jusho": f"{c.prefecture}{c.city}{c.name}{person.banchi}",
        "seikyusha_atena_bango": person.atena_bango,
        "tsusu": 1,
    }


def juminhyo_utsushi(persons: int) -> examples.Example:
    """住民票の写し, 世帯連記式, with 世帯主・続柄; refused: a 第三者 asking for the 個人番号
    (住基法第12条の3第7項)."""
    members = r.household(r.TAKAHASHI[:persons])
    entry = {
        **_honnin(members[0]),
        "atena_bangos": [m.atena_bango for m in members],
        "style": "renki",
        "kisai": ["setai_nushi_zokugara", "jumin_date", "jusho_date", "zenjusho"],
    }
    refused = {
        **entry,
        "seikyusha_kubun": "daisansha",
        "seikyusha_atena_bango": "",
        "riyu_kubun": "kenri",
        "riyu": "貸金の返還を請求する訴えの提起のため",
        "kisai": ["kojin_bango"],
    }
    return examples.Example(entry, refused, "kisai", persons)


def kisai_jiko(persons: int) -> examples.Example:
    """記載事項証明書 of 本籍・筆頭者; refused: a 公用 request naming no 機関 (第12条の2)."""
    (person,) = r.household(r.TAKAHASHI[:1])
    entry = {
        **_honnin(person),
        "atena_bangos": [person.atena_bango],
        "kisai": ["honseki_hittousha", "katagaki"],
    }
    refused = {**entry, "seikyusha_kubun": "kouyou", "seikyusha_atena_bango": ""}
    return examples.Example(entry, refused, "kouyou_kikan", persons)


def fuzaiju(persons: int) -> examples.Example:
    """不在住証明書 for a name nobody in the register has; refused: a resident's name and
    address (the city has a 住民票 there)."""
    (person,) = r.household(r.TAKAHASHI[:1])
    c = person.chouaza
    entry = {
        "seikyusha_kubun": "daisansha",
        "seikyusha_shimei": "株式会社見本不動産",
        "seikyusha_jusho": "東京都千代田区霞が関一丁目1番1号",
        "fuzai_shimei": "山田　花子",
        "fuzai_jusho": f"{c.prefecture}{c.city}{c.name}9番9号",
        "tsusu": 1,
    }
    refused = {
        **entry,
        "fuzai_shimei": person.full_name,
        "fuzai_jusho": f"{c.prefecture}{c.city}{c.name}{person.banchi}",
    }
    return examples.Example(entry, refused, "fuzai_shimei", persons)


def jukyo_hyoji(persons: int) -> examples.Example:
    """住居表示変更証明書 of an address the city's record has; refused: one it has not."""
    place = r.chouaza()
    do_record_jukyo_hyoji(
        acting_user=None,
        chouaza=place,
        banchi="2番3号",
        kyu_hyoji=f"{place.prefecture}{place.city}{place.name}123番地",
        jisshi_date=datetime.date(2020, 4, 1),
        kokuji="令和2年告示第10号",
    )
    entry = {
        "seikyusha_kubun": "honnin",
        "seikyusha_shimei": "髙橋　一郎",
        "seikyusha_jusho": f"{place.prefecture}{place.city}{place.name}2番3号",
        "chouaza": place.code,
        "banchi": "2番3号",
        "meigi": "髙橋　一郎",
        "tsusu": 1,
    }
    refused = {**entry, "banchi": "99番99号"}
    return examples.Example(entry, refused, "banchi", persons)


def register_examples() -> None:
    examples.register("juminhyo_utsushi", juminhyo_utsushi, persons=(1, 4))
    examples.register("kisai_jiko", kisai_jiko)
    examples.register("fuzaiju", fuzaiju)
    examples.register("jukyo_hyoji", jukyo_hyoji)
