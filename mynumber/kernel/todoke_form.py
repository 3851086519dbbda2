"""One entry form for the 届出 kinds: fields in the order of the paper, named as the
typed entry's fields; ``clean()`` builds the entry, runs the kind's plan and puts each
problem next to its field (the form keeps what was typed)."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any, ClassVar

from django import forms

from counter.kind_entry import Entry
from counter.kind_plan import plan_in_form


class TodokeForm(forms.Form):
    """``Form(data, entry=…)``; after ``is_valid()``, ``entry`` is the entry's JSON."""

    entry_class: ClassVar[type[Entry]]
    planner: ClassVar[Callable[..., Any]]

    def __init__(self, data: Any = None, *, entry: dict[str, Any] | None = None) -> None:
        shown = self.entry_class.from_json(entry).to_json(nested=True) if entry else {}
        super().__init__(data, initial={k: v for k, v in shown.items() if k in self.base_fields})
        self.entry: dict[str, Any] | None = None

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if self.errors:
            return cleaned
        names = {f.name for f in dataclasses.fields(self.entry_class)}
        typed = self.entry_class(
            **{
                k: (v.strip() if isinstance(v, str) else v)
                for k, v in cleaned.items()
                if k in names
            }
        )
        if not plan_in_form(self, type(self).planner, typed):
            return cleaned
        self.entry = typed.to_json()
        return cleaned
