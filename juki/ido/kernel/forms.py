"""Form pieces every 異動 entry uses: the 町字 field, the new address and household,
search-redisplay, abstract hooks."""

from __future__ import annotations

from abc import ABCMeta
from typing import Any, ClassVar, cast

from django import forms
from django.forms.forms import DeclarativeFieldsMetaclass
from django.forms.utils import ErrorDict

from jputil import numbers

from ...gaiji import MojiCheckedForm
from ...models import Chouaza


class ChouazaField(forms.ModelChoiceField):
    """The new address's 町字, chosen by code; in a 指定都市 each shows its 行政区."""

    def __init__(self, *, label: str, **kwargs: Any) -> None:
        queryset = (
            Chouaza.objects.filter(is_active=True).select_related("gyouseiku").order_by("code")
        )
        super().__init__(queryset, label=label, to_field_name="code", **kwargs)


class CityAddressForm(MojiCheckedForm, forms.Form):
    """The address in the city an entry records (``AddressFields``): 町字, 番地, 方書.

    Django puts a base's fields first: a form whose own fields come before these names
    them in ``field_order``. 番地 and 方書 hold only printable characters (j1070); a
    subclass adds its own address fields (従前の住所, 転出先) to ``moji_fields``."""

    moji_fields: ClassVar[tuple[str, ...]] = ("banchi", "katagaki")

    chouaza_label: ClassVar[str] = "新しい住所（町字）"

    chouaza = ChouazaField(label="新しい住所（町字）")
    banchi = forms.CharField(label="番地", max_length=60)
    katagaki = forms.CharField(label="方書", max_length=100, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["chouaza"].label = self.chouaza_label


class NewcomerAddressForm(CityAddressForm):
    """The address and the household of persons new to the register (``AddressFields``
    and ``NewcomerHousehold``): a new household, or the live one whose 世帯番号 is typed."""

    join_label: ClassVar[str] = "既存の世帯に入る"
    setai_bango_help: ClassVar[str] = ""

    setai_mode = forms.ChoiceField(
        label="世帯",
        choices=[("new", "新しい世帯をつくる"), ("join", "既存の世帯に入る")],
        widget=forms.RadioSelect,
        initial="new",
    )
    setai_bango = forms.CharField(label="入る世帯の世帯番号", max_length=12, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        mode = cast(forms.ChoiceField, self.fields["setai_mode"])
        mode.choices = [("new", "新しい世帯をつくる"), ("join", self.join_label)]
        self.fields["setai_bango"].help_text = self.setai_bango_help

    def clean_setai_bango(self) -> str:
        return numbers.normalize_digits(self.cleaned_data.get("setai_bango") or "")

    def newcomer_address(self) -> dict[str, str]:
        """The entry's address and household fields, from the cleaned data."""
        c = self.cleaned_data
        joins = c["setai_mode"] == "join"
        return {
            "chouaza": c["chouaza"].code,
            "banchi": c["banchi"],
            "katagaki": c.get("katagaki", ""),
            "setai_mode": "join" if joins else "new",
            "setai_bango": c["setai_bango"] if joins else "",
        }


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
