"""What an app declares to the counter besides its kinds: the small frozen records its
manifest returns (counter.registry collects them)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .procedure_kinds import HandoverDocument
    from .procedure_models import Procedure

__all__ = [
    "Category",
    "Destination",
    "DocumentProvider",
    "SampleForm",
    "ScopedMarks",
    "SubjectMark",
    "UserSetting",
]


@dataclass(frozen=True)
class Category:
    """窓口区分: 番号札 are numbered per day and category; the 受付 offers its kinds."""

    code: str
    label: str
    order: int = 100


@dataclass(frozen=True)
class Destination:
    """A system outbox messages go to and inbox messages come from (its directory name).

    ``adapter``: the dotted path of the adapter class used unless
    ``settings.OUTBOX_ADAPTERS`` names another (default: the directory adapter).
    """

    code: str
    label: str
    adapter: str = ""


@dataclass(frozen=True)
class DocumentProvider:
    """Documents several kinds share (e.g. 住民異動届（他課用）), for the kinds it serves.

    Give ``kinds`` (the kind codes served) or ``app`` (every kind that app declares).
    """

    provide: Callable[[Procedure], list[HandoverDocument]]
    kinds: frozenset[str] = frozenset()
    app: str = ""

    def __post_init__(self) -> None:
        if bool(self.kinds) == bool(self.app):
            raise ValueError("DocumentProvider needs either kinds or app (one of them)")
        object.__setattr__(self, "kinds", frozenset(self.kinds))

    def serves(self, kind_code: str, kind_app: str) -> bool:
        return kind_code in self.kinds if self.kinds else kind_app == self.app


@dataclass(frozen=True)
class SampleForm:
    """A form printed by ``manage.py sample_forms`` as ``<name>.pdf``."""

    name: str
    build: Callable[[], bytes]

    def __post_init__(self) -> None:
        if not self.name or "/" in self.name or self.name.startswith("."):
            raise ValueError(f"様式名をファイル名に使えません: {self.name!r}")


@dataclass(frozen=True)
class UserSetting:
    """A choice each member of staff makes for their own screens (表示設定, j1390), e.g.
    juki's 「個人番号を隠す」; stored in ``StaffUser.display_settings`` by its code."""

    code: str
    label: str
    help_text: str = ""
    #: what it hides on the screens counter draws for every kind (counter.hiding): the
    #: labels of 照合・審査 rows and the names of entry-form fields
    row_labels: tuple[str, ...] = ()
    field_names: tuple[str, ...] = ()


@dataclass(frozen=True)
class SubjectMark:
    """A mark an app puts on a subject of a procedure (juki: 「支援措置」), shown in red
    with its word on the 照合・審査 screens; ``hidden_rows`` are the row labels and entry
    field names masked there for the user asked about (an address the 受注者 may not see)."""

    label: str
    hidden_rows: tuple[str, ...] = ()
    #: the sentence shown with the mark; blank: the 支援措置's (the screens' default)
    note: str = ""


@dataclass(frozen=True)
class ScopedMarks:
    """Marks asked for only on the 照合・審査 screens of the kinds of these 窓口区分 (the
    本人通知's mark on a certificate's screens, 標準仕様書 j1230), so other kinds' screens
    pay no query for them; a plain SubjectMarks callable (支援措置) is asked everywhere."""

    categories: frozenset[str]
    marks: Callable[[Sequence[str], Any], dict[str, SubjectMark]]
