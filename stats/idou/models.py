"""統計の集計: one run of a heavy statistic in Celery (a year's 異動統計), its progress
and its result, so that the screen can show how far it is and then the figures."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models


class ShukeiState(models.TextChoices):
    QUEUED = "queued", "待機中"
    RUNNING = "running", "集計中"
    DONE = "done", "完了"
    FAILED = "failed", "失敗"


class ShukeiKind(models.TextChoices):
    IDOU_NEN = "idou_nen", "異動統計（年・年度）"


class ShukeiJob(models.Model):
    """One run: what was asked (`params`), how far it is (`done` of `total` months), and
    the figures once done (`result`: the report and the populations of both ends)."""

    kind = models.CharField("集計", max_length=20, choices=ShukeiKind.choices)
    #: the period asked, e.g. {"year": 2025, "basis": "nen"}: the screen finds its run by it
    params = models.JSONField("条件")
    state = models.CharField(
        "状態", max_length=10, choices=ShukeiState.choices, default=ShukeiState.QUEUED
    )
    done = models.PositiveIntegerField("処理済み", default=0)
    total = models.PositiveIntegerField("全体", default=0)
    result = models.JSONField("結果", null=True, blank=True)
    error = models.CharField("失敗の理由", max_length=400, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="依頼者",
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    requested_at = models.DateTimeField("依頼日時")
    finished_at = models.DateTimeField("終了日時", null=True, blank=True)

    class Meta:
        verbose_name = "統計の集計"
        verbose_name_plural = "統計の集計"
        ordering: ClassVar[list[str]] = ["-requested_at", "-id"]
        indexes: ClassVar[list[models.Index]] = [
            models.Index(fields=["kind", "-requested_at"], name="shukei_kind_latest"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.params} {self.get_state_display()}"

    @property
    def is_running(self) -> bool:
        return self.state in (ShukeiState.QUEUED, ShukeiState.RUNNING)

    @property
    def percent(self) -> int:
        return 100 * self.done // self.total if self.total else 0
