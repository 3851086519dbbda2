"""The 個人番号カード交付／再交付申請取消申出書."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from django import forms

from mynumber.kernel import madoguchi
from mynumber.kernel.todoke_entry import TodokeEntry, VisitorForm


@dataclass(frozen=True)
class ShinseiTorikeshiEntry(TodokeEntry):
    VERSION: ClassVar[int] = 1

    riyu: str = ""


class TorikeshiFields(VisitorForm):
    todoke_date = madoguchi.date_field("申出年月日")
    riyu = forms.CharField(label="取消の理由", max_length=100)
