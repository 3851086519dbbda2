"""What the 職権 kinds share (出生, 死亡, 職権記載, 職権消除, 職権修正).

- the 住民票コード a person recorded here without one receives (出生, and a 職権記載
  without a known code) comes from the pool of spare codes the 住基ネット CS delivered
  (juki.code_pool, j870; 住基法第30条の3), at random; a ``juminhyo_code_fuban`` message
  to ``jukinet_cs`` tells the CS which one was recorded, and the procedure prints the
  住民票コード通知票 (juki.code_tsuchi, j890);
- the register reads their plans make (a person by 宛名番号, a live household by
  世帯番号) as problems rather than exceptions, so a plan goes on collecting;
- ``ShokkenKind``: the kind base (category; the label, 異動事由 and entry template
  follow from the code);
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import Any, ClassVar, TypeVar

from django.db.models import Count, Q
from django.utils import timezone

from counter.kind_entry import Entry
from counter.kind_plan import Problems
from counter.procedure_kinds import ReviewBlock, ReviewRow, Subject
from counter.procedure_models import Procedure
from jputil import numbers, wareki

from ... import code_pool, services
from ...models import IdoJiyu, Jumin, JuminStatus, Setai
from .approval import Approval
from .kinds import PlannedKind
from .register import typed_atena_bango
from .subjects import jumin_subject, setai_subject

E = TypeVar("E", bound=Entry)
P = TypeVar("P")

FLAG_CODE_FUBAN = (
    "住民票コード未付番（承認時に住基ネットから受けた予備住民票コードのうちから付番し、"
    "住民票コード通知票を交付）"
)

#: the 職権記録書 (j640) a kind freezes in its result at 承認 (juki.shokken_kirokusho prints it)
KIROKUSHO_NAME = "職権記録書"
KIROKU_KEY = "shokken_kiroku"


def kiroku_data(
    *,
    title: str,
    persons: list[dict[str, str]],
    ido_jiyu: str,
    ido_date: str,
    moushide_date: str,
    riyu: str,
    konkyo: str,
    shori_date: datetime.date,
    biko: str = "",
) -> dict[str, Any]:
    """The frozen 職権記録書 (all printed text; ``persons``: name, atena_bango,
    seinengappi, jusho), stored in the result under ``KIROKU_KEY``."""
    return {
        "title": title,
        "persons": persons,
        "ido_jiyu": ido_jiyu,
        "ido_date": ido_date,
        "moushide_date": moushide_date,
        "riyu": riyu,
        "konkyo": konkyo,
        "shori_date": shori_date.isoformat(),
        "biko": biko,
    }


def today() -> datetime.date:
    return timezone.localdate()


def recorded_input(
    value: datetime.date | str | wareki.RecordedDate | None,
) -> tuple[datetime.date | None, str]:
    """(sort date, wording) of a date given as a date, a RecordedDate or typed text (j80)."""
    if isinstance(value, wareki.RecordedDate):
        return value.sort_date, value.text
    if isinstance(value, datetime.date):
        return value, ""
    if isinstance(value, str) and value:
        try:
            return datetime.date.fromisoformat(value), ""
        except ValueError:
            rd = wareki.parse_recorded_date(value)
            return rd.sort_date, rd.text
    return None, ""


def assign_juminhyo_code() -> str:
    """A spare 住民票コード from the CS's pool (refused with the rule when it is empty).

    Call it inside the approval's transaction: the code's use rolls back with it.
    """
    return code_pool.take_code()


# --------------------------------------------------------------------- register reads


def live_person_of(atena_bango: str) -> Jumin | None:
    """The live person an entry form found by 宛名番号 (None when none)."""
    atena = numbers.normalize_digits(typed_atena_bango(atena_bango))
    if not atena:
        return None
    return (
        Jumin.objects.select_related("chouaza", "setai__setai_nushi")
        .filter(atena_bango=atena, status=JuminStatus.LIVE)
        .first()
    )


def find_person(problems: Problems, atena_bango: str, *, lock: bool = False) -> Jumin | None:
    """The person an entry names by 宛名番号 (live or not); a problem if there is none."""
    atena = numbers.normalize_digits(typed_atena_bango(atena_bango))
    if not atena:
        problems.add("宛名番号を入力してください。", field="atena_bango")
        return None
    qs = Jumin.objects.select_related("chouaza", "setai", "setai__setai_nushi")
    if lock:
        qs = qs.select_for_update(of=("self",))
    j = qs.of_atena(atena).first()
    if j is None:
        problems.add(f"宛名番号 {atena} の住民票が見つかりません。", field="atena_bango")
    return j


def live_setai(problems: Problems, bango: str, *, lock: bool = False) -> Setai | None:
    """A household with live members by 世帯番号; a problem (on ``setai_bango``) if none."""
    bango = numbers.normalize_digits(bango or "")
    if not bango:
        problems.add("世帯番号を入力してください。", field="setai_bango")
        return None
    found = (
        Setai.objects.select_related("setai_nushi")
        .annotate(live=Count("members", filter=Q(members__status=JuminStatus.LIVE)))
        .filter(setai_bango=bango)
        .first()
    )
    if found is None or not getattr(found, "live", 0):
        problems.add(
            f"世帯番号{bango}の世帯は"
            f"{'見つかりません' if found is None else '住民のいない世帯です（全員が除票）'}。",
            field="setai_bango",
        )
        return None
    if lock:
        return lock_setai(found)
    return found


def lock_setai(setai: Setai) -> Setai:
    """The household's row again, locked until the approval commits."""
    return (
        Setai.objects.select_for_update(of=("self",)).select_related("setai_nushi").get(pk=setai.pk)
    )


def live_nushi(setai: Setai) -> Jumin | None:
    nushi = setai.setai_nushi
    return nushi if nushi is not None and nushi.status == JuminStatus.LIVE else None


# --------------------------------------------------------------------- the kind


class ShokkenKind(PlannedKind[E, P]):
    """A 職権 kind: the 異動 category and its 異動事由.

    A kind's code is its 異動事由's (``IdoJiyu(code)``), which gives its label too; its
    entry template is ``juki/ido/<code>_entry.html``. A kind declares them only to differ.
    """

    ido_jiyu: ClassVar[IdoJiyu]

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        code = cls.__dict__.get("code")
        if code is None:
            return
        derived = {"ido_jiyu": IdoJiyu(code), "template": f"juki/ido/{code}_entry.html"}
        derived["label"] = cls.__dict__.get("ido_jiyu", derived["ido_jiyu"]).label
        for name, value in derived.items():
            if name not in cls.__dict__:
                setattr(cls, name, value)

    def subjects_of(self, entry: E) -> Sequence[Subject]:
        """The person (宛名番号) and the household (世帯番号) the entry names, if any."""
        return person_subjects(
            str(getattr(entry, "atena_bango", "")), str(getattr(entry, "setai_bango", ""))
        )

    def review_approved(self, procedure: Procedure) -> list[ReviewBlock]:
        r = procedure.result
        return [
            ReviewBlock(
                "承認済み",
                [
                    ReviewRow("宛名番号", "", str(r.get("atena_bango", ""))),
                    ReviewRow("世帯番号", "", str(r.get("setai_bango", ""))),
                ],
            )
        ]


def newcomer_recorded(
    approval: Approval, ctx: services.IdoContext, j: Jumin, setai: Setai, *, assigned: bool
) -> dict[str, Any]:
    """A person recorded by 職権 (出生, 職権記載) is in the register: the notices (the
    code's assignment when it was ours, 本人確認情報, 附票 or 入管, and every 他課 that
    may now cover them) and the procedure's result about them."""
    notices = approval.notices(ctx)
    if assigned:
        notices.juminhyo_code_fuban(j)
    notices.honnin_kakunin(j)
    notices.fuhyo(j)
    notices.nyukan(j)
    notices.takka(j, reason="newcomer")
    return {
        "atena_bango": j.atena_bango,
        "juminhyo_code": j.juminhyo_code,
        "setai_bango": setai.setai_bango,
        "outbox": notices.write([setai]),
    }


# --------------------------------------------------------------------- forms


def person_subjects(atena_bango: str, setai_bango: str) -> list[Subject]:
    """What a change of one person reserves: the person, and their household when given."""
    out = []
    if atena_bango:
        out.append(jumin_subject(atena_bango))
    if setai_bango:
        out.append(setai_subject(setai_bango))
    return out
