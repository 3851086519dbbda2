"""再転入 (j600; 住基法第15条の4): the earlier 除票 stays a 除票, the new 住民票 is a new
record under the same 宛名番号, linked to it; when only the 3情報 match, the clerk may
choose 再転入 (ADR 0021)."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from counter import services
from juki.ido.kernel import PlanRefused
from juki.ido.tennyu import TennyuEntryForm, entry_post_data, tennyu_entry
from juki.ido.tennyu.entry import parse_saitennyu
from juki.models import Jumin, JuminStatus

from .. import procedures
from ..conftest import login_as
from ..factories import ChouazaFactory, JuminFactory, register_household
from .test_tennyu import family

pytestmark = pytest.mark.django_db


@pytest.fixture
def chouaza(db: None) -> Any:
    return ChouazaFactory(name="吾妻橋一丁目", kana="アヅマバシ1チョウメ")


def left_earlier(chouaza: Any, head: dict[str, Any], **kw: Any) -> Jumin:
    """A 除票 here with the head's 3情報 but no number in common (a 転出 long ago)."""
    (old,) = register_household(
        JuminFactory.build(
            shi=head["shi"],
            mei=head["mei"],
            seinengappi=datetime.date.fromisoformat(head["seinengappi"]),
            seibetsu=head["seibetsu"],
            juminhyo_code=None,
            kojin_bango=None,
            **kw,
        ),
        chouaza=chouaza,
    )
    Jumin.objects.filter(pk=old.pk).update(
        status=JuminStatus.JOHYO, shojo_jiyu="tenshutsu", shojo_date=datetime.date(2015, 3, 31)
    )
    return Jumin.objects.get(pk=old.pk)


def test_the_clerk_may_choose_re_tennyu_when_only_the_3joho_match(
    chouaza: Any, contractor: Any, clerk: Any
) -> None:
    head = family()[0]
    old = left_earlier(chouaza, head)
    entry = tennyu_entry(chouaza=chouaza.code, persons=[head])
    warned = get_plan(entry)
    assert any(f.startswith("同一人の可能性") for f in warned.flags)  # only a warning
    assert not warned.reentry
    chosen = dict(entry, saitennyu=[old.atena_bango])
    proc = procedures.run("tennyu", chosen, contractor, clerk)
    assert any("職員が選択" in f and old.atena_bango in f for f in proc.flags)
    assert proc.result["atena_bango"] == [old.atena_bango]
    back = Jumin.objects.get(atena_bango=old.atena_bango, status=JuminStatus.LIVE)
    assert back.pk != old.pk and back.zen_jumin_id == old.pk
    kept = Jumin.objects.get(pk=old.pk)
    assert kept.status == JuminStatus.JOHYO and kept.shojo_date == datetime.date(2015, 3, 31)


def test_a_chosen_johyo_must_be_a_johyo_with_a_person_of_its_3joho(
    chouaza: Any, contractor: Any
) -> None:
    head = family()[0]
    old = left_earlier(chouaza, head)
    (live,) = register_household(JuminFactory.build(shi="在住"), chouaza=chouaza)
    other = left_earlier(chouaza, dict(head, mei="別人"))
    entry = tennyu_entry(chouaza=chouaza.code, persons=[head])
    for chosen, message in (
        (live.atena_bango, "本市の住民です"),
        ("0000000000", "除票が見つかりません"),
        (other.atena_bango, "一致する転入者がいません"),
    ):
        with pytest.raises(PlanRefused) as refused:
            get_plan(dict(entry, saitennyu=[chosen]))
        assert [(p.field, message in p.message) for p in refused.value.problems] == [
            ("saitennyu", True)
        ]
    assert get_plan(dict(entry, saitennyu=[old.atena_bango])).reentry[0].pk == old.pk


def get_plan(entry: dict[str, Any]) -> Any:
    from counter.procedure_kinds import get_kind

    kind = get_kind("tennyu")
    return kind.plan(kind.entry_of(entry))  # type: ignore[attr-defined]


def test_the_entry_screen_takes_the_chosen_atena_bango(chouaza: Any) -> None:
    head = family()[0]
    old = left_earlier(chouaza, head)
    from counter.procedure_kinds import get_kind

    entry = tennyu_entry(chouaza=chouaza.code, persons=[head])
    data = entry_post_data(entry)
    data["saitennyu"] = f"　{old.atena_bango[:5]}－{old.atena_bango[5:]}、"
    form = TennyuEntryForm(data, kind=get_kind("tennyu"))  # type: ignore[arg-type]
    assert form.is_valid(), form.errors
    assert form.entry is not None and form.entry["saitennyu"] == [old.atena_bango]
    bad = TennyuEntryForm(dict(data, saitennyu="12345"), kind=get_kind("tennyu"))  # type: ignore[arg-type]
    assert not bad.is_valid()
    assert "「12345」は宛名番号（10桁の数字）ではありません" in " ".join(bad.errors["saitennyu"])


@given(st.lists(st.integers(min_value=0, max_value=10**10 - 1), max_size=5))
def test_parse_saitennyu_reads_any_list_of_atena_bango(values: list[int]) -> None:
    typed = "、".join(f"{v:010d}" for v in values)
    assert parse_saitennyu(typed) == tuple(dict.fromkeys(f"{v:010d}" for v in values))


@given(st.text(max_size=40))
def test_parse_saitennyu_never_fails_but_with_a_message(text: str) -> None:
    try:
        parsed = parse_saitennyu(text)
    except ValueError as exc:
        assert "宛名番号" in str(exc)
    else:
        assert all(len(a) == 10 and a.isascii() and a.isdigit() for a in parsed)


def test_the_johyo_stays_certifiable_beside_the_new_record(
    chouaza: Any, contractor: Any, clerk: Any, client: Any
) -> None:
    """法第15条の4: the 除票 is kept (150 years) and can still be printed; the 宛名番号
    opens the new 住民票, which links the 除票."""
    head = family()[0]
    old = left_earlier(chouaza, head)
    procedures.run(
        "tennyu",
        dict(tennyu_entry(chouaza=chouaza.code, persons=[head]), saitennyu=[old.atena_bango]),
        contractor,
        clerk,
    )
    login_as(client, clerk)
    url = reverse("juki:resident", args=[old.atena_bango])
    page = client.get(url).content.decode()
    assert "badge-johyo" not in page
    assert f"{url}?kiroku={old.pk}" in page and "除票（転出" in page
    johyo_page = client.get(f"{url}?kiroku={old.pk}").content.decode()
    assert "badge-johyo" in johyo_page and "現在の住民票" in johyo_page
    pdf = client.get(reverse("juki:resident_pdf", args=[old.atena_bango]) + f"?kiroku={old.pk}")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")


def test_a_second_live_row_for_one_atena_bango_is_refused_by_the_database(
    chouaza: Any,
) -> None:
    from django.db import IntegrityError, transaction

    (live,) = register_household(JuminFactory.build(), chouaza=chouaza)
    twin = Jumin.objects.get(pk=live.pk)
    twin.pk = None
    twin.juminhyo_code = None
    twin.kojin_bango = None
    with pytest.raises(IntegrityError), transaction.atomic():
        twin.save(force_insert=True)
    twin.status = JuminStatus.JOHYO  # a 除票 beside it is allowed
    twin.save(force_insert=True)
    assert Jumin.objects.filter(atena_bango=live.atena_bango).count() == 2


def test_a_kukan_johyo_of_a_live_person_is_not_a_possible_re_tennyu(
    chouaza: Any, contractor: Any
) -> None:
    head = family()[0]
    old = left_earlier(chouaza, head)
    # the person is live again under the number (as after a 区間転入 or a 再転入)
    twin = Jumin.objects.get(pk=old.pk)
    twin.pk = None
    twin.status = JuminStatus.LIVE
    twin.shojo_jiyu = ""
    twin.save(force_insert=True)
    proc = procedures.enter_and_check(
        "tennyu", tennyu_entry(chouaza=chouaza.code, persons=[head]), contractor
    )
    assert not any(f.startswith("同一人の可能性") for f in proc.flags)
    with pytest.raises(services.ProcedureRefused, match="本市の住民です"):
        get_plan(
            dict(tennyu_entry(chouaza=chouaza.code, persons=[head]), saitennyu=[old.atena_bango])
        )
