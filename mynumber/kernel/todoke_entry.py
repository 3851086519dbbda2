"""What every 届出 of these kinds states: whose card, on which day, who came and with
what ID; each kind's entry adds its own fields after these."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import ClassVar

from django import forms

from counter.kind_entry import Entry
from counter.kind_plan import Problems
from juki.models import Jumin

from . import madoguchi, rules
from .todoke_form import TodokeForm


@dataclass(frozen=True)
class TodokeEntry(Entry):
    VERSION: ClassVar[int] = 1

    atena_bango: str = ""
    todoke_date: datetime.date | None = None
    raichousha: str = madoguchi.Raichousha.HONNIN
    dairinin_shimei: str = ""
    dairiken: str = ""
    honnin_kakunin: str = ""


class VisitorForm(TodokeForm):
    """The 届出's first lines: the holder, the day, the visitor and their ID."""

    atena_bango = forms.CharField(label="宛名番号（届出の対象となる方）", max_length=10)
    todoke_date = madoguchi.date_field("届出年月日")
    raichousha = madoguchi.raichousha_field()
    dairinin_shimei, dairiken = madoguchi.dairinin_fields()
    honnin_kakunin = madoguchi.id_field()


def check_todoke(problems: Problems, entry: TodokeEntry, *, lock: bool = False) -> Jumin | None:
    """The day, the holder (a live resident) and the visitor, every problem collected."""
    madoguchi.require_day(problems, entry.todoke_date, "届出年月日", "todoke_date")
    person = rules.find_person(problems, entry.atena_bango, lock=lock)
    madoguchi.check_visitor(
        problems,
        raichousha=entry.raichousha,
        dairinin_shimei=entry.dairinin_shimei,
        dairiken=entry.dairiken,
        honnin_kakunin=entry.honnin_kakunin,
    )
    return person


def visitor_rows(entry: TodokeEntry, person: Jumin) -> list[tuple[str, str]]:
    kubun = madoguchi.Raichousha(entry.raichousha).label
    name = madoguchi.visitor_name(person, entry.raichousha, entry.dairinin_shimei)
    rows = [
        ("来庁者", f"{kubun}（{name}）"),
        ("本人確認書類", madoguchi.id_label(entry.honnin_kakunin)),
    ]
    if entry.dairiken:
        rows.append(("代理権の確認", madoguchi.Dairiken(entry.dairiken).label))
    return rows
