"""支援措置 on the screens (j160, j380, j410; UI.md): the mark in red with its word on
every screen with an address, the address hidden from the 受注者, and the 職員's
screens of the measures (list with alerts, detail with history, the two-person acts)."""

from __future__ import annotations

import datetime
import re
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from counter import audit
from counter.guards import Act
from counter.models import AuditAction, AuditLog
from counter.procedure_kinds import Subject
from counter.roles import Role
from juki.shien import services as shien
from juki.shien.forms import KaijoForm, KakuteiForm, ReasonForm, ShuuryouForm, SochiForm
from juki.shien.guard import SHIEN_GUARD
from juki.shien.marks import HIDDEN_ADDRESS, protected_atena_bangos
from juki.shien.models import ShienKaijo, ShienSochi, SochiState

from .conftest import login_as
from .factories import ChouazaFactory, StaffUserFactory, resident
from .procedures import receive
from .screen_stub import StubScreenKind

pytestmark = pytest.mark.django_db
JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")


@pytest.fixture
def sekininsha(backyard_terminal: object) -> Any:
    return StaffUserFactory(
        username="sekinin1",
        display_name="責任　五郎",
        default_terminal=backyard_terminal,
        roles=[Role.CLERK, Role.SHIEN_SEKININSHA],
    )


def kari(clerk: Any, person: Any) -> ShienSochi:
    return shien.do_kari_touroku(
        acting_user=clerk,
        moushidesha=person.atena_bango,
        moushide_date=datetime.date(2026, 4, 1),
        iken_kikan="haigusha_center",
        kagaisha_shimei="加害　太郎",
    )


# --------------------------------------------------------------------------- the mark


def test_protected_atena_bangos_marks_kari_and_confirmed_in_one_query(
    clerk, second_clerk, django_assert_num_queries
) -> None:
    a, b, c = resident(), resident(mei="次郎"), resident(mei="三郎")
    kari(clerk, a)
    shien.do_kakutei(
        kari(clerk, b), acting_user=second_clerk, kaishi_date=datetime.date(2026, 4, 1)
    )
    with django_assert_num_queries(1):
        marks = protected_atena_bangos([a.atena_bango, b.atena_bango, c.atena_bango])
    assert marks == {a.atena_bango: "仮支援措置", b.atena_bango: "支援措置"}
    with django_assert_num_queries(0):
        assert protected_atena_bangos([]) == {}


def search(client: Client, shi: str = "保護") -> str:
    return client.get("/juki/search/", {"shimei": shi}).content.decode()


def test_the_search_page_marks_a_protected_person_and_hides_the_address_from_a_contractor(
    client: Client, contractor, clerk
) -> None:
    person = resident(shi="保護", mei="花子", banchi="99番地")
    kari(clerk, person)
    login_as(client, contractor)
    html = search(client)
    assert '<span class="badge badge-shien">仮支援措置</span>' in html
    assert HIDDEN_ADDRESS in html and "99番地" not in html


def test_the_search_page_shows_the_address_with_the_mark_to_a_clerk(
    client: Client, clerk, second_clerk
) -> None:
    person = resident(shi="保護", mei="花子", banchi="99番地")
    shien.do_kakutei(
        kari(clerk, person), acting_user=second_clerk, kaishi_date=datetime.date(2026, 4, 1)
    )
    login_as(client, clerk)
    html = search(client)
    assert '<span class="badge badge-shien">支援措置</span>' in html
    assert "99番地" in html and HIDDEN_ADDRESS not in html


def test_the_search_page_of_no_protected_person_shows_no_mark(client: Client, contractor) -> None:
    resident(shi="保護", mei="花子", banchi="99番地")
    login_as(client, contractor)
    html = search(client)
    assert "badge-shien" not in html and "99番地" in html


def test_the_mark_adds_exactly_one_query_to_the_search_page(
    client: Client, contractor, clerk, django_assert_num_queries
) -> None:
    ChouazaFactory()
    people = [resident(shi="山田", mei=f"太郎{i}", banchi=f"{i}番") for i in range(30)]
    for person in people[:5]:
        kari(clerk, person)
    login_as(client, contractor)
    search(client, "山田")  # warm the session and the caches
    # session, user, groups, the page of persons, its 町字, the 支援措置 marks, the
    # form's 町字, 操作ログ (head, row, head), the session saved (savepoint, update,
    # release): the marks of 30 persons are one query
    with django_assert_num_queries(SEARCH_QUERIES):
        html = search(client, "山田")
    assert html.count("badge-shien") == 5


#: the search page before 支援措置 took 12 on this path; the marks add 1
SEARCH_QUERIES = 13


def test_the_resident_page_marks_the_person_and_hides_the_address_from_a_contractor(
    client: Client, contractor, clerk
) -> None:
    person = resident(shi="保護", mei="花子", banchi="99番地", zenjusho="大阪府大阪市北区1番")
    kari(clerk, person)
    login_as(client, contractor)
    html = client.get(reverse("juki:resident", args=[person.atena_bango])).content.decode()
    assert "仮支援措置" in html and "badge-shien" in html
    assert "99番地" not in html and "大阪市北区" not in html
    assert "支援措置の内容を見る" not in html  # the measure is for city staff


def test_the_resident_page_of_a_johyo_is_marked_too(client: Client, contractor, clerk) -> None:
    from juki.models import Jumin, JuminStatus, ShojoJiyu

    person = resident(shi="保護", mei="花子", banchi="99番地")
    Jumin.objects.filter(pk=person.pk).update(
        status=JuminStatus.JOHYO,
        shojo_jiyu=ShojoJiyu.TENSHUTSU,
        shojo_date=datetime.date(2026, 1, 5),
    )
    kari(clerk, person)
    login_as(client, contractor)
    html = client.get(reverse("juki:resident", args=[person.atena_bango])).content.decode()
    assert "除票" in html and "badge-shien" in html and "99番地" not in html


def test_the_resident_page_shows_a_clerk_the_address_and_the_way_to_the_measure(
    client: Client, clerk
) -> None:
    person = resident(shi="保護", mei="花子", banchi="99番地")
    kari(clerk, person)
    login_as(client, clerk)
    html = client.get(reverse("juki:resident", args=[person.atena_bango])).content.decode()
    assert "99番地" in html and "支援措置の内容を見る" in html


def test_the_person_pick_panel_marks_and_hides_for_a_contractor(
    client: Client, contractor, clerk
) -> None:
    person = resident(shi="保護", mei="花子", banchi="99番地")
    kari(clerk, person)
    login_as(client, contractor)
    html = client.get(
        reverse("juki:person_pick"), {"target": "atena_bango", "search": "1", "pick-shimei": "保護"}
    ).content.decode()
    assert "badge-shien" in html and HIDDEN_ADDRESS in html and "99番地" not in html


# --------------------------------------------------------------------------- the screens


def test_a_clerk_enters_a_kari_measure_through_the_screen(client: Client, clerk) -> None:
    person, child = resident(), resident(mei="次郎")
    login_as(client, clerk)
    assert client.get(reverse("juki:shien_new")).status_code == 200
    response = client.post(
        reverse("juki:shien_new"),
        {
            "moushidesha": person.atena_bango,
            "awasete": child.atena_bango,
            "moushide_date": "R8.4.1",
            "iken_kikan": "keisatsu",
            "iken_date": "R8.3.30",
            "kagaisha_shimei": "加害　太郎",
            "kagaisha_seinengappi": "S55.1.1",
            "taishou_jimu": shien.default_taishou_jimu() or ["ido"],
        },
    )
    assert response.status_code == 302
    sochi = ShienSochi.objects.get()
    assert sochi.state == SochiState.KARI and sochi.kagaisha_seinengappi == datetime.date(
        1980, 1, 1
    )
    assert sorted(sochi.taishousha.values_list("atena_bango", flat=True)) == sorted(
        [person.atena_bango, child.atena_bango]
    )


def test_a_bad_entry_gets_japanese_messages_and_keeps_what_was_typed(client: Client, clerk) -> None:
    login_as(client, clerk)
    response = client.post(
        reverse("juki:shien_new"),
        {
            "moushidesha": "99999",
            "awasete": "abc",
            "kagaisha_shimei": "加害　太郎",
            "iken_kikan": "",
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "数字10桁まで" in html and "意見を述べた機関を選んでください" in html
    assert 'value="加害　太郎"' in html
    # a number that is no resident is refused next to its field
    response = client.post(
        reverse("juki:shien_new"),
        {
            "moushidesha": "99999",
            "moushide_date": "R8.4.1",
            "iken_kikan": "keisatsu",
            "taishou_jimu": ["ido"],
        },
    )
    assert "宛名番号99999の住民（除票を含む）はいません" in response.content.decode()
    assert not ShienSochi.objects.exists()


def test_the_same_clerk_cannot_confirm_through_the_screen(
    client: Client, clerk, second_clerk
) -> None:
    sochi = kari(clerk, resident())
    login_as(client, clerk)
    url = reverse("juki:shien_kakutei", args=[sochi.pk])
    response = client.post(url, {"kaishi_date": "R8.4.1"})
    assert response.status_code == 200
    assert "支援措置の設定は二人で行います" in response.content.decode()
    login_as(client, second_clerk)
    assert client.post(url, {"kaishi_date": "R8.4.1"}).status_code == 302
    sochi.refresh_from_db()
    assert sochi.state == SochiState.KAKUTEI and sochi.shuuryou_date == datetime.date(2027, 3, 31)


def test_ending_through_the_screens_takes_two_clerks(client: Client, clerk, second_clerk) -> None:
    sochi = kari(clerk, resident())
    login_as(client, clerk)
    client.post(reverse("juki:shien_shuuryou_shinsei", args=[sochi.pk]), {"jiyu": "moushide"})
    response = client.post(reverse("juki:shien_shuuryou", args=[sochi.pk]), follow=True)
    assert "終了は二人で行います" in response.content.decode()
    login_as(client, second_clerk)
    client.post(reverse("juki:shien_shuuryou", args=[sochi.pk]), {"decision": "kakunin"})
    sochi.refresh_from_db()
    assert sochi.state == SochiState.SHUURYOU


def test_a_lift_through_the_screens(client: Client, contractor, clerk, sekininsha) -> None:
    sochi = kari(clerk, resident())
    procedure = receive(contractor, StubScreenKind.code)
    login_as(client, sekininsha)
    url = reverse("juki:shien_kaijo_shinsei", args=[sochi.pk])
    response = client.post(url, {"procedure": "999999", "reason": "審査済み"})
    assert "その手続番号の手続はありません" in response.content.decode()
    assert (
        client.post(url, {"procedure": str(procedure.pk), "reason": "審査済み"}).status_code == 302
    )
    kaijo = ShienKaijo.objects.get()
    confirm = reverse("juki:shien_kaijo_kakunin", args=[kaijo.pk])
    html = client.post(confirm, follow=True).content.decode()
    assert "一時解除は二人で行います" in html
    login_as(client, clerk)
    html = client.post(confirm, follow=True).content.decode()
    assert f"手続{procedure.pk}のみ" in html
    kaijo.refresh_from_db()
    assert kaijo.confirmed_by == clerk


def test_a_clerk_may_not_ask_for_a_lift(client: Client, clerk) -> None:
    sochi = kari(clerk, resident())
    login_as(client, clerk)
    response = client.post(reverse("juki:shien_kaijo_shinsei", args=[sochi.pk]), {})
    assert response.status_code == 403


def test_the_list_shows_the_attempts_until_acknowledged(
    client: Client, contractor, clerk, django_assert_num_queries
) -> None:
    person = resident()
    sochi = kari(clerk, person)
    ShienSochi.objects.filter(pk=sochi.pk).update(taishou_jimu=["ido"])
    procedure = receive(contractor, StubScreenKind.code)
    reason = SHIEN_GUARD.check(
        Act.KOUFU,
        procedure,
        [Subject(f"jumin:{person.atena_bango}", "")],
        contractor,
    )
    assert reason is not None
    # the row the machine writes for a refusal (counter.refusals; tests/test_shien.py)
    audit.record(
        AuditAction.REFUSED,
        user=contractor,
        target=audit.AuditTarget("procedure", str(procedure.pk), "試験"),
        detail={"rule": "guard", "guard": "shien_sochi", "reason": reason},
    )
    login_as(client, clerk)
    client.get(reverse("juki:shien_list"))
    # session, user, groups, measures, their persons (one prefetch), the period alerts,
    # the attempts not acknowledged (one query), the 操作ログ read row (head, row, head),
    # the session saved (savepoint, update, release)
    with django_assert_num_queries(LIST_QUERIES):
        html = client.get(reverse("juki:shien_list")).content.decode()
    assert "未確認 1件" in html and "拒否" in html
    row = AuditLog.objects.filter(detail__guard="shien_sochi").get()
    client.post(reverse("juki:shien_alert_kakunin", args=[row.pk]))
    assert "未確認" not in client.get(reverse("juki:shien_list")).content.decode()


LIST_QUERIES = 13


def test_the_detail_shows_the_history(
    client: Client, clerk, second_clerk, django_assert_num_queries
) -> None:
    sochi = kari(clerk, resident())
    shien.do_kakutei(sochi, acting_user=second_clerk, kaishi_date=datetime.date(2026, 4, 1))
    login_as(client, clerk)
    url = reverse("juki:shien_detail", args=[sochi.pk])
    client.get(url)
    with django_assert_num_queries(DETAIL_QUERIES):
        html = client.get(url).content.decode()
    assert "仮支援措置の入力" in html and "支援措置の確認" in html
    assert "令和8年4月1日〜令和9年3月31日" in html


DETAIL_QUERIES = 13


# --------------------------------------------------------------------------- hypothesis

TEXT = st.text(max_size=40)
FUZZ = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def _all_japanese(form: Any) -> bool:
    return all(JAPANESE.search(str(e)) for errors in form.errors.values() for e in errors)


@FUZZ
@given(st.dictionaries(st.sampled_from(list(SochiForm.base_fields)), TEXT))
def test_the_measure_form_never_fails_and_answers_in_japanese(roles, data: dict[str, str]) -> None:
    form = SochiForm(data)
    if not form.is_valid():
        assert _all_japanese(form)


@FUZZ
@given(
    st.sampled_from([KakuteiForm, ShuuryouForm, KaijoForm, ReasonForm]),
    st.dictionaries(
        st.sampled_from(["kaishi_date", "shuuryou_date", "jiyu", "reason", "procedure"]), TEXT
    ),
)
def test_the_act_forms_never_fail_and_answer_in_japanese(
    form_class: Any, data: dict[str, str]
) -> None:
    form = form_class(data)
    if not form.is_valid():
        assert _all_japanese(form)


# --------------------------------------------------------------------------- 照合・審査


class AddressKind(StubScreenKind):
    """A 住民異動 kind (not covered by default) whose review shows the person's address."""

    code = "stub_shien_address"

    def subjects(self, entry: dict[str, Any]) -> list[Subject]:
        return [Subject(f"jumin:{entry['subject']}", "住民")]

    def review(self, procedure: Any) -> list[Any]:
        from counter.procedure_kinds import ReviewBlock, ReviewRow

        return [
            ReviewBlock(
                "異動者",
                [
                    ReviewRow("氏名", "保護　花子", "保護　花子"),
                    ReviewRow("住所", "旧町1番", "新町99番地"),
                ],
            )
        ]


@pytest.fixture
def address_kind() -> Any:
    from counter import registry

    with registry.temporarily(procedure_kinds=[AddressKind()]):
        yield AddressKind


def test_the_check_screen_marks_the_person_and_masks_the_address_for_a_contractor(
    client: Client, address_kind, contractor, clerk
) -> None:
    from counter.procedure_models import ProcedureState

    from .procedures import procedure_in

    person = resident()
    proc = procedure_in(
        ProcedureState.KARI_TOUROKU,
        AddressKind.code,
        {"subject": person.atena_bango},
        contractor,
        clerk,
    )
    kari(clerk, person)
    login_as(client, contractor)
    html = client.get(reverse("counter:procedure_check", args=[proc.pk])).content.decode()
    assert '<span class="badge badge-shien">仮支援措置</span>' in html
    assert "新町99番地" not in html and "保護　花子" in html


def test_the_review_screen_marks_the_person_and_shows_a_clerk_the_address(
    client: Client, address_kind, contractor, clerk, second_clerk
) -> None:
    from counter.procedure_models import ProcedureState

    from .procedures import procedure_in

    person = resident()
    proc = procedure_in(
        ProcedureState.SHOUGOU, AddressKind.code, {"subject": person.atena_bango}, contractor, clerk
    )
    kari(clerk, person)
    login_as(client, second_clerk)
    html = client.get(reverse("counter:review_detail", args=[proc.pk])).content.decode()
    assert '<span class="badge badge-shien">仮支援措置</span>' in html
    assert "新町99番地" in html


def test_the_shokai_hyo_of_a_protected_person_prints_no_address_for_a_contractor(
    client: Client, contractor, clerk, tmp_path: Any
) -> None:
    from .test_documents import pdftotext, squash

    def flat(pdf: bytes, where: Any) -> str:
        return squash(pdftotext(pdf, where))

    person = resident(shi="保護", mei="花子", banchi="99番地")
    kari(clerk, person)
    url = reverse("juki:resident_pdf", args=[person.atena_bango])
    login_as(client, contractor)
    text = flat(client.get(url).content, tmp_path)
    assert "保護花子" in text and "99番地" not in text
    login_as(client, clerk)
    assert "99番地" in flat(client.get(url).content, tmp_path)


def test_an_attempt_raises_an_alert_on_the_backyard_screen(
    client: Client, address_kind, contractor, clerk
) -> None:
    from counter import services
    from counter.procedure_kinds import get_kind

    from .procedures import receive as receive_kind

    person = resident()
    sochi = kari(clerk, person)
    ShienSochi.objects.filter(pk=sochi.pk).update(
        taishou_jimu=[get_kind(AddressKind.code).category]
    )
    proc = receive_kind(contractor, AddressKind.code)
    with pytest.raises(services.ProcedureRefused, match="支援措置"):
        services.do_enter(
            proc, {"subject": person.atena_bango}, acting_user=contractor, terminal=None
        )
    login_as(client, clerk)
    html = client.get(reverse("counter:review_queue")).content.decode()
    assert "支援措置の対象者への請求・操作が1件あります" in html


def test_the_review_queue_flags_a_procedure_on_a_protected_person(
    client: Client, address_kind, contractor, clerk, second_clerk
) -> None:
    from counter.procedure_models import ProcedureState

    from .procedures import procedure_in

    person, other = resident(), resident(mei="次郎")
    flagged = procedure_in(
        ProcedureState.SHOUGOU, AddressKind.code, {"subject": person.atena_bango}, contractor, clerk
    )
    procedure_in(
        ProcedureState.SHOUGOU, AddressKind.code, {"subject": other.atena_bango}, contractor, clerk
    )
    kari(clerk, person)
    login_as(client, second_clerk)
    html = client.get(reverse("counter:review_queue")).content.decode()
    assert html.count('<span class="badge badge-shien">仮支援措置</span>') == 1
    row = html.split(reverse("counter:review_detail", args=[flagged.pk]))[0].rsplit("<tr", 1)[1]
    assert "仮支援措置" in row
