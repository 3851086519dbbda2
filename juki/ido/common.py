"""Shared pieces of the 異動届 kinds (転入, 転出 …): reservations, dates, rules, outbox.

Owned by the 転入 work; other kinds may import from here (read-only for them).
Everything here is small and free of procedure-kind state, so each kind keeps its own
rules and this module only the vocabulary they share.
"""

from __future__ import annotations

import datetime
from abc import ABCMeta
from collections.abc import Iterable, Sequence
from typing import Any, ClassVar, cast

from django import forms
from django.db.models import Q
from django.forms.forms import DeclarativeFieldsMetaclass

from counter.models import OutboxDestination
from counter.procedure_kinds import ProcedureKind, Subject
from counter.procedure_models import Procedure, ProcedureState
from counter.services import ProcedureRefused

from .. import zokugara
from ..models import Jumin, JuminStatus, recorded_date_text

#: 住基法第22条・第23条・第25条: 転入・転居・世帯変更の届出期間（日）
TODOKE_KIKAN_DAYS = 14
#: 住基法施行令第24条の2: 特例転入は転出予定日から30日以内
TOKUREI_TENNYU_DAYS = 30

FLAG_TODOKE_KIKAN = "届出期間経過"

# --------------------------------------------------------------------- reservations


def jumin_subject(atena_bango: str, label: str = "") -> Subject:
    """A person already in the register (宛名番号)."""
    return Subject(f"jumin:{atena_bango}", label or f"宛名番号{atena_bango}の住民")


def setai_subject(setai_bango: str) -> Subject:
    """A household (世帯番号): whoever joins, leaves or changes it reserves it."""
    return Subject(f"setai:{setai_bango}", f"世帯番号{setai_bango}の世帯")


def juminhyo_code_subject(code: str, name: str = "") -> Subject:
    """A person by 住民票コード (also one not yet in the register, e.g. a 転入)."""
    who = f"{name}さん（住民票コード{code}）" if name else f"住民票コード{code}の方"
    return Subject(f"juminhyo_code:{code}", who)


# --------------------------------------------------------------------- dates


def iso(value: datetime.date | None) -> str:
    return value.isoformat() if value else ""


def from_iso(value: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


def wareki_text(value: datetime.date | None) -> str:
    """A plain date in 和暦 (西暦 before the era table), "" for None."""
    return recorded_date_text(value, "")


def age_on(birth: datetime.date, day: datetime.date) -> int:
    """満年齢 on `day` (年齢計算ニ関スル法律: one ages the day before the birthday; the
    difference does not matter to the notices decided with it)."""
    years = day.year - birth.year
    if (day.month, day.day) < (birth.month, birth.day):
        years -= 1
    return years


def _school_year_start(birth: datetime.date) -> int:
    """The calendar year whose April 1 starts the 学齢 (the April after the 6th birthday;
    a child born on April 1 belongs to the year before, 学校教育法第17条 and 年齢計算)."""
    sixth = birth.year + 6
    return sixth if (birth.month, birth.day) <= (4, 1) else sixth + 1


def is_gakurei(birth: datetime.date, day: datetime.date) -> bool:
    """学齢 (小学校・中学校 age: 9 school years from the April after the 6th birthday)."""
    start = datetime.date(_school_year_start(birth), 4, 1)
    end = datetime.date(start.year + 9, 3, 31)
    return start <= day <= end


def is_jidou_teate_age(birth: datetime.date, day: datetime.date) -> bool:
    """児童手当の対象年齢: to the end of March after the 18th birthday (2024年10月〜)."""
    end_year = birth.year + 18 + (0 if (birth.month, birth.day) <= (4, 1) else 1)
    return day <= datetime.date(end_year, 3, 31)


# --------------------------------------------------------------------- rules


def todoke_kikan_flag(ido_date: datetime.date, todoke_date: datetime.date) -> str | None:
    """The 届出期間経過 flag when the notice came more than 14 days after the move."""
    late = (todoke_date - ido_date).days - TODOKE_KIKAN_DAYS
    if late > 0:
        return (
            f"{FLAG_TODOKE_KIKAN}（住基法第22条：異動日から{TODOKE_KIKAN_DAYS}日以内のところ"
            f"{late}日超過。届出は受理し、簡易裁判所への通知を検討）"
        )
    return None


def normalize_zokugara(text: str) -> str:
    """The canonical 続柄 or ValueError with the standard's message (j110)."""
    return zokugara.parse_zokugara(text)


def register_matches(juminhyo_codes: Iterable[str], kojin_bangos: Iterable[str]) -> list[Jumin]:
    """Persons of the register (live or 除票) holding one of the numbers (one query)."""
    codes = [c for c in juminhyo_codes if c]
    bangos = [b for b in kojin_bangos if b]
    if not codes and not bangos:
        return []
    query = Q(juminhyo_code__in=codes) | Q(kojin_bango__in=bangos)
    return list(
        Jumin.objects.filter(query)
        .only(
            "atena_bango",
            "status",
            "shi",
            "mei",
            "juminhyo_code",
            "kojin_bango",
            "shojo_jiyu",
            "shojo_date",
        )
        .order_by("atena_bango")
    )


def is_live(jumin: Jumin) -> bool:
    return jumin.status == JuminStatus.LIVE


def ordered(members: Sequence[Jumin]) -> list[Jumin]:
    """A household's members in the printing order (世帯主, 配偶者, 子 by birth, others)."""

    def rank(p: Jumin) -> tuple[Any, ...]:
        try:
            return (0, *zokugara.sort_rank(p.zokugara, p.seinengappi), p.atena_bango or "")
        except ValueError:
            return (1, 0, 0, p.seinengappi, p.atena_bango or "")

    return sorted(members, key=rank)


# --------------------------------------------------------------------- outbox


def outbox_key(procedure_pk: int | str, *parts: object) -> str:
    """An idempotency key for a procedure's message: 'ido-<pk>-<part>-<part>…'."""
    text = "-".join(["ido", str(procedure_pk), *(str(p) for p in parts)])
    return "".join(ch if ch.isascii() and (ch.isalnum() or ch in "._-") else "_" for ch in text)


def honnin_kakunin_payload(jumin: Jumin, *, ido_jiyu: str, ido_date: datetime.date) -> dict:
    """本人確認情報（住基ネット CS）: 住民票コード, 4情報, 異動事由 and 異動日."""
    return {
        "juminhyo_code": jumin.juminhyo_code or "",
        "atena_bango": jumin.atena_bango,
        "shimei": jumin.full_name,
        "shimei_kana": jumin.full_kana,
        "seinengappi": iso(jumin.seinengappi),
        "seinengappi_hyoki": jumin.seinengappi_hyoki,
        "seibetsu": jumin.get_seibetsu_display(),
        "jusho": jumin.address,
        "ido_jiyu": ido_jiyu,
        "ido_date": iso(ido_date),
    }


def has_honseki(jumin: Jumin) -> bool:
    """本籍 recorded as a place (j120 allows 「なし」「不明」, which have no 本籍地)."""
    return bool(jumin.honseki) and jumin.honseki.strip() not in ("なし", "不明")


#: a procedure whose apply() has run
APPROVED_STATES = (ProcedureState.SHOUNIN, ProcedureState.KOUFU, ProcedureState.KANRYOU)


def is_approved(procedure: Procedure) -> bool:
    return procedure.state in APPROVED_STATES and bool(procedure.result)


def persons_by_atena(atena_bangos: Sequence[str], *, lock: bool = False) -> list[Jumin]:
    """The persons by 宛名番号, in the order given; refuses unknown numbers."""
    qs = Jumin.objects.select_related("chouaza", "setai", "setai__setai_nushi")
    if lock:
        qs = qs.select_for_update(of=("self",))
    found = {j.atena_bango: j for j in qs.filter(atena_bango__in=list(atena_bangos))}
    missing = [a for a in atena_bangos if a not in found]
    if missing:
        raise ProcedureRefused(
            f"宛名番号 {'、'.join(missing)} の住民票が見つかりません。", field="atena_bangos"
        )
    return [found[a] for a in atena_bangos]


def person_label(j: Jumin) -> str:
    """How messages name a person: 氏名（宛名番号 …）."""
    return f"{j.full_name}（宛名番号 {j.atena_bango}）"


def person_payload(j: Jumin) -> dict[str, Any]:
    """A person as the outbox messages to other systems carry them."""
    return {
        "atena_bango": j.atena_bango,
        "juminhyo_code": j.juminhyo_code or "",
        "shimei": j.full_name,
        "furigana": j.full_kana,
        "seinengappi": iso(j.seinengappi),
        "seinengappi_hyoki": j.seinengappi_hyoki,
        "seibetsu": j.seibetsu,
        "setai_bango": j.setai.setai_bango,
    }


def takka_destinations(j: Jumin, day: datetime.date) -> list[str]:
    """The 他課 that hold something of this person (住民異動届（他課用））."""
    dests: list[str] = [OutboxDestination.TAKKA_ZEI]
    if j.senkyo_touroku:
        dests.append(OutboxDestination.TAKKA_SENKYO)
    if j.kokuho_date or j.kouki_date:
        dests.append(OutboxDestination.TAKKA_KOKUHO)
    if j.kaigo_date:
        dests.append(OutboxDestination.TAKKA_KAIGO)
    if j.nenkin_shubetsu:
        dests.append(OutboxDestination.TAKKA_NENKIN)
    if j.jidou_teate:
        dests.append(OutboxDestination.TAKKA_JIDOU_TEATE)
    if is_gakurei(j.seinengappi, day):
        dests.append(OutboxDestination.TAKKA_SHUGAKU)
    return [str(d) for d in dests]


class FormEntryKind(ProcedureKind):
    """A kind whose entry form takes `(data, entry=…)` and leaves the entry on `form.entry`."""

    form_class: ClassVar[type[forms.BaseForm]]
    template: ClassVar[str]

    def entry_form(self, procedure: Procedure, data: Any = None) -> forms.Form:
        form = self.form_class(data, entry=procedure.entry or None)  # type: ignore[call-arg]
        return cast(forms.Form, form)

    def entry_template(self) -> str:
        return self.template

    def clean_entry(self, form: forms.Form) -> dict[str, Any]:
        entry = getattr(form, "entry", None)
        if not entry:
            raise ValueError(f"clean_entry() needs a valid {self.form_class.__name__}")
        return dict(entry)


class AbstractFormMeta(DeclarativeFieldsMetaclass, ABCMeta):
    """Lets a Django form base declare @abstractmethod hooks for its subclasses."""
