"""The rules of a 広域交付 request at our window (住基法第12条の4), one test each, the
messages' schemas checked when queued, and the form under hypothesis."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import override_settings
from hypothesis import given, settings
from hypothesis import strategies as st

from certificates.kouiki import messages as m
from certificates.kouiki.demo import answer, entry
from certificates.kouiki.entry import KouikiEntry
from certificates.kouiki.form import KouikiForm, new_irai_no
from certificates.kouiki.rules import IRAI_NO_RE, plan
from counter import inbox, outbox
from counter.kind_plan import PlanRefused
from counter.procedure_models import IdDocument

from ..procedures import post_data


def problems_of(**changes: Any) -> dict[str, str]:
    """field → the messages of the plan of the example's entry with ``changes``."""
    try:
        plan(KouikiEntry.from_json({**entry(), **changes}))
    except PlanRefused as refused:
        out: dict[str, str] = {}
        for p in refused.problems:
            out[p.field or ""] = out.get(p.field or "", "") + p.message
        return out
    return {}


@pytest.mark.django_db
def test_the_example_request_passes_every_rule() -> None:
    assert problems_of() == {}


@pytest.mark.django_db
def test_a_dairinin_may_not_ask_for_a_kouiki_copy() -> None:
    found = problems_of(seikyusha_kubun="dairinin", dairinin_shimei="代理　人", ininjo=True)
    assert "住基法第12条の4第1項" in found["seikyusha_kubun"]
    assert "代理人による請求はできません" in found["seikyusha_kubun"]


@pytest.mark.django_db
@pytest.mark.parametrize("kubun", ["daisansha", "shigyo", "kouyou"])
def test_only_the_honnin_or_the_same_household_may_ask(kubun: str) -> None:
    found = problems_of(seikyusha_kubun=kubun)
    assert "住基法第12条の4第1項" in found["seikyusha_kubun"]
    assert "本人又は同一世帯" in found["seikyusha_kubun"]


@pytest.mark.django_db
def test_the_requester_must_come_in_person() -> None:
    assert "住基法第12条の4第1項" in problems_of(shuttou=False)["shuttou"]


@pytest.mark.django_db
@pytest.mark.parametrize("shorui", ["", IdDocument.HOKENSHO.value, IdDocument.OTHER.value])
def test_a_photo_id_must_be_shown(shorui: str) -> None:
    found = problems_of(honnin_shorui=shorui)
    assert "住基法第12条の4第1項後段" in found["honnin_shorui"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "shorui", ["mynumber_card", "driver_license", "passport", "zairyu_card", "other_photo"]
)
def test_every_photo_id_is_accepted(shorui: str) -> None:
    assert "honnin_shorui" not in problems_of(honnin_shorui=shorui)


@pytest.mark.django_db
def test_honseki_and_hittousha_are_never_printed_on_a_kouiki_copy() -> None:
    found = problems_of(kisai=["honseki_hittousha"])
    assert "住基法第12条の4第1項" in found["kisai"] and "第7条第5号" in found["kisai"]


@pytest.mark.django_db
def test_the_kojin_bango_and_the_code_may_be_asked_for_specially() -> None:
    # 第12条の4第4項: left out unless specially asked for (the form ticks neither)
    assert problems_of(kisai=["kojin_bango", "juminhyo_code", "setai_nushi_zokugara"]) == {}
    initial = KouikiForm(entry=None).initial["kisai"]
    assert not {"kojin_bango", "juminhyo_code", "setai_nushi_zokugara"} & set(initial)


@pytest.mark.django_db
def test_a_same_household_request_names_whom_it_is_for() -> None:
    found = problems_of(seikyusha_kubun="doitsu_setai")
    assert "住基法第12条の4第1項" in found["taisho_shimei"]
    assert problems_of(seikyusha_kubun="doitsu_setai", setai_zenin=True) == {}


@pytest.mark.django_db
def test_the_home_city_and_the_code_are_needed() -> None:
    found = problems_of(juminhyo_code="123", jutaku_dantai_code="", jutaku_dantai_name="")
    assert "住基法第12条の4第2項" in found["juminhyo_code"]
    assert "住基法第12条の4第2項" in found["jutaku_dantai_code"]


@pytest.mark.django_db
@override_settings(MUNICIPALITY_CODE="14104")
def test_our_own_resident_asks_for_the_ordinary_copy() -> None:
    assert "広域交付ではなく" in problems_of()["jutaku_dantai_code"]


# --------------------------------------------------------------------------- messages


@pytest.mark.django_db
def test_the_request_is_checked_against_its_schema_when_queued() -> None:
    from django.db import transaction

    with transaction.atomic(), pytest.raises(outbox.OutboxError, match="kouiki_koufu_irai"):
        outbox.enqueue(
            destination=m.DESTINATION,
            message_type=m.IRAI_TYPE,
            payload={"irai_no": "kouiki-13107-000000000001"},
            idempotency_key="kouiki-13107-000000000001",
        )


@pytest.mark.django_db
def test_the_answer_is_checked_against_its_schema_when_queued() -> None:
    from django.db import transaction

    bad = {**answer()["payload"], "persons": [{"shimei": "x"}]}
    with transaction.atomic(), pytest.raises(outbox.OutboxError, match="persons"):
        outbox.enqueue(
            destination=m.DESTINATION,
            message_type=m.KAITO_TYPE,
            payload=bad,
            idempotency_key="kaito-x",
        )


@pytest.mark.django_db
def test_a_received_answer_without_its_number_or_result_is_refused() -> None:
    with pytest.raises(inbox.InboxError, match="kekka"):
        inbox.receive(m.DESTINATION, {**answer(), "payload": {**answer()["payload"], "kekka": "?"}})
    with pytest.raises(inbox.InboxError, match="irai_no"):
        inbox.receive(
            m.DESTINATION, {**answer(), "payload": {**answer()["payload"], "irai_no": ""}}
        )


# --------------------------------------------------------------------------- the form

text = st.text(st.characters(codec="utf-8", exclude_categories=["Cs", "Cc"]), max_size=30)


@pytest.mark.django_db
@settings(max_examples=30, deadline=None)
@given(
    kubun=st.sampled_from(["honnin", "doitsu_setai", "dairinin", "daisansha", "", "x"]),
    shorui=st.sampled_from(["", *IdDocument.values]),
    code=st.one_of(text, st.from_regex(r"[0-9]{11}", fullmatch=True)),
    dantai=st.one_of(text, st.from_regex(r"[0-9]{5,6}", fullmatch=True)),
    names=text,
    shuttou=st.booleans(),
)
def test_the_form_never_fails_and_keeps_what_was_typed(
    kubun: str, shorui: str, code: str, dantai: str, names: str, shuttou: bool
) -> None:
    data = post_data(KouikiForm(entry=entry()))
    data.update(
        seikyusha_kubun=kubun,
        honnin_shorui=shorui,
        juminhyo_code=code,
        jutaku_dantai_code=dantai,
        taisho_shimei=names,
    )
    if not shuttou:
        data.pop("shuttou", None)
    form = KouikiForm(data)
    valid = form.is_valid()
    if valid:
        assert form.entry["seikyusha_kubun"] in ("honnin", "doitsu_setai")
        assert form.entry["honnin_shorui"] != IdDocument.HOKENSHO
    else:
        assert form.errors and not form.entry
        # the form shows again what was typed
        assert form["jutaku_dantai_code"].value() == dantai


@pytest.mark.django_db
def test_the_form_gives_a_fresh_request_number_each_time() -> None:
    first, second = new_irai_no(), new_irai_no()
    assert first != second and IRAI_NO_RE.fullmatch(first)
    assert IRAI_NO_RE.fullmatch(KouikiForm(entry=None).initial["irai_no"])
