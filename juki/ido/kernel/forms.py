"""Form pieces every 異動 entry uses: the 町字 field, search-redisplay, abstract hooks."""

from __future__ import annotations

from abc import ABCMeta
from typing import Any

from django import forms
from django.forms.forms import DeclarativeFieldsMetaclass
from django.forms.utils import ErrorDict

from ...models import Chouaza


class ChouazaField(forms.ModelChoiceField):
    """The new address's 町字, chosen by code; in a 指定都市 each shows its 行政区."""

    def __init__(self, *, label: str, **kwargs: Any) -> None:
        queryset = (
            Chouaza.objects.filter(is_active=True).select_related("gyouseiku").order_by("code")
        )
        super().__init__(queryset, label=label, to_field_name="code", **kwargs)


class AbstractFormMeta(DeclarativeFieldsMetaclass, ABCMeta):
    """Lets a Django form base declare @abstractmethod hooks for its subclasses."""


class SearchRedisplayMixin:
    """For entry forms with a 「…を表示」 button (name="search"): pressing it only shows
    what it found (the household, its members' fields); it neither saves nor shows errors
    for the fields the clerk has not reached yet."""

    def __init__(self, data: Any = None, *args: Any, **kwargs: Any) -> None:
        self.searching = bool(data is not None and data.get("search"))
        super().__init__(data, *args, **kwargs)  # type: ignore[call-arg]

    def full_clean(self) -> None:
        if self.searching:
            self._errors = ErrorDict()
            self.cleaned_data: dict[str, Any] = {}
            return
        super().full_clean()  # type: ignore[misc]

    def is_valid(self) -> bool:
        return not self.searching and super().is_valid()  # type: ignore[misc]
