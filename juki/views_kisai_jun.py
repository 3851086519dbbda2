"""記載順の設定 (j1010): a 職員 sets the order of a household's members by hand."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from counter.access import allow
from counter.roles import Role
from counter.services import ProcedureRefused

from .access import get_jumin_for
from .kisai_jun import KisaiJunForm, do_set_kisai_jun, ordered
from .services import live_members

#: city staff decide how a household is listed (the contractor prepares, ARCHITECTURE.md)
STAFF = (Role.CLERK, Role.SUPERVISOR)


@allow(*STAFF)
@require_http_methods(["GET", "POST"])
def kisai_jun(request: HttpRequest, atena_bango: str) -> HttpResponse:
    jumin = get_jumin_for(request, atena_bango)
    if jumin.is_johyo:
        return redirect("juki:resident", atena_bango=jumin.atena_bango)
    members = ordered(live_members(jumin.setai), jumin.setai)
    form = KisaiJunForm(members, request.POST if request.method == "POST" else None)
    if request.method == "POST":
        standard = request.POST.get("action") == "standard"
        if standard or form.is_valid():
            try:
                do_set_kisai_jun(
                    jumin.setai,
                    [] if standard else form.order(),
                    acting_user=request.user,  # type: ignore[arg-type]
                )
            except ProcedureRefused as exc:
                form.add_error(None, exc.message)
            else:
                return redirect("juki:resident", atena_bango=jumin.atena_bango)
    context = {"jumin": jumin, "form": form, "hand_set": bool(jumin.setai.kisai_jun)}
    return render(request, "juki/kisai_jun.html", context)
