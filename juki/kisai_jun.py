"""世帯員の記載順 (j1010): the one order every list of a household uses, and the order a
職員 sets by hand, which is kept (``Setai.kisai_jun``; ADR 0020).

The rule itself is :mod:`jputil.kisai_jun`; this module gives it the household's
hand-set order and writes that order (``do_set_kisai_jun``).
"""

from __future__ import annotations

from collections.abc import Sequence

from django import forms
from django.db import transaction

from counter import audit
from counter.models import AuditAction, StaffUser
from counter.services import ProcedureRefused
from jputil.kisai_jun import kisai_jun

from .models import Jumin, Setai
from .services import live_members


def hand_order(members: Sequence[Jumin], setai: Setai | None = None) -> list[str]:
    """The hand-set order of ``setai``, or of the household the members' loaded 世帯 is
    (no query: a member whose 世帯 is not loaded is not asked)."""
    if setai is None:
        setai = next((m.setai for m in members if Jumin.setai.is_cached(m)), None)
    return list(setai.kisai_jun or []) if setai is not None else []


def ordered(members: Sequence[Jumin], setai: Setai | None = None) -> list[Jumin]:
    """The members in the household's order: hand-set where set, else the standard's."""
    return kisai_jun(members, hand_order(members, setai))


@transaction.atomic
def do_set_kisai_jun(setai: Setai, order: Sequence[str], *, acting_user: StaffUser) -> None:
    """Keep the order a 職員 set (宛名番号 of every live member, once each); an empty
    ``order`` goes back to the standard's. The 操作ログ records it."""
    members = live_members(Setai.objects.select_for_update().get(pk=setai.pk))
    order = list(order)
    if order and sorted(order) != sorted(m.atena_bango for m in members):
        raise ProcedureRefused(
            "記載順には世帯の全員を1回ずつ並べてください（住民記録システム標準仕様書 j1010）。"
        )
    setai.kisai_jun = order
    setai.save(update_fields=["kisai_jun"])
    audit.record(
        AuditAction.CHANGE,
        user=acting_user,
        target=audit.AuditTarget("setai", setai.setai_bango, ""),
        detail={"kisai_jun": order or "標準"},
    )


class KisaiJunForm(forms.Form):
    """One position (1, 2, 3 …) per member; the positions are the new order."""

    def __init__(self, members: Sequence[Jumin], data: object = None) -> None:
        super().__init__(data)  # type: ignore[arg-type]
        self.members = list(members)
        for i, m in enumerate(self.members, start=1):
            self.fields[self.name_of(m)] = forms.IntegerField(
                label=f"{m.full_name}（{m.zokugara}）",
                min_value=1,
                max_value=len(self.members),
                initial=i,
                error_messages={
                    "required": "順番を入力してください。",
                    "invalid": "順番は数字で入力してください。",
                    "min_value": "順番は1以上です。",
                    "max_value": f"順番は{len(self.members)}以下です。",
                },
            )

    @staticmethod
    def name_of(m: Jumin) -> str:
        return f"jun_{m.atena_bango}"

    def clean(self) -> dict[str, object]:
        cleaned = super().clean() or {}
        seen: dict[int, Jumin] = {}
        for m in self.members:
            position = cleaned.get(self.name_of(m))
            if not isinstance(position, int):
                continue
            if position in seen:
                self.add_error(
                    self.name_of(m),
                    f"{position}番は{seen[position].full_name}さんと重なっています"
                    "（1人に1つの番号：j1010）。",
                )
            seen[position] = m
        return cleaned

    def order(self) -> list[str]:
        positions = {m.atena_bango: self.cleaned_data[self.name_of(m)] for m in self.members}
        return sorted(positions, key=lambda atena: positions[atena])
