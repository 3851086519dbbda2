"""個人番号カード's own screens (職員): a resident's cards with their history, certificates
and PIN-setting records; the lists of cards awaiting 交付, expiring, due for 継続利用 or
カード補記; the 交付前設定 checklist. Every Card and Jumin loaded in a request is a read
(counter.reads.PersonalRow: the 操作ログ); each page's query count is fixed by a test."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from counter.access import allow
from counter.roles import Role
from juki.models import Jumin

from . import lookups
from .forms import CardSearchForm, MonthsForm
from .models import Card, CardRireki, DenshiShomeisho, PinSetteiKiroku

#: 職員 manage the cards (the 受注者 enters procedures, never browses the file)
STAFF = (Role.CLERK, Role.SUPERVISOR)


@allow(*STAFF)
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    """The card lists and the search of a resident's cards."""
    form = CardSearchForm(request.GET or None)
    if request.GET and form.is_valid():
        q = form.cleaned_data["q"]
        card = Card.objects.filter(hakkou_bango=q).only("pk").first()
        if card is not None:
            return redirect("mynumber:card_detail", card_pk=card.pk)
        if q.isdigit():
            return redirect("mynumber:resident_cards", atena_bango=q)
        form.add_error("q", "該当するカードはありません。")
    return render(request, "mynumber/index.html", {"form": form})


def _card_context(cards: list[Card]) -> dict[str, object]:
    """Each card with its history, certificates and PIN-setting records (3 queries)."""
    ids = [c.pk for c in cards]
    history: dict[int, list[CardRireki]] = {pk: [] for pk in ids}
    for h in CardRireki.objects.filter(card_id__in=ids).select_related("by").order_by("at", "id"):
        history[h.card_id].append(h)
    certs: dict[int, list[DenshiShomeisho]] = {pk: [] for pk in ids}
    for c in DenshiShomeisho.objects.filter(card_id__in=ids).order_by(
        "shubetsu", "hakkou_date", "id"
    ):
        certs[c.card_id].append(c)
    pins: dict[int, list[PinSetteiKiroku]] = {pk: [] for pk in ids}
    for p in (
        PinSetteiKiroku.objects.filter(card_id__in=ids).select_related("by").order_by("at", "id")
    ):
        pins[p.card_id].append(p)
    return {
        "entries": [
            {"card": c, "history": history[c.pk], "certs": certs[c.pk], "pins": pins[c.pk]}
            for c in cards
        ]
    }


@allow(*STAFF)
@require_GET
def resident_cards(request: HttpRequest, atena_bango: str) -> HttpResponse:
    """A resident's cards, newest first, each with its history, certificates and PIN
    records (never a PIN: only that one was set, changed or reset)."""
    person = (
        Jumin.objects.select_related("chouaza")
        .filter(atena_bango=atena_bango)
        .order_by("-id")
        .first()
    )
    if person is None:
        return render(
            request,
            "mynumber/resident_cards.html",
            {"person": None, "atena_bango": atena_bango},
            status=404,
        )
    cards = list(
        Card.objects.select_related("kyuu_card")
        .filter(jumin__atena_bango=atena_bango)
        .order_by("-id")
    )
    context = {"person": person, "atena_bango": atena_bango, **_card_context(cards)}
    return render(request, "mynumber/resident_cards.html", context)


@allow(*STAFF)
@require_GET
def card_detail(request: HttpRequest, card_pk: int) -> HttpResponse:
    """One card with its history, certificates and PIN records."""
    card = get_object_or_404(
        Card.objects.select_related("jumin", "jumin__chouaza", "kyuu_card"), pk=card_pk
    )
    context = {"person": card.jumin, "atena_bango": card.jumin.atena_bango, **_card_context([card])}
    return render(request, "mynumber/resident_cards.html", context)


@allow(*STAFF)
@require_GET
def koufu_machi(request: HttpRequest) -> HttpResponse:
    """Cards set up and waiting (交付前): 交付通知書 not sent, sent, or returned (返戻)."""
    return render(request, "mynumber/koufu_machi.html", {"lists": lookups.koufu_machi()})


@allow(*STAFF)
@require_GET
def kigen(request: HttpRequest) -> HttpResponse:
    """Cards and certificates whose 有効期限 comes within the next N months."""
    form = MonthsForm(request.GET or None)
    months = form.months_or_default()
    today = timezone.localdate()
    context = {
        "form": form,
        "months": months,
        "until": lookups.add_months(today, months),
        "cards": lookups.expiring_cards(today, months),
        "certs": lookups.expiring_certificates(today, months),
    }
    return render(request, "mynumber/kigen.html", context)


@allow(*STAFF)
@require_GET
def keizoku(request: HttpRequest) -> HttpResponse:
    """Cards due for their 継続利用 after a 転入 (lapsing after the 期限)."""
    today = timezone.localdate()
    return render(
        request, "mynumber/keizoku.html", {"cards": lookups.keizoku_due(), "today": today}
    )


@allow(*STAFF)
@require_GET
def hoki(request: HttpRequest) -> HttpResponse:
    """Cards whose 券面 the register no longer matches (カード補記 due)."""
    return render(request, "mynumber/hoki.html", {"cards": lookups.hoki_due()})


@allow(*STAFF)
@require_GET
def checklist(request: HttpRequest) -> HttpResponse:
    """交付前設定: the cards from J-LIS checked against the register (事前チェックシート)."""
    today = timezone.localdate()
    return render(request, "mynumber/checklist.html", {"rows": lookups.checklist(today)})
