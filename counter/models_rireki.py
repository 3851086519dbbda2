"""The shape every "who did what, when" record shares, for the things with a life of their
own (a seal registration, a card, a returned 通知書 …): abstract models, so each app keeps
its own table and its own choices and the columns stay the same everywhere."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class ActedRecord(models.Model):
    """An act on a thing: when, by which member of staff (none for the system's own acts:
    a reaction or a nightly task), within which procedure (none outside one)."""

    at = models.DateTimeField("日時")
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="職員",
    )
    procedure = models.ForeignKey(
        "counter.Procedure",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="手続",
    )

    class Meta:
        abstract = True
        ordering = ("at", "id")


class StatusRireki(ActedRecord):
    """One move of a django-fsm life: from, to, the act and why. A subclass names the thing
    (its foreign key) and redeclares ``from_status``/``to_status`` with its own choices."""

    from_status = models.CharField("変更前", max_length=10, blank=True)
    to_status = models.CharField("変更後", max_length=10)
    act = models.CharField("処理", max_length=40)
    reason = models.CharField("事由", max_length=200, blank=True)

    class Meta(ActedRecord.Meta):
        abstract = True

    def __str__(self) -> str:
        return f"{self.act} {self.from_status}→{self.to_status}"
