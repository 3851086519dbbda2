"""A refused plan shown on its entry form: each problem next to its field."""

from __future__ import annotations

from collections.abc import Mapping

from django import forms

from counter.services import ProcedureRefused

from .plan import Problem


def show_problems(
    form: forms.BaseForm,
    refusal: ProcedureRefused,
    *,
    aliases: Mapping[str, str] | None = None,
) -> None:
    """Put every problem of ``refusal`` on the form field it names (``aliases`` maps a
    plan's field name to the form's, e.g. atena_bangos → leavers); a problem of no
    field of this form goes to the top of the form. A field that already shows an
    error of its own (the form's clean ran first) is not told twice. What was typed
    stays."""
    problems = getattr(refusal, "problems", None) or [Problem(refusal.field, refusal.message)]
    for problem in problems:
        name = (aliases or {}).get(problem.field or "", problem.field)
        if name in form.fields:
            if name not in form.errors:
                form.add_error(name, problem.message)
        elif problem.message not in form.non_field_errors():
            form.add_error(None, problem.message)
