"""Celery tasks of the statistics: the heavy runs (a year's 異動統計, ADR 0039)."""

from __future__ import annotations

from celery import shared_task


@shared_task(name="stats.idou_nen")
def idou_nen(job_id: int) -> None:
    """Run the year's 異動統計 asked for by ShukeiJob `job_id`, writing its progress."""
    from .idou.jobs import run_nen

    run_nen(job_id)
