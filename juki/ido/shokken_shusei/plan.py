"""The plan of a 職権修正: the person and the items that really change."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from jputil.zokugara import SETAINUSHI

from ... import item_forms
from ...models import Jumin, JuminStatus
from .. import kernel
from .entry import (
    CODE,
    KAKUNIN_FLAGS,
    KAKUNIN_LABELS,
    SHUSEI_KEYS,
    ShokkenShuseiEntry,
    model_value,
    unconfirmed,
)


@dataclass
class ShuseiPlan:
    person: Jumin
    changes: dict[str, Any]  # model values, only what differs
    shusei_date: datetime.date
    tsuchi_date: datetime.date | None
    riyu: str
    #: the 第9条第2項 notice applied (its inbox key), marked used at 承認
    furigana_tsuchi: str = ""

    @property
    def nushi_renamed(self) -> bool:
        j = self.person
        return j.setai.setai_nushi_id == j.pk and bool({"shi", "mei"} & set(self.changes))

    @property
    def flags(self) -> list[str]:
        if self.nushi_renamed:
            return ["世帯主の氏名の修正：世帯員全員の住民票の世帯主の氏名も修正されます（j840）。"]
        return []


def plan(entry: ShokkenShuseiEntry, *, lock: bool = False) -> ShuseiPlan:
    """Check a 職権修正 entry against the register; PlanRefused lists every problem."""
    return kernel.make_plan(lambda problems: _build(problems, entry, lock=lock))


def planned(entry: ShokkenShuseiEntry) -> ShuseiPlan:
    """The plan, made once per request (the kind's ``planned`` shares it)."""
    return kernel.planned(CODE, entry, lambda: plan(entry))


def _changes(problems: kernel.Problems, e: ShokkenShuseiEntry, person: Jumin) -> dict[str, Any]:
    changes: dict[str, Any] = {}
    for name, value in e.changes.items():
        if name not in SHUSEI_KEYS:
            problems.add(f"職権修正できない項目です: {name}")
            continue
        new = model_value(name, value)
        if getattr(person, name) != new:
            changes[name] = new
    if "zokugara" in changes:
        try:
            changes["zokugara"] = kernel.normalize_zokugara(str(changes["zokugara"]))
        except ValueError as exc:
            problems.add(str(exc), field="zokugara")
        else:
            problems.require(
                SETAINUSHI not in (changes["zokugara"], person.zokugara),
                "世帯主の交替は職権修正ではできません（世帯変更で）。",
                field="zokugara",
            )
            if changes["zokugara"] == person.zokugara:
                del changes["zokugara"]
    _kakunin(problems, e, person, changes)
    after = {n: str(changes.get(n, getattr(person, n))) for n in ("kyuuji", "kyuuji_kana")}
    pair = item_forms.kyuuji_pair_problem(after["kyuuji"], after["kyuuji_kana"])
    if pair is not None:
        problems.add(pair[1], field=pair[0])
    for name in ("shi", "honseki"):
        if name in changes and not changes[name] and not person.is_foreign:
            problems.add("空欄にできない項目です（j60）。", field=name)
    return changes


def _kakunin(
    problems: kernel.Problems, e: ShokkenShuseiEntry, person: Jumin, changes: dict[str, Any]
) -> None:
    """A changed フリガナ is unconfirmed until confirmed (j180): the 修正 that changes it
    clears its 確認フラグ unless it ticks it; a flag is ticked only over a フリガナ."""
    for flag in unconfirmed(changes, e.changes):
        changes.pop(flag, None)
        if getattr(person, flag):
            changes[flag] = False
    for flag, kanas in KAKUNIN_FLAGS.items():
        if changes.get(flag) is True and not any(changes.get(k, getattr(person, k)) for k in kanas):
            problems.add(
                f"フリガナが記載されていないため「{KAKUNIN_LABELS[flag]}」にできません。",
                field=flag,
            )


def _build(problems: kernel.Problems, e: ShokkenShuseiEntry, *, lock: bool) -> ShuseiPlan:
    today = kernel.today()
    day, tsuchi = e.shusei_date, e.tsuchi_date
    problems.require(day, "職権修正の年月日を入力してください。", field="shusei_date")
    for name, value in (("shusei_date", day), ("tsuchi_date", tsuchi)):
        if value and value > today:
            problems.add("未来の日付は入力できません。", field=name)
    riyu = e.riyu.strip()
    problems.require(riyu, "修正の理由を入力してください（留意事項に記録します）。", field="riyu")
    person = kernel.find_person(problems, e.atena_bango, lock=lock)
    if person is None:
        problems.stop()
    if person.status != JuminStatus.LIVE:
        problems.stop(
            f"{kernel.person_label(person)}は除票です（職権修正の対象は住民です）。",
            field="atena_bango",
        )
    found = len(problems.items)
    changes = _changes(problems, e, person)
    if e.furigana_tsuchi:
        _check_tsuchi(problems, e.furigana_tsuchi, person, changes)
    if not changes and len(problems.items) == found:
        problems.add("修正する項目がありません（現在の記載と同じです）。")
    if problems or day is None:
        problems.stop()
    return ShuseiPlan(person, changes, day, tsuchi, riyu, e.furigana_tsuchi)


def _check_tsuchi(
    problems: kernel.Problems, key: str, person: Jumin, changes: dict[str, Any]
) -> None:
    """The 振り仮名 written must be the notice's (住基法第9条第2項: the 戸籍 decides)."""
    tsuchi = kernel.furigana_tsuchi.get(key)
    why = kernel.furigana_tsuchi.problem(
        tsuchi, juminhyo_code=person.juminhyo_code, procedure_pk=None
    )
    if why or tsuchi is None:
        problems.add(why, field="furigana_tsuchi")
        return
    for name in ("shi_furigana", "mei_furigana"):
        if changes.get(name, getattr(person, name)) != getattr(tsuchi, name):
            label = "氏の振り仮名" if name == "shi_furigana" else "名の振り仮名"
            problems.add(
                f"{label}が{kernel.furigana_tsuchi.NAME}の記載と異なります"
                f"（通知: {getattr(tsuchi, name) or '空欄'}）。",
                field=name,
            )
