"""The manifest: each app's AppConfig declares what it brings; counter holds no list of
another app's categories, destinations or kinds, and checks that the whole holds."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.apps import apps
from django.core import checks

from counter import registry
from counter.models import Reception
from counter.procedure_kinds import HandoverDocument, documents_of, get_kind
from counter.procedure_models import Procedure
from counter.registry import Category, Destination, DocumentProvider

from .screen_stub import StubScreenKind


@pytest.fixture
def without(monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    """Collect the manifests again as if some apps were not installed."""

    def drop(*labels: str) -> None:
        configs = [c for c in apps.get_app_configs() if c.label not in labels]
        monkeypatch.setattr(registry.apps, "get_app_configs", lambda: configs)
        registry.reset()

    yield drop
    monkeypatch.undo()
    registry.reset()


def test_the_categories_come_from_the_apps_that_declare_them() -> None:
    assert [(c.code, c.label) for c in registry.categories()] == [
        ("ido", "住民異動"),
        ("shomei", "証明"),
        ("inkan", "印鑑登録"),
        ("mynumber", "個人番号カード"),
    ]


def test_counter_holds_no_list_of_another_apps_things(without) -> None:
    # certificates declares kinds of its own since issue 10 (ADR 0027), mynumber its card
    # management system since issue 13 (ADR 0035): they go too
    without("juki", "seal", "certificates", "mynumber")
    assert [c.code for c in registry.categories()] == []
    # counter's only destination is its own: the 操作ログ checkpoints (ADR 0015)
    assert list(registry.destinations()) == ["audit_checkpoint"]
    assert set(registry.message_types()) == {"audit_checkpoint"}
    assert registry.user_settings() == []  # the 表示設定 choices are juki's, not counter's
    assert {registry.kind_app(code) for code in registry.kinds()} <= {""}  # the tests' stubs
    assert registry.category_label("ido") == "ido"  # nobody declares it: the code itself


def test_juki_declares_its_kinds_destinations_and_inbox_types() -> None:
    kinds = registry.kinds()
    for code in ("tennyu", "tenshutsu", "tenkyo", "setai_henkou", "shussei", "kukan_tennyu"):
        assert registry.kind_app(code) == "juki", code
        assert kinds[code].category == "ido"
    assert registry.destination_label("jukinet_cs") == "住基ネット（市町村CS）"
    assert {d for d in registry.destinations() if d.startswith("takka_")} == {
        "takka_kokuho",
        "takka_nenkin",
        "takka_jidou_teate",
        "takka_shugaku",
        "takka_senkyo",
        "takka_zei",
        "takka_kaigo",
    }
    # importing a kind's module registers nothing: the manifest is the one source
    import juki.ido.tennyu  # noqa: F401

    assert [k for app, k in registry._explicit["procedure_kinds"] if app == "juki"] == []
    assert "tenshutsu_shomeisho_joho" in registry.inbox_message_types()
    assert "受付確認票（内部用）" in registry.sample_forms()  # counter's own manifest
    assert "住民異動届（他課用）" in registry.sample_forms()


def test_a_reception_shows_its_category_from_the_registry() -> None:
    reception = Reception(category="inkan", ticket_no=3)
    assert str(reception) == "印鑑登録 3番"
    assert reception.get_category_display() == "印鑑登録"


def test_the_declared_whole_passes_the_system_check() -> None:
    assert registry.manifest_problems() == []
    assert [m for m in checks.run_checks() if m.id == "counter.E001"] == []


def test_the_check_finds_a_kind_of_an_undeclared_category() -> None:
    class Orphan(StubScreenKind):
        code = "stub_orphan"
        category = "etsuran"

    def nowhere(procedure: Procedure) -> list[HandoverDocument]:
        return []

    with registry.temporarily(
        procedure_kinds=[Orphan()],
        outbox_message_types=[],
        document_providers=[DocumentProvider(nowhere, kinds=frozenset({"no_such_kind"}))],
    ):
        problems = registry.manifest_problems()
    assert any("stub_orphan" in p and "etsuran" in p for p in problems)
    assert any("no_such_kind" in p for p in problems)


def test_the_same_code_declared_twice_is_refused() -> None:
    with (
        registry.temporarily(counter_categories=[Category("ido", "別の住民異動")]),
        pytest.raises(ValueError, match="declared twice"),
    ):
        registry.categories()
    with registry.temporarily(
        outbox_destinations=[Destination("jukinet_cs", "住基ネット（市町村CS）")]
    ):
        assert "jukinet_cs" in registry.destinations()  # the same declaration again is harmless


@pytest.mark.django_db
def test_document_providers_serve_only_the_kinds_they_name(contractor) -> None:
    from .factories import receive

    def shared(procedure: Procedure) -> list[HandoverDocument]:
        return [HandoverDocument("shared", "共通書類", lambda: b"%PDF-")]

    class Other(StubScreenKind):
        code = "stub_other"

    with registry.temporarily(
        procedure_kinds=[Other()],
        document_providers=[DocumentProvider(shared, kinds=frozenset({StubScreenKind.code}))],
    ):
        mine = receive(contractor, StubScreenKind.code).procedures.get()
        other = receive(contractor, "stub_other").procedures.get()
        assert "shared" in [d.slug for d in documents_of(mine)]
        assert "shared" not in [d.slug for d in documents_of(other)]


def test_a_provider_names_kinds_or_an_app() -> None:
    def shared(procedure: Procedure) -> list[HandoverDocument]:
        return []

    with pytest.raises(ValueError):
        DocumentProvider(shared)
    provider = DocumentProvider(shared, app="juki")
    assert provider.serves("tennyu", registry.kind_app("tennyu"))
    assert not provider.serves(StubScreenKind.code, registry.kind_app(StubScreenKind.code))
    assert get_kind("tennyu").label


def test_juki_declares_its_display_settings() -> None:
    assert [u.code for u in registry.user_settings()] == [
        "hide_honseki",
        "hide_kojin_bango",
        "hide_juminhyo_code",
        "hide_zairyu",
    ]
