"""Celery tasks of the register."""

from __future__ import annotations

from celery import shared_task


@shared_task(name="juki.tenshutsu_shojo", ignore_result=True)
def tenshutsu_shojo() -> dict[str, int]:
    """The 転出's 消除 that are due (j50, docs/adr/0017): every 転入通知 received, then
    each 転出予定者 whose 転出予定日 has come. Idempotent: run daily just after midnight
    (Japan time) and after each inbox sweep, nothing is removed twice."""
    from .ido.kernel import tenshutsu_yotei

    return tenshutsu_yotei.shojo_due().as_dict()
