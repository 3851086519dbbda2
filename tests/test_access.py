"""Deny by default: every URL, requested anonymously and as each persona.

Routes that take ids are walked with a real reception and procedure (of the screen tests'
stub kind). A view that answers GET with 405 is a POST-only action (require_POST): for
the roles it allows it is then POSTed with an empty body, which it must answer with 200
or 302 (its Japanese error or a redirect), never 405 or 500.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from counter.access import declared_roles, is_public
from counter.models import AuditAction, AuditLog
from counter.roles import Role, roles_of

from .conftest import login_as
from .factories import resident
from .screen_stub import STUB_DOCUMENT_SLUG, StubScreenKind


def walk(
    patterns: list[URLPattern | URLResolver], prefix: str = ""
) -> Iterator[tuple[str, URLPattern]]:
    for p in patterns:
        if isinstance(p, URLResolver):
            yield from walk(p.url_patterns, prefix + str(p.pattern))
        else:
            yield prefix + str(p.pattern), p


def all_routes() -> list[tuple[str, URLPattern]]:
    return list(walk(get_resolver().url_patterns))


def concrete_path(route: str, values: dict[str, str]) -> str:
    for placeholder, value in values.items():
        route = route.replace(placeholder, value)
    return "/" + route


def sample_values() -> dict[str, str]:
    """A real resident, reception and procedure for the routes that take their ids."""
    from counter import services
    from counter.models import StaffUser

    person = resident()
    staff = StaffUser.objects.create(username="access-walker")
    reception = services.do_receive(
        acting_user=staff,
        terminal=None,
        category="ido",
        visitor_kind="honnin",
        visitor_name="見本　太郎",
        id_documents=["driver_license"],
        has_ininjo=False,
        kinds=[StubScreenKind.code],
    )
    return {
        "<str:atena_bango>": person.atena_bango,
        "<int:reception_pk>": str(reception.pk),
        "<int:procedure_pk>": str(reception.procedures.get().pk),
        "<slug:slug>": STUB_DOCUMENT_SLUG,
    }


def test_every_view_declares_who_may_use_it() -> None:
    undeclared = [
        route
        for route, p in all_routes()
        if not is_public(p.callback) and declared_roles(p.callback) is None
    ]
    assert undeclared == []


@pytest.mark.django_db
def test_anonymous_is_sent_to_login_everywhere_but_public_pages(client: Client) -> None:
    values = sample_values()
    for route, pattern in all_routes():
        response = client.get(concrete_path(route, values))
        if is_public(pattern.callback):
            assert response.status_code in (200, 302, 405), route
        else:
            assert response.status_code == 302, route
            assert response["Location"].startswith("/login/"), route


@pytest.mark.django_db
def test_each_persona_gets_exactly_what_its_roles_allow(client: Client, persona) -> None:
    values = sample_values()
    login_as(client, persona)
    mine = roles_of(persona)
    for route, pattern in all_routes():
        if is_public(pattern.callback):
            continue
        allowed = declared_roles(pattern.callback) or frozenset()
        path = concrete_path(route, values)
        response = (
            client.post(path) if "kojin-bango" in route or "logout" in route else client.get(path)
        )
        if mine & allowed and response.status_code == 405:
            response = client.post(path)  # a POST-only action: it must answer an empty POST
        if mine & allowed:
            assert response.status_code in (200, 302), (
                persona.username,
                route,
                response.status_code,
            )
            if "logout" in route:
                login_as(client, persona)
        else:
            assert response.status_code == 403, (persona.username, route, response.status_code)


@pytest.mark.django_db
def test_a_refusal_is_logged(client: Client, contractor) -> None:
    login_as(client, contractor)
    response = client.get("/stats/audit/")
    assert response.status_code == 403
    assert "権限がありません" in response.content.decode()
    row = AuditLog.objects.get(action=AuditAction.REFUSED)
    assert row.username == "juchu1"
    assert row.terminal_code == "本庁1"
    assert row.path == "/stats/audit/"


def test_an_undeclared_view_is_refused(rf, contractor) -> None:
    from django.http import HttpResponse

    from counter.middleware import AccessPolicyMiddleware

    def secret_view(request):  # declares nothing
        return HttpResponse("secret")

    request = rf.get("/secret/")
    request.user = contractor
    request.session = {}
    request.htmx = False
    middleware = AccessPolicyMiddleware(lambda r: HttpResponse("ok"))
    response = middleware.process_view(request, secret_view, (), {})
    assert response is not None and response.status_code == 403
    assert Role.CONTRACTOR in roles_of(contractor)
