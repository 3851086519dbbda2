from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest

from .roles import Role, roles_of


def staff(request: HttpRequest) -> dict[str, Any]:
    """The signed-in user's roles and terminal, for the header and menus."""
    base = {"municipality_name": settings.MUNICIPALITY_NAME}
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return base
    roles = roles_of(user)
    return {
        **base,
        "staff_roles": sorted(r.value for r in roles),
        "is_contractor": Role.CONTRACTOR in roles,
        "is_clerk": Role.CLERK in roles,
        "is_supervisor": Role.SUPERVISOR in roles,
        "is_administrator": Role.ADMINISTRATOR in roles,
        "terminal_code": request.session.get("terminal_code", ""),
    }
