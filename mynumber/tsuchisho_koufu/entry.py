"""The entry of a 通知書交付: the holder, the visitor and their ID, the 返戻文書 seen."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from django import forms

from mynumber.kernel.todoke_entry import TodokeEntry, VisitorForm


@dataclass(frozen=True)
class TsuchishoKoufuEntry(TodokeEntry):
    VERSION: ClassVar[int] = 1

    #: seed ④: the 返戻文書等 (the post's notice, the city's letter) brought and checked
    check_henrei_bunsho: bool = False


class TsuchishoKoufuFormBase(VisitorForm):
    check_henrei_bunsho = forms.BooleanField(
        label="返戻文書等（市からのお知らせ等）を確認した", required=False
    )
