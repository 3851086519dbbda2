"""The registry: what each app brings to the counter, read from its AppConfig (the manifest).

counter is the lowest app: it never imports the apps above it and holds no list of
their things. Each app says what it brings by making its ``AppConfig`` a
:class:`CounterApp` and overriding the methods of what it has::

    class SealConfig(CounterApp, AppConfig):
        name = "seal"

        def counter_categories(self) -> Sequence[Category]:
            return (Category("inkan", "印鑑登録", order=30),)

        def procedure_kinds(self) -> Sequence[ProcedureKind]:
            from .kinds import TourokuKind      # imported when counter first asks
            return (TourokuKind(),)

API (every facet is optional; import inside the method, not at the top of apps.py):

=========================  ==============================================================
``counter_categories()``   :class:`Category` (窓口区分: code, label, order)
``procedure_kinds()``      ``counter.procedure_kinds.ProcedureKind`` instances
``document_providers()``   :class:`DocumentProvider`, scoped to kind codes or to an app
``outbox_destinations()``  :class:`Destination` (code, label, default adapter)
``outbox_message_types()`` ``counter.messages.MessageType`` (versioned payload schema)
``inbox_message_types()``  ``counter.inbox.MessageType`` (name and lookup keys)
``guards()``               ``counter.guards.Guard`` (may block an act on a subject)
``sample_forms()``         :class:`SampleForm` for ``manage.py sample_forms``
``sample_data()``          callables seeding demo data for the sample forms
``user_settings()``        :class:`UserSetting` (a member of staff's 表示設定, j1390)
``staff_alerts()``         callables giving the alerts 職員 see on the 審査 screen (str)
``subject_marks()``        callables ``(subject keys, user) -> {key: SubjectMark}``: a mark
                           on a procedure's persons on the 照合・審査 screens (支援措置);
                           a :class:`ScopedMarks` only for some 窓口区分's kinds (本人通知)
``shomei_kinds()``         ``(code, label)`` of each certificate the app prints (the kinds
                           of counter.shomei's 発行記録: one table for every app)
=========================  ==============================================================

Nothing registers as a side effect of an import: each facet is collected on first use
by iterating ``apps.get_app_configs()`` (so after ``django.setup()``), and cached.
``manage.py check`` runs :func:`check_manifests`, which collects every facet and
validates the whole (a kind's category and a message type's destinations exist, no
code is declared twice).

Tests add things with the ``register_*`` functions or :func:`temporarily`; an explicit
registration of a kind code already declared by a manifest with the same class is a
no-op (the manifest's instance is used).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, TypeVar

from django.apps import apps

# the records a manifest returns live in counter.registry_items; apps import them from here
from .registry_items import Category as Category
from .registry_items import Destination as Destination
from .registry_items import DocumentProvider as DocumentProvider
from .registry_items import SampleForm as SampleForm
from .registry_items import ScopedMarks as ScopedMarks
from .registry_items import SubjectMark as SubjectMark
from .registry_items import UserSetting as UserSetting

if TYPE_CHECKING:
    from django.core.checks import CheckMessage

    from .guards import Guard
    from .inbox import MessageType as InboxMessageType
    from .messages import MessageType
    from .procedure_kinds import ProcedureKind


# --------------------------------------------------------------------------- declarations

SubjectMarks = Callable[[Sequence[str], Any], "dict[str, SubjectMark]"]


class CounterApp:
    """The manifest mixin of an AppConfig: override the facets the app brings."""

    def counter_categories(self) -> Sequence[Category]:
        return ()

    def procedure_kinds(self) -> Sequence[ProcedureKind]:
        return ()

    def document_providers(self) -> Sequence[DocumentProvider]:
        return ()

    def outbox_destinations(self) -> Sequence[Destination]:
        return ()

    def outbox_message_types(self) -> Sequence[MessageType]:
        return ()

    def inbox_message_types(self) -> Sequence[InboxMessageType]:
        return ()

    def guards(self) -> Sequence[Guard]:
        return ()

    def sample_forms(self) -> Sequence[SampleForm]:
        return ()

    def sample_data(self) -> Sequence[Callable[[], None]]:
        return ()

    def user_settings(self) -> Sequence[UserSetting]:
        return ()

    def staff_alerts(self) -> Sequence[Callable[[], list[str]]]:
        return ()

    def subject_marks(self) -> Sequence[SubjectMarks | ScopedMarks]:
        return ()

    def shomei_kinds(self) -> Sequence[tuple[str, str]]:
        return ()


FACETS = (
    "counter_categories",
    "procedure_kinds",
    "document_providers",
    "outbox_destinations",
    "outbox_message_types",
    "inbox_message_types",
    "guards",
    "sample_forms",
    "sample_data",
    "user_settings",
    "staff_alerts",
    "subject_marks",
    "shomei_kinds",
)

# --------------------------------------------------------------------------- collection

#: (app label or "", item) per facet, as the manifests declared them
_collected: dict[str, list[tuple[str, Any]]] = {}
#: explicit registrations (the tests' own kinds and types)
_explicit: dict[str, list[tuple[str, Any]]] = {facet: [] for facet in FACETS}
_collecting: set[str] = set()
#: per facet, its items by code (rebuilt after any registration)
_memo: dict[str, dict[str, tuple[str, Any]]] = {}
_lock = threading.RLock()


def _app_of(obj: Any) -> str:
    module = getattr(obj, "__module__", "") or type(obj).__module__
    config = apps.get_containing_app_config(module)
    return config.label if config is not None else ""


def _declared(facet: str) -> list[tuple[str, Any]]:
    with _lock:
        cached = _collected.get(facet)
        if cached is not None:
            return cached
        if facet in _collecting:
            raise RuntimeError(f"registry facet {facet} used while it is being collected")
        _collecting.add(facet)
        try:
            found: list[tuple[str, Any]] = []
            for config in apps.get_app_configs():
                if isinstance(config, CounterApp):
                    found.extend((config.label, item) for item in getattr(config, facet)())
        finally:
            _collecting.discard(facet)
        _collected[facet] = found
        return found


def _items(facet: str) -> list[tuple[str, Any]]:
    return [*_declared(facet), *_explicit[facet]]


def _by_code(facet: str, code_of: Callable[[Any], str]) -> dict[str, tuple[str, Any]]:
    """The facet's items by code; the same code twice is an error unless it is the same
    class (a manifest instance and an explicit registration of one kind)."""
    memo = _memo.get(facet)
    if memo is not None:
        return memo
    result: dict[str, tuple[str, Any]] = {}
    for app, item in _items(facet):
        code = code_of(item)
        if code in result:
            _first_app, first = result[code]
            if type(first) is type(item) and (
                not hasattr(first, "__dataclass_fields__") or first == item
            ):
                continue
            raise ValueError(f"{facet}: {code!r} is declared twice")
        result[code] = (app, item)
    if facet not in _collecting:
        _memo[facet] = result
    return result


def reset() -> None:
    """Forget what was collected (the next use collects again); keeps explicit entries."""
    with _lock:
        _collected.clear()
        _memo.clear()


def _register(facet: str, item: Any, app: str | None = None) -> None:
    with _lock:
        entry = (app if app is not None else _app_of(item), item)
        if entry not in _explicit[facet]:
            _explicit[facet].append(entry)
        _memo.pop(facet, None)


def _unregister(facet: str, item: Any) -> None:
    with _lock:
        _explicit[facet] = [(a, i) for a, i in _explicit[facet] if i is not item]
        _memo.pop(facet, None)


@contextmanager
def temporarily(**facets: Sequence[Any]) -> Iterator[None]:
    """Register things for the length of a ``with`` (tests): ``temporarily(guards=[g])``."""
    unknown = set(facets) - set(FACETS)
    if unknown:
        raise ValueError(f"unknown registry facets: {sorted(unknown)}")
    for facet, items in facets.items():
        for item in items:
            _register(facet, item)
    try:
        yield
    finally:
        for facet, items in facets.items():
            for item in items:
                _unregister(facet, item)


# --------------------------------------------------------------------------- lookups

_T = TypeVar("_T")


def find(found: Mapping[str, _T], code: str, missing: Callable[[], Exception]) -> _T:
    """The item declared under `code`, or the caller's own error for an unknown code."""
    try:
        return found[code]
    except KeyError as exc:
        raise missing() from exc


def categories() -> list[Category]:
    """Every 窓口区分, in counter order."""
    found = [c for _a, c in _by_code("counter_categories", lambda c: c.code).values()]
    return sorted(found, key=lambda c: (c.order, c.code))


def category(code: str) -> Category:
    by_code = {c.code: c for c in categories()}
    return find(by_code, code, lambda: LookupError(f"未登録の窓口区分です: {code!r}"))


def category_label(code: str) -> str:
    """The Japanese name of a 窓口区分 (the code itself when no app declares it)."""
    try:
        return category(code).label
    except LookupError:
        return str(code)


def register_category(item: Category) -> None:
    _register("counter_categories", item)


def destinations() -> dict[str, Destination]:
    return {code: d for code, (_a, d) in _by_code("outbox_destinations", lambda d: d.code).items()}


def destination_label(code: str) -> str:
    found = destinations().get(code)
    return found.label if found is not None else str(code)


def register_destination(item: Destination) -> None:
    _register("outbox_destinations", item)


def kinds() -> dict[str, ProcedureKind]:
    return {code: k for code, (_a, k) in _by_code("procedure_kinds", lambda k: k.code).items()}


def kind_app(code: str) -> str:
    """The label of the app that brought a kind ("" for one registered by a test)."""
    found = _by_code("procedure_kinds", lambda k: k.code).get(code)
    return found[0] if found is not None else ""


def register_kind(kind: ProcedureKind) -> None:
    _register("procedure_kinds", kind)


def declared_by_manifest(kind: ProcedureKind) -> bool:
    """Whether the kind's app declares its kinds in its manifest."""
    config = apps.get_containing_app_config(type(kind).__module__)
    return (
        isinstance(config, CounterApp)
        and type(config).procedure_kinds is not CounterApp.procedure_kinds
    )


def document_providers() -> list[DocumentProvider]:
    return [p for _a, p in _items("document_providers")]


def document_providers_for(kind_code: str) -> list[DocumentProvider]:
    app = kind_app(kind_code)
    return [p for p in document_providers() if p.serves(kind_code, app)]


def register_document_provider(provider: DocumentProvider) -> None:
    _register("document_providers", provider)


def message_types() -> dict[str, MessageType]:
    return {code: m for code, (_a, m) in _by_code("outbox_message_types", lambda m: m.code).items()}


def register_message_type(item: MessageType) -> None:
    _register("outbox_message_types", item)


def inbox_message_types() -> dict[str, InboxMessageType]:
    found: dict[str, InboxMessageType] = {}
    for _a, item in _items("inbox_message_types"):
        found[item.code] = item  # a later explicit registration replaces (ready() may rerun)
    return found


def register_inbox_message_type(item: InboxMessageType) -> None:
    _register("inbox_message_types", item)


def guards() -> list[Guard]:
    return [g for _a, g in _by_code("guards", lambda g: g.name).values()]


def register_guard(item: Guard) -> None:
    _register("guards", item)


def sample_forms() -> dict[str, Callable[[], bytes]]:
    found: dict[str, Callable[[], bytes]] = {}
    for _a, form in _items("sample_forms"):
        found[form.name] = form.build
    return found


def register_sample_form(item: SampleForm) -> None:
    _register("sample_forms", item)


def sample_data() -> list[Callable[[], None]]:
    found: list[Callable[[], None]] = []
    for _a, provide in _items("sample_data"):
        if provide not in found:
            found.append(provide)
    return found


def register_sample_data(provide: Callable[[], None]) -> None:
    _register("sample_data", provide)


def user_settings() -> list[UserSetting]:
    """Every app's 表示設定 choices, in the order the apps declare them."""
    return [u for _a, u in _by_code("user_settings", lambda u: u.code).values()]


def staff_alerts() -> list[str]:
    """What every app asks 職員 to see now (e.g. the 予備住民票コード running low)."""
    found: list[Callable[[], list[str]]] = []
    for _a, alerts in _items("staff_alerts"):
        if alerts not in found:
            found.append(alerts)
    return [text for alerts in found for text in alerts()]


def register_staff_alerts(alerts: Callable[[], list[str]]) -> None:
    _register("staff_alerts", alerts)


def subject_marks(keys: Sequence[str], user: Any) -> dict[str, SubjectMark]:
    """Every app's marks on these subjects for this user (nothing asked for no subject),
    but the scoped ones (``scoped_subject_marks``)."""
    found: dict[str, SubjectMark] = {}
    if not keys:
        return found
    for _a, marks in _items("subject_marks"):
        if not isinstance(marks, ScopedMarks):
            found.update(marks(keys, user))
    return found


def has_scoped_marks(category: str) -> bool:
    """Whether an app marks the subjects of this 窓口区分's kinds (no query)."""
    return any(
        isinstance(marks, ScopedMarks) and category in marks.categories
        for _a, marks in _items("subject_marks")
    )


def scoped_subject_marks(keys: Sequence[str], user: Any, *, category: str) -> list[SubjectMark]:
    """The marks of the providers scoped to `category` (a kind's 窓口区分) on these
    subjects, each of them: a person may carry a 支援措置 and a 本人通知 registration."""
    found: list[SubjectMark] = []
    if not keys:
        return found
    for _a, marks in _items("subject_marks"):
        if isinstance(marks, ScopedMarks) and category in marks.categories:
            found.extend(marks.marks(keys, user).values())
    return found


def shomei_kinds() -> list[tuple[str, str]]:
    """(code, label) of every printed certificate kind, as the apps declare them (the
    choices of counter.shomei.models.HakkoKiroku.kind)."""
    return [(str(code), str(label)) for _a, (code, label) in _items("shomei_kinds")]


# --------------------------------------------------------------------------- checks


def manifest_problems() -> list[str]:
    """What is wrong with the declared whole (empty when everything holds together)."""
    problems: list[str] = []
    try:
        known_categories = {c.code for c in categories()}
        known_destinations = set(destinations())
        declared_kinds = kinds()
        declared_types = message_types()
        guards()
    except ValueError as exc:
        return [str(exc)]
    for code, kind in declared_kinds.items():
        if str(kind.category) not in known_categories:
            problems.append(f"kind {code}: category {kind.category!r} is declared by no app")
    for code, mtype in declared_types.items():
        for dest in mtype.destinations:
            if dest not in known_destinations:
                problems.append(f"message type {code}: destination {dest!r} is declared by no app")
    for provider in document_providers():
        for code in provider.kinds:
            if code not in declared_kinds:
                problems.append(f"document provider {provider.provide!r}: no kind {code!r}")
    return problems


def check_manifests(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """Django system check (registered in CounterConfig.ready())."""
    from django.core.checks import Error

    return [Error(problem, id="counter.E001") for problem in manifest_problems()]
