"""住所確認: the small kind docs/adding-a-procedure.md builds, step by step.

The window confirms that a resident lives at their registered address (asked, say, by
another office); at 承認 the confirmation is recorded as a 実態調査 with the result
「居住の事実あり」. A package like every kind's on the kernel:

- ``entry.py``: the typed, versioned entry (``kernel.Entry``);
- ``plan.py``: ``plan(entry, *, lock)`` collecting every problem (``kernel.make_plan``);
- ``form.py``: the entry form, one field (the 宛名番号);
- ``kind.py``: the kind (``kernel.PlannedKind``): subjects, review, apply;
- ``example.py``: its example for the contract tests (``juki.demo.examples.register``).

It lives in the tests, so it is registered by ``register()`` from tests/contract's
conftest; a kind of an app is registered from the app's ``AppConfig.ready()``.
"""

from __future__ import annotations

from counter.procedure_kinds import register_kind
from juki.demo import examples

from .example import example
from .kind import JushoKakuninKind


def register() -> None:
    register_kind(JushoKakuninKind())
    examples.register(JushoKakuninKind.code, example)
