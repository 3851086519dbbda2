"""Reads of personal data, written to the 操作ログ by construction.

A screen does not log its reads itself, so a new screen cannot forget to. While a
request runs, `ReadLogMiddleware` holds a `ReadNote`; every row of personal data
loaded from the database during the request notes itself there (`PersonalRow.from_db`:
a 住民, a procedure's entry, a message's payload), and the screen may add what only it
knows (`declare`: a search's conditions, a print's form; `kojin_bango_shown`,
`item_shown`). When the response shows something (a 2xx with a body), the middleware
writes ONE row for the request: who, from which terminal and path, what act, whom
(every subject noted), and whether a 個人番号 or an item the member of staff may hide
was shown. A redirect or a refusal shows nothing and writes no read row (a refusal has
its own row).

Loads outside a request (Celery, commands) are not reads by a member of staff and note
nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar, Self

if TYPE_CHECKING:
    from django.http import HttpRequest, HttpResponse

    from .audit import AuditTarget
    from .models import AuditAction

# counter.models mixes PersonalRow in, so this module imports no model at load time.

#: how many subjects one row names (a search page lists at most a page of them)
MAX_SUBJECTS = 200


@dataclass
class ReadNote:
    """What one request has read so far."""

    subjects: dict[tuple[str, str], str] = field(default_factory=dict)
    action: AuditAction | None = None
    target: AuditTarget | None = None
    detail: dict[str, Any] = field(default_factory=dict)
    kojin_bango: bool = False
    shown: set[str] = field(default_factory=set)

    def row(self) -> tuple[str, AuditTarget | None, dict[str, Any]] | None:
        """The 操作ログ row this note makes (action, target, detail), None when nothing."""
        from .audit import AuditTarget
        from .models import AuditAction

        if self.action is None and not self.subjects:
            return None
        whom = [f"{kind}:{key}" for kind, key in self.subjects]
        target = self.target
        if target is None and self.subjects:
            (kind, key), label = next(iter(self.subjects.items()))
            target = AuditTarget(kind, key, label)
        detail = dict(self.detail)
        if whom:
            detail["whom"] = whom[:MAX_SUBJECTS]
            detail["count"] = len(whom)
        if self.shown:
            detail["shown"] = sorted(self.shown)
        return self.action or AuditAction.VIEW_RESIDENT, target, detail


_NOTE: ContextVar[ReadNote | None] = ContextVar("read_note", default=None)


@contextmanager
def reading() -> Iterator[ReadNote]:
    """Collect the reads of one request (or of one test)."""
    note = ReadNote()
    token = _NOTE.set(note)
    try:
        yield note
    finally:
        _NOTE.reset(token)


def current() -> ReadNote | None:
    return _NOTE.get()


def noticed(kind: str, key: str, label: str = "") -> None:
    """A row of personal data was loaded for the screen (a no-op outside a request)."""
    note = _NOTE.get()
    if note is not None and key:
        note.subjects.setdefault((kind, key), label)


def declare(action: AuditAction, /, *, target: AuditTarget | None = None, **detail: Any) -> None:
    """What the screen's act is (SEARCH with its conditions, PRINT with its form …)."""
    note = _NOTE.get()
    if note is None:
        return
    note.action = action
    if target is not None:
        note.target = target
    note.detail.update(detail)


def kojin_bango_shown() -> None:
    """A 個人番号 is on the page or the paper (the row's 個人番号 flag)."""
    note = _NOTE.get()
    if note is not None:
        note.kojin_bango = True


def item_shown(code: str) -> None:
    """An item the member of staff could have hidden (本籍, 住民票コード …) is shown."""
    note = _NOTE.get()
    if note is not None:
        note.shown.add(code)


def shows_something(response: HttpResponse) -> bool:
    """A response that puts data in front of someone: a 2xx with a body (page, PDF)."""
    if not 200 <= response.status_code < 300 or response.status_code == 204:
        return False
    return bool(getattr(response, "streaming", False) or response.content)


def write(request: HttpRequest, response: HttpResponse, note: ReadNote) -> None:
    """The request's one read row, when it read personal data and showed it."""
    from . import audit

    row = note.row()
    if row is None or not shows_something(response):
        return
    action, target, detail = row
    audit.record(
        action,
        request=request,
        target=target,
        kojin_bango_shown=note.kojin_bango,
        detail=detail,
    )


class ReadLogMiddleware:
    """Holds the request's ReadNote, binds the request for every 操作ログ row written
    during it (path and address on change rows too), and writes the read row."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        from . import audit

        with reading() as note, audit.bound_request(request):
            response = self.get_response(request)
            write(request, response, note)
        return response


class PersonalRow:
    """Mixin for a model whose rows carry personal data: a row loaded in a request is
    a read.

    Subclasses name the subject: `read_kind` and `read_subject()` (its key and label),
    and may set `read_fields`, the fields whose loading makes the row personal (a list
    that loads only ids and states reads nothing).
    """

    read_kind: ClassVar[str] = ""
    read_fields: ClassVar[frozenset[str]] = frozenset()

    @classmethod
    def from_db(
        cls, db: str | None, field_names: Collection[str], values: Collection[Any], **kw: Any
    ) -> Self:
        instance = super().from_db(db, field_names, values, **kw)  # type: ignore[misc]
        if _NOTE.get() is not None and (
            not cls.read_fields or not cls.read_fields.isdisjoint(field_names)
        ):
            key, label = instance.read_subject()
            noticed(cls.read_kind, key, label)
        return instance

    def read_subject(self) -> tuple[str, str]:
        """(key, label) of this row as the 操作ログ names it; loaded fields only."""
        return str(getattr(self, "pk", "")), ""
