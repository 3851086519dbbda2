"""jputil.zokugara: 続柄の閉じたリスト（標準仕様書 j110、DB 不要）。"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jputil.zokugara import (
    MITODOKE_LINKS,
    STANDALONE,
    ZOKUGARA_BASE,
    is_spouse,
    normalize_chain,
    parse_zokugara,
    split_chain,
)

ALL_LINKS = (*ZOKUGARA_BASE, *MITODOKE_LINKS)
HALF_WIDTH_MITODOKE = ("夫(未届)", "妻(未届)")

link = st.sampled_from(ALL_LINKS + HALF_WIDTH_MITODOKE)


@pytest.mark.parametrize(
    "value",
    [
        "世帯主",
        "夫",
        "妻",
        "夫（未届）",
        "妻（未届）",
        "子",
        "子の夫",
        "子の妻",
        "父",
        "母",
        "兄",
        "姉",
        "弟",
        "妹",
        "妻の子",
        "子の子",
        "父の母",
        "妻の父の母",
        "子の子の子の子",
        "妻（未届）の子",
        "子の妻（未届）",
        "縁故者",
        "同居人",
    ],
)
def test_valid_values_are_canonical(value: str) -> None:
    assert parse_zokugara(value) == value


@pytest.mark.parametrize(
    ("raw", "canonical"),
    [
        ("妻(未届)", "妻（未届）"),
        ("夫(未届)", "夫（未届）"),
        ("妻（未届)", "妻（未届）"),
        ("妻(未届)の子", "妻（未届）の子"),
        (" 妻 の 子 ", "妻の子"),
        ("子　の　子", "子の子"),
        ("子の子の子の子の子", "縁故者"),
        ("子の子の子の子の子の子の子", "縁故者"),
        ("妻の父の母の兄の子", "縁故者"),
    ],
)
def test_normalization(raw: str, canonical: str) -> None:
    assert parse_zokugara(raw) == canonical


@pytest.mark.parametrize(
    "value",
    [
        "祖父",
        "祖母",
        "孫",
        "準世帯主",
        "義父",
        "叔父",
        "世帯主の子",
        "子の世帯主",
        "縁故者の子",
        "同居人の妻",
        "子の",
        "の子",
        "子のの子",
        "の",
        "妻(未届け)",
        "子(未届)",
        "未届",
        "(未届)",
        "妻(未届)(未届)",
        "長男",
        "配偶者",
    ],
)
def test_invalid_values_raise_value_error(value: str) -> None:
    with pytest.raises(ValueError, match="使用できません"):
        parse_zokugara(value)


def test_error_message_text() -> None:
    with pytest.raises(ValueError) as exc_info:
        parse_zokugara("祖父")
    assert str(exc_info.value) == (
        "続柄「祖父」は使用できません。世帯主・妻・子・父・母…を「の」でつないで表します"
        "（住民記録システム標準仕様書 j110）"
    )


def test_empty_raises_value_error() -> None:
    for value in ("", "  ", "\u3000"):
        with pytest.raises(ValueError, match="続柄を入力してください"):
            parse_zokugara(value)


def test_non_string_raises_value_error() -> None:
    with pytest.raises(ValueError):
        parse_zokugara(None)  # type: ignore[arg-type]


def test_base_tuple() -> None:
    assert ZOKUGARA_BASE == ("夫", "妻", "子", "父", "母", "兄", "姉", "弟", "妹")
    assert STANDALONE == ("世帯主", "縁故者", "同居人")


def test_normalize_chain() -> None:
    assert normalize_chain(["子"]) == "子"
    assert normalize_chain(["妻(未届)", "子"]) == "妻（未届）の子"
    assert normalize_chain(["子"] * 4) == "子の子の子の子"
    assert normalize_chain(["子"] * 5) == "縁故者"
    with pytest.raises(ValueError):
        normalize_chain([])
    with pytest.raises(ValueError):
        normalize_chain(["祖父"])
    with pytest.raises(ValueError):
        normalize_chain(["世帯主", "子"])


@given(st.lists(link, min_size=1, max_size=8))
def test_chain_round_trip(links: list[str]) -> None:
    text = "の".join(links)
    result = parse_zokugara(text)
    assert result == normalize_chain(links)
    if len(links) >= 5:
        assert result == "縁故者"
    else:
        canonical = [x.replace("(", "（").replace(")", "）") for x in links]
        assert result == "の".join(canonical)
        assert split_chain(result) == canonical
    assert parse_zokugara(result) == result


@given(st.text(max_size=12))
def test_random_text_only_value_error(text: str) -> None:
    try:
        result = parse_zokugara(text)
    except ValueError as exc:
        assert "続柄" in str(exc)
    else:
        assert parse_zokugara(result) == result
        assert result in STANDALONE or all(part in ALL_LINKS for part in result.split("の"))


NEAR_MISS_TOKENS = [
    "の", "子", "妻", "夫", "父", "母", "兄", "姉", "弟", "妹", "祖", "孫",
    "(", ")", "（", "）", "未届", "世帯主", "同居人", " ", "　",
]  # fmt: skip


@given(st.lists(st.sampled_from(NEAR_MISS_TOKENS), max_size=10).map("".join))
def test_near_miss_text_only_value_error(text: str) -> None:
    try:
        result = parse_zokugara(text)
    except ValueError:
        return
    assert parse_zokugara(result) == result


def test_is_spouse() -> None:
    for z in ("夫", "妻", "夫（未届）", "妻（未届）", "妻(未届)"):
        assert is_spouse(z)
    for z in ("世帯主", "子", "子の妻", "妻の子", "同居人", "祖父", ""):
        assert not is_spouse(z)
