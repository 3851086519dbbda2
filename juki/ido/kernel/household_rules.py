"""Households as the 転居 and 世帯変更 plans read them: by 世帯番号, their live 世帯主,
one address per household, and a 続柄 entered for a person."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from counter.kind_plan import Problems
from jputil import numbers, zokugara

from ...models import Jumin, Setai
from ...services import live_members
from .register import first_setai_bango


def find_household(bango: str, *, lock: bool = False) -> tuple[Setai | None, list[Jumin]]:
    """The household of a 世帯番号 (its 世帯主 read along) and its live members.

    ``lock`` holds the household's row and its members' rows until commit (承認).
    """
    bango = numbers.normalize_digits(bango)
    setai = (
        Setai.objects.select_related("setai_nushi").filter(setai_bango=bango).first()
        if bango
        else None
    )
    if setai is None:
        return None, []
    return household_of(setai, lock=lock)


def household_of(setai: Setai, *, lock: bool = False) -> tuple[Setai, list[Jumin]]:
    """A household and its live members; ``lock`` holds its row and theirs until commit.

    The 世帯主 read with ``setai`` is kept on the locked row when it is still the same.
    """
    if lock:
        locked = Setai.objects.select_for_update().get(pk=setai.pk)
        if locked.setai_nushi_id == setai.setai_nushi_id:
            locked.setai_nushi = setai.setai_nushi
        setai = locked
    return setai, live_members(setai, lock=lock)


def setai_bango_of(atena_bango: str) -> str:
    """The 世帯番号 of a person's household ("" for an unknown 宛名番号)."""
    return first_setai_bango([atena_bango])


def live_head(setai: Setai, members: Sequence[Jumin]) -> Jumin | None:
    """The household's 世帯主 when it is one of its live members (j100 allows none)."""
    head_id = setai.setai_nushi_id
    if head_id is None:
        return None
    return next((m for m in members if m.pk == head_id), None)


def same_address(a: Jumin, b: Jumin) -> bool:
    """One address (町字, 番地, 方書): a household lives at one (j630)."""
    return (a.chouaza_id, a.banchi, a.katagaki) == (b.chouaza_id, b.banchi, b.katagaki)


def entered_zokugara(problems: Problems, text: str, who: Jumin, field: str) -> str | None:
    """The canonical 続柄, or None with the j110 message naming the person."""
    try:
        return zokugara.parse_zokugara(text)
    except ValueError as exc:
        problems.add(f"{who.full_name}さん: {exc}", field=field)
        return None


def zokugara_field(atena_bango: str) -> str:
    """Where a person's 続柄 problem belongs (the forms show it as ``zokugara_<宛名番号>``)."""
    return f"zokugara.{atena_bango}"


def entered_map(value: Mapping[str, Any] | None) -> dict[str, str]:
    """What was typed per person, stripped, blanks dropped."""
    return {str(k): str(v).strip() for k, v in (value or {}).items() if str(v).strip()}
