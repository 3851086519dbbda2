"""The 個人番号カード交付申請申込書: whose 申請書, who asks, an envelope or not."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from django import forms

from mynumber.kernel import madoguchi
from mynumber.kernel.todoke_entry import TodokeEntry, VisitorForm


@dataclass(frozen=True)
class KoufuShinseishoEntry(TodokeEntry):
    VERSION: ClassVar[int] = 1

    fuutou: bool = False


class ShinseishoFields(VisitorForm):
    todoke_date = madoguchi.date_field("申込年月日")
    fuutou = forms.BooleanField(label="郵送用封筒を渡す", required=False)
