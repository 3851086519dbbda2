"""The 通知カード紛失届: when, how, and whether the police were told."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import ClassVar

from django import forms

from mynumber.kernel import madoguchi
from mynumber.kernel.todoke_entry import TodokeEntry, VisitorForm

JIYU = {"funshitsu": "紛失", "tounan": "盗難", "shoushitsu": "焼失"}


@dataclass(frozen=True)
class TsuchiCardFunshitsuEntry(TodokeEntry):
    VERSION: ClassVar[int] = 1

    jiyu: str = "funshitsu"
    funshitsu_date: datetime.date | None = None
    keisatsu_todoke: bool = False


class FunshitsuFields(VisitorForm):
    jiyu = forms.ChoiceField(label="紛失の事由", choices=list(JIYU.items()))
    funshitsu_date = madoguchi.date_field("紛失に気づいた日")
    keisatsu_todoke = forms.BooleanField(label="警察に遺失届・盗難届を出した", required=False)
