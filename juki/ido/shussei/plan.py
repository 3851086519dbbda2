"""The plan of a 出生: the household the child joins and the child's unsaved 住民票."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from jputil import kigen
from jputil.zokugara import SETAINUSHI

from ... import services
from ...models import Jumin, JuminShubetsu, JuminStatus, Setai
from .. import kernel
from .entry import CHILD_FIELDS, CODE, ShusseiEntry

#: 戸籍法第49条: 出生届は出生の日から14日以内（出生の日を算入）
SHUSSEI_KIKAN_DAYS = 14


@dataclass
class ShusseiPlan:
    setai: Setai
    members: list[Jumin]
    nushi: Jumin | None
    child: Jumin
    todoke_date: datetime.date
    juri_date: datetime.date
    flags: list[str]


def plan(entry: ShusseiEntry, *, lock: bool = False) -> ShusseiPlan:
    """Check a 出生 entry against the register; PlanRefused lists every problem."""
    return kernel.make_plan(lambda problems: _build(problems, entry, lock=lock))


def planned(entry: ShusseiEntry) -> ShusseiPlan:
    """The plan, made once per request (the kind's ``planned`` shares it)."""
    return kernel.planned(CODE, entry, lambda: plan(entry))


def _dates(problems: kernel.Problems, e: ShusseiEntry) -> None:
    today = kernel.today()
    todoke, juri, birth = e.todoke_date, e.juri_date, e.seinengappi
    problems.require(todoke, "届出年月日を入力してください。", field="todoke_date")
    problems.require(juri, "受理年月日を入力してください。", field="juri_date")
    problems.require(birth, "生年月日を入力してください。", field="seinengappi")
    future = [
        name for name, day in (("todoke_date", todoke), ("juri_date", juri)) if day and day > today
    ]
    if future:
        problems.add("届出年月日・受理年月日に未来の日付は入力できません。", field=future[0])
    if birth and birth > today:
        problems.add("生年月日に未来の日付は入力できません。", field="seinengappi")
    if todoke and birth and todoke < birth:
        problems.add("届出年月日が生年月日より前です。", field="todoke_date")
    if juri and todoke and juri < todoke:
        problems.add("受理年月日が届出年月日より前です。", field="juri_date")


def _zokugara(problems: kernel.Problems, text: str) -> str:
    try:
        zokugara = kernel.normalize_zokugara(text)
    except ValueError as exc:
        problems.add(str(exc), field="zokugara")
        return ""
    problems.require(
        zokugara != SETAINUSHI,
        "出生した子の続柄に「世帯主」は使えません。入る世帯の世帯主との続柄（子、子の子 など）"
        "を入力してください。",
        field="zokugara",
    )
    return zokugara


def _build(problems: kernel.Problems, e: ShusseiEntry, *, lock: bool) -> ShusseiPlan:
    _dates(problems, e)
    problems.require(e.shi and e.mei, "子の氏名を入力してください。", field="mei")
    zokugara = _zokugara(problems, e.zokugara)
    setai = kernel.live_setai(problems, e.setai_bango, lock=lock)
    members = services.live_members(setai, lock=lock) if setai is not None else []
    for m in members:
        if (m.shi, m.mei, m.seinengappi, m.seinengappi_hyoki) == (
            e.shi,
            e.mei,
            e.seinengappi,
            e.seinengappi_hyoki,
        ):
            problems.add(
                f"同じ氏名・生年月日の方が既に世帯に記載されています（{kernel.person_label(m)}）。"
                "二重の記載ではないか確認してください。",
                field="mei",
            )
    todoke, juri, birth = e.todoke_date, e.juri_date, e.seinengappi
    if problems or setai is None or todoke is None or juri is None or birth is None:
        problems.stop()
    nushi = kernel.live_nushi(setai)
    anchor = nushi or members[0]
    hyoki = e.seinengappi_hyoki
    items: dict[str, Any] = {name: getattr(e, name) for name in CHILD_FIELDS}
    items["zokugara"] = zokugara
    # born here: a resident, at this address, from the birth (in its recorded wording, j80)
    for day in ("seinengappi", "jumin_date", "jusho_date"):
        items[day], items[f"{day}_hyoki"] = birth, hyoki
    child = Jumin(
        **items,
        shubetsu=JuminShubetsu.JAPANESE,
        status=JuminStatus.LIVE,
        chouaza=anchor.chouaza,
        banchi=anchor.banchi,
        katagaki=anchor.katagaki,
        todoke_date=todoke,
        juminhyo_code=None,
        kojin_bango=None,
    )
    child.setai = setai
    flags = [kernel.FLAG_CODE_FUBAN]
    # 戸籍法第49条: 14 days counting the day of birth (第43条第1項), the 期限 moved past a
    # 休日 (地方自治法第4条の2第4項)
    if todoke > kigen.kikan_manryo(birth, SHUSSEI_KIKAN_DAYS, shonichi=True):
        flags.append(
            f"届出期間経過（戸籍法第49条：出生の日から{SHUSSEI_KIKAN_DAYS}日以内、期限 "
            f"{kernel.kigen_text(birth, SHUSSEI_KIKAN_DAYS, shonichi=True)}）。"
            "戸籍の受理に基づき記載します。"
        )
    if hyoki:
        flags.append(f"生年月日は記録どおりの表記「{hyoki}」で記載します（j80）。")
    return ShusseiPlan(setai, members, nushi, child, todoke, juri, flags)
