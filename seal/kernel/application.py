"""The plan an application (照会, 即時登録) shares: the person, the rules, the seal."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from counter.kind_plan import Problems
from juki.models import Jumin
from seal.models import Inei, IneiYouto
from seal.services import Application

from . import rules
from .entry import ApplicationEntry


@dataclass(frozen=True)
class ApplicationPlan:
    person: Jumin
    inei: Inei
    day: datetime.date

    def application(self, entry: ApplicationEntry) -> Application:
        return Application(
            shinsei_date=self.day,
            shimei_keishiki=entry.shimei_keishiki,
            inei_moji=entry.inei_moji,
            seinen_hikoukennin=entry.seinen_hikoukennin,
            houtei_dairinin=entry.houtei_dairinin,
        )


def find_inei(
    problems: Problems,
    inei_id: int | None,
    *,
    field: str = "inei_id",
    youto: IneiYouto = IneiYouto.TOROKU,
) -> Inei | None:
    """An uploaded 印影 of this use (登録印影, 照合用, 保証人の押印), not yet attached to a
    registration."""
    inei = (
        Inei.objects.defer("image").filter(pk=inei_id, toroku__isnull=True, youto=youto).first()
        if inei_id
        else None
    )
    problems.require(
        inei is not None,
        f"印影番号{inei_id or ''}の{youto.label}はありません"
        f"（「印影の取込」で用途「{youto.label}」として取り込んでください）。",
        field=field,
    )
    return inei


def check_application(
    problems: Problems, entry: ApplicationEntry, *, lock: bool = False
) -> ApplicationPlan | None:
    """Every rule of an application, every problem collected (None when refused)."""
    day = entry.shinsei_date
    problems.require(day is not None, "申請年月日を入力してください。", field="shinsei_date")
    person = rules.find_person(problems, entry.atena_bango, lock=lock)
    if person is not None and day is not None:
        rules.check_age(problems, person, day)
        rules.check_none_open(problems, person, lock=lock)
    rules.check_seinen_hikoukennin(
        problems,
        seinen_hikoukennin=entry.seinen_hikoukennin,
        raichousha=entry.raichousha,
        houtei_dairinin=entry.houtei_dairinin,
    )
    problems.require(
        bool(entry.inei_moji.strip()), "印影の文字を入力してください。", field="inei_moji"
    )
    inei = find_inei(problems, entry.inei_id)
    rules.check_checklist(problems, entry.ticked())
    if inei is not None:
        rules.check_size(problems, inei.width_mm, inei.height_mm)
    if person is None or inei is None or day is None:
        return None
    return ApplicationPlan(person, inei, day)
