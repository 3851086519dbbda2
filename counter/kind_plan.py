"""One plan per entry: every problem at once, and at most one plan per request.

A kind's ``plan(entry, *, lock)`` reads the register and decides what 承認 would do. It
collects every problem it can find into ``Problems`` instead of stopping at the first,
so the clerk sees all of them next to their fields in one round; a problem that makes
the rest meaningless (the persons cannot be found) ends the collection with
``problems.stop()``. When anything was found it raises ``PlanRefused``, a
``ProcedureRefused`` carrying every ``Problem``.

The entry form, ``do_enter`` (flags, subjects), the 審査 view and the PDF of the
確認用住民票 all need the same plan in one request: ``planned()`` keeps it in a memo
that ``PlanMemoMiddleware`` opens per request (outside a request nothing is kept). A
locked plan (inside 承認) is made fresh and serves later unlocked reads too.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any, NoReturn, TypeVar

from django.http import HttpRequest, HttpResponse

from .kind_entry import Entry
from .services import ProcedureRefused

P = TypeVar("P")


@dataclass(frozen=True)
class Problem:
    """One thing that blocks the entry: where (a form field, or None) and why."""

    field: str | None
    message: str


class PlanRefused(ProcedureRefused):
    """The entry cannot be approved as it is; ``problems`` lists every reason found."""

    def __init__(self, problems: list[Problem]) -> None:
        first = problems[0]
        message = first.message if len(problems) == 1 else "\n".join(p.message for p in problems)
        super().__init__(message, field=first.field)
        self.problems = problems


class _Stop(Exception):
    pass


class Problems:
    """The problems of one plan, collected in the order they were found."""

    def __init__(self) -> None:
        self.items: list[Problem] = []

    def add(self, message: str, *, field: str | None = None) -> None:
        self.items.append(Problem(field, message))

    def require(self, ok: object, message: str, *, field: str | None = None) -> bool:
        """Add the problem unless ``ok``; returns whether it was ok."""
        if not ok:
            self.add(message, field=field)
        return bool(ok)

    def absorb(self, exc: ProcedureRefused) -> None:
        """A refusal raised by a shared rule becomes one (or its several) problem(s)."""
        if isinstance(exc, PlanRefused):
            self.items.extend(exc.problems)
        else:
            self.add(exc.message, field=exc.field)

    @contextmanager
    def collecting(self) -> Iterator[None]:
        """Run a rule that raises ProcedureRefused; keep its refusal and go on."""
        try:
            yield
        except ProcedureRefused as exc:
            self.absorb(exc)

    def stop(self, message: str | None = None, *, field: str | None = None) -> NoReturn:
        """Nothing more can be checked: raise what was found (and this, if given)."""
        if message:
            self.add(message, field=field)
        self.raise_if_any()
        raise _Stop  # pragma: no cover  (stop() is only called with a problem)

    def raise_if_any(self) -> None:
        if self.items:
            raise PlanRefused(list(self.items))

    def __bool__(self) -> bool:
        return bool(self.items)


def make_plan(build: Callable[[Problems], P]) -> P:
    """Run ``build(problems)``; refuse with every problem it found, else return its plan."""
    problems = Problems()
    try:
        plan = build(problems)
    except _Stop:  # pragma: no cover
        problems.raise_if_any()
        raise
    problems.raise_if_any()
    return plan


def plan_in_form(form: Any, planner: Callable[[Any], Any], typed: Any) -> bool:
    """Run a kind's ``planner`` on the entry a form typed; each refusal goes next to its
    field (or on the form when the field is not on it), so the form keeps what was typed.
    True when the plan passed. The entry forms of seal's and mynumber's kinds share it."""
    try:
        planner(typed)
    except PlanRefused as refused:
        for problem in refused.problems:
            form.add_error(problem.field if problem.field in form.fields else None, problem.message)
        return False
    return True


def refuse(message: str, *, field: str | None = None) -> NoReturn:
    raise PlanRefused([Problem(field, message)])


# --------------------------------------------------------------------- memo per request

_MEMO: ContextVar[dict[str, Any] | None] = ContextVar("plan_memo", default=None)


@contextmanager
def plan_memo() -> Iterator[dict[str, Any]]:
    """A memo for the plans of one request (or one test, or one command)."""
    memo: dict[str, Any] = {}
    token = _MEMO.set(memo)
    try:
        yield memo
    finally:
        _MEMO.reset(token)


def _key(code: str, entry_json: dict[str, Any], lock: bool) -> str:
    return f"{code}|{int(lock)}|{json.dumps(entry_json, sort_keys=True, default=str)}"


def planned(
    code: str,
    entry: Entry,
    build: Callable[[], P],
    *,
    lock: bool = False,
) -> P:
    """The plan of ``entry`` for kind ``code``: made once per request.

    A refusal is remembered too (the same entry is refused the same way). A locked plan
    is always made afresh (it takes the row locks) and then serves unlocked reads.
    Outside a request (no memo) the entry is not even written out as the memo's key.
    """
    memo = _MEMO.get()
    if memo is None:
        return build()
    entry_json = entry.to_json()
    unlocked, locked = _key(code, entry_json, False), _key(code, entry_json, True)
    if not lock:
        for key in (locked, unlocked):
            if key in memo:
                kept = memo[key]
                if isinstance(kept, ProcedureRefused):
                    raise kept
                return kept
    try:
        plan = build()
    except ProcedureRefused as exc:
        memo[locked if lock else unlocked] = exc
        raise
    memo[locked if lock else unlocked] = plan
    return plan


def forget_plans() -> None:
    """After the register changed in this request (承認), plans made before are stale."""
    memo = _MEMO.get()
    if memo is not None:
        memo.clear()


class PlanMemoMiddleware:
    """Opens one plan memo per request (settings.MIDDLEWARE)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        with plan_memo():
            return self.get_response(request)
