"""No PIN anywhere (issue 13: 「the system records that it was done, never a PIN」): no
model field, no form field of mynumber (its kinds' forms included, found by walking the
package) and no 操作ログ row, history row or outbox message written by mynumber's views
and services holds a PIN, by name or by value."""

from __future__ import annotations

import importlib
import inspect
import json
import pkgutil
import re
from typing import Any

import pytest
from django import forms
from django.apps import apps
from django.db import models
from django.test import Client
from django.urls import reverse

import mynumber
from counter.models import AuditLog, OutboxMessage
from juki.models import Jumin
from mynumber import demo, services
from mynumber.models import CardRireki, PinSetteiKiroku, PinShurui, PinSousa, Raichousha

from ..conftest import login_as

#: what a field or an input holding a PIN would be called
PIN_NAME = re.compile(
    r"(^|_)(pin|pins|pin_?code|password|passwd|passcode|anshou\w*)($|_)|暗証", re.I
)
#: PIN-like values typed by a careless hand: 4 digits, the 署名用's 6–16 letters and digits
TYPED = ("4821", "0000", "AB12CD34", "ZX98765432QW")


def _mynumber_modules() -> list[Any]:
    found = []
    for info in pkgutil.walk_packages(mynumber.__path__, "mynumber."):
        if ".migrations" in info.name or info.name.endswith(".tests"):
            continue
        found.append(importlib.import_module(info.name))
    return found


def test_no_model_field_of_mynumber_is_named_for_a_pin() -> None:
    for model in apps.get_app_config("mynumber").get_models():
        for field in model._meta.get_fields():
            if not isinstance(field, models.Field):
                continue
            names = (field.name, str(field.verbose_name), field.column or "")
            assert not any(PIN_NAME.search(n) for n in names), f"{model.__name__}.{field.name}"


def test_the_pin_record_has_no_free_text_field_a_pin_could_be_typed_into() -> None:
    for field in PinSetteiKiroku._meta.get_fields():
        if isinstance(field, models.CharField | models.TextField):
            assert field.choices, f"PinSetteiKiroku.{field.name} takes free text"
        assert not isinstance(field, models.BinaryField | models.JSONField), field.name


def test_no_form_of_mynumber_has_a_field_for_a_pin() -> None:
    form_classes = {
        obj
        for module in _mynumber_modules()
        for _name, obj in inspect.getmembers(module, inspect.isclass)
        if issubclass(obj, forms.BaseForm) and obj.__module__.startswith("mynumber.")
    }
    assert form_classes  # the walk found the forms
    for form_class in form_classes:
        for name, field in form_class.base_fields.items():
            assert not PIN_NAME.search(name), f"{form_class.__name__}.{name}"
            assert not PIN_NAME.search(str(field.label or "")), f"{form_class.__name__}.{name}"
            assert not isinstance(field.widget, forms.PasswordInput), name


@pytest.mark.django_db
def test_no_log_history_or_message_of_mynumber_holds_a_typed_pin(
    client: Client, clerk: Any, ichiro: Jumin
) -> None:
    card = demo.issued(ichiro)
    before_log = AuditLog.objects.count()
    services.do_record_pin_setting(
        card,
        shurui=PinShurui.SHOMEI,
        sousa=PinSousa.HENKOU,
        raichousha=Raichousha.DAIRININ,
        shoukaisho=True,
        acting_user=clerk,
    )
    services.do_suspend(card, day=card.koufu_date, acting_user=clerk)  # type: ignore[arg-type]
    services.do_resume(card, day=card.koufu_date, acting_user=clerk)  # type: ignore[arg-type]
    login_as(client, clerk)
    for pin in TYPED:  # a PIN typed into every screen's inputs is never kept
        for name in ("index", "kigen"):
            client.get(reverse(f"mynumber:{name}"), {"q": pin, "months": pin, "pin": pin})
        client.get(reverse("mynumber:resident_cards", args=[ichiro.atena_bango]), {"pin": pin})
    details = list(AuditLog.objects.filter(pk__gt=before_log).values_list("detail", flat=True))
    payloads = list(OutboxMessage.objects.values_list("payload", flat=True))
    written = [
        *(json.dumps(d, ensure_ascii=False) for d in [*details, *payloads]),
        *(f"{a} {r}" for a, r in CardRireki.objects.values_list("act", "reason")),
    ]
    assert len(details) >= len(TYPED) and payloads  # one read row per resident page
    for text in written:
        for pin in TYPED:
            assert not re.search(rf"(?<![0-9A-Za-z]){pin}(?![0-9A-Za-z])", text), text
    for key in _keys([*details, *payloads]):
        assert not PIN_NAME.search(key), key


def _keys(values: list[Any]) -> list[str]:
    """Every key of the JSON objects (nested), where a PIN would be named."""
    out: list[str] = []
    stack = list(values)
    while stack:
        value = stack.pop()
        if isinstance(value, dict):
            out.extend(str(k) for k in value)
            stack.extend(value.values())
        elif isinstance(value, list):
            stack.extend(value)
    return out
