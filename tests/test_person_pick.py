"""The persons found by 4情報 inside an entry form (juki/_person_pick.html served by
juki.views_person_pick): one line per person, 除票 marked, each search in the 操作ログ,
the resident readers only, and the entries that take a person include it."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from counter.models import AuditAction, AuditLog
from juki.models import JuminStatus, Seibetsu

from .conftest import login_as
from .factories import resident
from .test_entry_pieces import entry_page, receive

# --------------------------------------------------------------------------- 4情報 in the form


@pytest.fixture
def people(db: None) -> dict[str, Any]:
    live = resident(shi="髙橋", mei="𠮷男", shi_kana="タカハシ", mei_kana="ヨシオ")
    gone = resident(
        shi="高橋",
        mei="花子",
        shi_kana="タカハシ",
        mei_kana="ハナコ",
        seibetsu=Seibetsu.FEMALE,
        status=JuminStatus.JOHYO,
        shojo_jiyu="tenshutsu",
    )
    return {"live": live, "gone": gone}


PICK = "/juki/person-pick/"


@pytest.mark.django_db
def test_the_panel_opens_without_searching(client: Client, contractor, people) -> None:
    login_as(client, contractor)
    response = client.get(PICK, {"target": "atena_bango"})
    body = response.content.decode()
    assert response.status_code == 200 and "<html" not in body
    assert 'name="pick-shimei"' in body and 'id="id_atena_bango_pick-shimei"' in body
    assert "autofocus" not in body  # the entry form's first field keeps the focus
    assert "見つかった方" not in body
    assert not AuditLog.objects.filter(action=AuditAction.SEARCH).exists()


@pytest.mark.django_db
def test_a_search_lists_one_line_per_person_marks_johyo_and_is_logged(
    client: Client, contractor, people
) -> None:
    login_as(client, contractor)
    query = {"target": "atena_bangos", "search": "1", "pick-shimei": "たかはし"}
    body = client.get(PICK, query).content.decode()
    assert "見つかった方：1人" in body and "髙橋　𠮷男" in body and "花子" not in body
    live = people["live"]
    assert (
        f'data-pick-target="atena_bangos" data-pick-value="{live.atena_bango}"'
        f' data-pick-label="髙橋　𠮷男">選ぶ</button>'
    ) in body
    log = AuditLog.objects.get(action=AuditAction.SEARCH)
    assert log.detail == {
        "shimei": "たかはし",
        "screen": "person_pick",
        "found": 1,
        "whom": [f"jumin:{live.atena_bango}"],  # the persons listed (counter/reads.py)
        "count": 1,
    }
    assert log.username == "juchu1"

    with_johyo = client.get(PICK, {**query, "pick-include_johyo": "on"}).content.decode()
    assert "見つかった方：2人" in with_johyo
    assert with_johyo.count("<tr") == 3  # the head and one line per person
    assert '<tr class="johyo">' in with_johyo and "除票（転出）" in with_johyo
    assert AuditLog.objects.filter(action=AuditAction.SEARCH).count() == 2


@pytest.mark.django_db
def test_an_empty_or_wrong_search_is_refused_in_japanese_and_not_logged(
    client: Client, contractor, people
) -> None:
    login_as(client, contractor)
    body = client.get(PICK, {"target": "atena_bango", "search": "1"}).content.decode()
    assert "氏名・生年月日・町字のいずれかを入力してください（性別だけでは探せません）。" in body
    body = client.get(
        PICK, {"search": "1", "pick-seinengappi": "R7.2.30", "pick-shimei": "タ"}
    ).content.decode()
    assert 'value="R7.2.30"' in body and 'class="error"' in body
    assert not AuditLog.objects.filter(action=AuditAction.SEARCH).exists()


@pytest.mark.django_db
def test_the_target_is_a_field_name_never_markup(client: Client, contractor, people) -> None:
    login_as(client, contractor)
    body = client.get(
        PICK, {"target": '"><script>x</script>', "search": "1", "pick-shimei": "タカハシ"}
    ).content.decode()
    assert "<script>" not in body and 'data-pick-target="atena_bango"' in body


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("persona_name", "status"),
    [("contractor", 200), ("clerk", 200), ("supervisor", 200), ("administrator", 403)],
)
def test_the_panel_is_for_those_who_may_read_residents(
    client: Client, request: pytest.FixtureRequest, persona_name: str, status: int
) -> None:
    login_as(client, request.getfixturevalue(persona_name))
    assert client.get(PICK, {"search": "1", "pick-shimei": "タ"}).status_code == status


@pytest.mark.django_db
def test_anonymous_is_sent_to_login(client: Client) -> None:
    response = client.get(PICK)
    assert response.status_code == 302 and response["Location"].startswith("/login/")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("kind", "target", "johyo"),
    [
        ("tenshutsu", "atena_bango", False),
        ("shibou", "atena_bango", False),
        ("tenshutsu_torikeshi", "atena_bangos", True),
    ],
)
def test_the_entries_that_take_a_person_include_the_search(
    client: Client, contractor, kind: str, target: str, johyo: bool
) -> None:
    login_as(client, contractor)
    page = entry_page(client, receive(contractor, kind))
    url = f"/juki/person-pick/?target={target}" + ("&amp;johyo=1" if johyo else "")
    assert f'id="person-pick-{target}"' in page and f'hx-get="{url}"' in page
    assert 'hx-trigger="load"' in page
    # the panel sits before the field it fills, in the same block
    assert page.index(f'id="person-pick-{target}"') < page.index(f'name="{target}"')
    # without script, a way to the 住民検索
    assert 'href="/juki/search/" target="_blank"' in page
