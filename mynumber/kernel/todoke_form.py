"""One entry form for the 届出 kinds: fields in the order of the paper, named as the
typed entry's fields (counter.kind_form: the plan's problems next to their fields, the form
keeps what was typed)."""

from __future__ import annotations

from counter.kind_form import TypedEntryForm


class TodokeForm(TypedEntryForm):
    """The 届出 papers' form."""
