"""The entry of a 職権修正: the person, the reason, the dates and only the changed items."""

from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Iterable, Mapping
from typing import Any, ClassVar

from ... import item_forms
from ...item_forms import DATE_FIELDS
from ...models import Jumin
from .. import kernel

CODE = "shokken_shusei"

#: each フリガナ's 確認フラグ (j180) and the フリガナ it confirms: a 職員 who has checked
#: it (against the 戸籍, the person's statement) records that by a 職権修正
KAKUNIN_FLAGS: dict[str, tuple[str, ...]] = {
    "furigana_kakunin": ("shi_kana", "mei_kana"),
    "kyuuji_kana_kakunin": ("kyuuji_kana",),
    "tsushou_kana_kakunin": ("tsushou_kana",),
}
KAKUNIN_LABELS = {
    "furigana_kakunin": "フリガナ確認済",
    "kyuuji_kana_kakunin": "旧氏フリガナ確認済",
    "tsushou_kana_kakunin": "通称フリガナ確認済",
}


def _with_flags(fields: Iterable[str]) -> list[str]:
    """The fields with each 確認フラグ right after the フリガナ it confirms."""
    out: list[str] = []
    for name in fields:
        out.append(name)
        out += [flag for flag, kanas in KAKUNIN_FLAGS.items() if kanas[-1] == name]
    return out


#: the items a 職権修正 may change (住所 is a 転居, 住民票コード/個人番号 their own process)
SHUSEI_FIELDS = _with_flags(
    [
        *item_forms.NAME_FIELDS,
        "name_alphabet",
        *item_forms.OTHER_NAME_FIELDS,
        *item_forms.PERSONAL_FIELDS,
        "jumin_date",
        "jusho_date",
        *item_forms.FOREIGN_FIELDS,
    ]
)
#: recorded dates (with a 表記, j80) and a plain one
SHUSEI_DATE_FIELDS = {"seinengappi", "jumin_date", "jusho_date", "gaikokujin_date"}
SHUSEI_PLAIN_DATES = {"zairyu_manryo_date"}
#: every key a 職権修正's "changes" may hold
SHUSEI_KEYS = [*SHUSEI_FIELDS, *(DATE_FIELDS[f] for f in SHUSEI_DATE_FIELDS)]


@dataclasses.dataclass(frozen=True)
class ShokkenShuseiEntry(kernel.Entry):
    VERSION: ClassVar[int] = 1
    atena_bango: str = ""
    #: the household, when the person is its 世帯主 (their name shows on every member's)
    setai_bango: str = ""
    shusei_date: datetime.date | None = None
    tsuchi_date: datetime.date | None = None
    riyu: str = ""
    #: item → new value (dates ISO, their 表記 under DATE_FIELDS' keys, a 確認フラグ a
    #: JSON boolean)
    changes: dict[str, str | bool] = dataclasses.field(default_factory=dict)
    #: the 氏名の振り仮名の通知 (住基法第9条第2項) this 修正 applies: its inbox key
    furigana_tsuchi: str = ""


def json_value(value: Any) -> str | bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, datetime.date):
        return value.isoformat()
    return "" if value is None else str(value)


def model_value(name: str, value: Any) -> Any:
    if name in KAKUNIN_FLAGS:
        # a flag given as text by a caller reads as the checkbox would post it
        if isinstance(value, bool):
            return value
        return str(value or "").strip().lower() in {"true", "1", "on"}
    # any other item is text, whatever a stored JSON holds (as before flags existed)
    value = "" if value is None else str(value)
    if name in SHUSEI_DATE_FIELDS or name in SHUSEI_PLAIN_DATES:
        return kernel.from_iso(value)
    return value


def unconfirmed(changed: Iterable[str], ticked: Mapping[str, Any]) -> list[str]:
    """The 確認フラグ a 職権修正 clears: a フリガナ it changes is unconfirmed unless the
    same 修正 ticks its flag (``ticked``: the entry's changes, flag → True when ticked)."""
    names = set(changed)
    return [
        flag
        for flag, kanas in KAKUNIN_FLAGS.items()
        if names & set(kanas) and model_value(flag, ticked.get(flag, False)) is not True
    ]


def shokken_shusei_entry(
    *,
    atena_bango: str,
    riyu: str,
    changes: dict[str, Any],
    shusei_date: datetime.date | None = None,
    tsuchi_date: datetime.date | None = None,
    furigana_tsuchi: str = "",
) -> dict[str, Any]:
    """The entry JSON of a 職権修正: only the items that change (dates as ISO; a recorded
    date as its wording, e.g. {"seinengappi": "昭和10年月日不詳"}, which sets the 表記; a
    確認フラグ as True/False; a フリガナ changed without its flag ticked is unconfirmed)."""
    out: dict[str, str | bool] = {}
    for name, value in changes.items():
        if name not in SHUSEI_KEYS:
            raise KeyError(f"職権修正できない項目です: {name}")
        if name in KAKUNIN_FLAGS:
            out[name] = model_value(name, value)
        elif name in SHUSEI_DATE_FIELDS:
            sort, hyoki = kernel.recorded_input(value)
            out[name] = kernel.iso(sort)
            out[DATE_FIELDS[name]] = hyoki
        else:
            out[name] = json_value(value)
    row = (
        Jumin.objects.of_atena(atena_bango)
        .values_list("setai__setai_bango", "setai__setai_nushi__atena_bango")
        .first()
    )
    return ShokkenShuseiEntry(
        atena_bango=atena_bango,
        setai_bango=row[0] if row and row[1] == atena_bango else "",
        shusei_date=shusei_date or kernel.today(),
        tsuchi_date=tsuchi_date,
        riyu=riyu,
        changes=out,
        furigana_tsuchi=furigana_tsuchi,
    ).to_json()
