"""seal's own screens: 印影の取込 (the window), the 印影 image for 照合, the registration
list and the 印鑑登録原票 with its history (職員; loading it writes the 操作ログ, as every
InkanToroku loaded in a request does: counter.reads.PersonalRow)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.contrib import messages
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from counter.access import allow
from counter.roles import WINDOW_ROLES, Role
from counter.views_common import acting_user

from . import documents, services
from .forms import TorikomiForm, TorokuSearchForm
from .lookups import inei_of, registered_name
from .models import HaishiReason, Inei, IneiYouto, InkanToroku

#: 職員 read the 原票 and the list (the 受注者 enters procedures, never browses the file)
STAFF = (Role.CLERK, Role.SUPERVISOR)
LIST_LIMIT = 100


@allow(*WINDOW_ROLES)
@require_http_methods(["GET", "POST"])
def inei_torikomi(request: HttpRequest) -> HttpResponse:
    """印影の取込: the scan is kept and its 印影番号 shown, for the entry form."""
    stored: Inei | None = None
    form = TorikomiForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid() and form.scan_read is not None:
        stored = services.store_inei(
            form.scan_read,
            youto=IneiYouto(form.cleaned_data["youto"]),
            by=acting_user(request),
        )
        form = TorikomiForm()
    return render(request, "seal/torikomi.html", {"form": form, "stored": stored})


@allow(*WINDOW_ROLES)
@require_GET
def inei_image(request: HttpRequest, inei_pk: int) -> HttpResponse:
    """The scan itself, for the 照合 view (shown enlarged beside the registered one)."""
    inei = get_object_or_404(Inei, pk=inei_pk)
    response = HttpResponse(bytes(inei.image), content_type=inei.content_type)
    response["Cache-Control"] = "private, no-store"
    return response


#: 照合 shows the 印影 four times its size
SHOUGOU_SCALE = 4
CSS_PX_PER_MM = Decimal(96) / Decimal("25.4")


@dataclass(frozen=True)
class Enlarged:
    """An 印影 and its size on screen (CSS px) at SHOUGOU_SCALE times its recorded mm."""

    inei: Inei
    width: int
    height: int

    @classmethod
    def of(cls, inei: Inei) -> Enlarged:
        def px(mm: Decimal) -> int:
            return round(mm * SHOUGOU_SCALE * CSS_PX_PER_MM)

        return cls(inei, px(inei.width_mm), px(inei.height_mm))


@allow(*WINDOW_ROLES)
@require_GET
def inei_shougou(request: HttpRequest, inei_pk: int) -> HttpResponse:
    """照合: the scanned 印影 enlarged beside the registered one it is compared with (the
    applicant's own for a 回答, the 保証人's for a 保証書)."""
    scanned = get_object_or_404(Inei.objects.defer("image"), pk=inei_pk)
    against: Inei | None = None
    atena = str(request.GET.get("atena_bango", "")).strip()[:10]
    if atena:
        toroku = (
            InkanToroku.objects.filter(jumin__atena_bango=atena, status__in=["shoukai", "toroku"])
            .order_by("-id")
            .first()
        )
        against = inei_of(toroku) if toroku is not None else None
    context = {
        "scanned": Enlarged.of(scanned),
        "against": Enlarged.of(against) if against is not None else None,
        "scale": SHOUGOU_SCALE,
    }
    return render(request, "seal/shougou.html", context)


@allow(*STAFF)
@require_GET
def toroku_list(request: HttpRequest) -> HttpResponse:
    """印鑑登録の検索: by 宛名番号, 印鑑登録番号 or 登録証番号, and 状態."""
    form = TorokuSearchForm(request.GET or None)
    found = InkanToroku.objects.select_related("jumin").order_by("-id")
    if form.is_valid():
        q = form.cleaned_data["q"].strip()
        if q:
            found = found.filter(
                Q(jumin__atena_bango=q) | Q(toroku_bango=q) | Q(torokusho__bango=q)
            ).distinct()
        if form.cleaned_data["status"]:
            found = found.filter(status=form.cleaned_data["status"])
    rows = list(found[:LIST_LIMIT])
    return render(
        request, "seal/toroku_list.html", {"form": form, "rows": rows, "limit": LIST_LIMIT}
    )


@allow(*STAFF)
@require_GET
def toroku_detail(request: HttpRequest, toroku_pk: int) -> HttpResponse:
    """印鑑登録原票: the registration, its 登録証 numbers, its 印影 and its history."""
    toroku = get_object_or_404(
        InkanToroku.objects.select_related("jumin", "jumin__chouaza", "hoshounin__jumin"),
        pk=toroku_pk,
    )
    context = {
        "toroku": toroku,
        "name": registered_name(toroku),
        "cards": list(toroku.torokusho.order_by("issued_at", "id")),
        "inei": list(toroku.inei.defer("image").order_by("id")),
        "history": list(toroku.rireki.select_related("by").order_by("at", "id")),
    }
    return render(request, "seal/toroku_detail.html", context)


@allow(*STAFF)
@require_GET
def haishi_tsuchi_pdf(request: HttpRequest, toroku_pk: int) -> HttpResponse:
    """印鑑登録廃止通知書 of a registration ended by a change of name; printing it is
    recorded in the 原票's history."""
    toroku = get_object_or_404(
        InkanToroku.objects.select_related("jumin", "jumin__chouaza"), pk=toroku_pk
    )
    if toroku.haishi_reason != HaishiReason.SHIMEI_HENKOU:
        messages.error(
            request, "廃止通知書は、氏名等の変更により廃止された印鑑登録にのみ印刷します。"
        )
        return redirect("seal:toroku_detail", toroku_pk=toroku.pk)
    pdf = documents.haishi_tsuchi_pdf(toroku)
    services.do_record_tsuchi(toroku, actor=services.Actor(user=acting_user(request)))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="haishi-tsuchi-{toroku.pk}.pdf"'
    return response
