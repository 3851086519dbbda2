"""Celery tasks of 個人番号カード."""

from __future__ import annotations

from celery import shared_task


@shared_task(name="mynumber.card_shikkou", ignore_result=True)
def card_shikkou() -> dict[str, int]:
    """廃止 of the cards past their 継続利用 period or 有効期限, 失効 of the certificates
    past theirs (idempotent: run daily)."""
    from .reactions import lapse_overdue

    return lapse_overdue()
