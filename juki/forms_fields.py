"""Form fields for dates typed in 和暦 or 西暦 (see :mod:`jputil.wareki`).

Both fields use a plain text input.  A date value, or a typed string that
parses, is displayed back as 和暦 (「令和6年4月1日」), so a bound form that is
redisplayed (because another field failed) shows the normalized date the
clerk can check against the paper.  A string that does not parse is shown
exactly as typed so it can be corrected.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable
from datetime import date, datetime
from typing import Any, ClassVar, cast

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.forms.boundfield import BoundField
from django.utils import timezone

from jputil.wareki import (
    RecordedDate,
    WarekiError,
    format_recorded_wareki,
    parse_date,
    parse_recorded_date,
    to_seireki,
    to_wareki,
)

__all__ = ["RecordedDateField", "WarekiDateField"]


def _local_today() -> date:
    # timezone.localdate() refuses to run when USE_TZ is off.
    if settings.USE_TZ:
        return timezone.localdate()
    return datetime.now().date()  # noqa: DTZ005 - naive local time is the USE_TZ=False contract


def _date_only(value: datetime | date) -> date:
    if isinstance(value, datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.date()
    return value


def _wareki_or_seireki(value: date) -> str:
    # Dates before 1873 have no 和暦 spelling here; show them rather than crash
    # while rendering a form.
    try:
        return to_wareki(value)
    except WarekiError:
        return to_seireki(value)


class _WarekiFieldBase(forms.Field, ABC):
    widget = forms.TextInput
    default_error_messages: ClassVar[dict[str, Any]] = {
        "future": "未来の日付は入力できません。",
    }

    def __init__(
        self,
        *,
        allow_future: bool = True,
        today: Callable[[], date] | None = None,
        **kwargs: Any,
    ) -> None:
        """``allow_future=False`` rejects dates after today (local date).

        ``today`` overrides the clock, mainly for tests.
        """
        self.allow_future = allow_future
        self.today = today or _local_today
        super().__init__(**kwargs)

    def _check_future(self, value: date) -> None:
        if not self.allow_future and value > self.today():
            raise ValidationError(self.error_messages["future"], code="future")

    def has_changed(self, initial: Any, data: Any) -> bool:
        # The base class compares the raw initial with the cleaned data, which
        # would call date(2024, 4, 1) and 「令和6年4月1日」 different.
        if self.disabled:
            return False
        try:
            return bool(self.to_python(initial) != self.to_python(data))
        except ValidationError:
            return True

    @abstractmethod
    def _parse(self, text: str) -> Any:
        """The value of what was typed (WarekiError when it is none)."""

    def _of_date(self, value: date) -> Any:
        return value

    @abstractmethod
    def _display(self, value: Any) -> str:
        """How a value typed earlier is shown again."""

    def to_python(self, value: Any) -> Any:
        if isinstance(value, str):
            value = value.strip()  # also strips U+3000 (全角スペース)
        if value in self.empty_values:
            return None
        if isinstance(value, date):
            return self._of_date(_date_only(value))
        try:
            return self._parse(str(value))
        except WarekiError as exc:
            raise ValidationError(exc.message, code=exc.code) from exc

    def validate(self, value: Any) -> None:
        super().validate(value)
        if value is not None:
            self._check_future(value.sort_date if isinstance(value, RecordedDate) else value)

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, date):
            return _wareki_or_seireki(_date_only(value))
        if isinstance(value, str) and value.strip():
            try:
                return self._display(self._parse(value))
            except WarekiError:
                return value  # keep what was typed so it can be corrected
        return value


class WarekiDateField(_WarekiFieldBase):
    """A date typed as 「R6.4.1」「令和6年4月1日」「2024-04-01」 etc.

    Cleans to :class:`datetime.date`; errors are the Japanese messages of
    :func:`jputil.wareki.parse_date` (codes ``invalid``, ``nonexistent``,
    ``out_of_era``, ``unsupported``, ``partial``) plus ``future``.

    ``default_today=True`` shows today's date until the clerk changes it: 届出日
    (標準仕様書 4.1.0.2 j570), 戸籍届出・通知日 and 申出日 (4.2.0.4 j780) default to
    today; combine with ``allow_future=False`` for their 「当日以前」.
    """

    def __init__(self, *, default_today: bool = False, **kwargs: Any) -> None:
        self.default_today = default_today
        super().__init__(**kwargs)

    def get_bound_field(self, form: forms.BaseForm, field_name: str) -> BoundField:
        # The renderer's own BoundField (counter.form_rendering) stays; only its initial
        # (a cached_property, so an entry in __dict__) becomes today when there is none.
        bound = super().get_bound_field(form, field_name)
        if self.default_today and form.get_initial_for_field(self, field_name) in (None, ""):
            bound.__dict__["initial"] = self.today()
        return bound

    def _parse(self, text: str) -> date:
        return parse_date(text)

    def _display(self, value: date) -> str:
        return to_wareki(value)


class RecordedDateField(_WarekiFieldBase):
    """A register date that may be partly unknown or impossible as recorded (j80).

    Accepts what :class:`WarekiDateField` accepts plus 「昭和10年月日不詳」,
    「1980年3月日不詳」, 「平成3年2月29日」, 「明治45年7月30日」; cleans to
    :class:`jputil.wareki.RecordedDate`.  ``allow_future`` checks ``sort_date``.
    """

    def _parse(self, text: str) -> RecordedDate:
        return parse_recorded_date(text)

    def _of_date(self, value: date) -> RecordedDate:
        return RecordedDate(value)

    def _display(self, value: RecordedDate) -> str:
        return format_recorded_wareki(value)

    def to_python(self, value: Any) -> RecordedDate | None:
        if isinstance(value, RecordedDate):
            return value
        return cast("RecordedDate | None", super().to_python(value))

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, RecordedDate):
            return (
                format_recorded_wareki(value) if value.text else _wareki_or_seireki(value.sort_date)
            )
        return super().prepare_value(value)


def window_date_field(label: str) -> WarekiDateField:
    """A day a paper at the window states (届出年月日, 申請年月日 …): today by default, never
    in the future."""
    return WarekiDateField(label=label, allow_future=False, default_today=True)
