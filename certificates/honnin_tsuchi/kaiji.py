"""The 開示請求 of a resident's disclosure record (ADR 0034): by the 本人, or by a 代理人
as 個人情報の保護に関する法律第76条第2項 allows — the 法定代理人 of a 未成年者 or a
成年被後見人, or a 任意代理人 (本人の委任による代理人) — each showing who they are and,
for a 代理人, the document of their authority (第77条第2項). Every request is kept
(KaijiSeikyu): whose record, who asked, the ID and the document."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from counter.models import StaffUser
from juki.models import Jumin

from .. import disclosure_record
from ..disclosure_record import KirokuRow
from .models import DAIRI_SHORUI, DairiShorui, KaijiSeikyu, ShinseishaKubun

#: 民法第4条: 年齢十八歳をもって、成年とする (a parent's authority ends at 18)
SEINEN = 18


class KaijiError(ValueError):
    """A 開示請求 the rules refuse; `field` names the field the message goes next to."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


@dataclass(frozen=True)
class Kaiji:
    seikyu: KaijiSeikyu
    person: Jumin
    rows: list[KirokuRow]


def _age(born: datetime.date, day: datetime.date) -> int:
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def dairi_problem(
    seikyusha_kubun: str, dairinin_shimei: str, dairi_shorui: str, person: Jumin | None
) -> tuple[str, str] | None:
    """(field, message) when a 代理人's request lacks what 第76条第2項・第77条第2項 ask."""
    if seikyusha_kubun == ShinseishaKubun.HONNIN:
        return None
    if not dairinin_shimei.strip():
        return ("dairinin_shimei", "代理人による請求では代理人の氏名を入力してください。")
    allowed = DAIRI_SHORUI[seikyusha_kubun]
    if dairi_shorui not in allowed:
        names = "・".join(str(DairiShorui(c).label) for c in sorted(allowed))
        return (
            "dairi_shorui",
            f"{ShinseishaKubun(seikyusha_kubun).label}は{names}で代理人であることを示してください"
            "（個人情報の保護に関する法律第77条第2項）。",
        )
    if (
        dairi_shorui == DairiShorui.KOSEKI
        and person is not None
        and _age(person.seinengappi, timezone.localdate()) >= SEINEN
    ):
        return (
            "dairi_shorui",
            "成年者の法定代理人は成年後見人です（個人情報の保護に関する法律第76条第2項: "
            "未成年者若しくは成年被後見人の法定代理人。民法第4条）。"
            "後見登記等の登記事項証明書で示してください。",
        )
    return None


@transaction.atomic
def do_kaiji_seikyu(
    *,
    acting_user: StaffUser,
    atena_bango: str,
    honnin_kakunin: str,
    seikyusha_kubun: str = ShinseishaKubun.HONNIN,
    dairinin_shimei: str = "",
    dairi_shorui: str = "",
) -> Kaiji:
    """The request kept and the record's lines read (the view prints them)."""
    person = Jumin.objects.filter(atena_bango=atena_bango).order_by("status", "-id").first()
    if person is None:
        raise KaijiError(f"宛名番号{atena_bango}の住民票・除票はありません。", "atena_bango")
    if seikyusha_kubun not in ShinseishaKubun.values:
        raise KaijiError("請求者を選んでください。", "seikyusha_kubun")
    problem = dairi_problem(seikyusha_kubun, dairinin_shimei, dairi_shorui, person)
    if problem is not None:
        raise KaijiError(problem[1], problem[0])
    rows = disclosure_record.record_of(atena_bango)
    honnin = seikyusha_kubun == ShinseishaKubun.HONNIN
    seikyu = KaijiSeikyu.objects.create(
        atena_bango=atena_bango,
        shimei=person.full_name,
        seikyusha_kubun=seikyusha_kubun,
        dairinin_shimei="" if honnin else dairinin_shimei.strip(),
        honnin_kakunin=honnin_kakunin,
        dairi_shorui="" if honnin else dairi_shorui,
        lines=len(rows),
        by=acting_user,
        at=timezone.now(),
    )
    return Kaiji(seikyu, person, rows)
