"""The kernel of the 個人番号カード kinds: what they share (rules, the kind base). Kinds
import ``from mynumber import kernel``; the kernel never imports a kind (import-linter
checks it). The card's writes are mynumber.services; its dates mynumber.validity."""

from counter.kind_plan import PlanRefused, Problems, make_plan

from . import rules
from .kind import MYNUMBER, MynumberKind, actor, card_rows, person_rows, result
from .rules import RaichoushaChoice

__all__ = [
    "MYNUMBER",
    "MynumberKind",
    "PlanRefused",
    "Problems",
    "RaichoushaChoice",
    "actor",
    "card_rows",
    "make_plan",
    "person_rows",
    "result",
    "rules",
]
