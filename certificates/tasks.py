"""Celery tasks of the certificates: printing a copy away from the request (a batch of
公用 requests, a queue of prints at a busy window, bench/pdf.py's throughput)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from celery import shared_task


@shared_task(name="certificates.print_juminhyo")
def print_juminhyo(
    atena_bangos: list[str],
    *,
    style: str,
    items: dict[str, Any],
    day: str,
    terminal: str = "",
    kouyou: bool = False,
    setai_zenin: bool = False,
    johyo: bool = False,
) -> dict[str, Any]:
    """Print one final copy of a 住民票の写し of the persons named by 宛名番号 (live rows,
    or 除票 rows with ``johyo``) and spool it to settings.CERTIFICATE_SPOOL_DIR when set.
    Returns the copy's 発行番号, its sheets and the j1070 list's length."""
    import datetime

    from django.conf import settings

    from juki.models import Jumin, JuminStatus

    from .items import Items
    from .printing import IssueContext, Style, render_juminhyo

    status = JuminStatus.JOHYO if johyo else JuminStatus.LIVE
    persons = list(
        Jumin.objects.select_related("chouaza", "setai__setai_nushi").filter(
            atena_bango__in=atena_bangos, status=status
        )
    )
    context = IssueContext(
        day=datetime.date.fromisoformat(day), terminal=terminal, kouyou=kouyou, draft=False
    )
    rendered = render_juminhyo(
        persons,
        style=Style(style),
        items=Items.from_json(items),
        context=context,
        setai_zenin=setai_zenin,
        johyo=johyo,
    )
    assert rendered.kiroku is not None
    spool = str(getattr(settings, "CERTIFICATE_SPOOL_DIR", "") or "")
    if spool:
        name = f"{rendered.kiroku.issued_on:%Y%m%d}-{rendered.kiroku.serial:06d}.pdf"
        Path(spool, name).write_bytes(rendered.pdf)
    return {
        "hakko_bango": rendered.kiroku.hakko_bango,
        "pages": rendered.page_count,
        "overflow": len(rendered.overflow),
    }
