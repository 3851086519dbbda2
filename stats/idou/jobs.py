"""A year's 異動統計 as a Celery task with its progress (ADR 0039).

A year reads twelve months of 住民期間 and two populations: more than a screen should
wait for at a large city, so the screen asks for a run (`do_request_nen`), the task does
it month by month and writes how far it is (`ShukeiJob.done` of `total`), and the screen
shows that until the figures are there. Without a broker the task runs at the commit of
the request that asked (CELERY_TASK_ALWAYS_EAGER), and the screen shows the result at once.
"""

from __future__ import annotations

import datetime
import logging
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone

from .. import jinko
from ..nikkei.periods import Period, YearBasis, year_period
from .models import ShukeiJob, ShukeiKind, ShukeiState
from .population import population
from .report import ReportJson, months_of, period_report, report_from_json, report_to_json

if TYPE_CHECKING:
    from counter.models import StaffUser, Terminal

    from .ledger import Cell
    from .report import IdouReport

logger = logging.getLogger(__name__)


def nen_params(year: int, basis: YearBasis) -> dict[str, Any]:
    return {"year": year, "basis": basis.value}


def nen_period(params: dict[str, Any]) -> Period:
    return year_period(int(params["year"]), YearBasis(params["basis"]))


def latest_nen(year: int, basis: YearBasis) -> ShukeiJob | None:
    """The newest run asked for that year (one query)."""
    return (
        ShukeiJob.objects.filter(kind=ShukeiKind.IDOU_NEN, params=nen_params(year, basis))
        .order_by("-requested_at", "-id")
        .first()
    )


@transaction.atomic
def do_request_nen(
    year: int,
    basis: YearBasis,
    *,
    acting_user: StaffUser | None,
    terminal: Terminal | None = None,
) -> ShukeiJob:
    """Ask for a year's 異動統計: a run is queued and handed to Celery after the commit.
    A run of the same year still going is reused (asking twice does not run twice)."""
    running = latest_nen(year, basis)
    if running is not None and running.is_running:
        return running
    params = nen_params(year, basis)
    job = ShukeiJob.objects.create(
        kind=ShukeiKind.IDOU_NEN,
        params=params,
        total=len(months_of(nen_period(params))),
        requested_by=acting_user,
        requested_at=timezone.now(),
    )
    transaction.on_commit(lambda: _queue(job.pk), robust=True)
    return job


def _queue(job_id: int) -> None:
    from ..tasks import idou_nen

    idou_nen.delay(job_id)


def _cells(counts: dict[Cell, int]) -> list[list[Any]]:
    return [[*cell, n] for cell, n in counts.items()]


def run_nen(job_id: int) -> None:
    """Do one run (the task's body): month by month, the progress written after each;
    then the populations of the day before the period and of its last day."""
    job = ShukeiJob.objects.get(pk=job_id)
    if not job.is_running:
        return  # done already (a task delivered twice)
    job.state = ShukeiState.RUNNING
    job.save(update_fields=["state"])

    def progress(done: int, total: int) -> None:
        job.done, job.total = done, total
        job.save(update_fields=["done", "total"])

    try:
        period = nen_period(job.params)
        with jinko.one_catch_up():  # twelve months and two populations on one history row
            report = period_report(period, progress=progress)
            job.result = {
                "report": report_to_json(report),
                "start": _cells(population(period.start - datetime.timedelta(days=1))),
                "end": _cells(population(period.end)),
            }
        job.state = ShukeiState.DONE
    except Exception as exc:  # the screen says it failed; the log has the trace
        logger.exception("異動統計の集計に失敗しました（%s）", job.params)
        job.state = ShukeiState.FAILED
        job.error = str(exc)[:400]
    job.finished_at = timezone.now()
    job.save(update_fields=["state", "result", "error", "finished_at"])


def result_of(job: ShukeiJob) -> tuple[IdouReport, dict[Cell, int], dict[Cell, int]]:
    """The report and the populations of both ends that a finished run kept."""
    from .ledger import Cell

    assert job.result is not None
    data = job.result
    report_json: ReportJson = data["report"]

    def cells(rows: list[list[Any]]) -> dict[Cell, int]:
        return {Cell(code, sex, shubetsu): int(n) for code, sex, shubetsu, n in rows}

    return report_from_json(report_json), cells(data["start"]), cells(data["end"])
