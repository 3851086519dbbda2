"""jputil.searchkeys: 検索キーの正規化（データベース不要）。"""

from __future__ import annotations

import itertools
import json
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jputil import searchkeys
from jputil.searchkeys import (
    fold_kana,
    fold_kanji,
    is_katakana_reading,
    itaiji_table,
    kana_key,
    kanji_key,
    prefix_upper_bound,
    to_katakana_input,
)

HIRAGANA = "".join(chr(c) for c in range(0x3041, 0x3097)) + "ゝゞゟ"
KATAKANA = "".join(chr(c) for c in range(0x30A1, 0x30FB)) + "ーヽヾ・"
HALFWIDTH_KANA = "".join(chr(c) for c in range(0xFF65, 0xFFA0))
DASHES = "ー―－‐ｰ-‑–—─\u30fc〜"
SPACES = " \u3000\t"
MARKS = "\u3099\u309a\u309b\u309c"
SMALL_AINU = "".join(chr(c) for c in range(0x31F0, 0x3200))
OTHER = "山田髙﨑abcXYZＡｂ１2"

kana_text = st.text(
    alphabet=HIRAGANA + KATAKANA + HALFWIDTH_KANA + DASHES + SPACES + MARKS + SMALL_AINU,
    max_size=20,
)
mixed_text = st.text(
    alphabet=HIRAGANA + KATAKANA + HALFWIDTH_KANA + DASHES + SPACES + MARKS + OTHER,
    max_size=20,
)
kanji_text = st.text(
    alphabet=st.sampled_from(
        list("山田高橋渡辺 \u3000abｃ１")
        + list(itaiji_table())
        + list(itaiji_table().values())
        + ["\ufe00", "\U000e0100", "\U000e01ef", "\ufa10", "\uf900", "\u2fbc"]
    ),
    max_size=12,
)


# --- fold_kana ---------------------------------------------------------------


def test_required_examples_sato_taro() -> None:
    expected = fold_kana("サトウ タロウ")
    assert fold_kana("さとう　たろう") == expected
    assert fold_kana("ｻﾄｳ ﾀﾛｳ") == expected
    assert fold_kana("サトー タロー") == expected
    assert expected == "サトタロ"


def test_gakkou_folds_to_katsuko() -> None:
    assert fold_kana("ガッコウ") == fold_kana("カツコ") == "カツコ"
    assert fold_kana("ｶﾞｯｺｳ") == "カツコ"


@pytest.mark.parametrize(
    ("variants", "expected"),
    [
        (["サトウ", "サトー", "サトオ", "サト", "さとう", "ｻﾄｰ"], "サト"),
        (["トオル", "トール", "トウル", "トル"], "トル"),
        (["ユウコ", "ユーコ", "ユコ", "ゆうこ"], "ユコ"),
        (["ショウ", "ショー", "しょう", "ｼｮｳ", "シヨ"], "シヨ"),
        (["オオノ", "オーノ", "オノ", "オウノ"], "オノ"),
        (["コウ", "コー", "こう"], "コ"),
        (["ヨウコ", "ヨーコ"], "ヨコ"),
    ],
)
def test_long_vowel_folding(variants: list[str], expected: str) -> None:
    assert {fold_kana(v) for v in variants} == {expected}


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("ヂ", "ジ"),
        ("ヅ", "ズ"),
        ("ヲ", "オ"),
        ("ワ", "ハ"),
        ("ヮ", "ワ"),
        ("ヴァ", "バ"),
        ("ヴィ", "ビ"),
        ("ヴ", "ブ"),
        ("ヴェ", "ベ"),
        ("ヴォ", "ボ"),
        ("ガ", "カ"),
        ("パ", "ハ"),
        ("ァ", "ア"),
        ("ッ", "ツ"),
        ("ャ", "ヤ"),
        ("ュ", "ユ"),
        ("ョ", "ヨ"),
        ("ヵ", "カ"),
        ("ヶ", "ケ"),
        ("ゔぁいおりん", "バイオリン"),
        ("ﾊﾟﾝ", "ハン"),
        ("ｳﾞｨ", "ビ"),
        ("カ\u3099", "ガ"),
        ("ｶﾞ", "ｶ"),
        ("さゝき", "ササキ"),
        ("ササ\u30fdキ", "サササキ"),
    ],
)
def test_equivalences(a: str, b: str) -> None:
    assert fold_kana(a) == fold_kana(b)


def test_vu_becomes_ba_row_not_u() -> None:
    assert fold_kana("ヴ") == "フ"
    assert fold_kana("ヴァ") == "ハ"
    # ヂ は ジ に寄せてから濁点を取るので シ（チではない）
    assert fold_kana("ヂ") == fold_kana("ジ") == "シ"
    assert fold_kana("ヅ") == fold_kana("ズ") == "ス"


@pytest.mark.parametrize("dash", list(DASHES))
def test_all_dash_variants_removed(dash: str) -> None:
    assert fold_kana(f"サ{dash}ラ") == "サラ"


def test_spaces_and_middle_dot_removed() -> None:
    assert fold_kana("ジョン・スミス") == fold_kana("ジョン スミス") == fold_kana("ｼﾞｮﾝ･ｽﾐｽ")
    assert fold_kana(" \u3000\tア イ\u3000ウ ") == "アイウ"


def test_non_kana_passes_through_with_width_and_case_folding() -> None:
    assert fold_kana("山田 ﾀﾛｳ") == "山田タロ"
    assert fold_kana("ｓｍｉｔｈ john") == "SMITHJOHN"
    assert fold_kana("髙橋") == "髙橋"  # 漢字の異体字はカナキーでは扱わない


def test_empty() -> None:
    assert fold_kana("") == ""
    assert fold_kana("　 ー") == ""


@given(kana_text)
def test_fold_kana_idempotent_on_kana(text: str) -> None:
    once = fold_kana(text)
    assert fold_kana(once) == once


@given(mixed_text)
def test_fold_kana_idempotent_on_mixed(text: str) -> None:
    once = fold_kana(text)
    assert fold_kana(once) == once


@given(st.text(max_size=20))
def test_fold_kana_idempotent_on_any_text(text: str) -> None:
    once = fold_kana(text)
    assert fold_kana(once) == once


@given(kana_text)
def test_fold_kana_output_has_no_folded_characters(text: str) -> None:
    out = fold_kana(text)
    forbidden = set(
        "ァィゥェォッャュョヵヶヮヲワヰヱヴヂヅガギグゲゴザジズゼゾダデドバビブベボパピプペポ"
        "ヷヸヹヺーヽヾ・ 　"
    )
    assert not forbidden & set(out)
    assert not set(MARKS) & set(out)
    for a, b in itertools.pairwise(out):
        assert not (a in "オコソトノホモヨロ" and b in "ウオ")
        assert not (a in "ウクスツヌフムユル" and b == "ウ")


@given(kana_text)
def test_hiragana_and_katakana_fold_the_same(text: str) -> None:
    import jaconv

    assert fold_kana(jaconv.kata2hira(text)) == fold_kana(text)


@given(kana_text, kana_text)
def test_fold_kana_ignores_spaces_between_parts(shi: str, mei: str) -> None:
    assert fold_kana(shi + "\u3000" + mei) == fold_kana(shi + mei) == kana_key(shi, mei)


# --- fold_kanji --------------------------------------------------------------


def test_fold_kanji_required_examples() -> None:
    assert fold_kanji("髙橋") == fold_kanji("高橋") == "高橋"
    assert fold_kanji("渡邊") == fold_kanji("渡邉") == fold_kanji("渡辺") == "渡辺"
    assert fold_kanji("𠮷田") == "吉田"
    assert fold_kanji("塚\ufa10") == "塚塚"  # CJK 互換漢字 U+FA10 → U+585A
    assert fold_kanji("山﨑") == fold_kanji("山嵜") == fold_kanji("山崎")
    assert fold_kanji("齋藤") == fold_kanji("齊藤") == fold_kanji("斎藤") == fold_kanji("斉藤")


def test_fold_kanji_strips_variation_selectors_and_spaces() -> None:
    assert fold_kanji("葛\U000e0100城") == "葛城"
    assert fold_kanji("辻\U000e0101 太郎") == "辻太郎"
    assert fold_kanji("邉\U000e0108\ufe00") == "辺"
    assert fold_kanji("山田　花子") == fold_kanji("山田 花子") == "山田花子"


@pytest.mark.parametrize(
    ("variant", "standard"),
    [
        ("髙", "高"),
        ("﨑", "崎"),
        ("嵜", "崎"),
        ("邊", "辺"),
        ("邉", "辺"),
        ("齋", "斉"),
        ("齊", "斉"),
        ("斎", "斉"),
        ("澤", "沢"),
        ("濱", "浜"),
        ("濵", "浜"),
        ("廣", "広"),
        ("嶋", "島"),
        ("嶌", "島"),
        ("櫻", "桜"),
        ("國", "国"),
        ("藏", "蔵"),
        ("龍", "竜"),
        ("瀨", "瀬"),
        ("眞", "真"),
        ("惠", "恵"),
        ("德", "徳"),
        ("條", "条"),
        ("萬", "万"),
        ("與", "与"),
        ("淺", "浅"),
        ("冨", "富"),
        ("槇", "槙"),
        ("籠", "篭"),
        ("榮", "栄"),
        ("學", "学"),
        ("實", "実"),
        ("壽", "寿"),
        ("髮", "髪"),
        ("關", "関"),
        ("鐵", "鉄"),
        ("黑", "黒"),
        ("圓", "円"),
        ("𠮷", "吉"),
    ],
)
def test_itaiji_table_required_entries(variant: str, standard: str) -> None:
    assert itaiji_table()[variant] == standard
    assert fold_kanji(variant) == standard


def test_itaiji_table_has_no_chains_and_is_well_formed() -> None:
    table = itaiji_table()
    assert 60 <= len(table) <= 200
    for key, value in table.items():
        assert len(key) == 1 and len(value) == 1
        assert key != value
        assert value not in table, f"{key}→{value} は連鎖しています"
        # NFKC 後に適用するので、キー・値とも NFKC で変化しないこと
        assert unicodedata.normalize("NFKC", key) == key
        assert unicodedata.normalize("NFKC", value) == value
    assert "晴" not in table


def test_itaiji_json_is_plain_object() -> None:
    path = Path(searchkeys.__file__).parent / "data" / "itaiji.json"
    raw = json.loads(path.read_text(encoding="utf-8"))
    assert raw == itaiji_table()


@given(kanji_text)
def test_fold_kanji_idempotent(text: str) -> None:
    once = fold_kanji(text)
    assert fold_kanji(once) == once
    assert not set(itaiji_table()) & set(once)


@given(st.text(max_size=20))
def test_fold_kanji_idempotent_on_any_text(text: str) -> None:
    once = fold_kanji(text)
    assert fold_kanji(once) == once


@given(kanji_text, kanji_text)
def test_kanji_key_is_concatenation(shi: str, mei: str) -> None:
    assert kanji_key(shi, mei) == fold_kanji(shi + " " + mei)


def test_kana_key_and_kanji_key() -> None:
    assert kana_key("サトウ", "タロウ") == kana_key("さとう", "たろう") == "サトタロ"
    assert kanji_key("髙橋", "一郎") == "高橋一郎"


# --- prefix_upper_bound ----------------------------------------------------------


def test_prefix_upper_bound_examples() -> None:
    assert prefix_upper_bound("サト") == "サド"
    assert prefix_upper_bound("a") == "b"
    assert prefix_upper_bound("a\U0010ffff") == "b"
    assert prefix_upper_bound("\ud7ff") == "\ue000"
    with pytest.raises(ValueError):
        prefix_upper_bound("")
    with pytest.raises(ValueError):
        prefix_upper_bound("\U0010ffff\U0010ffff")


@given(st.text(min_size=1, max_size=6), st.text(max_size=6))
def test_prefix_upper_bound_bounds_all_extensions(prefix: str, suffix: str) -> None:
    try:
        bound = prefix_upper_bound(prefix)
    except ValueError:
        assert set(prefix) == {"\U0010ffff"}
        return
    assert prefix + suffix < bound
    assert prefix < bound


@given(st.text(min_size=1, max_size=4), st.text(max_size=6))
def test_prefix_upper_bound_range_equals_startswith(prefix: str, other: str) -> None:
    if set(prefix) == {"\U0010ffff"}:
        return
    bound = prefix_upper_bound(prefix)
    for s in (other, prefix + other, prefix[:-1] + other):
        assert (prefix <= s < bound) == s.startswith(prefix)


# --- to_katakana_input / is_katakana_reading -------------------------------------


def test_to_katakana_input_examples() -> None:
    assert to_katakana_input("さとう　たろう") == "サトウ\u3000タロウ"
    assert to_katakana_input("ｻﾄｳ ﾀﾛｰ") == "サトウ\u3000タロー"
    assert to_katakana_input("  がっこう  ゔぁ ") == "ガッコウ\u3000ヴァ"
    assert to_katakana_input("サトウ") == "サトウ"
    assert to_katakana_input("ｱﾞ") == "ア゛"
    # 検索用の畳み込みはしない
    assert to_katakana_input("ジョー") == "ジョー"


def test_is_katakana_reading() -> None:
    assert is_katakana_reading("サトウ\u3000タロウ")
    assert is_katakana_reading("ジョン・スミス")
    assert is_katakana_reading("ヴァーヂ")
    assert not is_katakana_reading("さとう")
    assert not is_katakana_reading("ｻﾄｳ")
    assert not is_katakana_reading("サトウ タロウ")  # 半角空白
    assert not is_katakana_reading("佐藤")
    assert not is_katakana_reading("SATO")
    assert not is_katakana_reading("")
    assert not is_katakana_reading("\u3000")


@given(st.text(alphabet=HIRAGANA.replace("ゟ", "") + KATAKANA + HALFWIDTH_KANA + SPACES))
def test_to_katakana_input_round_trip(text: str) -> None:
    stored = to_katakana_input(text)
    assert to_katakana_input(stored) == stored
    assert "  " not in stored and "\u3000\u3000" not in stored
    assert stored == stored.strip()
    if any("\u30a1" <= c <= "\u30fa" for c in stored) and not set("゛゜") & set(stored):
        assert is_katakana_reading(stored)
    # 保存形と元の入力は同じ検索キーになる
    assert fold_kana(stored) == fold_kana(text)
