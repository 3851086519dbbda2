"""The resident page: the 住民票 with its household and history; the 個人番号 masked."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client

from counter.models import AuditAction, AuditLog
from juki.models import JuminShubetsu, JuminStatus

from .conftest import login_as
from .factories import JuminFactory, register_household, resident


@pytest.fixture
def family() -> list:
    return register_household(
        JuminFactory.build(shi="渡邊\U000e0100", mei="誠", shi_kana="ワタナベ", mei_kana="マコト"),
        JuminFactory.build(
            shi="渡邊\U000e0100",
            mei="𠮷子",
            shi_kana="ワタナベ",
            mei_kana="ヨシコ",
            zokugara="妻",
            seibetsu="2",
            seinengappi=datetime.date(1982, 2, 3),
        ),
        JuminFactory.build(
            shi="渡邊\U000e0100",
            mei="一郎",
            shi_kana="ワタナベ",
            mei_kana="イチロウ",
            zokugara="子",
            seinengappi=datetime.date(2012, 6, 7),
        ),
    )


@pytest.mark.django_db
def test_resident_page_shows_the_record_household_and_history(
    client: Client, contractor, family
) -> None:
    wife = family[1]
    login_as(client, contractor)
    html = client.get(f"/juki/residents/{wife.atena_bango}/").content.decode()
    assert "渡邊\U000e0100　𠮷子" in html
    assert "昭和57年2月3日" in html
    assert "妻" in html and "子" in html
    assert "データ移行（記載）" in html
    assert wife.kojin_bango not in html
    assert "●●●● ●●●● ●●●●" in html
    assert "U+908A U+E0100" in html and "U+20BB7" in html  # j370
    # household order: 世帯主, 配偶者, 子
    section = html[html.index("<h2>世帯") :]
    assert section.index("渡邊\U000e0100　誠") < section.index("渡邊\U000e0100　𠮷子")
    assert section.index("渡邊\U000e0100　𠮷子") < section.index("渡邊\U000e0100　一郎")
    row = AuditLog.objects.get(action=AuditAction.VIEW_RESIDENT)
    assert (row.target_id, row.target_label, row.kojin_bango_shown) == (
        wife.atena_bango,
        wife.full_name,
        False,
    )


@pytest.mark.django_db
def test_showing_the_kojin_bango_is_logged(client: Client, contractor, family) -> None:
    wife = family[1]
    login_as(client, contractor)
    response = client.post(
        f"/juki/residents/{wife.atena_bango}/kojin-bango/", HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    assert wife.kojin_bango[:4] in html and wife.kojin_bango[-4:] in html
    row = AuditLog.objects.get(action=AuditAction.SHOW_KOJIN_BANGO)
    assert (
        row.kojin_bango_shown and row.target_id == wife.atena_bango and row.terminal_code == "本庁1"
    )


@pytest.mark.django_db
def test_the_kojin_bango_is_never_shown_by_get(client: Client, contractor, family) -> None:
    login_as(client, contractor)
    response = client.get(f"/juki/residents/{family[0].atena_bango}/kojin-bango/")
    assert response.status_code == 405
    assert not AuditLog.objects.filter(action=AuditAction.SHOW_KOJIN_BANGO).exists()


@pytest.mark.django_db
def test_a_user_who_hides_items_does_not_see_them(client: Client, contractor, family) -> None:
    contractor.display_settings = dict.fromkeys(
        ["hide_kojin_bango", "hide_honseki", "hide_juminhyo_code"], True
    )
    contractor.save(update_fields=["display_settings"])
    login_as(client, contractor)
    head = family[0]
    html = client.get(f"/juki/residents/{head.atena_bango}/").content.decode()
    assert head.honseki not in html and head.juminhyo_code not in html
    assert "表示（記録されます）" not in html
    response = client.post(f"/juki/residents/{head.atena_bango}/kojin-bango/")
    assert response.status_code == 403
    assert AuditLog.objects.filter(action=AuditAction.REFUSED, target_id=head.atena_bango).exists()


@pytest.mark.django_db
def test_a_foreign_residents_birth_date_is_in_seireki(client: Client, clerk) -> None:
    person = resident(
        shi="グエン",
        mei="ヴァン　アン",
        shi_kana="グエン",
        mei_kana="ヴァン　アン",
        shubetsu=JuminShubetsu.FOREIGN,
        name_alphabet="NGUYEN VAN AN",
        kokuseki="ベトナム",
        kubun_30_45="1",
        zairyu_shikaku="技術・人文知識・国際業務",
        zairyu_kikan="3年",
        zairyu_manryo_date=datetime.date(2027, 3, 31),
        seinengappi=datetime.date(1995, 10, 1),
        honseki="",
    )
    login_as(client, clerk)
    html = client.get(f"/juki/residents/{person.atena_bango}/").content.decode()
    assert "1995年10月1日" in html and "平成7年" not in html
    assert "2027年3月31日" in html
    assert "NGUYEN VAN AN" in html and "中長期在留者" in html


@pytest.mark.django_db
def test_a_johyo_is_marked(client: Client, clerk) -> None:
    person = resident(
        status=JuminStatus.JOHYO, shojo_jiyu="shibou", shojo_date=datetime.date(2023, 1, 5)
    )
    login_as(client, clerk)
    html = client.get(f"/juki/residents/{person.atena_bango}/").content.decode()
    assert "除票" in html and "死亡" in html and "令和5年1月5日" in html


@pytest.mark.django_db
def test_an_unknown_number_is_404(client: Client, clerk) -> None:
    login_as(client, clerk)
    response = client.get("/juki/residents/0000000000/")
    assert response.status_code == 404
    assert "見つかりません" in response.content.decode()


@pytest.mark.django_db
def test_detail_query_count_does_not_grow_with_household_or_history(
    client: Client, contractor, django_assert_max_num_queries
) -> None:
    members = [JuminFactory.build()] + [
        JuminFactory.build(
            mei=f"子{i}", mei_kana="コ", zokugara="子", seinengappi=datetime.date(2000 + i, 1, 1)
        )
        for i in range(8)
    ]
    head = register_household(*members)[0]
    login_as(client, contractor)
    # session, user, roles, person, audit (5 with savepoints), household, history,
    # permissions (2), session save (3): the same for 1 member or 9.
    with django_assert_max_num_queries(16):
        response = client.get(f"/juki/residents/{head.atena_bango}/")
    assert response.status_code == 200
    assert response.content.decode().count("子") >= 8


@pytest.mark.django_db
def test_the_print_preview_is_a_logged_pdf(client: Client, contractor, family) -> None:
    login_as(client, contractor)
    response = client.get(f"/juki/residents/{family[0].atena_bango}/print/")
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("inline")
    row = AuditLog.objects.get(action=AuditAction.PRINT)
    assert row.target_id == family[0].atena_bango
    assert row.detail["form"] == "住民票記載事項照会票" and row.detail["pages"] >= 1


@pytest.mark.django_db
def test_each_user_sets_what_to_hide(client: Client, contractor, family) -> None:
    login_as(client, contractor)
    response = client.post("/settings/display/", {"hide_honseki": "on", "hide_zairyu": "on"})
    assert response.status_code == 302
    contractor.refresh_from_db()
    assert contractor.setting("hide_honseki") and contractor.setting("hide_zairyu")
    assert not contractor.setting("hide_kojin_bango")
    html = client.get(f"/juki/residents/{family[0].atena_bango}/").content.decode()
    assert family[0].honseki not in html and "表示（記録されます）" in html


@pytest.mark.django_db
def test_the_household_shows_its_members_lost_by_a_shojo_when_asked(
    client: Client, contractor, family, django_assert_max_num_queries
) -> None:
    """j430: the 世帯 on the page can show the members it lost by a 消除 (here a 死亡),
    each linked to the 除票; by default only the live members, in the same queries."""
    from juki import services
    from juki.models import IdoJiyu, ShojoJiyu

    head, wife, _son = family
    died = datetime.date(2025, 8, 10)
    ctx = services.IdoContext(
        acting_user=None, terminal=None, ido_jiyu=IdoJiyu.SHIBOU, ido_date=died
    )
    services.update_person(
        wife,
        {"status": JuminStatus.JOHYO, "shojo_jiyu": ShojoJiyu.SHIBOU, "shojo_date": died},
        ctx,
    )
    login_as(client, contractor)
    page = client.get(f"/juki/residents/{head.atena_bango}/").content.decode()
    section = page[page.index("<h2>世帯") : page.index("<h2>異動履歴")]
    assert "𠮷子" not in section and "消除された世帯員も表示" in section
    with django_assert_max_num_queries(16):
        page = client.get(f"/juki/residents/{head.atena_bango}/?shojosha=1").content.decode()
    section = page[page.index("<h3>消除された世帯員") : page.index("<h2>異動履歴")]
    assert "渡邊\U000e0100　𠮷子" in section and "死亡" in section and "令和7年8月10日" in section
    assert f"?kiroku={wife.pk}" in section
    assert "一郎" not in section  # the live members stay in their own table
