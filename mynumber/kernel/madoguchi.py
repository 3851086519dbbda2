"""The window's checks that every 届出 on a 個人番号カード or 通知カード shares (seed 004:
「本人確認書類の持参の確認」「代理権の確認」, the kind of ID recorded): who stands at the
window, the 代理人's name and the document of the 代理権, and the ID shown.

事務処理要領 (「通知カード・個人番号カード関連事務の委任に係る事務処理要領」, 総務省): a 届出
is taken from the holder, the 法定代理人 (with a document of the 代理権: 戸籍謄本、登記事項
証明書 …) or a 任意代理人 (with a 委任状); the visitor's identity is checked and the kind
of document recorded. Each rule adds its problem next to its field.
"""

from __future__ import annotations

import datetime

from django import forms
from django.db import models

from counter.kind_plan import Problems
from counter.procedure_models import IdDocument
from juki.forms_fields import window_date_field
from juki.models import Jumin

DAIRIKEN_RULE = "事務処理要領（代理権の確認）"
KAKUNIN_RULE = "事務処理要領（本人確認書類の審査と種類の記録）"


class Raichousha(models.TextChoices):
    """Who stands at the window for the holder (the values of mynumber.models.Raichousha;
    a 届出's 任意代理人 comes with a 委任状, not the PIN's 照会書兼回答書)."""

    HONNIN = "honnin", "本人"
    HOUTEI = "houtei", "法定代理人"
    DAIRININ = "dairinin", "任意代理人（委任状）"


class Dairiken(models.TextChoices):
    """The document that shows the 代理権 (seed: 「委任状等」)."""

    ININJO = "ininjo", "委任状"
    KOSEKI = "koseki", "戸籍謄本等（親権者）"
    TOUKI = "touki", "登記事項証明書（成年後見人等）"


def raichousha_field() -> forms.ChoiceField:
    return forms.ChoiceField(label="来庁者", choices=Raichousha.choices, initial=Raichousha.HONNIN)


def dairinin_fields() -> tuple[forms.CharField, forms.ChoiceField]:
    return (
        forms.CharField(label="代理人の氏名", max_length=100, required=False),
        forms.ChoiceField(
            label="代理権の確認書類",
            choices=[("", "（本人の来庁）"), *Dairiken.choices],
            required=False,
        ),
    )


def id_field() -> forms.ChoiceField:
    return forms.ChoiceField(
        label="来庁者の本人確認書類",
        choices=[("", "（選択してください）"), *IdDocument.choices],
        required=False,
    )


date_field = window_date_field


def check_visitor(
    problems: Problems,
    *,
    raichousha: str,
    dairinin_shimei: str,
    dairiken: str,
    honnin_kakunin: str,
) -> None:
    """The visitor: a 代理人 names themself and shows the document of the 代理権 that
    fits them; everyone shows an ID whose kind is recorded."""
    problems.require(
        raichousha in Raichousha.values, "来庁者を選んでください。", field="raichousha"
    )
    if raichousha in (Raichousha.HOUTEI, Raichousha.DAIRININ):
        problems.require(
            bool(dairinin_shimei.strip()),
            f"{DAIRIKEN_RULE}: 代理人の氏名を入力してください。",
            field="dairinin_shimei",
        )
        fits = (
            dairiken == Dairiken.ININJO
            if raichousha == Raichousha.DAIRININ
            else dairiken in (Dairiken.KOSEKI, Dairiken.TOUKI)
        )
        problems.require(
            fits,
            f"{DAIRIKEN_RULE}: "
            + (
                "任意代理人は委任状で代理権を確認してください。"
                if raichousha == Raichousha.DAIRININ
                else "法定代理人は戸籍謄本等又は登記事項証明書で代理権を確認してください。"
            ),
            field="dairiken",
        )
    problems.require(
        honnin_kakunin in IdDocument.values,
        f"{KAKUNIN_RULE}: 来庁者の本人確認書類の種類を選んでください。",
        field="honnin_kakunin",
    )


def visitor_name(person: Jumin, raichousha: str, dairinin_shimei: str) -> str:
    return person.full_name if raichousha == Raichousha.HONNIN else dairinin_shimei.strip()


def id_label(value: str) -> str:
    return str(dict(IdDocument.choices).get(value, value))


def require_day(problems: Problems, day: datetime.date | None, label: str, field: str) -> None:
    problems.require(day is not None, f"{label}を入力してください。", field=field)


def check_not_before(
    problems: Problems,
    day: datetime.date | None,
    todoke: datetime.date | None,
    label: str,
    field: str,
) -> None:
    if day is not None and todoke is not None:
        problems.require(
            day <= todoke, f"{label}は届出年月日以前の日を入力してください。", field=field
        )
