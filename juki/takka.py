"""住民異動届（他課用）: the printed notice of an approved 異動 to the other departments.

It is printed from the 他課 messages the approval wrote to the outbox, so the paper
and the electronic notices say the same thing: one sheet per procedure, the persons
with their 異動, and per department (国保・年金・児童手当・就学・選挙・税・介護) who
concerns it, with a box for the receiving department's 確認印.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.utils import timezone

from counter.documents import render_pdf
from counter.models import OutboxMessage
from counter.procedure_kinds import HandoverDocument
from counter.procedure_models import APPROVED_STATES, Procedure
from jputil.wareki import to_wareki

from .manifest import TAKKA_DESTINATIONS
from .models import Seibetsu

FORM_NAME = "住民異動届（他課用）"
TEMPLATE = "documents/juki_ido_takka.html"
#: the message carries the code; the sheet prints the register's word for it
SEIBETSU: dict[str, str] = dict(Seibetsu.choices)
#: the short names the departments go by on the sheet's columns
SHORT_NAMES = {
    "takka_kokuho": "国保",
    "takka_nenkin": "年金",
    "takka_jidou_teate": "児童手当",
    "takka_shugaku": "就学",
    "takka_senkyo": "選挙",
    "takka_zei": "税務",
    "takka_kaigo": "介護",
}


def _wareki(iso: str) -> str:
    try:
        return to_wareki(datetime.date.fromisoformat(iso)) if iso else ""
    except ValueError:
        return iso


@dataclass
class TakkaPerson:
    atena_bango: str
    shimei: str
    furigana: str
    seinengappi: str
    seibetsu: str
    departments: set[str] = field(default_factory=set)


@dataclass
class TakkaSheet:
    ido_jiyu: str
    ido_date: str
    todoke_date: str
    zenjusho: str
    jusho: str
    setai_bango: str
    persons: list[TakkaPerson]
    departments: list[tuple[str, str]]  # (code, label) in the fixed order


def _persons_of(payload: dict[str, Any]) -> list[dict[str, Any]]:
    """Messages carry one person (転入) or a list of them (転出 and others)."""
    persons = payload.get("persons")
    return list(persons) if isinstance(persons, list) else [payload]


def sheet_from(messages: Iterable[OutboxMessage]) -> TakkaSheet | None:
    """The sheet's content from the 他課 messages of one procedure (None when none)."""
    people: dict[str, TakkaPerson] = {}
    first: dict[str, Any] | None = None
    for message in messages:
        payload = message.payload
        first = first or payload
        for person in _persons_of(payload):
            key = str(person.get("atena_bango") or person.get("shimei", ""))
            row = people.get(key)
            if row is None:
                row = people[key] = TakkaPerson(
                    atena_bango=str(person.get("atena_bango", "")),
                    shimei=str(person.get("shimei", "")),
                    furigana=str(person.get("shimei_kana") or person.get("furigana") or ""),
                    seinengappi=str(person.get("seinengappi_hyoki") or "")
                    or _wareki(str(person.get("seinengappi", ""))),
                    seibetsu=SEIBETSU.get(
                        str(person.get("seibetsu")), str(person.get("seibetsu", ""))
                    ),
                )
            row.departments.add(message.destination)
    if first is None:
        return None
    # the one shape (kernel.IdoNotices) carries the addresses and 世帯番号 on each person
    person = next(iter(_persons_of(first)), {})
    return TakkaSheet(
        ido_jiyu=str(first.get("ido_jiyu") or first.get("jiyu") or ""),
        ido_date=_wareki(str(first.get("ido_date", ""))),
        todoke_date=_wareki(str(first.get("todoke_date", ""))),
        zenjusho=str(first.get("zenjusho") or person.get("zenjusho") or ""),
        jusho=str(
            first.get("jusho")
            or first.get("tenshutsusaki")
            or person.get("tenshutsusaki")
            or person.get("jusho")
            or ""
        ),
        setai_bango=str(first.get("setai_bango") or person.get("setai_bango") or ""),
        persons=list(people.values()),
        departments=[(d.value, SHORT_NAMES.get(d.value, d.label)) for d in TAKKA_DESTINATIONS],
    )


def render_sheet(sheet: TakkaSheet, *, procedure_label: str) -> bytes:
    now = timezone.localtime()
    return render_pdf(
        TEMPLATE,
        {
            "form_name": FORM_NAME,
            "municipality": settings.MUNICIPALITY_NAME,
            "procedure_label": procedure_label,
            "printed_at": f"{to_wareki(now.date())} {now:%H時%M分}",
            "sheet": sheet,
        },
    )


def _messages_of(procedure: Procedure) -> list[OutboxMessage]:
    return list(
        OutboxMessage.objects.filter(
            source_type="procedure",
            source_id=str(procedure.pk),
            destination__in=[d.value for d in TAKKA_DESTINATIONS],
        ).order_by("id")
    )


def takka_documents(procedure: Procedure) -> list[HandoverDocument]:
    """The 他課用 sheet of an approved procedure that notified other departments."""
    if procedure.state not in APPROVED_STATES:
        return []
    if not OutboxMessage.objects.filter(
        source_type="procedure",
        source_id=str(procedure.pk),
        destination__in=[d.value for d in TAKKA_DESTINATIONS],
    ).exists():
        return []

    def render() -> bytes:
        sheet = sheet_from(_messages_of(procedure))
        if sheet is None:
            raise LookupError(f"procedure {procedure.pk} has no 他課 messages")
        return render_sheet(sheet, procedure_label=f"{procedure.reception} #{procedure.pk}")

    return [HandoverDocument("takka", FORM_NAME, render)]


def build_sample() -> bytes:
    """The sample for `sample_forms`: a family's 転入, built in memory."""
    base = {
        "ido_jiyu": "転入",
        "ido_date": "2026-04-01",
        "todoke_date": "2026-04-03",
        "zenjusho": "大阪府大阪市北区梅田一丁目1番1号",
        "jusho": "東京都墨田区吾妻橋一丁目1番2号",
        "setai_bango": "0000000019",
    }
    people = [
        ("0000000027", "髙橋　一郎", "タカハシ　イチロウ", "1980-04-01", "1"),
        ("0000000035", "髙橋　花子", "タカハシ　ハナコ", "1982-06-03", "2"),
        ("0000000043", "髙橋　𠮷男", "タカハシ　ヨシオ", "2014-09-09", "1"),
    ]
    departments = {
        "0000000027": ["takka_kokuho", "takka_zei", "takka_nenkin", "takka_senkyo"],
        "0000000035": ["takka_kokuho", "takka_zei", "takka_nenkin", "takka_senkyo"],
        "0000000043": ["takka_kokuho", "takka_zei", "takka_jidou_teate", "takka_shugaku"],
    }
    messages = [
        OutboxMessage(
            destination=dest,
            message_type="jumin_ido",
            payload={
                **base,
                "atena_bango": atena,
                "shimei": name,
                "shimei_kana": kana,
                "seinengappi": born,
                "seibetsu": sex,
            },
        )
        for atena, name, kana, born, sex in people
        for dest in departments[atena]
    ]
    sheet = sheet_from(messages)
    if sheet is None:
        raise LookupError("the sample has no messages")
    return render_sheet(sheet, procedure_label="見本")
