"""The 転出取消's plan: the persons return to their household as it was before the 転出."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from counter.procedure_models import Procedure

from ...models import IdoJiyu, Jumin, JuminRireki, Setai
from ...services import live_members
from .. import kernel
from .entry import TorikeshiEntry


@dataclass
class TorikeshiPlan:
    persons: list[Jumin]
    setai: Setai
    todoke_date: datetime.date
    reason: str
    before: dict[str, dict[str, Any]]  # 宛名番号 → the snapshot before the 転出
    originals: dict[str, Procedure | None]
    restore_nushi: Jumin | None
    restore_zokugara: dict[str, str]  # live member → 続柄 before the 転出
    members: list[Jumin]


def _was_nushi(j: Jumin, result: dict[str, Any]) -> bool:
    """The person headed the household until their 転出."""
    if result:
        return bool(result.get("setai_nushi_changed")) and (
            result.get("former_setai_nushi") == j.atena_bango
        )
    _row, prior = kernel.before_tenshutsu(j)
    return bool(prior and prior.snapshot.get("zokugara") == kernel.SETAINUSHI)


def _zokugara_before(j: Jumin, members: Sequence[Jumin], result: dict[str, Any]) -> dict[str, str]:
    """The staying members' 続柄 before the 世帯主 change that j's 転出 made."""
    numbers = (result.get("household_rireki") or {}) if result else {}
    before: dict[str, str] = {}
    for m in members:
        no = numbers.get(m.atena_bango)
        if no is None and j.shojo_date is not None:
            changed = (
                JuminRireki.objects.filter(
                    jumin=m,
                    ido_jiyu=IdoJiyu.SETAI_HENKOU,
                    ryuiji__startswith=kernel.NUSHI_HENKOU_RYUIJI,
                    ido_date=j.shojo_date,
                )
                .order_by("-rireki_no")
                .first()
            )
            no = changed.rireki_no if changed else None
        prior = kernel.rireki_at(m, no - 1) if no else None
        if prior is not None:
            before[m.atena_bango] = prior.snapshot.get("zokugara", m.zokugara)
    return before


def _household_before(
    setai: Setai, persons: Sequence[Jumin], originals: dict[str, Procedure | None]
) -> tuple[Jumin | None, dict[str, str], list[Jumin]]:
    """The 世帯主 to restore (if the 転出 changed it) and the members' former 続柄.

    The members are the others: a 転出予定者 is still live (ADR 0017) but is one of the
    persons, restored by their own row."""
    returning = {j.atena_bango for j in persons}
    members = [m for m in live_members(setai) if m.atena_bango not in returning]
    current = setai.setai_nushi
    for j in persons:
        result = kernel.tenshutsu_result(originals.get(j.atena_bango))
        if not _was_nushi(j, result) or current is None or current.pk == j.pk:
            continue
        if result and result.get("new_setai_nushi") != current.atena_bango:
            return None, {}, members  # the household changed again since: leave it
        return j, _zokugara_before(j, members, result), members
    return None, {}, members


def _persons(problems: kernel.Problems, entry: TorikeshiEntry, *, lock: bool) -> list[Jumin]:
    """The persons: 除票 by 転出, of one household; stops when they are not."""
    persons = kernel.persons_or_stop(
        problems,
        entry.atena_bangos,
        lock=lock,
        none="転出を取り消す方の宛名番号を入力してください。",
    )
    if not kernel.require_tenshutsu_johyo(problems, persons, "転出取消"):
        problems.stop()
    if any(j.setai_id != persons[0].setai_id for j in persons):
        problems.stop(
            "転出取消は、同じ世帯から転出した方ごとに受け付けてください。", field="atena_bangos"
        )
    return persons


def plan(entry: TorikeshiEntry, *, lock: bool = False) -> TorikeshiPlan:
    """Check a 転出取消 against the register; PlanRefused lists every problem."""

    def build(problems: kernel.Problems) -> TorikeshiPlan:
        problems.require(entry.todoke_date, "届出年月日を入力してください。", field="todoke_date")
        reason = entry.reason.strip()
        problems.require(reason, "取消の理由を入力してください。", field="reason")
        persons = _persons(problems, entry, lock=lock)
        setai = persons[0].setai
        if lock:
            setai = Setai.objects.select_for_update().get(pk=setai.pk)
        before: dict[str, dict[str, Any]] = {}
        history = kernel.before_tenshutsu_of(persons)
        for j in persons:
            j.setai = setai
            _row, prior = history[j.atena_bango]
            if problems.require(
                prior,
                f"{kernel.person_label(j)}の転出前の履歴が見つからないため、取り消せません。",
                field="atena_bangos",
            ):
                assert prior is not None
                before[j.atena_bango] = prior.snapshot
        if problems:
            problems.stop()
        assert entry.todoke_date is not None
        originals = kernel.original_tenshutsu_of([j.atena_bango for j in persons])
        nushi, zokugara_before, members = _household_before(setai, persons, originals)
        return TorikeshiPlan(
            persons=persons,
            setai=setai,
            todoke_date=entry.todoke_date,
            reason=reason,
            before=before,
            originals=originals,
            restore_nushi=nushi,
            restore_zokugara=zokugara_before,
            members=members,
        )

    return kernel.make_plan(build)
