"""The 転入届's entry: what 仮登録 keeps (typed, versioned; the JSON keys are today's).

The JSON (``TennyuEntry.to_json()``; ``tennyu_entry()`` builds one for tests, benchmarks
and journeys)::

    {"v": 2, "todoke_date": "2026-04-10", "tennyu_date": "2026-04-05",
     "tenshutsu_yotei_date": "2026-04-01",          # null for 国外からの転入
     "zenjusho_postal_code": "5300001", "zenjusho": "大阪府大阪市北区梅田一丁目1番1号",
     "shoumeisho": "ari" | "junzuru" | "tokurei" | "nashi",
     "chouaza": "<町字コード>", "banchi": "1番2号", "katagaki": "",
     "setai_mode": "new" | "join", "setai_bango": "",  # 世帯番号 when joining
     "tenshutsu_joho": "",                            # 特例転入: the 転出証明書情報's key
     "saitennyu": ["<宛名番号>", …],                  # 再転入 chosen on the 3情報 (j600)
     "mynumber_card": [0, …],                         # persons (index) showing their card
     "persons": [{<kernel.PERSON_KEYS>}, …]}
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

from django.utils import timezone

from jputil import numbers

from ...models import JuminShubetsu
from .. import kernel

SHOUMEISHO_CHOICES = {
    "ari": "転出証明書あり",
    "junzuru": "転出証明書に準ずる証明書",
    "tokurei": "特例（個人番号カード・転出証明書情報を受信）",
    "nashi": "なし（国外からの転入）",
}


@dataclass(frozen=True)
class TennyuPerson(kernel.Entry):
    """One incoming person: the items of ``kernel.PERSON_KEYS``, in that order."""

    shubetsu: str = JuminShubetsu.JAPANESE.value
    shi: str = ""
    mei: str = ""
    shi_kana: str = ""
    mei_kana: str = ""
    shi_furigana: str = ""
    mei_furigana: str = ""
    name_alphabet: str = ""
    kyuuji: str = ""
    kyuuji_kana: str = ""
    tsushou: str = ""
    tsushou_kana: str = ""
    seinengappi: datetime.date | None = None
    seibetsu: str = ""
    zokugara: str = ""
    honseki: str = ""
    hittousha: str = ""
    juminhyo_code: str = ""
    kojin_bango: str = ""
    kokuseki: str = ""
    gaikokujin_date: datetime.date | None = None
    kubun_30_45: str = ""
    zairyu_shikaku: str = ""
    zairyu_kikan: str = ""
    zairyu_manryo_date: datetime.date | None = None
    zairyu_card_bango: str = ""
    joriku_kikan: str = ""
    kari_taizai_kikan: str = ""
    seinengappi_hyoki: str = ""
    gaikokujin_date_hyoki: str = ""

    @property
    def name(self) -> str:
        return f"{self.shi}　{self.mei}" if self.mei else self.shi

    @property
    def is_foreign(self) -> bool:
        return self.shubetsu == JuminShubetsu.FOREIGN.value


@dataclass(frozen=True)
class TennyuEntry(kernel.AddressFields, kernel.NewcomerHousehold):
    VERSION: ClassVar[int] = 2

    todoke_date: datetime.date | None = None
    tennyu_date: datetime.date | None = None
    tenshutsu_yotei_date: datetime.date | None = None
    zenjusho_postal_code: str = ""
    zenjusho: str = ""
    shoumeisho: str = "ari"
    persons: tuple[TennyuPerson, ...] = ()
    tenshutsu_joho: str = ""
    #: j600: the 宛名番号 of 除票 the clerk chose to revive as a 再転入 where only the
    #: 3情報 (氏名・生年月日・性別) match (a match by number needs no choice)
    saitennyu: tuple[str, ...] = ()
    #: the persons (by their index in ``persons``) who showed their 個人番号カード: only
    #: their card is due for its 継続利用 (番号法第17条第2項). A 特例転入 is the card
    #: holder's (住基法第24条の2第1項), and a 世帯員 without a card may come along with
    #: the 世帯主's (第2項), so the 特例 does not tell who holds one.
    mynumber_card: tuple[int, ...] = ()

    @classmethod
    def upgrade(cls, data: dict[str, Any], version: int) -> dict[str, Any]:
        """Version 1 had no ``mynumber_card``: a 特例転入 then listed every person's card,
        and one entered before the release is read as it was entered (照合 shows it)."""
        if version != 1:
            return super().upgrade(data, version)
        if "mynumber_card" not in data:
            tokurei = data.get("shoumeisho") == "tokurei"
            count = len(data.get("persons") or ())
            data = {**data, "mynumber_card": list(range(count)) if tokurei else []}
        return data

    def shows_card(self, index: int) -> bool:
        return index in self.mynumber_card


def tennyu_entry(
    *,
    chouaza: str,
    persons: Sequence[dict[str, Any]],
    tennyu_date: datetime.date | None = None,
    todoke_date: datetime.date | None = None,
    tenshutsu_yotei_date: datetime.date | str | None = "auto",
    zenjusho: str = "大阪府大阪市北区梅田一丁目1番1号",
    zenjusho_postal_code: str = "5300001",
    shoumeisho: str = "ari",
    banchi: str = "1番2号",
    katagaki: str = "",
    setai_bango: str = "",
    mynumber_card: Sequence[int] | None = None,
) -> dict[str, Any]:
    """A valid entry's JSON (for journeys, benchmarks and tests).

    ``persons`` are ``kernel.tennyu_person(...)`` dicts (or plain dicts of items). The
    household is new unless ``setai_bango`` is given. 転入日 and 届出日 default to today
    and 転出予定日 = 転入日 (None for 国外: shoumeisho="nashi"). ``mynumber_card``: the
    persons (index) who show their 個人番号カード; by default the first person of a 特例転入
    (which is made with the card, 住基法第24条の2第1項) and nobody otherwise.
    """
    if mynumber_card is None:
        mynumber_card = (0,) if shoumeisho == "tokurei" else ()
    moved = tennyu_date or timezone.localdate()
    yotei: datetime.date | None
    if tenshutsu_yotei_date == "auto":
        yotei = None if shoumeisho == "nashi" else moved
    elif isinstance(tenshutsu_yotei_date, str):
        yotei = kernel.from_iso(tenshutsu_yotei_date)
    else:
        yotei = tenshutsu_yotei_date
    people = [
        p if set(p) >= set(kernel.PERSON_KEYS) else kernel.tennyu_person(**p) for p in persons
    ]
    return TennyuEntry(
        todoke_date=todoke_date or timezone.localdate(),
        tennyu_date=moved,
        tenshutsu_yotei_date=yotei,
        zenjusho_postal_code=zenjusho_postal_code,
        zenjusho=zenjusho,
        shoumeisho=shoumeisho,
        chouaza=chouaza,
        banchi=banchi,
        katagaki=katagaki,
        **kernel.newcomer_household(setai_bango),
        persons=tuple(TennyuPerson.from_json(p, nested=True) for p in people),
        mynumber_card=tuple(mynumber_card),
    ).to_json()


#: 宛名番号 of 除票, as the clerk types them: separated by 「、」「,」 or spaces
_SAITENNYU_SEPARATORS = str.maketrans({c: " " for c in "、，,・\u3000\n\r\t"})


def parse_saitennyu(text: str) -> tuple[str, ...]:
    """The 宛名番号 typed for 再転入 (j600), half-width, each once, in order; ValueError
    (in Japanese) names what is not a 宛名番号 (10 digits)."""
    out: list[str] = []
    for token in str(text or "").translate(_SAITENNYU_SEPARATORS).split():
        digits = numbers.normalize_digits(token)
        if not (digits.isascii() and digits.isdigit() and len(digits) == 10):
            raise ValueError(f"「{token}」は宛名番号（10桁の数字）ではありません。")
        if digits not in out:
            out.append(digits)
    return tuple(out)


#: the person block's item 「個人番号カードの提示」 (not an item of the register)
CARD_FIELD = "mynumber_card"

#: the entry screen's own fields, in the order of the paper form
MAIN_KEYS = (
    "todoke_date",
    "tennyu_date",
    "tenshutsu_yotei_date",
    "zenjusho_postal_code",
    "zenjusho",
    "shoumeisho",
    "chouaza",
    "banchi",
    "katagaki",
    "setai_mode",
    "setai_bango",
)


def entry_post_data(entry: dict[str, Any], *, extra_rows: int = 0) -> dict[str, str]:
    """The POST data of the entry screen that yields ``entry`` (for view tests/journeys)."""
    data = {key: str(entry.get(key) or "") for key in MAIN_KEYS}
    if entry.get("tenshutsu_joho"):
        data["tenshutsu_joho"] = str(entry["tenshutsu_joho"])
    if entry.get("saitennyu"):
        data["saitennyu"] = "、".join(entry["saitennyu"])
    persons = entry["persons"]
    data.update(
        {
            "persons-TOTAL_FORMS": str(len(persons) + extra_rows),
            "persons-INITIAL_FORMS": "0",
            "persons-MIN_NUM_FORMS": "1",
            "persons-MAX_NUM_FORMS": "20",
        }
    )
    for i, person in enumerate(persons):
        for key in kernel.PERSON_FIELDS:
            value = person.get(key) or ""
            hyoki = kernel.PERSON_HYOKI.get(key)
            if hyoki and person.get(hyoki):
                value = person[hyoki]
            data[f"persons-{i}-{key}"] = str(value)
        if i in (entry.get("mynumber_card") or ()):
            data[f"persons-{i}-{CARD_FIELD}"] = "on"
    for i in range(len(persons), len(persons) + extra_rows):
        data[f"persons-{i}-shubetsu"] = JuminShubetsu.JAPANESE.value
    return data
