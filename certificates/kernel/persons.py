"""The persons a certificate is about, read from the register by 宛名番号.

The window finds them by 4情報 inside the form (juki's person pick fills the 宛名番号);
the plan reads them here in one query, live persons or 除票 as the request says.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.db.models import QuerySet

from counter.kind_plan import Problems
from counter.procedure_kinds import RequesterCategory, Subject
from juki.ido import kernel as ido
from juki.models import Jumin, JuminStatus

from .request import HONNIN_TO

C = RequesterCategory


def _rows(numbers: Sequence[str], *, johyo: bool) -> QuerySet[Jumin]:
    status = JuminStatus.JOHYO if johyo else JuminStatus.LIVE
    return (
        Jumin.objects.select_related("chouaza", "setai__setai_nushi")
        .filter(atena_bango__in=list(numbers), status=status)
        .order_by("atena_bango", "-shojo_date", "-id")
    )


def find_persons(
    numbers: Sequence[str], problems: Problems, *, johyo: bool, field: str = "atena_bangos"
) -> list[Jumin]:
    """The persons of ``numbers`` in that order (for a 除票, each one's latest 除票);
    a number not found is a problem next to ``field``."""
    found: dict[str, Jumin] = {}
    for person in _rows(numbers, johyo=johyo):
        found.setdefault(person.atena_bango, person)
    what = "除票" if johyo else "住民票"
    for number in numbers:
        problems.require(
            number in found,
            f"宛名番号{number}の{what}は見つかりません。",
            field=field,
        )
    return [found[n] for n in numbers if n in found]


def find_requester(entry_number: str, problems: Problems) -> Jumin | None:
    """The 請求者 of a 第12条第1項 request, who must be in the register."""
    if not entry_number:
        return None
    person = _rows([entry_number], johyo=False).first()
    problems.require(
        person is not None,
        f"住基法第12条第1項: 請求者（宛名番号{entry_number}）は住民基本台帳に記録されていません。"
        "第三者の請求として受け付けてください。",
        field="seikyusha_atena_bango",
    )
    return person


def check_household(
    category: RequesterCategory | None,
    requester: Jumin | None,
    persons: Sequence[Jumin],
    problems: Problems,
) -> None:
    """第12条第1項 (第15条の4第1項 for a 除票): 自己又は自己と同一の世帯に属する者 only.

    A 除票 keeps the 世帯 it was of when removed, so a 除票 of the 請求者's 世帯 is
    of 「同一の世帯に属していた者」."""
    if category not in HONNIN_TO or requester is None:
        return
    others = [
        p.full_name
        for p in persons
        if p.atena_bango != requester.atena_bango and p.setai_id != requester.setai_id
    ]
    problems.require(
        not others,
        f"住基法第12条第1項: {'・'.join(others)}は請求者（{requester.full_name}）と同一の"
        "世帯ではありません。第三者の請求（第12条の3）として受け付けてください。",
        field="atena_bangos",
    )


def subjects_of(numbers: Sequence[str]) -> list[Subject]:
    """The persons a request touches (a 支援措置 guard reads them; a 除票 too)."""
    return [ido.jumin_subject(n, f"宛名番号 {n} の方") for n in numbers]
