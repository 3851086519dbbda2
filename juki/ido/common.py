"""Shared pieces of the 異動届 kinds (転入, 転出 …): reservations, dates, rules, outbox.

Owned by the 転入 work; other kinds may import from here (read-only for them).
Everything here is small and free of procedure-kind state, so each kind keeps its own
rules and this module only the vocabulary they share.
"""

from __future__ import annotations

import datetime
from abc import ABCMeta, abstractmethod
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar, Literal, cast

from django import forms
from django.db.models import Q
from django.forms.forms import DeclarativeFieldsMetaclass
from django.forms.utils import ErrorDict

from counter import outbox
from counter.models import OutboxDestination
from counter.procedure_kinds import HandoverDocument, ProcedureKind, Subject
from counter.procedure_models import Procedure, ProcedureState
from counter.services import ProcedureRefused
from jputil import zokugara

from ..models import Chouaza, Jumin, JuminStatus, recorded_date_text

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


def register_matches(
    juminhyo_codes: Iterable[str],
    kojin_bangos: Iterable[str],
    zairyu_card_bangos: Iterable[str] = (),
) -> list[Jumin]:
    """Persons of the register (live or 除票) holding one of the numbers (one query)."""
    codes = [c for c in juminhyo_codes if c]
    bangos = [b for b in kojin_bangos if b]
    cards = [c for c in zairyu_card_bangos if c]
    if not codes and not bangos and not cards:
        return []
    query = Q(juminhyo_code__in=codes) | Q(kojin_bango__in=bangos)
    if cards:
        query |= Q(zairyu_card_bango__in=cards)
    return list(
        Jumin.objects.filter(query)
        .only(
            "atena_bango",
            "status",
            "shi",
            "mei",
            "juminhyo_code",
            "kojin_bango",
            "zairyu_card_bango",
            "shojo_jiyu",
            "shojo_date",
        )
        .order_by("atena_bango")
    )


def sanjoho_matches(persons: Sequence[dict[str, Any]]) -> list[Jumin]:
    """除票 whose 3情報 (氏名・生年月日・性別) equal one of the persons' (one query).

    The persons are entry dicts (``shi``, ``mei``, ``seinengappi`` ISO, ``seibetsu``)."""
    query = Q()
    for p in persons:
        if p.get("shi") and p.get("seinengappi") and p.get("seibetsu"):
            query |= Q(
                shi=p["shi"],
                mei=p.get("mei") or "",
                seinengappi=from_iso(p["seinengappi"]),
                seibetsu=p["seibetsu"],
            )
    if not query:
        return []
    return list(
        Jumin.objects.filter(query)
        .exclude(status=JuminStatus.LIVE)
        .only("atena_bango", "status", "shi", "mei", "seinengappi", "seibetsu", "shojo_date")
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


#: 国民年金第1号被保険者 (国民年金法第7条): 20 to 59
NENKIN_AGES = range(20, 60)
#: 選挙権 (公職選挙法第9条; 日本国民)
SENKYO_AGE = 18
#: 介護保険第1号被保険者 (介護保険法第9条)
KAIGO_AGE = 65


TakkaReason = Literal["newcomer", "resident", "setai"]


def takka_destinations(
    j: Jumin, day: datetime.date, *, reason: TakkaReason = "resident"
) -> list[str]:
    """The 他課 a person's 異動 on ``day`` goes to (住民異動届（他課用））: the one rule.

    ``reason``:
    - ``"newcomer"`` (転入, 出生, 職権記載): every 他課 whose 制度 may now cover them,
      by age; the 他課 decides (国保 and 税 always; 年金 20–59; 児童手当 to the March
      after 18; 就学 in 学齢; 選挙 18+ and Japanese; 介護 65+);
    - ``"resident"`` (転居, 転出, 死亡, 消除, 修正): those that hold something of them,
      and 就学 in 学齢 (the school district follows the address);
    - ``"setai"`` (世帯主 or 続柄 changed): 税 and 国保 (the 世帯主 is the 国保's
      納付義務者), and 介護 and 児童手当 when they hold something.
    """
    dests: list[str] = [OutboxDestination.TAKKA_ZEI]
    if reason == "newcomer":
        age = age_on(j.seinengappi, day)
        dests.append(OutboxDestination.TAKKA_KOKUHO)
        if age in NENKIN_AGES:
            dests.append(OutboxDestination.TAKKA_NENKIN)
        if is_jidou_teate_age(j.seinengappi, day):
            dests.append(OutboxDestination.TAKKA_JIDOU_TEATE)
        if is_gakurei(j.seinengappi, day):
            dests.append(OutboxDestination.TAKKA_SHUGAKU)
        if age >= SENKYO_AGE and not j.is_foreign:
            dests.append(OutboxDestination.TAKKA_SENKYO)
        if age >= KAIGO_AGE:
            dests.append(OutboxDestination.TAKKA_KAIGO)
    elif reason == "setai":
        dests.append(OutboxDestination.TAKKA_KOKUHO)
        if j.kaigo_date:
            dests.append(OutboxDestination.TAKKA_KAIGO)
        if j.jidou_teate:
            dests.append(OutboxDestination.TAKKA_JIDOU_TEATE)
    elif reason == "resident":
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
    else:
        raise ValueError(f"unknown reason: {reason}")
    return [str(d) for d in dests]


class ChouazaField(forms.ModelChoiceField):
    """The new address's 町字, chosen by code; in a 指定都市 each shows its 行政区."""

    def __init__(self, *, label: str, **kwargs: Any) -> None:
        queryset = (
            Chouaza.objects.filter(is_active=True).select_related("gyouseiku").order_by("code")
        )
        super().__init__(queryset, label=label, to_field_name="code", **kwargs)


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


#: the sheet the window prints at 仮登録 for the visitor to check (not a certificate)
KAKUNIN_NAME = "確認用住民票"


class KakuninKind(FormEntryKind):
    """A kind whose document before 承認 is the 確認用住民票 (its ``confirmation_pdf``)."""

    @abstractmethod
    def confirmation_pdf(self, procedure: Procedure, entry: dict[str, Any]) -> bytes:
        """The household as it would be after 承認 (unsaved objects; no writes)."""

    def documents(self, procedure: Procedure) -> list[HandoverDocument]:
        if not procedure.entry or procedure.result:
            return []
        entry = procedure.entry
        return [
            HandoverDocument(
                "kakunin_juminhyo", KAKUNIN_NAME, lambda: self.confirmation_pdf(procedure, entry)
            )
        ]


class AbstractFormMeta(DeclarativeFieldsMetaclass, ABCMeta):
    """Lets a Django form base declare @abstractmethod hooks for its subclasses."""


SETAINUSHI = "世帯主"


@dataclass(frozen=True)
class HeadAfterLeaving:
    """Who heads a household after some of its members leave it (j490)."""

    former: Jumin | None
    new_head: Jumin | None
    #: the 世帯主 leaves and others stay, so the household gets a new 世帯主
    changes: bool
    #: only one stays: they became 世帯主 by 職権 (a 世帯主変更通知 is due)
    shokken: bool
    #: new 続柄 of the members who stay, the new head's 「世帯主」 included
    zokugara: dict[str, str] = field(default_factory=dict)


def head_after_leaving(
    setai: Any,
    staying: Sequence[Jumin],
    leaving: set[str],
    *,
    wanted: str,
    changes: dict[str, str],
    act: str,
    nushi_field: str,
    zokugara_field: Callable[[str], str],
) -> HeadAfterLeaving:
    """j490 for the household some members leave (転出, 転居, 世帯分離, 死亡, 職権消除).

    With one member staying, that member becomes 世帯主 by 職権. With two or more, the
    new 世帯主 must be chosen (`wanted`) and every other staying member's 続柄 to them
    given (`changes`): the 住民票 of each shows its 世帯主 and its relation to them.
    When the 世帯主 does not leave, neither may be changed here (世帯変更届 does that).
    `act` completes 「世帯主が…、」 (e.g. 「転出し」); `nushi_field` and `zokugara_field`
    name the form fields a refusal belongs to.
    """
    former = setai.setai_nushi
    if former is not None and former.status != JuminStatus.LIVE:
        former = None  # a household left without a head earlier (j100)
    head_leaves = former is not None and former.atena_bango in leaving
    head_changes = head_leaves and bool(staying)
    by_atena = {m.atena_bango: m for m in staying}
    new_head = former if not head_changes else None
    if head_changes and len(staying) == 1:
        new_head = staying[0]
        if wanted and wanted != new_head.atena_bango:
            raise ProcedureRefused(
                f"世帯に残るのは{person_label(new_head)}だけのため、その方が職権で世帯主になります。",
                field=nushi_field,
            )
    elif head_changes:
        if not wanted:
            raise ProcedureRefused(
                f"世帯主が{act}、世帯に{len(staying)}人が残ります。残る方から新しい世帯主を"
                "選んでください（世帯主変更の届出を先に受け付けてください：j490）。",
                field=nushi_field,
            )
        new_head = by_atena.get(wanted)
        if new_head is None:
            raise ProcedureRefused(
                "新しい世帯主は、世帯に残る方から選んでください。", field=nushi_field
            )
        missing = [
            m
            for m in staying
            if m is not new_head and not (changes.get(m.atena_bango) or "").strip()
        ]
        if missing:
            raise ProcedureRefused(
                "世帯主が替わるため、残る方全員の新しい世帯主との続柄を入力してください"
                f"（{'、'.join(m.full_name for m in missing)}）。",
                field=zokugara_field(missing[0].atena_bango),
            )
    elif wanted and (former is None or wanted != former.atena_bango):
        raise ProcedureRefused(
            "世帯主はこの届出で世帯を離れないため、新しい世帯主は選べません"
            "（世帯主変更は世帯変更届で）。",
            field=nushi_field,
        )
    new_zokugara: dict[str, str] = {}
    for atena, text in changes.items():
        text = (text or "").strip()
        if not text:
            continue
        member = by_atena.get(atena)
        if member is None:
            raise ProcedureRefused(
                f"宛名番号 {atena} は世帯に残る方ではありません（続柄）。",
                field=zokugara_field(atena),
            )
        try:
            z = zokugara.parse_zokugara(text)
        except ValueError as exc:
            raise ProcedureRefused(
                f"{member.full_name}さん: {exc}", field=zokugara_field(atena)
            ) from exc
        if not head_changes:
            if z == member.zokugara:
                continue
            raise ProcedureRefused(
                "残る方の続柄は、世帯主が替わるときだけ入力します（続柄だけの変更は世帯変更届で）。",
                field=zokugara_field(atena),
            )
        if z == SETAINUSHI and member is not new_head:
            raise ProcedureRefused(
                "1つの世帯に世帯主は1人だけです。「世帯主」の続柄は新しい世帯主だけに付けられます。",
                field=zokugara_field(atena),
            )
        new_zokugara[atena] = z
    if head_changes and new_head is not None:
        new_zokugara[new_head.atena_bango] = SETAINUSHI
    return HeadAfterLeaving(
        former=former,
        new_head=new_head if staying else None,
        changes=head_changes,
        shokken=head_changes and len(staying) == 1,
        zokugara=new_zokugara,
    )


class ProcedureOutbox:
    """The outbox messages one approval writes, together, with `enqueue_many`.

    Keys are 'ido-<procedure>-<destination>-<type>[-<part>…]' (a person's 宛名番号 or
    index when the procedure sends the same type once per person).
    """

    def __init__(self, procedure: Procedure) -> None:
        self.procedure = procedure
        self.messages: list[outbox.OutgoingMessage] = []

    def send(self, dest: str, mtype: str, payload: dict[str, Any], *key: object) -> None:
        self.messages.append(
            outbox.OutgoingMessage(
                destination=dest,
                message_type=mtype,
                payload=payload,
                idempotency_key=outbox_key(self.procedure.pk, dest, mtype, *(k for k in key if k)),
                source_type="procedure",
                source_id=self.procedure.pk,
            )
        )

    def write(self) -> list[int]:
        return [row.pk for row in outbox.enqueue_many(self.messages)]


class SearchRedisplayMixin:
    """For entry forms with a 「…を表示」 button (name="search"): pressing it only shows
    what it found (the household, its members' fields); it neither saves nor shows errors
    for the fields the clerk has not reached yet."""

    def __init__(self, data: Any = None, *args: Any, **kwargs: Any) -> None:
        self.searching = bool(data is not None and data.get("search"))
        super().__init__(data, *args, **kwargs)  # type: ignore[call-arg]

    def full_clean(self) -> None:
        if self.searching:
            self._errors = ErrorDict()
            self.cleaned_data: dict[str, Any] = {}
            return
        super().full_clean()  # type: ignore[misc]

    def is_valid(self) -> bool:
        return not self.searching and super().is_valid()  # type: ignore[misc]
