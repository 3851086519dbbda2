"""Who may have what: the items a request may print (住基法第12条第5項, 第12条の3第7項).

The items are ``certificates.items.Items`` (lane P's, shared with the printer). What a
request asks for is kept as the names of the items ticked (``kisai``) and checked here
against the 請求者's category:

- 本人・同一世帯・代理人 (第12条第1項): anything, but 世帯主・続柄, 本籍・筆頭者, 個人番号,
  住民票コード and the 外国人住民 items only when ticked (第12条第5項; for a 外国人住民
  第30条の51 reads the 外国人住民 items into it): the form ticks none of them at first;
- 第三者・士業 (第12条の3第1項, 第2項): 基礎証明事項 only (氏名・生年月日・性別・住所;
  a 外国人住民's 通称 and 国籍等 belong to it), unless the need of more is stated and
  accepted (第12条の3第7項); never 個人番号 nor 住民票コード (excluded by 第7項 itself);
- 公用 (第12条の2): the items its 事務 needs; a 個人番号 only with the need stated
  (番号法第19条: a 個人番号 is provided only where that Act allows).

A 通称 is not an item: it is part of the 氏名 (施行令第30条の26第1項), so no choice can
leave it out (Items has no such field).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from counter.kind_plan import Problems
from counter.procedure_kinds import RequesterCategory

from ..items import Items
from .request import HONNIN_TO, THIRD_PARTIES, names_bangohou_19

C = RequesterCategory
FIELD = "kisai"

#: every item a form offers, in the order of the paper (rireki is the 個人票's own field)
CHOICES: tuple[tuple[str, str], ...] = tuple(
    (name, label) for name, label in Items.LABELS.items() if name != "rireki"
)
#: the items a request that ticks nothing special gets (Items' defaults)
DEFAULT_KISAI: tuple[str, ...] = tuple(
    f.name for f in dataclasses.fields(Items) if f.default is True
)
#: what 氏名・生年月日・性別・住所 (基礎証明事項) takes (Items.kihon())
KIHON: frozenset[str] = frozenset(
    f.name for f in dataclasses.fields(Items) if getattr(Items.kihon(), f.name)
)


def items_of(kisai: Iterable[str], *, rireki: bool = False, katagaki: bool | None = None) -> Items:
    """The Items of the names ticked. ``katagaki`` forces the 方書 (a 住民票の写し always
    prints it, j1030: only a 記載事項証明書 may leave it out)."""
    chosen = set(kisai)
    values = {name: name in chosen for name, _ in CHOICES}
    if katagaki is not None:
        values["katagaki"] = katagaki
    return Items(**values, rireki=rireki)


def check_items(
    items: Items,
    category: RequesterCategory | None,
    hitsuyo_riyu: str,
    problems: Problems,
    *,
    bango_konkyo: str = "",
) -> None:
    """Every item the category may not have, next to the items' field, naming the rule."""
    if category is None or category in HONNIN_TO:
        return
    asked = {f.name for f in dataclasses.fields(items) if getattr(items, f.name)}
    if category in THIRD_PARTIES:
        never = [Items.LABELS[n] for n in Items.NEVER_THIRD_PARTY if n in asked]
        problems.require(
            not never,
            f"住基法第12条の3第7項: 第三者・特定事務受任者の請求には{'・'.join(never)}は"
            "記載できません。",
            field=FIELD,
        )
        more = [
            Items.LABELS[n]
            for n in sorted(asked - KIHON - set(Items.NEVER_THIRD_PARTY))
            if n in Items.LABELS
        ]
        problems.require(
            not more or bool(hitsuyo_riyu.strip()),
            "住基法第12条の3第1項: 第三者・特定事務受任者には氏名・生年月日・性別・住所だけを"
            f"記載します。{'・'.join(more)}が必要なときは、その理由を入力してください"
            "（第12条の3第7項）。",
            field="hitsuyo_riyu",
        )
        problems.require(
            not items.kojin_bango or names_bangohou_19(bango_konkyo),
            "番号法第19条: 個人番号は同条各号に当たるときだけ提供できます。公用請求で個人番号を"
            "記載するときは、提供を認める番号法第19条の号（例: 番号法第19条第8号）を"
            "入力してください。",
            field="bango_konkyo",
        )
    if category == C.KOUYOU:
        problems.require(
            not items.kojin_bango or bool(hitsuyo_riyu.strip()),
            "番号法第19条: 公用請求で個人番号を記載するときは、それが必要な事務と根拠を"
            "「必要な理由」に入力してください。",
            field="hitsuyo_riyu",
        )
        problems.require(
            not items.kojin_bango or names_bangohou_19(bango_konkyo),
            "番号法第19条: 個人番号は同条各号に当たるときだけ提供できます。公用請求で個人番号を"
            "記載するときは、提供を認める番号法第19条の号（例: 番号法第19条第8号）を"
            "入力してください。",
            field="bango_konkyo",
        )
