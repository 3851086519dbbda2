"""A 除票 by 転出, as the register and the counter remember it.

What the 転出取消 and the 転出証明書再交付 read of a 転出 done earlier: its history row
and the row before it (the person as they were), the approved 転出 procedure that made
it (its result keeps the 転出証明書 data and the household change), and the rule that
only a 除票 by 転出 qualifies.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db.models import Q

from counter.kind_plan import Problems
from counter.procedure_models import Procedure, Reservation

from ...models import IdoJiyu, Jumin, JuminRireki, JuminStatus, ShojoJiyu
from .register import APPROVED_STATES, person_label

#: the kind code of the 転出届 (its approved procedures are looked up by it)
TENSHUTSU_KIND = "tenshutsu"
#: the 留意事項 of the household rows a 転出 writes when the 世帯主 leaves
NUSHI_HENKOU_RYUIJI = "転出に伴う世帯主変更"
TENSHUTSU_SHOJO_JIYU = (ShojoJiyu.TENSHUTSU, ShojoJiyu.KOKUGAI_TENSHUTSU)


Before = tuple[JuminRireki | None, JuminRireki | None]


def before_tenshutsu_of(persons: Sequence[Jumin]) -> dict[str, Before]:
    """Each person's latest 転出 row and the row before it (the person as they were),
    by 宛名番号: two queries for any number of persons."""
    ids = {j.pk: j.atena_bango for j in persons}
    latest: dict[int, JuminRireki] = {}
    for row in JuminRireki.objects.filter(
        jumin_id__in=ids, ido_jiyu__in=[IdoJiyu.TENSHUTSU, IdoJiyu.KOKUGAI_TENSHUTSU]
    ).order_by("jumin_id", "-rireki_no"):
        latest.setdefault(row.jumin_id, row)
    priors: dict[int, JuminRireki] = {}
    wanted = Q()
    for jumin_id, row in latest.items():
        wanted |= Q(jumin_id=jumin_id, rireki_no=row.rireki_no - 1)
    if latest:
        priors = {r.jumin_id: r for r in JuminRireki.objects.filter(wanted)}
    return {
        atena: (latest.get(pk), priors.get(pk) if pk in latest else None)
        for pk, atena in ids.items()
    }


def before_tenshutsu(j: Jumin) -> Before:
    """The latest 転出 row and the row before it (the person as they were)."""
    return before_tenshutsu_of([j])[j.atena_bango]


def rireki_at(j: Jumin, no: int) -> JuminRireki | None:
    """The person's history row number ``no``."""
    return JuminRireki.objects.filter(jumin=j, rireki_no=no).first()


def original_tenshutsu_of(atena_bangos: Sequence[str]) -> dict[str, Procedure | None]:
    """The approved 転出 procedure that removed each person, if it went through the
    counter (one query for any number of persons).

    Found through its (closed) reservation of ``jumin:<宛名番号>``: the subject key is the
    one place counter indexes persons.
    """
    found: dict[str, Procedure | None] = dict.fromkeys(atena_bangos)
    reservations = (
        Reservation.objects.filter(
            subject__in=[f"jumin:{a}" for a in atena_bangos],
            procedure__kind=TENSHUTSU_KIND,
            procedure__state__in=APPROVED_STATES,
        )
        .select_related("procedure")
        .order_by("subject", "-procedure__approved_at", "-procedure_id")
    )
    seen: set[str] = set()
    for reservation in reservations:
        atena = reservation.subject.removeprefix("jumin:")
        if atena in seen:
            continue  # the latest 転出 of this person came first
        seen.add(atena)
        proc = reservation.procedure
        found[atena] = proc if atena in (proc.result or {}).get("leavers", []) else None
    return found


def original_tenshutsu(atena_bango: str) -> Procedure | None:
    """`original_tenshutsu_of` for one person."""
    return original_tenshutsu_of([atena_bango])[atena_bango]


def is_tenshutsu_johyo(j: Jumin) -> bool:
    return j.status == JuminStatus.JOHYO and j.shojo_jiyu in TENSHUTSU_SHOJO_JIYU


def require_tenshutsu_johyo(
    problems: Problems, persons: Sequence[Jumin], act: str, *, field: str = "atena_bangos"
) -> bool:
    """Each person must be a 除票 by 転出 or a 転出予定者 (ADR 0017: the 転出 is approved,
    the 消除 not made yet); one problem per person who is neither."""
    ok = True
    for j in persons:
        if is_tenshutsu_johyo(j) or j.is_tenshutsu_yotei:
            continue
        why = "住民" if j.status == JuminStatus.LIVE else "転出以外による除票"
        problems.add(
            f"{person_label(j)}は{why}のため、{act}はできません"
            "（転出による除票か転出予定者の方だけが対象です。"
            "転入通知があり既に転入した方も除きます）。",
            field=field,
        )
        ok = False
    return ok


def tenshutsu_result(proc: Procedure | None) -> dict[str, Any]:
    """What the 転出's 承認 recorded ({} for a 転出 not made at the counter)."""
    return dict(proc.result or {}) if proc is not None else {}
