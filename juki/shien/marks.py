"""The 支援措置 mark on every screen that shows a person's address (j160, j380, j410).

One batched query per screen: ``protected_atena_bangos(numbers)`` says which of the
persons shown are protected and how (仮支援措置 or 支援措置). The template tags of
juki.templatetags.shien draw the mark in red with its word and leave the address out
for a role that may not see it (UI.md: a 受注者 sees no address of a protected person).
Later screens (certificates) call the same two things.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.db.models import QuerySet

from counter.registry import SubjectMark
from counter.roles import Role, roles_of

from .models import ACTIVE_STATES, ShienTaishousha, SochiState

KARI_MARK = "仮支援措置"
MARK = "支援措置"

#: the roles that see a protected person's address (city staff, who decide and answer
#: for what is shown); the 受注者 at the window sees the mark instead
ADDRESS_ROLES = frozenset({Role.CLERK, Role.SUPERVISOR})


def protected_atena_bangos(atena_bangos: Iterable[str]) -> dict[str, str]:
    """宛名番号 → 「支援措置」 or 「仮支援措置」 for the protected among them (one query;
    none for an empty list). A confirmed measure wins over a 仮 one of the same person."""
    wanted = {a for a in atena_bangos if a}
    if not wanted:
        return {}
    found: dict[str, str] = {}
    rows = ShienTaishousha.objects.filter(
        atena_bango__in=wanted, sochi__state__in=ACTIVE_STATES
    ).values_list("atena_bango", "sochi__state")
    for atena_bango, state in rows:
        mark = KARI_MARK if state == SochiState.KARI else MARK
        if found.get(atena_bango) != MARK:
            found[atena_bango] = mark
    return found


def protected_atena_bangos_query() -> QuerySet[ShienTaishousha, str]:
    """The 宛名番号 of every protected person as a subquery (for a list of a whole 町字:
    閲覧, where an IN list of thousands would be one query per page of persons). Every
    active measure counts whatever its 対象事務 (DOMAIN.md: a protected person is never
    in a 閲覧 list; 事務処理要領 第6の10)."""
    return ShienTaishousha.objects.filter(sochi__state__in=ACTIVE_STATES).values_list(
        "atena_bango", flat=True
    )


def may_see_protected_address(user: Any) -> bool:
    """Whether the user sees the address of a protected person (with its mark)."""
    return bool(roles_of(user) & ADDRESS_ROLES)


HIDDEN_ADDRESS = "（支援措置のため表示しません）"


#: the rows of the 照合・審査 blocks (labels, and entry keys shown as stored) that carry
#: an address: masked for a user who may not see a protected person's address
ADDRESS_ROWS = (
    "住所",
    "新しい住所",
    "従前の住所",
    "転出先",
    "町字",
    "番地",
    "方書",
    "chouaza",
    "banchi",
    "katagaki",
    "zenjusho",
    "tenshutsusaki",
)
JUMIN_PREFIX = "jumin:"


def subject_marks(keys: Sequence[str], user: Any) -> dict[str, SubjectMark]:
    """juki's marks on a procedure's persons (counter.registry ``subject_marks`` facet):
    the 照合・審査 screens show 「支援措置」 and mask the address rows for the 受注者."""
    numbers = {k.removeprefix(JUMIN_PREFIX): k for k in keys if k.startswith(JUMIN_PREFIX)}
    if not numbers:
        return {}
    hidden = () if may_see_protected_address(user) else ADDRESS_ROWS
    return {
        numbers[number]: SubjectMark(label, hidden)
        for number, label in protected_atena_bangos(numbers).items()
    }
