"""The 転入届's entry screen: this form's fields in the paper's order, and the persons.

``is_valid()`` validates the fields, the persons' formset and then the plan (made once
per request through ``kind.planned``): each problem lands on its field (a person's item
on that person's form, with a summary among the non-field errors) and what was typed
stays. After a successful ``is_valid()``, ``entry`` is the entry JSON.

特例転入: 「検索」 lists the unused 転出証明書情報 found, 「読み込む」 fills the form with
one; either only redisplays (nothing is checked or saved). 「転出地に求める」 asks the
転出地 for it (住基法第24条の2第4項: a person who moved elsewhere than the declared 転出先):
the one write of this form, through ``kernel.tenshutsu_joho_irai.do_request_tenshutsu_joho``;
the answer arrives in the inbox and is found by the same 検索.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any, cast

from django import forms
from django.forms.utils import ErrorDict

from counter.models import InboxStatus
from jputil import numbers, wareki

from ...forms_fields import WarekiDateField
from .. import kernel
from .entry import (
    CARD_FIELD,
    MAIN_KEYS,
    SHOUMEISHO_CHOICES,
    TennyuEntry,
    TennyuPerson,
    entry_post_data,
    parse_saitennyu,
)

if TYPE_CHECKING:
    from counter.procedure_models import Procedure

    from .kind import TennyuKind

#: the main fields a loaded 転出証明書情報 keeps as typed
TYPED_KEYS = ("todoke_date", "tennyu_date", "chouaza", "banchi", "katagaki", "setai_mode")


class TennyuCardPersonForm(kernel.TennyuPersonForm):
    """One incoming person, and whether they showed their 個人番号カード (not an item of
    the register: it decides which card is due for its 継続利用, 番号法第17条第2項)."""

    mynumber_card = forms.BooleanField(
        label="個人番号カードの提示あり",
        required=False,
        help_text="この方の個人番号カードを提示されたとき（継続利用の対象。特例転入で"
        "カードのない世帯員はチェックしない：住基法第24条の2第2項）",
    )


TennyuPersonFormSet = forms.formset_factory(
    TennyuCardPersonForm,
    formset=kernel.BasePersonFormSet,
    extra=0,
    min_num=1,
    validate_min=True,
    max_num=20,
    validate_max=True,
)


def _initial_persons(entry: dict[str, Any]) -> list[dict[str, Any]]:
    shown = entry.get(CARD_FIELD) or ()
    return [
        {**kernel.initial_person(p), CARD_FIELD: i in shown}
        for i, p in enumerate(entry.get("persons", []))
    ]


def _initial_main(entry: dict[str, Any]) -> dict[str, Any]:
    initial = {k: v for k, v in entry.items() if k not in ("persons", kernel.VERSION_KEY)}
    for key in ("todoke_date", "tennyu_date", "tenshutsu_yotei_date"):
        initial[key] = kernel.from_iso(entry.get(key) or None)
    return initial


class TennyuEntryForm(kernel.NewcomerAddressForm):
    """The whole 転入届: this form's fields and ``persons``, a formset."""

    field_order = MAIN_KEYS
    moji_fields = (*kernel.CityAddressForm.moji_fields, "zenjusho")
    join_label = "既存の世帯に入る（一部転入）"
    setai_bango_help = "既存の世帯に入るとき"

    todoke_date = WarekiDateField(label="届出年月日", allow_future=False, default_today=True)
    tennyu_date = WarekiDateField(label="転入した年月日（異動日）", allow_future=False)
    tenshutsu_yotei_date = WarekiDateField(
        label="転出予定年月日", required=False, help_text="転出証明書（転出証明書情報）の記載"
    )
    zenjusho_postal_code = forms.CharField(
        label="従前の住所の郵便番号", required=False, max_length=8
    )
    zenjusho = forms.CharField(label="従前の住所", max_length=200)
    shoumeisho = forms.ChoiceField(label="転出証明書")
    joho_search = forms.CharField(
        label="転出証明書情報の検索",
        required=False,
        max_length=40,
        help_text="住民票コード・個人番号（個人番号カードで確認）・氏名のカナ",
    )
    tenshutsu_joho = forms.CharField(required=False, widget=forms.HiddenInput)
    saitennyu = forms.CharField(
        label="再転入とする除票の宛名番号",
        required=False,
        max_length=200,
        help_text="氏名・生年月日・性別だけが一致する除票の方を同一人として再転入するとき"
        "（複数は「、」で区切る。住民票コード等が一致する除票は入力不要）",
    )

    def __init__(
        self,
        data: Any = None,
        *,
        kind: TennyuKind,
        entry: dict[str, Any] | None = None,
        procedure: Procedure | None = None,
    ) -> None:
        self.searching = False
        self.joho_results: list[kernel.tenshutsu_joho.TenshutsuJoho] = []
        self.joho_notice = ""
        self.joho_irai: kernel.tenshutsu_joho_irai.Irai | None = None
        self.irai_problems: list[tuple[str, str]] = []
        self.procedure = procedure
        if kind.tokurei and data is not None:
            data = self._joho_action(data)
        initial = _initial_main(entry) if entry and data is None else None
        super().__init__(data, initial=initial)
        self.kind = kind
        self.entry: dict[str, Any] | None = None
        self.flags: list[str] = []
        self._adapt_fields(kind)
        self.joho = kernel.tenshutsu_joho.get(self._joho_key(data, entry)) if kind.tokurei else None
        # The saved entry is the initial of an unbound form only: a bound formset that
        # had it as initial would take the unchanged rows for empty ones.
        people = _initial_persons(entry or {}) if data is None else []
        self.persons = cast(
            kernel.BasePersonFormSet,
            TennyuPersonFormSet(
                data,
                prefix="persons",
                initial=people or None,
                # a 住居地届出's plan asks the card itself, naming 法第30条の46
                form_kwargs={"plan_requires": ("zairyu_card_bango",) if kind.foreign_only else ()},
            ),
        )
        if data is None:
            self.persons.extra = 2 if people else 5  # 6 rows for a new entry
        if self.searching:
            self.persons.show_as_posted()

    def _adapt_fields(self, kind: TennyuKind) -> None:
        """The variant's fields: its 転出証明書 choices, no 転出予定日 from abroad, …"""
        choices = [(k, SHOUMEISHO_CHOICES[k]) for k in kind.shoumeisho_choices]
        shoumeisho = cast(forms.ChoiceField, self.fields["shoumeisho"])
        shoumeisho.choices = choices
        shoumeisho.initial = choices[0][0]
        if len(choices) == 1:
            shoumeisho.widget = forms.HiddenInput()
        if kind.needs_yotei:
            self.fields["tenshutsu_yotei_date"].required = True
        else:
            del self.fields["tenshutsu_yotei_date"]
        if kind.kokugai:
            self.fields["zenjusho"].label = "従前の住所（国・地域）"
            del self.fields["zenjusho_postal_code"]
        if not kind.tokurei:
            del self.fields["joho_search"], self.fields["tenshutsu_joho"]

    def _joho_action(self, data: Any) -> Any:
        """The data to bind after a 転出証明書情報 button (the posted data otherwise)."""
        if data.get("load_joho"):
            self.searching = True
            found = kernel.tenshutsu_joho.get(str(data["load_joho"]))
            if found is None or found.status != InboxStatus.RECEIVED:
                self.joho_notice = (
                    "その転出証明書情報は読み込めません（使用済みか、見つかりません）。"
                )
                return data
            typed = {key: data.get(key, "") for key in TYPED_KEYS}
            typed["setai_bango"] = data.get("setai_bango", "")
            filled = kernel.tenshutsu_joho.fill_entry(typed, found)
            return {
                **entry_post_data(filled),
                "tenshutsu_joho": found.key,
                "joho_search": data.get("joho_search", ""),
            }
        if data.get("request_joho"):
            self.searching = True
            self._request_joho(data)
            return data
        if data.get("find_joho"):
            self.searching = True
            text = str(data.get("joho_search") or "")
            self.joho_results = kernel.tenshutsu_joho.search(text) if text.strip() else []
            if not self.joho_results:
                self.joho_notice = (
                    "未使用の転出証明書情報は見つかりません。転出地で特例転出の届出がされているか、"
                    "受信済みかを確認してください。"
                    if text.strip()
                    else "住民票コード・個人番号・氏名のカナのいずれかを入力してください。"
                )
        return data

    def _request_joho(self, data: Any) -> None:
        """「転出地に求める」: the request to the 転出地 (each missing item on its field)."""
        text = str(data.get("joho_search") or "")
        zenjusho = str(data.get("zenjusho") or "")
        self.irai_problems = kernel.tenshutsu_joho_irai.irai_problems(text, zenjusho)
        if self.irai_problems or self.procedure is None:
            return
        try:
            moved: datetime.date | None = wareki.parse_date(str(data.get("tennyu_date") or ""))
        except ValueError:
            moved = None  # not typed yet, or not a date: the request goes without it
        self.joho_irai = kernel.tenshutsu_joho_irai.do_request_tenshutsu_joho(
            procedure=self.procedure, juminhyo_code=text, zenjusho=zenjusho, tennyu_date=moved
        )

    @staticmethod
    def _joho_key(data: Any, entry: dict[str, Any] | None) -> str:
        if data is not None:
            return str(data.get("tenshutsu_joho") or "")
        return str((entry or {}).get("tenshutsu_joho") or "")

    def clean_zenjusho_postal_code(self) -> str:
        digits = numbers.normalize_digits(
            (self.cleaned_data.get("zenjusho_postal_code") or "").replace("-", "").replace("－", "")
        )
        if digits and (len(digits) != 7 or not digits.isdigit()):
            raise forms.ValidationError("郵便番号は7桁の数字で入力してください。")
        return digits

    def clean_saitennyu(self) -> tuple[str, ...]:
        try:
            return parse_saitennyu(self.cleaned_data.get("saitennyu") or "")
        except ValueError as exc:
            raise forms.ValidationError(str(exc)) from None

    def full_clean(self) -> None:
        if self.searching:
            self._errors = ErrorDict()
            self.cleaned_data = {}
            self.entry = None
            if self.joho_notice:
                self._errors["joho_search"] = self.error_class([self.joho_notice])
            for name, message in self.irai_problems:
                self._errors.setdefault(name, self.error_class()).append(message)
            return
        super().full_clean()
        self.entry = None
        if not self.is_bound:
            return
        persons_ok = self.persons.is_valid()
        if not persons_ok:
            self._summarize_person_errors()
        if self.errors or not persons_ok:
            return
        entry = self._typed_entry()
        try:
            plan = self.kind.planned(entry)
        except kernel.PlanRefused as refused:
            for problem in refused.problems:
                self._place_problem(problem)
            return
        self.entry = entry.to_json()
        self.flags = plan.flags

    def is_valid(self) -> bool:
        return self.is_bound and not self.errors and self.entry is not None

    def _typed_entry(self) -> TennyuEntry:
        c = self.cleaned_data
        filled = self.persons.filled_forms()
        return TennyuEntry(
            todoke_date=c["todoke_date"],
            tennyu_date=c["tennyu_date"],
            tenshutsu_yotei_date=c.get("tenshutsu_yotei_date"),
            zenjusho_postal_code=c.get("zenjusho_postal_code", ""),
            zenjusho=c["zenjusho"],
            shoumeisho=c["shoumeisho"],
            **self.newcomer_address(),
            persons=tuple(TennyuPerson.from_json(f.person_entry(), nested=True) for f in filled),
            tenshutsu_joho=c.get("tenshutsu_joho", "") if self.kind.tokurei else "",
            saitennyu=c.get("saitennyu", ()),
            mynumber_card=tuple(i for i, f in enumerate(filled) if f.cleaned_data.get(CARD_FIELD)),
        )

    def _place_problem(self, problem: kernel.Problem) -> None:
        where = problem.field
        if where and where.startswith("persons."):
            _, index, item = where.split(".", 2)
            self.persons.filled_forms()[int(index)].add_error(item, problem.message)
            self.add_error(None, problem.message)
        elif where in self.fields:
            self.add_error(where, problem.message)
        else:
            self.add_error(None, problem.message)

    def _summarize_person_errors(self) -> None:
        for message in self.persons.non_form_errors():
            self.add_error(None, str(message))
        for i, errors in enumerate(self.persons.errors, start=1):
            if errors:
                fields = self.persons.forms[i - 1].fields
                labels = "・".join(
                    str(fields[name].label) if name in fields else "入力" for name in errors
                )
                self.add_error(None, f"{i}人目の転入者: {labels}に誤りがあります。")
