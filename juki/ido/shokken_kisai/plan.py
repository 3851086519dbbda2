"""The plan of a 職権記載: the person's unsaved 住民票 and the household they join or form."""

from __future__ import annotations

from dataclasses import dataclass

from jputil.zokugara import SETAINUSHI

from ... import services
from ...models import Chouaza, Jumin, Setai
from .. import kernel
from .entry import CODE, ShokkenKisaiEntry

ZOKUGARA = "persons.0.zokugara"


@dataclass
class KisaiPlan:
    person: Jumin
    setai: Setai | None
    existing: list[Jumin]
    flags: list[str]
    chouaza: Chouaza | None


def plan(entry: ShokkenKisaiEntry, *, lock: bool = False) -> KisaiPlan:
    """Check a 職権記載 entry against the register; PlanRefused lists every problem.

    The 町字 must still be in the master at 承認 (``lock``); before, the form's field
    has checked it and the review shows the code as entered.
    """
    return kernel.make_plan(lambda problems: _build(problems, entry, lock=lock))


def planned(entry: ShokkenKisaiEntry) -> KisaiPlan:
    """The plan, made once per request (the kind's ``planned`` shares it)."""
    return kernel.planned(CODE, entry, lambda: plan(entry))


def _person(e: ShokkenKisaiEntry, chouaza: Chouaza) -> Jumin:
    as_tennyu = {
        "tennyu_date": kernel.iso(e.jumin_date),
        "todoke_date": kernel.iso(e.todoke_date),
        "zenjusho": e.zenjusho,
        "zenjusho_postal_code": "",
        "banchi": e.banchi,
        "katagaki": e.katagaki,
    }
    return kernel.person_jumin(dict(e.persons[0]), as_tennyu, chouaza)


def _household(
    problems: kernel.Problems, e: ShokkenKisaiEntry, zokugara: str | None, *, lock: bool
) -> tuple[Setai | None, list[Jumin]]:
    """The household joined (with its members) or None for a new one; 続柄 checked."""
    if not e.joins:
        problems.require(
            zokugara in (None, SETAINUSHI),
            "新しい世帯をつくるときは、続柄を「世帯主」にしてください。",
            field=ZOKUGARA,
        )
        return None, []
    setai = kernel.live_setai(problems, e.setai_bango, lock=lock)
    if setai is None:
        return None, []
    problems.require(
        zokugara != SETAINUSHI or kernel.live_nushi(setai) is None,
        "既存の世帯に入る方の続柄に「世帯主」は使えません。世帯主との続柄を入力してください。",
        field=ZOKUGARA,
    )
    return setai, services.live_members(setai, lock=lock)


def _matches(problems: kernel.Problems, p: dict[str, str]) -> list[str]:
    """A live person with the 住民票コード or 個人番号 refuses; a 除票 only warns."""
    flags = []
    for m in kernel.register_matches([p.get("juminhyo_code", "")], [p.get("kojin_bango", "")]):
        by_code = bool(m.juminhyo_code) and m.juminhyo_code == p.get("juminhyo_code")
        which = "住民票コード" if by_code else "個人番号"
        if kernel.is_live(m):
            problems.add(
                f"この方は既に本市の住民として記載されています（{which}が一致：{kernel.person_label(m)}）。",
                field="persons.0.juminhyo_code" if by_code else "persons.0.kojin_bango",
            )
            continue
        flags.append(
            f"本市の除票があります（{which}が一致：{kernel.person_label(m)}"
            f"{'、' + m.get_shojo_jiyu_display() if m.shojo_jiyu else ''}）。"
        )
    return flags


def _build(problems: kernel.Problems, e: ShokkenKisaiEntry, *, lock: bool) -> KisaiPlan:
    today = kernel.today()
    todoke, day = e.todoke_date, e.jumin_date
    problems.require(todoke, "通知・届出年月日を入力してください。", field="todoke_date")
    problems.require(day, "住民となった年月日を入力してください。", field="jumin_date")
    future = [name for name, d in (("todoke_date", todoke), ("jumin_date", day)) if d and d > today]
    if future:
        problems.add("未来の日付は入力できません。", field=future[0])
    problems.require(e.riyu.strip(), "職権記載の理由を入力してください。", field="riyu")
    if len(e.persons) != 1:
        problems.stop("職権記載は1人ずつ入力してください。")
    chouaza = Chouaza.objects.filter(code=e.chouaza).first()
    if lock:
        problems.require(
            chouaza, f"町字コード{e.chouaza}は町字マスタにありません。", field="chouaza"
        )
    j = _person(e, chouaza or Chouaza(code="", prefecture="", city="", name=e.chouaza))
    if j.seinengappi and day and j.seinengappi > day:
        problems.add("住民となった年月日が生年月日より前です。", field="jumin_date")
    zokugara: str | None = None
    try:
        zokugara = j.zokugara = kernel.normalize_zokugara(j.zokugara)
    except ValueError as exc:
        problems.add(str(exc), field=ZOKUGARA)
    setai, existing = _household(problems, e, zokugara, lock=lock)
    flags = _matches(problems, e.persons[0])
    if not e.persons[0].get("juminhyo_code"):
        flags.append(kernel.FLAG_CODE_FUBAN)
    return KisaiPlan(j, setai, existing, flags, chouaza)
