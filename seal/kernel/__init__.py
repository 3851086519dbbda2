"""The kernel of the seal kinds: what the 印鑑登録 kinds share (rules, forms, the plan of
an application, the kind base). Kinds import ``from seal import kernel``; the kernel never
imports a kind (import-linter checks it)."""

from counter.kind_plan import PlanRefused, Problems, make_plan

from . import rules
from .application import ApplicationPlan, check_application, find_inei
from .entry import ApplicationEntry
from .forms import (
    ApplicationFields,
    SealForm,
    atena_bango_field,
    date_field,
    id_document_field,
    raichousha_field,
)
from .kind import INKAN, SealKind, actor, person_rows, result
from .rules import CHECKLIST, Raichousha
from .scan import ScanError, parse_mm, read_scan

__all__ = [
    "CHECKLIST",
    "INKAN",
    "ApplicationEntry",
    "ApplicationFields",
    "ApplicationPlan",
    "PlanRefused",
    "Problems",
    "Raichousha",
    "ScanError",
    "SealForm",
    "SealKind",
    "actor",
    "atena_bango_field",
    "check_application",
    "date_field",
    "find_inei",
    "id_document_field",
    "make_plan",
    "parse_mm",
    "person_rows",
    "raichousha_field",
    "read_scan",
    "result",
    "rules",
]
