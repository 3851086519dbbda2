"""Reading the register for the 異動 kinds: persons by number, matches, order, labels."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.db.models import Exists, OuterRef, Q

from counter.form_rendering import unreadable_character
from counter.kind_plan import Problems
from counter.procedure_models import APPROVED_STATES, Procedure
from counter.services import ProcedureRefused

from ... import kisai_jun
from ...models import CURRENT_FIRST, Jumin, JuminStatus
from .dates import from_iso, iso


def typed_atena_bango(value: Any) -> str:
    """A 宛名番号 as typed into a form, as a look-up key: stripped, or "" when it holds a
    character no 宛名番号 has (a control character; PostgreSQL refuses a NUL in a query).
    Entry forms look the person up before they validate: the item's own check then says
    what is wrong with it, next to the item."""
    text = str(value or "").strip()
    return "" if unreadable_character(text) is not None else text


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
        # each 宛名番号's current record first: a live one before its 除票 (ADR 0021)
        .order_by("atena_bango", *CURRENT_FIRST)
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
        # the 除票 a 区間転入 leaves belongs to a live person: not a possible 再転入
        .exclude(Exists(Jumin.objects.filter(atena_bango=OuterRef("atena_bango"), status="live")))
        .only("atena_bango", "status", "shi", "mei", "seinengappi", "seibetsu", "shojo_date")
        .order_by("atena_bango")
    )


def is_live(jumin: Jumin) -> bool:
    return jumin.status == JuminStatus.LIVE


def ordered(members: Sequence[Jumin]) -> list[Jumin]:
    """A household's members in its order (j1010: ``juki.kisai_jun``), read from the
    loaded 世帯 of the members for a hand-set order."""
    return kisai_jun.ordered(members)


def has_honseki(jumin: Jumin) -> bool:
    """本籍 recorded as a place (j120 allows 「なし」「不明」, which have no 本籍地)."""
    return bool(jumin.honseki) and jumin.honseki.strip() not in ("なし", "不明")


def is_approved(procedure: Procedure) -> bool:
    return procedure.state in APPROVED_STATES and bool(procedure.result)


def persons_by_atena(atena_bangos: Sequence[str], *, lock: bool = False) -> list[Jumin]:
    """The persons by 宛名番号, in the order given; refuses unknown numbers."""
    qs = Jumin.objects.select_related("chouaza", "setai", "setai__setai_nushi")
    if lock:
        qs = qs.select_for_update(of=("self",))
    found: dict[str, Jumin] = {}
    for j in qs.filter(atena_bango__in=list(atena_bangos)).order_by(*CURRENT_FIRST):
        found.setdefault(j.atena_bango, j)  # the current record of each (ADR 0021)
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


def first_setai_bango(atena_bangos: Sequence[str]) -> str:
    """The 世帯番号 of the first of these persons found ("" for none): one query."""
    return (
        Jumin.objects.filter(atena_bango__in=list(atena_bangos))
        .order_by(*CURRENT_FIRST)
        .values_list("setai__setai_bango", flat=True)
        .first()
        or ""
    )


def persons_or_stop(
    problems: Problems, atena_bangos: Sequence[str], *, lock: bool = False, none: str
) -> list[Jumin]:
    """The persons named (see persons_by_atena); with none named (the message ``none``) or
    one not found, the plan stops: nothing else can be checked without them."""
    if not atena_bangos:
        problems.stop(none, field="atena_bangos")
    persons: list[Jumin] = []
    with problems.collecting():
        persons = persons_by_atena(atena_bangos, lock=lock)
    if not persons:
        problems.stop()
    return persons
