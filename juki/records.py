"""The records of a 宛名番号: one live 住民票 at most, and any number of 除票 beside it
(再転入 and 区間転入 leave them under the same number: j130, j600, ADR 0021).

Imported by juki.models, which the rest of the app reads them from.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models

if TYPE_CHECKING:
    from .models import Jumin  # noqa: F401 - named by the QuerySet's type argument

#: a person's 住民票 first, then their 除票 newest first: the record a 宛名番号 opens
CURRENT_FIRST = (
    models.Case(models.When(status="live", then=0), default=1),
    models.F("id").desc(),
)


class JuminQuerySet(models.QuerySet["Jumin"]):
    def of_atena(self, atena_bango: str) -> JuminQuerySet:
        """The records of one 宛名番号, the current one first (``.first()`` opens it)."""
        return self.filter(atena_bango=atena_bango).order_by(*CURRENT_FIRST)
