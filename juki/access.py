"""The one place that decides whether a user may open a resident's record."""

from __future__ import annotations

from django.http import Http404, HttpRequest

from counter.roles import RESIDENT_READERS, roles_of

from .models import Jumin


def get_jumin_for(request: HttpRequest, atena_bango: str) -> Jumin:
    """The person with this 宛名番号, or 404; the caller's view already declared its roles.

    Later issues add the 支援措置 check here, so every screen that opens a record
    inherits it.
    """
    if not (roles_of(request.user) & RESIDENT_READERS):
        raise Http404
    try:
        return Jumin.objects.select_related("chouaza", "setai", "setai__setai_nushi").get(
            atena_bango=atena_bango
        )
    except Jumin.DoesNotExist as exc:
        raise Http404("住民が見つかりません。") from exc


def may_see_kojin_bango(request: HttpRequest) -> bool:
    user = request.user
    return bool(user.has_perm("counter.view_kojin_bango")) and not getattr(
        user, "hide_kojin_bango", False
    )
