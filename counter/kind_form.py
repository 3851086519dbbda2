"""The entry form of a kind whose paper is one flat list of fields (seal's, the card's).

A kind's form lists its fields in the order of its paper, named as its typed entry's
fields; ``TypedEntryForm`` shows an entry, builds the typed entry from what was posted,
runs the kind's plan and puts each problem next to its field (``plan_in_form``), so the
form keeps what was typed. After ``is_valid()``, ``entry`` is the entry's JSON.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any, ClassVar

from django import forms

from .kind_entry import Entry
from .kind_plan import plan_in_form


class TypedEntryForm(forms.Form):
    """``Form(data, entry=…)``: ``entry_class`` is the kind's typed entry, ``planner`` its plan."""

    entry_class: ClassVar[type[Entry]]
    planner: ClassVar[Callable[..., Any]]

    def __init__(self, data: Any = None, *, entry: dict[str, Any] | None = None) -> None:
        initial: dict[str, Any] = {}
        if entry:
            typed = self.entry_class.from_json(entry)
            initial = {
                f.name: getattr(typed, f.name)
                for f in dataclasses.fields(typed)
                if f.name in self.base_fields
            }
        super().__init__(data, initial=initial)
        self.entry: dict[str, Any] | None = None

    def entry_values(self, cleaned: dict[str, Any]) -> dict[str, Any]:
        """The posted values the entry holds, texts stripped."""
        names = {f.name for f in dataclasses.fields(self.entry_class)}
        return {
            name: value.strip() if isinstance(value, str) else value
            for name, value in cleaned.items()
            if name in names
        }

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if self.errors:
            return cleaned
        typed = self.entry_class(**self.entry_values(cleaned))
        if not plan_in_form(self, type(self).planner, typed):
            return cleaned
        self.entry = typed.to_json()
        return cleaned
