"""Tests for the 和暦 form fields and template filters (needs Django settings, no DB)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.template import Context, Engine
from django.utils import timezone

from jputil.template_filters import seireki_filter, wareki_filter
from jputil.wareki import RecordedDate
from juki.forms_fields import RecordedDateField, WarekiDateField


def fixed_today() -> date:
    return date(2024, 4, 1)


def clean_error(field: forms.Field, value: object) -> ValidationError:
    with pytest.raises(ValidationError) as info:
        field.clean(value)
    return info.value


# --------------------------------------------------------------------------- WarekiDateField


@pytest.mark.parametrize(
    "typed",
    ["R6.4.1", "令和6年4月1日", "令和６年４月１日", "Ｒ６．４．１", "r060401", "2024-04-01"],
)
def test_wareki_date_field_cleans_to_date(typed: str) -> None:
    assert WarekiDateField().clean(typed) == date(2024, 4, 1)


def test_wareki_date_field_accepts_python_values() -> None:
    field = WarekiDateField()
    assert field.clean(date(2024, 4, 1)) == date(2024, 4, 1)
    with timezone.override("Asia/Tokyo"):
        aware = datetime(2024, 3, 31, 15, 0, tzinfo=UTC)  # 2024-04-01 00:00 in Tokyo
        assert field.clean(aware) == date(2024, 4, 1)


@pytest.mark.parametrize(
    ("typed", "message", "code"),
    [
        ("令和6年2月30日", "令和6年2月30日は存在しない日付です。", "nonexistent"),
        (
            "昭和64年1月8日",
            "昭和64年1月8日は昭和の期間外です（昭和は昭和元年12月25日から昭和64年1月7日まで）。",
            "out_of_era",
        ),
        ("あした", "日付として読み取れません。例: R6.4.1、令和6年4月1日、2024-04-01", "invalid"),
    ],
)
def test_wareki_date_field_errors(typed: str, message: str, code: str) -> None:
    error = clean_error(WarekiDateField(), typed)
    assert error.messages == [message]
    assert error.error_list[0].code == code


def test_wareki_date_field_required_and_optional() -> None:
    assert clean_error(WarekiDateField(), "").error_list[0].code == "required"
    assert clean_error(WarekiDateField(), " \u3000 ").error_list[0].code == "required"
    assert WarekiDateField(required=False).clean("\u3000") is None
    assert WarekiDateField(required=False).clean("") is None


def test_allow_future() -> None:
    strict = WarekiDateField(allow_future=False, today=fixed_today)
    assert strict.clean("R6.4.1") == date(2024, 4, 1)
    error = clean_error(strict, "R6.4.2")
    assert error.messages == ["未来の日付は入力できません。"]
    assert error.error_list[0].code == "future"
    assert WarekiDateField(allow_future=True, today=fixed_today).clean("R6.4.2") == date(2024, 4, 2)


def test_allow_future_uses_the_real_clock_by_default() -> None:
    strict = WarekiDateField(allow_future=False)
    assert strict.clean("2000-01-01") == date(2000, 1, 1)
    assert clean_error(strict, "2999-01-01").messages == ["未来の日付は入力できません。"]


def test_future_message_can_be_overridden() -> None:
    field = WarekiDateField(
        allow_future=False, today=fixed_today, error_messages={"future": "届出日が未来です。"}
    )
    assert clean_error(field, "R7.1.1").messages == ["届出日が未来です。"]


class DateForm(forms.Form):
    moved_on = WarekiDateField()
    note = forms.CharField()


def rendered_value(form: forms.Form, name: str) -> object:
    return form[name].value()


def test_bound_form_redisplays_valid_input_as_wareki() -> None:
    form = DateForm(data={"moved_on": "r6.4.1", "note": ""})
    assert not form.is_valid()  # note is missing, so the form is shown again
    assert form.cleaned_data["moved_on"] == date(2024, 4, 1)
    assert rendered_value(form, "moved_on") == "令和6年4月1日"
    assert 'value="令和6年4月1日"' in str(form["moved_on"])


def test_bound_form_keeps_invalid_input_as_typed() -> None:
    form = DateForm(data={"moved_on": "R6.2.30", "note": "x"})
    assert not form.is_valid()
    assert form.errors["moved_on"] == ["令和6年2月30日は存在しない日付です。"]
    assert 'value="R6.2.30"' in str(form["moved_on"])


def test_unbound_form_shows_initial_date_as_wareki() -> None:
    form = DateForm(initial={"moved_on": date(2019, 5, 1)})
    assert 'value="令和元年5月1日"' in str(form["moved_on"])
    assert 'type="text"' in str(form["moved_on"])


def test_initial_before_1873_is_shown_in_seireki() -> None:
    assert WarekiDateField().prepare_value(date(1850, 1, 2)) == "1850年1月2日"


def test_has_changed_compares_dates_not_spellings() -> None:
    field = WarekiDateField()
    assert not field.has_changed(date(2024, 4, 1), "R6.4.1")
    assert not field.has_changed(date(2024, 4, 1), "令和6年4月1日")
    assert field.has_changed(date(2024, 4, 1), "R6.4.2")
    assert field.has_changed(date(2024, 4, 1), "R6.2.30")
    assert not field.has_changed(None, "")


# --------------------------------------------------------------------------- RecordedDateField


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("R6.4.1", RecordedDate(date(2024, 4, 1), "")),
        ("昭和10年月日不詳", RecordedDate(date(1935, 1, 1), "昭和10年月日不詳")),
        ("1980年3月日不詳", RecordedDate(date(1980, 3, 1), "1980年3月日不詳")),
        ("平成３年２月２９日", RecordedDate(date(1991, 2, 28), "平成3年2月29日")),
        ("明治45年7月30日", RecordedDate(date(1912, 7, 30), "明治45年7月30日")),
        ("大正15年12月25日", RecordedDate(date(1926, 12, 25), "大正15年12月25日")),
    ],
)
def test_recorded_date_field_cleans(typed: str, expected: RecordedDate) -> None:
    assert RecordedDateField().clean(typed) == expected


def test_recorded_date_field_errors() -> None:
    error = clean_error(RecordedDateField(), "令和6年2月30日")
    assert error.messages == ["令和6年2月30日は存在しない日付です。"]
    assert error.error_list[0].code == "nonexistent"
    assert clean_error(RecordedDateField(), "").error_list[0].code == "required"
    assert RecordedDateField(required=False).clean("") is None


def test_recorded_date_field_allow_future_checks_sort_date() -> None:
    field = RecordedDateField(allow_future=False, today=fixed_today)
    assert field.clean("令和6年月日不詳") == RecordedDate(date(2024, 1, 1), "令和6年月日不詳")
    assert clean_error(field, "令和6年5月日不詳").messages == ["未来の日付は入力できません。"]


def test_recorded_date_field_display() -> None:
    field = RecordedDateField()
    unknown = RecordedDate(date(1935, 1, 1), "昭和10年月日不詳")
    assert field.prepare_value(unknown) == "昭和10年月日不詳"
    assert field.prepare_value(RecordedDate(date(2024, 4, 1))) == "令和6年4月1日"
    assert field.prepare_value(date(2024, 4, 1)) == "令和6年4月1日"
    assert field.prepare_value("S10年月日不詳") == "昭和10年月日不詳"
    assert field.prepare_value("H3.2.29") == "平成3年2月29日"
    assert field.prepare_value("R6.2.30") == "R6.2.30"
    assert field.prepare_value(None) is None


class RecordedForm(forms.Form):
    born_on = RecordedDateField()
    note = forms.CharField()


def test_recorded_form_redisplay() -> None:
    form = RecordedForm(data={"born_on": "s10年5月日不詳", "note": ""})
    assert not form.is_valid()
    assert 'value="昭和10年5月日不詳"' in str(form["born_on"])
    assert not RecordedForm.base_fields["born_on"].has_changed(date(2024, 4, 1), "R6.4.1")
    assert not RecordedForm.base_fields["born_on"].has_changed(
        RecordedDate(date(1935, 1, 1), "昭和10年月日不詳"), "S10年月日不詳"
    )


# --------------------------------------------------------------------------- template filters


def test_filters_on_dates() -> None:
    assert wareki_filter(date(2024, 4, 1)) == "令和6年4月1日"
    assert wareki_filter(date(2019, 5, 1)) == "令和元年5月1日"
    assert seireki_filter(date(2024, 4, 1)) == "2024年4月1日"


def test_filters_on_recorded_dates() -> None:
    rd = RecordedDate(date(1935, 1, 1), "昭和10年月日不詳")
    assert wareki_filter(rd) == "昭和10年月日不詳"
    assert seireki_filter(rd) == "1935年月日不詳"
    assert wareki_filter(RecordedDate(date(2024, 4, 1))) == "令和6年4月1日"


def test_filters_never_raise() -> None:
    assert wareki_filter(None) == ""
    assert wareki_filter("") == ""
    assert seireki_filter(None) == ""
    assert wareki_filter("不明") == "不明"
    assert wareki_filter(date(1850, 1, 2)) == "1850年1月2日"
    assert wareki_filter(RecordedDate(date(1850, 1, 2))) == "1850年1月2日"


def test_filters_on_aware_datetime_use_local_date() -> None:
    with timezone.override("Asia/Tokyo"):
        moment = datetime(2019, 4, 30, 15, 0, tzinfo=UTC)  # 2019-05-01 00:00 in Tokyo
        assert wareki_filter(moment) == "令和元年5月1日"
        assert seireki_filter(moment) == "2019年5月1日"


def test_filters_in_a_template() -> None:
    engine = Engine(libraries={"wareki": "jputil.template_filters"})
    template = engine.from_string("{% load wareki %}{{ d|wareki }} / {{ d|seireki }}")
    assert template.render(Context({"d": date(2024, 4, 1)})) == "令和6年4月1日 / 2024年4月1日"
