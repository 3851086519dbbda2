"""Procedure kinds: what a kind of procedure (転入, 転出 …) brings to the machine.

counter runs the visit and the machine; a kind brings what only its app knows, and
declares only what it needs: the entry form (required), the persons it reserves
(``subjects``), warning ``flags``, the before/after ``review`` for 審査, ``apply()`` at
承認, what it produces at 交付 (``issue``), its ``documents``, its ``fee_lines`` (what is
charged: the amounts come from the 手数料 master), the ``requester`` it serves and its
own ``guards``. Kinds are declared in
their app's manifest (``procedure_kinds()`` of the AppConfig, see counter.registry); the
functions at the end of this module are the lookups the screens and services use.
"""

from __future__ import annotations

import datetime
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar

from django.db import models

from . import registry

if TYPE_CHECKING:
    from django import forms
    from django.http import HttpRequest

    from .guards import Guard
    from .models import Procedure, StaffUser, Terminal


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


class FeeBasis(models.TextChoices):
    """How a fee line is charged: 公用 and 免除 are issued free but still counted."""

    TSUUJOU = "tsuujou", "通常"
    KOUYOU = "kouyou", "公用"
    MENJO = "menjo", "免除"


@dataclass(frozen=True)
class FeeLine:
    """One fee of a procedure (手数料) per certificate and copy, never an amount: the
    amount comes from the city's 手数料 master in force on the day of 交付 (counter's
    fees), so a kind states what is issued and how many, not what it costs."""

    #: the 手数料 master's code (the 事務 the 日計表 sums by), e.g. "juminhyo_utsushi"
    code: str
    label: str
    quantity: int = 1
    basis: FeeBasis = FeeBasis.TSUUJOU


class RequesterCategory(models.TextChoices):
    """Who asks for a record about a person (住基法第12条, 第12条の2, 第12条の3)."""

    HONNIN = "honnin", "本人"
    DOITSU_SETAI = "doitsu_setai", "同一世帯の者"
    DAIRININ = "dairinin", "代理人"
    DAISANSHA = "daisansha", "第三者"
    SHIGYO = "shigyo", "特定事務受任者（士業）"
    KOUYOU = "kouyou", "国又は地方公共団体の機関（公用）"


@dataclass(frozen=True)
class Requester:
    """The person or body a procedure serves, as the request names them: guards read it
    (a 支援措置 refuses the 加害者 it names), and so does the 交付履歴."""

    category: RequesterCategory
    name: str
    address: str = ""
    seinengappi: datetime.date | None = None


@dataclass
class ReviewBlock:
    """A block of the before/after view (one person, one household …)."""

    title: str
    rows: list[ReviewRow] = field(default_factory=list)


class ProcedureKind(ABC):
    """Base of every kind; subclasses fill in what their app knows."""

    code: ClassVar[str]
    label: ClassVar[str]
    #: the code of a 窓口区分 some app declares (counter.registry.Category)
    category: ClassVar[str]
    #: a kind that changes the register reserves what it touches while open
    reserves: ClassVar[bool] = True
    #: its place at 受付 among kinds of its 窓口区分 as frequent as each other
    order: ClassVar[int] = 100

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

    def review(self, procedure: Procedure) -> list[ReviewBlock]:
        """What the register is and will be, item by item, for 審査 (none: nothing changes)."""
        return []

    def apply(
        self, procedure: Procedure, *, acting_user: StaffUser, terminal: Terminal | None
    ) -> dict[str, Any]:
        """Change the register at 承認 (inside the approval's transaction); return a result.

        A kind that changes nothing (a certificate) keeps this default."""
        return {}

    def issue(
        self, procedure: Procedure, *, acting_user: StaffUser, terminal: Terminal | None
    ) -> None:
        """交付 (inside do_issue's transaction, after the move to 交付): what the kind
        produces as it hands over: a certificate prints its final copies with their
        発行番号 and writes its 交付履歴 now, so that both commit or roll back with the
        act. A kind that only hands over what 承認 made keeps this default."""
        return None

    def fee_lines(self, procedure: Procedure) -> list[FeeLine]:
        """The fees of this procedure (none by default)."""
        return []

    def requester(self, procedure: Procedure) -> Requester | None:
        """Who the procedure serves, when the kind records it (a certificate request);
        None for a kind whose requester is the visitor of the 受付 only."""
        return None

    def guards(self) -> Sequence[Guard]:
        """Checks of this kind's own, run with the registered guards before each act."""
        return ()

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


def register_kind(kind: ProcedureKind) -> None:
    """Register a kind explicitly: the tests' own kinds. Apps declare theirs in their
    manifest; a kind an app's manifest declares is not registered twice."""
    if registry.declared_by_manifest(kind):
        return
    registry.register_kind(kind)


def get_kind(code: str) -> ProcedureKind:
    unknown = f"unknown procedure kind: {code}"
    return registry.find(registry.kinds(), code, lambda: LookupError(unknown))


def all_kinds() -> dict[str, ProcedureKind]:
    return registry.kinds()


def documents_of(procedure: Procedure) -> list[HandoverDocument]:
    """Every document of a procedure in its current state: its kind's, then the shared
    ones of the providers that serve its kind."""
    documents = list(get_kind(procedure.kind).documents(procedure))
    for provider in registry.document_providers_for(procedure.kind):
        documents.extend(provider.provide(procedure))
    return documents
