"""The base of the window's 届出 kinds (ADR 0037): the kernel's MynumberKind with the
entry page that renders every field, and the 審査 block of what 承認 will change."""

from __future__ import annotations

from typing import ClassVar, TypeVar

from counter.kind_entry import Entry
from counter.procedure_kinds import ReviewBlock, ReviewRow

from .kind import MynumberKind

E = TypeVar("E", bound=Entry)
P = TypeVar("P")


class TodokeKind(MynumberKind[E, P]):
    template: ClassVar[str] = "counter/procedure_entry_base.html"


def after_block(title: str, rows: list[tuple[str, str, str]]) -> ReviewBlock:
    """A block of (label, before, after) rows."""
    return ReviewBlock(title, [ReviewRow(label, before, after) for label, before, after in rows])
