"""The plan of a 通知書交付: the holder's 通知書 kept in the 管理簿【返戻】.

A returned 通知書 is handed over only while the city keeps it (保管中): one handed over
already, or destroyed after the keeping period, is refused by name; the visitor's ID and
代理権 as every 届出 (mynumber.kernel.madoguchi)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from counter.kind_plan import Problems, make_plan
from juki.ido.kernel import wareki_text
from juki.models import Jumin
from mynumber.kernel.todoke_entry import check_todoke
from mynumber.models_tsuchi import HenreiStatus, TsuchishoHenrei

from .entry import TsuchishoKoufuEntry

KANRIBO_RULE = "事務処理要領（個人番号通知書管理簿【返戻】）"


@dataclass(frozen=True)
class TsuchishoKoufuPlan:
    person: Jumin
    henrei: TsuchishoHenrei
    day: datetime.date


def find_kept(problems: Problems, person: Jumin, *, lock: bool) -> TsuchishoHenrei | None:
    rows = TsuchishoHenrei.objects.filter(jumin=person).order_by("-henrei_date", "-id")
    if lock:
        rows = rows.select_for_update()
    found = list(rows[:5])
    kept = next((r for r in found if r.status == HenreiStatus.HOKAN), None)
    if kept is None:
        last = found[0] if found else None
        why = (
            "返戻された個人番号通知書の記録がありません"
            if last is None
            else f"返戻された個人番号通知書は{last.get_status_display()}です"
            + (
                f"（{wareki_text(last.haiki_date)}に保管期間経過により廃棄）"
                if last.haiki_date
                else ""
            )
        )
        problems.add(f"{KANRIBO_RULE}: {why}。", field="atena_bango")
    return kept


def plan(entry: TsuchishoKoufuEntry, *, lock: bool = False) -> TsuchishoKoufuPlan:
    def build(problems: Problems) -> TsuchishoKoufuPlan:
        person = check_todoke(problems, entry, lock=lock)
        if person is None:
            problems.stop()
        henrei = find_kept(problems, person, lock=lock)
        problems.raise_if_any()
        assert henrei is not None and entry.todoke_date is not None
        return TsuchishoKoufuPlan(person, henrei, entry.todoke_date)

    return make_plan(build)
