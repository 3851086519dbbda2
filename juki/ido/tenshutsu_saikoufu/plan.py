"""The 再交付's plan: the 転出証明書 data of the first issue, for the persons asked."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from counter.procedure_models import Procedure

from ...models import IdoJiyu, Jumin
from .. import kernel
from .entry import SaikoufuEntry


@dataclass
class SaikoufuPlan:
    persons: list[Jumin]
    certificate: dict[str, Any]
    original: Procedure | None


def _from_history(problems: kernel.Problems, persons: Sequence[Jumin]) -> dict[str, Any]:
    """The first issue's data rebuilt from the history (a 転出 not made at the counter)."""
    snapshots = []
    todoke: datetime.date | None = None
    yotei: datetime.date | None = None
    tenshutsusaki = ""
    kokugai = False
    first_on: datetime.date | None = None
    history = kernel.before_tenshutsu_of(persons)
    for j in persons:
        row, prior = history[j.atena_bango]
        if row is None or prior is None:
            problems.add(
                f"{kernel.person_label(j)}の転出の履歴が見つからないため、再交付できません。",
                field="atena_bangos",
            )
            continue
        snapshots.append(prior.snapshot)
        todoke, yotei = row.todoke_date, row.ido_date
        tenshutsusaki = row.snapshot.get("tenshutsusaki", "")
        kokugai = row.ido_jiyu == IdoJiyu.KOKUGAI_TENSHUTSU
        first_on = row.shori_date
    if problems:
        problems.stop()
    assert yotei is not None and first_on is not None
    return kernel.shomeisho_data(
        snapshots,
        todoke=todoke,
        yotei=yotei,
        tenshutsusaki=tenshutsusaki,
        postal_code="",
        kokugai=kokugai,
        late=bool(todoke and kernel.is_late_tenshutsu(todoke, yotei)),
        first_issued_on=first_on,
    )


def _first_issue(problems: kernel.Problems, original: Procedure) -> dict[str, Any]:
    """The data the 転出 froze at its 承認."""
    if original.result.get("tokurei"):
        problems.stop(
            "特例転出のため転出証明書は交付していません（転出証明書情報は住基ネットで"
            "転入地に送られています）。",
            field="atena_bangos",
        )
    cert = original.result.get("certificate") or {}
    if not cert:
        problems.stop("元の転出の証明書データが見つかりません。", field="atena_bangos")
    return dict(cert)


def plan(entry: SaikoufuEntry, *, lock: bool = False) -> SaikoufuPlan:
    """Check a 再交付 against the register; PlanRefused lists every problem.

    The register does not change, so ``lock`` takes no lock."""

    def build(problems: kernel.Problems) -> SaikoufuPlan:
        problems.require(entry.todoke_date, "届出年月日を入力してください。", field="todoke_date")
        atenas = list(entry.atena_bangos)
        persons = kernel.persons_or_stop(
            problems, atenas, none="再交付する方の宛名番号を入力してください。"
        )
        if not kernel.require_tenshutsu_johyo(problems, persons, "転出証明書の再交付"):
            problems.stop()
        originals = set(kernel.original_tenshutsu_of(atenas).values())
        if len(originals) > 1:
            problems.stop(
                "1通の転出証明書に載るのは、一緒に転出した方だけです。転出ごとに申請してください。",
                field="atena_bangos",
            )
        original = originals.pop()
        if original is not None:
            cert = _first_issue(problems, original)
        else:
            cert = _from_history(problems, persons)
        if problems:
            problems.stop()
        wanted = set(atenas)
        cert = {**cert, "persons": [p for p in cert["persons"] if p["atena_bango"] in wanted]}
        return SaikoufuPlan(persons=persons, certificate=cert, original=original)

    return kernel.make_plan(build)
