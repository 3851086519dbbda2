"""呼出 board (待合): full screen, public, numbers and windows only — never a name.

The page polls ``/board/fragment/`` every 5 seconds with htmx (vendored; closed network).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from .access import public
from .procedure_models import Reception

#: how many called numbers stay on the board
BOARD_SIZE = 6
#: seconds between two refreshes of the board
BOARD_POLL_SECONDS = 5


@dataclass(frozen=True)
class BoardNumber:
    """One called 番号札 as the waiting room sees it: category, number, window, time."""

    category: str
    ticket_no: int
    window: str
    called_at_text: str


def called_numbers() -> list[BoardNumber]:
    """Today's last called numbers, newest first (one query, no personal data selected)."""
    start = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)
    rows = (
        Reception.objects.filter(called_at__gte=start)
        .order_by("-called_at", "-pk")
        .values_list("category", "ticket_no", "called_window", "called_at")[:BOARD_SIZE]
    )
    return [
        BoardNumber(
            str(Reception(category=category).get_category_display()),
            ticket_no,
            window,
            f"{timezone.localtime(called_at):%H:%M}",
        )
        for category, ticket_no, window, called_at in rows
    ]


def board_context() -> dict[str, object]:
    numbers = called_numbers()
    return {
        "latest": numbers[0] if numbers else None,
        "earlier": numbers[1:],
        "poll_seconds": BOARD_POLL_SECONDS,
    }


@public
@require_GET
def board(request: HttpRequest) -> HttpResponse:
    """呼出 board: the full-screen page for the waiting room."""
    return render(request, "counter/board.html", board_context())


@public
@require_GET
def board_fragment(request: HttpRequest) -> HttpResponse:
    """The numbers part of the board, fetched by the page every few seconds."""
    return render(request, "counter/_board_numbers.html", board_context())
