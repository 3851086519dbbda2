"""The certificates' printed kinds; the record of each copy (HakkoKiroku) is
counter.shomei.models' since seal prints too (docs/adr/0030), re-exported here."""

from __future__ import annotations

from django.db import models

from counter.shomei.models import HakkoKiroku

__all__ = ["HakkoKiroku", "ShomeiKind"]


class ShomeiKind(models.TextChoices):
    """The printed kinds; the values are the 手数料 master's codes."""

    JUMINHYO = "juminhyo_utsushi", "住民票の写し"
    JOHYO = "johyo_utsushi", "除票の写し"
    KISAI_JIKO = "kisai_jiko", "記載事項証明書"
    FUZAIJU = "fuzaiju", "不在住証明書"
    JUKYO_HYOJI = "jukyo_hyoji", "住居表示変更証明書"
