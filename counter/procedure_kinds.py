"""The registry of procedure kinds. Each app registers its kinds in AppConfig.ready().

counter runs the visit and the machine; a kind (転入, 転出 …) brings what only its app
knows: the entry form, the persons it touches, the rules that warn or block, the
before/after view for 審査, the change to the register at 承認, and its documents.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar

if TYPE_CHECKING:
    from django import forms
    from django.http import HttpRequest

    from .models import Procedure, StaffUser, Terminal
    from .procedure_models import CounterCategory


@dataclass(frozen=True)
class Subject:
    """Something a procedure touches and reserves while open ("jumin:<宛名番号>")."""

    key: str
    label: str


@dataclass(frozen=True)
class ReviewRow:
    """One item of the 審査 before/after view."""

    label: str
    before: str
    after: str

    @property
    def changed(self) -> bool:
        return self.before != self.after


@dataclass(frozen=True)
class HandoverDocument:
    """A printed document of a procedure (転出証明書, 確認用住民票 …), rendered on demand."""

    slug: str
    name: str
    render: Callable[[], bytes]


@dataclass
class ReviewBlock:
    """A block of the before/after view (one person, one household …)."""

    title: str
    rows: list[ReviewRow] = field(default_factory=list)


class ProcedureKind(ABC):
    """Base of every kind; subclasses fill in what their app knows."""

    code: ClassVar[str]
    label: ClassVar[str]
    category: ClassVar[CounterCategory]
    #: a kind that changes the register reserves what it touches while open
    reserves: ClassVar[bool] = True

    def is_offered(self) -> bool:
        """Whether this municipality's counter takes the kind (区間転入: 指定都市 only)."""
        return True

    @abstractmethod
    def entry_form(self, procedure: Procedure, data: Any = None) -> forms.Form:
        """The entry form, laid out in the order of the paper form."""

    def entry_template(self) -> str:
        return f"{self.code}/entry.html"

    @abstractmethod
    def clean_entry(self, form: forms.Form) -> dict[str, Any]:
        """The JSON kept as the procedure's entry (dates as ISO strings)."""

    def subjects(self, entry: dict[str, Any]) -> Sequence[Subject]:
        return ()

    def flags(self, entry: dict[str, Any]) -> list[str]:
        """Warnings that do not block (e.g. 届出期間経過), shown in the queue."""
        return []

    @abstractmethod
    def review(self, procedure: Procedure) -> list[ReviewBlock]:
        """What the register is and will be, item by item, for 審査."""

    @abstractmethod
    def apply(
        self, procedure: Procedure, *, acting_user: StaffUser, terminal: Terminal | None
    ) -> dict[str, Any]:
        """Change the register at 承認 (inside the approval's transaction); return a result."""

    def handover_documents(self, procedure: Procedure) -> list[str]:
        """The names of what the window hands over or returns at 交付 (cards with 裏書 …)."""
        return []

    def documents(self, procedure: Procedure) -> list[HandoverDocument]:
        """The PDFs of this procedure in its current state (e.g. 転出証明書 after 承認)."""
        return []

    def confirmation_pdf(self, procedure: Procedure, entry: dict[str, Any]) -> bytes | None:
        """確認用住民票: the record as it would be after 承認, before anything is saved."""
        return None

    def entry_summary(self, entry: dict[str, Any]) -> str:
        return ""

    def request_context(self, request: HttpRequest) -> dict[str, Any]:
        return {}


_APPLYING: ContextVar[Procedure | None] = ContextVar("applying_procedure", default=None)


@contextmanager
def applying(procedure: Procedure) -> Iterator[None]:
    """While a kind's apply() runs: the register records which procedure changed it."""
    token = _APPLYING.set(procedure)
    try:
        yield
    finally:
        _APPLYING.reset(token)


def applying_procedure() -> Procedure | None:
    """The procedure whose 承認 is changing the register now (None outside an apply())."""
    return _APPLYING.get()


_KINDS: dict[str, ProcedureKind] = {}
_DOCUMENT_PROVIDERS: list[Callable[[Procedure], list[HandoverDocument]]] = []


def register_kind(kind: ProcedureKind) -> None:
    if kind.code in _KINDS and type(_KINDS[kind.code]) is not type(kind):
        raise ValueError(f"procedure kind {kind.code} registered twice")
    _KINDS[kind.code] = kind


def get_kind(code: str) -> ProcedureKind:
    try:
        return _KINDS[code]
    except KeyError as exc:
        raise LookupError(f"unknown procedure kind: {code}") from exc


def all_kinds() -> dict[str, ProcedureKind]:
    return dict(_KINDS)


def register_document_provider(provider: Callable[[Procedure], list[HandoverDocument]]) -> None:
    """Documents that belong to many kinds (e.g. 住民異動届（他課用） of every 異動)."""
    if provider not in _DOCUMENT_PROVIDERS:
        _DOCUMENT_PROVIDERS.append(provider)


def documents_of(procedure: Procedure) -> list[HandoverDocument]:
    """Every document of a procedure in its current state: its kind's, then the shared ones."""
    documents = list(get_kind(procedure.kind).documents(procedure))
    for provider in _DOCUMENT_PROVIDERS:
        documents.extend(provider(procedure))
    return documents
