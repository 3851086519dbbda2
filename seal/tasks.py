"""Celery tasks of 印鑑登録."""

from __future__ import annotations

from celery import shared_task


@shared_task(name="seal.inkan_shikkou", ignore_result=True)
def inkan_shikkou() -> int:
    """失効: each 照会 whose 回答期限 has passed (idempotent: run daily)."""
    from .services import expire_overdue

    return expire_overdue()
