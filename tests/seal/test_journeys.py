"""印鑑登録 through the counter's machine: 照会 → 回答 → 印鑑登録証, 即時 (photo ID and
保証書), 廃止 (印章亡失) and 再交付 (seed 004: 印鑑登録 照会, 回答―印鑑登録証, 即時―印鑑登録証,
印章亡失, 再交付)."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from counter.kind_plan import PlanRefused
from counter.procedure_kinds import documents_of, get_kind
from juki.demo import residents as r
from juki.models import Jumin
from seal import demo, lookups
from seal.lookups import TorokushoRefused
from seal.models import HaishiReason, InkanRireki, InkanStatus, InkanToroku, Torokusho

from ..procedures import run
from .conftest import shoukai_entry, sokuji_entry

pytestmark = pytest.mark.django_db


def kaitou_entry(person: Jumin, **changes: Any) -> dict[str, Any]:
    return {
        "atena_bango": person.atena_bango,
        "kaitou_date": r.today().isoformat(),
        "raichousha": "honnin",
        "shougou_inei_id": None,
        "check_kaitousho": True,
        "check_inei_itchi": True,
        **changes,
    }


def test_shoukai_then_kaitou_registers_and_issues_a_torokusho(
    ichiro: Jumin, scan_id: int, contractor: Any, clerk: Any
) -> None:
    shoukai = run("inkan_shoukai", shoukai_entry(ichiro, scan_id), contractor, clerk)
    toroku = InkanToroku.objects.get(jumin=ichiro)
    assert toroku.status == InkanStatus.SHOUKAI
    assert toroku.kaitou_kigen == r.today() + datetime.timedelta(days=30)
    assert toroku.inei.get().pk == scan_id  # the scan is kept with the registration
    assert not toroku.torokusho.exists()  # no card before the 回答
    (doc,) = documents_of(shoukai)
    assert doc.slug == "shokai_kaitou" and doc.render().startswith(b"%PDF")

    kaitou = run("inkan_kaitou", kaitou_entry(ichiro), contractor, clerk)
    toroku.refresh_from_db()
    card = Torokusho.objects.get(toroku=toroku)
    assert toroku.status == InkanStatus.TOROKU and toroku.toroku_date == r.today()
    assert kaitou.result["torokusho_bango"] == card.bango
    assert lookups.find_open_by_torokusho(card.bango) == toroku
    assert "受領書" in " ".join(documents_handed(kaitou))
    acts = list(InkanRireki.objects.filter(toroku=toroku).values_list("act", "to_status", "by"))
    assert acts == [
        ("照会（申請受付）", "shoukai", clerk.pk),
        ("回答（登録）", "toroku", clerk.pk),
    ]


def refusals(kind: str, entry: dict[str, Any]) -> list[str]:
    """Every problem the kind's plan finds in ``entry`` (what the window is shown)."""
    try:
        get_kind(kind).planned(entry)  # type: ignore[attr-defined]
    except PlanRefused as refused:
        return [p.message for p in refused.problems]
    return []


def documents_handed(procedure: Any) -> list[str]:
    return get_kind(procedure.kind).handover_documents(procedure)


def test_sokuji_with_a_photo_id_registers_at_once(
    ichiro: Jumin, scan_id: int, contractor: Any, clerk: Any
) -> None:
    proc = run("inkan_sokuji", sokuji_entry(ichiro, scan_id), contractor, clerk)
    toroku = InkanToroku.objects.get(jumin=ichiro)
    assert toroku.status == InkanStatus.TOROKU
    assert toroku.honnin_kakunin == "driver_license"
    assert Torokusho.objects.get(toroku=toroku).bango == proc.result["torokusho_bango"]


def test_sokuji_by_hoshousho_records_the_hoshounin_registration(
    takahashi: list[Jumin], scan_id: int, contractor: Any, clerk: Any
) -> None:
    ichiro, hanako = takahashi[0], takahashi[1]
    guarantor = demo.registered(hanako)
    pressed = demo.inei(demo.IneiYouto.HOSHOUNIN).pk
    entry = sokuji_entry(
        ichiro,
        scan_id,
        houhou="sokuji_hoshou",
        honnin_kakunin="",
        hoshounin_atena_bango=hanako.atena_bango,
        hoshounin_inei_id=pressed,
        check_hoshounin_inei=True,
    )
    run("inkan_sokuji", entry, contractor, clerk)
    toroku = InkanToroku.objects.get(jumin=ichiro, status=InkanStatus.TOROKU)
    assert toroku.hoshounin == guarantor
    assert toroku.inei.filter(youto="hoshounin").get().pk == pressed


def test_a_hoshounin_without_a_registration_is_refused(
    takahashi: list[Jumin], scan_id: int, contractor: Any
) -> None:
    ichiro, hanako = takahashi[0], takahashi[1]
    entry = sokuji_entry(
        ichiro,
        scan_id,
        houhou="sokuji_hoshou",
        honnin_kakunin="",
        hoshounin_atena_bango=hanako.atena_bango,
        check_hoshounin_inei=True,
    )
    assert any("印鑑の登録を受けていません" in m for m in refusals("inkan_sokuji", entry))


def test_haishi_by_boushitsu_ends_the_registration_and_keeps_the_genpyo(
    ichiro: Jumin, contractor: Any, clerk: Any
) -> None:
    toroku = demo.registered(ichiro)
    card = toroku.torokusho.get()
    entry = {
        "atena_bango": ichiro.atena_bango,
        "shinsei_date": r.today().isoformat(),
        "raichousha": "honnin",
        "jiyu": "boushitsu",
    }
    run("inkan_haishi", entry, contractor, clerk)
    toroku = InkanToroku.objects.get(pk=toroku.pk)  # kept, closed
    assert (toroku.status, toroku.haishi_reason) == (InkanStatus.HAISHI, HaishiReason.BOUSHITSU)
    with pytest.raises(TorokushoRefused, match="廃止"):
        lookups.find_open_by_torokusho(card.bango)


def test_saikoufu_gives_a_new_number_and_invalidates_the_old_at_once(
    ichiro: Jumin, contractor: Any, clerk: Any
) -> None:
    toroku = demo.registered(ichiro)
    old = toroku.torokusho.get()
    entry = {
        "atena_bango": ichiro.atena_bango,
        "shinsei_date": r.today().isoformat(),
        "raichousha": "honnin",
        "riyu": "boushitsu",
    }
    proc = run("inkan_saikoufu", entry, contractor, clerk)
    new = Torokusho.objects.get(toroku=toroku, ended_at__isnull=True)
    assert new.bango == proc.result["torokusho_bango"] != old.bango
    old.refresh_from_db()
    assert old.ended_at is not None and old.end_reason == "saikoufu"  # kept with its end
    assert lookups.find_open_by_torokusho(new.bango) == toroku
    with pytest.raises(TorokushoRefused, match=r"再交付により.*から無効"):
        lookups.find_open_by_torokusho(old.bango)


def test_an_unknown_torokusho_number_is_refused_by_name() -> None:
    with pytest.raises(TorokushoRefused, match="登録証番号99999999の印鑑登録証はありません"):
        lookups.find_open_by_torokusho("99999999")


def test_kaitou_after_the_kigen_is_refused(
    ichiro: Jumin, scan_id: int, contractor: Any, clerk: Any
) -> None:
    run("inkan_shoukai", shoukai_entry(ichiro, scan_id), contractor, clerk)
    late = (r.today() + datetime.timedelta(days=31)).isoformat()
    (message,) = refusals("inkan_kaitou", kaitou_entry(ichiro, kaitou_date=late))
    assert "回答期限" in message and "要領 第2-2" in message


def test_the_lookups_give_the_inei_its_size_and_the_registered_name(ichiro: Jumin) -> None:
    toroku = demo.registered(ichiro)
    inei = lookups.inei_of(toroku)
    assert inei is not None and (inei.width_mm, inei.height_mm) == (15, 15)
    assert bytes(inei.image).startswith(b"\x89PNG")
    name = lookups.registered_name(toroku)
    assert name.shimei == ichiro.full_name and name.display == ichiro.full_name
