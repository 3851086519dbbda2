"""区間転入 (指定都市: a move from one 行政区 into another) through the procedure machine.

The city here is a 指定都市 with two 行政区 (鶴見区 and 神奈川区); the household lives in
鶴見区 and moves to 神奈川区. j130: the 宛名番号 stays, the household gets a new 世帯番号.
"""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from counter import services
from counter.forms_window import kind_choices
from counter.models import OutboxMessage
from counter.procedure_kinds import get_kind
from counter.procedure_models import ProcedureState
from counter.services import ProcedureRefused
from juki import juri_tsuchi
from juki.ido import kernel, tenkyo
from juki.models import (
    Chouaza,
    Gyouseiku,
    IdoJiyu,
    Jumin,
    JuminRireki,
    JuminStatus,
    Seibetsu,
    Setai,
    ShojoJiyu,
)

from . import procedures
from .conftest import login_as
from .factories import ChouazaFactory, JuminFactory, register_household
from .procedures import fresh

TODAY = timezone.localdate()
MOVED = TODAY - datetime.timedelta(days=2)


def ward_chouaza(ward: Gyouseiku, no: int, name: str) -> Chouaza:
    return ChouazaFactory(
        code=f"{ward.code}{no:03d}001",
        prefecture="神奈川県",
        city=f"横浜市{ward.name}",
        name=name,
        kana="チョウ",
        postal_code="2300051",
        gyouseiku=ward,
    )


@pytest.fixture
def wards(db: Any) -> dict[str, Chouaza]:
    tsurumi = Gyouseiku.objects.create(code="14101", name="鶴見区")
    kanagawa = Gyouseiku.objects.create(code="14102", name="神奈川区")
    return {
        "tsurumi": ward_chouaza(tsurumi, 1, "鶴見中央一丁目"),
        "tsurumi2": ward_chouaza(tsurumi, 2, "豊岡町"),
        "kanagawa": ward_chouaza(kanagawa, 1, "反町一丁目"),
    }


@pytest.fixture
def family(wards: dict[str, Chouaza]) -> dict[str, Jumin]:
    """佐藤 家 in 鶴見区: 世帯主, 妻 and a son."""
    nushi, tsuma, ken = register_household(
        JuminFactory.build(shi="佐藤", mei="誠", seinengappi=datetime.date(1970, 1, 2)),
        JuminFactory.build(
            shi="佐藤",
            mei="恵",
            zokugara="妻",
            seibetsu=Seibetsu.FEMALE,
            seinengappi=datetime.date(1972, 3, 4),
        ),
        JuminFactory.build(
            shi="佐藤", mei="健", zokugara="子", seinengappi=datetime.date(2000, 5, 6)
        ),
        chouaza=wards["tsurumi"],
    )
    return {"nushi": nushi, "tsuma": tsuma, "ken": ken}


def plan(entry: dict[str, Any], **kw: Any) -> Any:
    """The plan of an entry JSON (as the kind reads it)."""
    return tenkyo.plan_tenkyo(tenkyo.TenkyoEntry.from_json(entry), **kw)


def receive(contractor: Any, kind: str = "kukan_tennyu") -> Any:
    return procedures.receive(contractor, kind)


def run(entry: dict[str, Any], contractor: Any, clerk: Any, kind: str = "kukan_tennyu") -> Any:
    return procedures.run(kind, entry, contractor, clerk)


def entry_for(*people: Jumin, place: Chouaza, **kw: Any) -> dict[str, Any]:
    return tenkyo.tenkyo_entry(
        atena_bangos=[p.atena_bango for p in people],
        chouaza=place.code,
        banchi="2番3号",
        tenkyo_date=MOVED,
        todoke_date=TODAY,
        **kw,
    )


def test_the_whole_household_keeps_its_atena_bango_and_gets_a_new_setai_bango(
    family: dict[str, Jumin], wards: dict[str, Chouaza], contractor: Any, clerk: Any
) -> None:
    people = list(family.values())
    old = family["nushi"].setai
    proc = run(entry_for(*people, place=wards["kanagawa"]), contractor, clerk)
    assert proc.state == ProcedureState.SHOUNIN
    new_setai = fresh(family["nushi"]).setai
    assert new_setai.pk != old.pk and new_setai.setai_bango != old.setai_bango
    assert new_setai.setai_nushi_id == family["nushi"].pk
    for before in people:
        j = fresh(before)
        assert j.atena_bango == before.atena_bango and j.pk == before.pk
        assert j.setai_id == new_setai.pk and j.zokugara == before.zokugara
        assert j.address == "神奈川県横浜市神奈川区反町一丁目2番3号"
        assert j.jusho_date == MOVED and j.jumin_date == before.jumin_date
        row = JuminRireki.objects.filter(jumin=j).order_by("-rireki_no").first()
        assert row is not None and row.ido_jiyu == IdoJiyu.KUKAN_TENNYU
        assert {"chouaza", "banchi", "setai", "jusho_date"} <= set(row.changed_fields)
        assert row.snapshot["setai_bango"] == new_setai.setai_bango
    old.refresh_from_db()
    assert old.setai_nushi_id is None
    assert not Jumin.objects.filter(setai=old, status=JuminStatus.LIVE).exists()
    # the only rows left in it are the 除票 鶴見区 keeps (j470, ADR 0021)
    assert {(j.atena_bango, j.status, j.shojo_jiyu) for j in Jumin.objects.filter(setai=old)} == {
        (p.atena_bango, JuminStatus.JOHYO, ShojoJiyu.KUKAN_TENSHUTSU) for p in people
    }
    assert proc.result["former_setai_emptied"] is True
    assert proc.result["setai_bango"] == new_setai.setai_bango
    cs = OutboxMessage.objects.filter(
        source_id=str(proc.pk), destination="jukinet_cs", message_type="honnin_kakunin_koshin"
    )
    assert cs.count() == 3
    assert {m.payload["jiyu"] for m in cs} == {"区間転入"}
    assert all(m.payload["zenjusho"].startswith("神奈川県横浜市鶴見区") for m in cs)


def test_review_shows_the_new_setai_bango_is_assigned_at_approval(
    family: dict[str, Jumin], wards: dict[str, Chouaza], contractor: Any
) -> None:
    proc = receive(contractor)
    proc = services.do_enter(
        proc,
        entry_for(*family.values(), place=wards["kanagawa"]),
        acting_user=contractor,
        terminal=contractor.default_terminal,
    )
    blocks = get_kind("kukan_tennyu").review(proc)
    assert blocks[0].title == "区間転入の内容"
    rows = {(b.title, r.label): r for b in blocks for r in b.rows}
    mover = f"区間転入する方：佐藤　健（宛名番号 {family['ken'].atena_bango}）"
    assert rows[(mover, "世帯番号")].after == "（承認時に付番）"
    assert "新しく付番" in rows[("区間転入の内容", "世帯の扱い")].after
    pdf = get_kind("kukan_tennyu").confirmation_pdf(proc, proc.entry)
    assert pdf is not None and pdf.startswith(b"%PDF")


def test_one_member_joins_a_household_in_the_new_ward(
    family: dict[str, Jumin], wards: dict[str, Chouaza], contractor: Any, clerk: Any
) -> None:
    (host,) = register_household(
        JuminFactory.build(shi="鈴木", mei="一", seinengappi=datetime.date(1999, 9, 9)),
        chouaza=wards["kanagawa"],
    )
    host_setai = fresh(host).setai
    ken = family["ken"]
    entry = entry_for(
        ken,
        place=wards["kanagawa"],
        setai_mode="join",
        join_setai_bango=host_setai.setai_bango,
        zokugara={ken.atena_bango: "同居人"},
    )
    entry["banchi"] = host.banchi
    run(entry, contractor, clerk)
    ken = fresh(ken)
    assert ken.setai_id == host_setai.pk and ken.zokugara == "同居人"
    assert fresh(family["nushi"]).setai_id == family["nushi"].setai_id  # the others stay


def test_a_move_within_one_ward_is_a_tenkyo(
    family: dict[str, Jumin], wards: dict[str, Chouaza]
) -> None:
    with pytest.raises(ProcedureRefused, match="転居届です") as caught:
        plan(entry_for(*family.values(), place=wards["tsurumi2"]), move=tenkyo.KUKAN_TENNYU)
    assert caught.value.field == "chouaza"
    plan(entry_for(*family.values(), place=wards["tsurumi2"]))  # a 転居: fine


def test_a_tenkyo_into_another_ward_is_refused(
    family: dict[str, Jumin], wards: dict[str, Chouaza]
) -> None:
    with pytest.raises(ProcedureRefused, match="区間転入届としてください") as caught:
        plan(entry_for(*family.values(), place=wards["kanagawa"]))
    assert "神奈川区" in caught.value.message and "鶴見区" in caught.value.message


def test_only_a_city_with_wards_offers_kukan_tennyu(db: Any, contractor: Any) -> None:
    assert "kukan_tennyu" not in dict(kind_choices())
    with pytest.raises(ProcedureRefused, match="受け付けない手続") as caught:
        receive(contractor)
    assert caught.value.field == "kinds"
    Gyouseiku.objects.create(code="14101", name="鶴見区")
    assert dict(kind_choices())["kukan_tennyu"] == "区間転入"


def test_without_wards_a_kukan_tennyu_entry_is_refused(
    db: Any, contractor: Any, clerk: Any
) -> None:
    (person,) = register_household(JuminFactory.build())
    place = ChouazaFactory()
    with pytest.raises(ProcedureRefused, match="行政区がありません"):
        plan(entry_for(person, place=place), move=tenkyo.KUKAN_TENNYU)


def test_the_entry_screen_speaks_of_kukan_tennyu_and_shows_the_wards(
    client: Any, family: dict[str, Jumin], wards: dict[str, Chouaza], contractor: Any
) -> None:
    login_as(client, contractor)
    proc = receive(contractor)
    url = reverse("counter:procedure_entry", args=[proc.pk])
    page = client.get(url).content.decode()
    assert "区間転入した年月日" in page and "世帯と区間転入する方" in page
    assert "神奈川区　反町一丁目" in page and "鶴見区　鶴見中央一丁目" in page
    post = {
        "todoke_date": TODAY.isoformat(),
        "tenkyo_date": MOVED.isoformat(),
        "chouaza": wards["tsurumi2"].code,
        "banchi": "2番3号",
        "atena_bango": family["nushi"].atena_bango,
        "movers": [j.atena_bango for j in family.values()],
        "setai_mode": "same",
        "form_token": "t1",
    }
    response = client.post(url, post)
    assert response.status_code == 200  # refused, the typed values kept
    page = response.content.decode()
    assert "区内の住所の変更は転居届です" in page
    assert 'value="2番3号"' in page
    response = client.post(url, {**post, "chouaza": wards["kanagawa"].code, "form_token": "t2"})
    assert response.status_code == 302
    proc.refresh_from_db()
    assert proc.state == ProcedureState.KARI_TOUROKU
    assert proc.entry["chouaza"] == wards["kanagawa"].code
    assert Setai.objects.count() == 1  # nothing written before 承認


def test_the_plan_reports_the_ward_and_the_dates_at_once(
    family: dict[str, Jumin], wards: dict[str, Chouaza]
) -> None:
    entry = entry_for(*family.values(), place=wards["tsurumi2"])
    entry["todoke_date"] = (MOVED - datetime.timedelta(days=1)).isoformat()
    with pytest.raises(kernel.PlanRefused) as caught:
        plan(entry, move=tenkyo.KUKAN_TENNYU)
    assert [p.field for p in caught.value.problems] == ["todoke_date", "chouaza"]
    assert "区内の住所の変更は転居届です" in caught.value.problems[1].message


def test_the_ward_left_keeps_a_johyo_and_the_record_takes_todoke_and_zenjusho(
    family: dict[str, Jumin], wards: dict[str, Chouaza], contractor: Any, clerk: Any
) -> None:
    """j470: 区間転入 makes a 除票 in the 区 left (same 宛名番号, j130) and updates the
    住民票's 従前の住所 and 届出年月日; the 住民票 (its id, history, links) stays."""
    ken = family["ken"]
    before = fresh(ken)
    Jumin.objects.filter(pk=ken.pk).update(zenjusho="大阪府大阪市北区梅田一丁目1番1号")
    proc = run(entry_for(*family.values(), place=wards["kanagawa"]), contractor, clerk)
    j = fresh(ken)
    assert j.status == JuminStatus.LIVE and j.pk == before.pk
    assert j.zenjusho == before.address  # the address in 鶴見区, not the one before it
    assert j.zenjusho_postal_code == before.chouaza.postal_code
    assert j.todoke_date == TODAY  # the 区間転入's 届出日
    johyo = j.zen_jumin
    assert johyo is not None and johyo.pk != j.pk
    assert johyo.atena_bango == j.atena_bango and johyo.status == JuminStatus.JOHYO
    assert johyo.shojo_jiyu == ShojoJiyu.KUKAN_TENSHUTSU and johyo.shojo_date == MOVED
    assert johyo.chouaza.gyouseiku.name == "鶴見区"  # kept by the 区 left
    assert johyo.address == before.address and johyo.setai_id == before.setai_id
    assert johyo.zenjusho == "大阪府大阪市北区梅田一丁目1番1号"  # as it stood there
    assert johyo.tenshutsusaki == "神奈川県横浜市神奈川区反町一丁目2番3号"
    assert johyo.juminhyo_code == j.juminhyo_code
    (row,) = JuminRireki.objects.filter(jumin=johyo)
    assert row.rireki_no == 1 and row.ido_jiyu == IdoJiyu.KUKAN_TENSHUTSU
    assert row.snapshot["status"] == JuminStatus.JOHYO and row.procedure_id == proc.pk
    last = JuminRireki.objects.filter(jumin=j).order_by("-rireki_no").first()
    assert last is not None
    assert {"zenjusho", "todoke_date", "zen_jumin"} <= set(last.changed_fields)
    # the 宛名番号 opens the 住民票 (the current record)
    assert Jumin.objects.of_atena(j.atena_bango).first() == j
    # the 受理通知 names each person once, for the 区間転入 (the 除票 is no 異動 of its own)
    notice = juri_tsuchi.notice_of(proc)
    assert notice is not None
    assert sorted((n.name, n.jiyu) for n in notice.lines) == sorted(
        (p.full_name, "区間転入") for p in family.values()
    )


def test_the_resident_page_opens_the_record_and_links_the_johyo(
    family: dict[str, Jumin], wards: dict[str, Chouaza], contractor: Any, clerk: Any, client: Any
) -> None:
    run(entry_for(*family.values(), place=wards["kanagawa"]), contractor, clerk)
    j = fresh(family["ken"])
    login_as(client, clerk)
    url = reverse("juki:resident", args=[j.atena_bango])
    page = client.get(url).content.decode()
    assert "神奈川区反町一丁目" in page and "badge-johyo" not in page
    link = f"{url}?kiroku={j.zen_jumin_id}"
    assert link in page and "除票（区間転出" in page
    johyo_page = client.get(link).content.decode()
    assert "badge-johyo" in johyo_page and "鶴見中央一丁目" in johyo_page
    assert "現在の住民票" in johyo_page
    assert client.get(f"{url}?kiroku=999999").status_code == 404
