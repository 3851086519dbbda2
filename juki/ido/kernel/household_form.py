"""Entry forms on a household searched by a member's 宛名番号 (転居, 世帯変更): its
members as choices and 続柄 fields, and a refused plan's problems on their fields."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any, Protocol

from django import forms

from counter.services import ProcedureRefused

from ...models import Jumin, JuminStatus
from ...services import live_members
from .form_problems import show_problems
from .register import ordered, typed_atena_bango


class HouseholdSearchMixin:
    """The household found by one member's 宛名番号, its members' choices and 続柄
    fields; the form is valid only once its plan accepted the entry (``self.entry``)."""

    fields: dict[str, forms.Field]
    household: list[Jumin]
    entry: dict[str, Any]

    def is_valid(self) -> bool:
        return super().is_valid() and bool(self.entry)  # type: ignore[misc]

    def ready_to_plan(self) -> bool:
        """Whether clean() can build the entry: a household found, no field in error."""
        if not self.household:
            self.add_error("atena_bango", "住民である方の宛名番号で世帯を検索してください。")  # type: ignore[attr-defined]
            return False
        return not self.errors  # type: ignore[attr-defined]

    def typed_zokugara(self, cleaned: dict[str, Any], members: Sequence[Jumin]) -> dict[str, str]:
        """The 続柄 typed for ``members``, by 宛名番号 (blank ones left out)."""
        typed = {m.atena_bango: cleaned.get(f"zokugara_{m.atena_bango}") or "" for m in members}
        return {atena: z.strip() for atena, z in typed.items() if z.strip()}

    def accept(
        self,
        entry: dict[str, Any],
        plan: Callable[[], object],
        aliases: Mapping[str, str] | None = None,
    ) -> None:
        """Keep ``entry`` if its plan accepts it; else every problem on its field."""
        try:
            plan()
        except ProcedureRefused as exc:
            show_problems(self, exc, aliases=aliases)  # type: ignore[arg-type]
            return
        self.entry = entry

    def add_zokugara_field(self, m: Jumin, *, label: str, help_text: str) -> None:
        """A person's 続柄 (``zokugara_<宛名番号>``), as typed (the plan checks it)."""
        self.fields[f"zokugara_{m.atena_bango}"] = forms.CharField(
            label=label, help_text=help_text, max_length=40, required=False
        )

    def offer_household(
        self,
        choice_fields: Sequence[str],
        *,
        label: Callable[[Jumin], str],
        help_text: Callable[[Jumin], str],
    ) -> None:
        """The found household's members as the choices of ``choice_fields`` (see
        ``set_member_choices``) and a 続柄 field each; no entry yet."""
        self.entry = {}
        self.set_member_choices(*choice_fields)
        for m in self.household:
            self.add_zokugara_field(m, label=label(m), help_text=help_text(m))

    @staticmethod
    def find_household(searched: Any) -> list[Jumin]:
        """The live members of a live person's household, in printing order ([]: none)."""
        atena = typed_atena_bango(searched)
        if not atena:
            return []
        person = Jumin.objects.select_related("setai").of_atena(atena).first()
        if person is None or person.status != JuminStatus.LIVE:
            return []
        return ordered(live_members(person.setai))

    def set_choices(self, name: str, choices: list[tuple[str, str]], *, blank: bool) -> None:
        f = self.fields[name]
        assert isinstance(f, forms.ChoiceField)
        f.choices = [("", "―"), *choices] if blank else choices

    def set_member_choices(self, *names: str) -> None:
        """The household's members offered by the choice fields ``names`` (the first:
        a multiple choice without blank; the others with a blank)."""
        choices = member_choices(self.household)
        first, *rest = names
        self.set_choices(first, choices, blank=False)
        for name in rest:
            self.set_choices(name, choices, blank=True)


class HouseholdEntry(Protocol):
    """An entry on a household: the persons moving and the 続柄 typed for each."""

    @property
    def atena_bangos(self) -> tuple[str, ...]: ...
    @property
    def zokugara(self) -> dict[str, str]: ...
    @property
    def staying_zokugara(self) -> dict[str, str]: ...


def household_initial(entry: HouseholdEntry, names: Sequence[str], **extra: Any) -> dict[str, Any]:
    """A saved entry redisplayed: the items ``names`` as they are, the persons moving
    ticked (``movers``) and each 続柄 in its ``zokugara_<宛名番号>`` field."""
    initial: dict[str, Any] = {name: getattr(entry, name) for name in names}
    initial["movers"] = list(entry.atena_bangos)
    for zokugara in (entry.zokugara, entry.staying_zokugara):
        for atena, z in zokugara.items():
            initial[f"zokugara_{atena}"] = z
    initial.update(extra)
    return initial


def split_zokugara(
    typed: Mapping[str, str], movers: Sequence[str]
) -> tuple[dict[str, str], dict[str, str]]:
    """The 続柄 typed for the movers, and for those who stay (kept even when unchanged:
    with a new 世帯主 it is the relation to them)."""
    moving = {a: z for a, z in typed.items() if a in movers}
    staying = {a: z for a, z in typed.items() if a not in movers}
    return moving, staying


def member_choices(members: Sequence[Jumin]) -> list[tuple[str, str]]:
    return [(m.atena_bango, f"{m.full_name}（{m.zokugara}）") for m in members]
