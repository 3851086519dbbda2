"""The kernel of the 個人番号カード kinds: what they share (rules, the kind base). Kinds
import ``from mynumber import kernel``; the kernel never imports a kind (import-linter
checks it). The card's writes are mynumber.services; its dates mynumber.validity."""

from counter.kind_plan import PlanRefused, Problems, make_plan

from . import rules
from .forms import (
    CardForm,
    atena_bango_field,
    date_field,
    id_document_field,
    raichousha_field,
    shoukaisho_field,
)
from .kind import MYNUMBER, MynumberKind, actor, card_rows, person_rows, result
from .rules import RaichoushaChoice

__all__ = [
    "MYNUMBER",
    "CardForm",
    "MynumberKind",
    "PlanRefused",
    "Problems",
    "RaichoushaChoice",
    "actor",
    "atena_bango_field",
    "card_rows",
    "date_field",
    "id_document_field",
    "make_plan",
    "person_rows",
    "raichousha_field",
    "result",
    "rules",
    "shoukaisho_field",
]
