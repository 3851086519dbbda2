"""交付履歴 (j300, j360): kept within its period, searched by a 監督者, each search logged."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from hypothesis import given, settings
from hypothesis import strategies as st

from certificates import services
from certificates.records import KoufuRireki, retention_end
from certificates.rireki import KoufuRirekiSearchForm
from counter.models import AuditAction, AuditLog
from counter.procedure_kinds import FeeBasis, RequesterCategory
from juki.demo import residents as r

from ..conftest import login_as
from ..procedures import receive

pytestmark = pytest.mark.django_db

URL = reverse("certificates:koufu_rireki")


def issued(
    contractor: Any,
    *,
    atena_bango: str = "0000000001",
    shimei: str = "髙橋　一郎",
    kubun: RequesterCategory = RequesterCategory.HONNIN,
    shubetsu: str = "juminhyo_utsushi",
) -> KoufuRireki:
    """A 交付履歴 row as 交付 writes it (the service, without printing)."""
    procedure = receive(contractor, "juminhyo_utsushi")
    koufu = services.Koufu(
        shubetsu=shubetsu,
        shubetsu_label="住民票の写し",
        taishosha=[services.Taisho(atena_bango, shimei)],
        kisai_jiko=["世帯連記式"],
        tsusu=1,
        seikyusha_kubun=kubun,
        seikyusha_shimei=shimei,
        seikyu_jiyu="住基法第12条第1項（本人等の請求）",
        fee_basis=FeeBasis.TSUUJOU,
    )
    return services.record_koufu(
        procedure, koufu, [], acting_user=contractor, terminal=contractor.default_terminal
    )


# --------------------------------------------------------------------- retention (j300)


def test_a_row_within_its_period_is_never_deleted(contractor) -> None:
    row = issued(contractor)
    with pytest.raises(PermissionError, match="保存期間内"):
        row.delete()
    with pytest.raises(PermissionError, match="保存期間内"):
        KoufuRireki.objects.all().delete()
    assert KoufuRireki.objects.filter(pk=row.pk).exists()


def test_the_period_is_a_setting_counted_from_the_next_first_of_january(settings) -> None:
    settings.KOUFU_RIREKI_RETENTION_YEARS = 5
    at = datetime.datetime(2024, 12, 31, 23, 0, tzinfo=timezone.get_current_timezone())
    assert retention_end(at) == datetime.date(2030, 1, 1)
    settings.KOUFU_RIREKI_RETENTION_YEARS = 10
    assert retention_end(at) == datetime.date(2035, 1, 1)


def test_only_rows_past_their_period_are_purged(contractor, settings) -> None:
    settings.KOUFU_RIREKI_RETENTION_YEARS = 5
    old, new = issued(contractor), issued(contractor)
    long_ago = datetime.datetime(2015, 6, 1, 10, 0, tzinfo=timezone.get_current_timezone())
    KoufuRireki.objects.filter(pk=old.pk).update(koufu_at=long_ago)
    assert services.purge_expired(datetime.date(2026, 1, 1)) == 1
    assert list(KoufuRireki.objects.values_list("pk", flat=True)) == [new.pk]


def test_no_screen_of_the_app_deletes_a_row() -> None:
    """The app offers no delete of the 交付履歴 (and the project has no admin site)."""
    from django.conf import settings as conf

    from ..test_access import all_routes

    assert "django.contrib.admin" not in conf.INSTALLED_APPS
    assert not [route for route, _ in all_routes() if "admin" in route or "delete" in route]


# --------------------------------------------------------------------- the search (j360)


def test_only_a_supervisor_searches(client: Client, contractor, clerk) -> None:
    for user in (contractor, clerk):
        login_as(client, user)
        assert client.get(URL).status_code == 403


def test_each_condition_narrows_the_rows(client: Client, supervisor, contractor) -> None:
    a = issued(contractor, atena_bango="1000000001", shimei="髙橋　一郎")
    b = issued(
        contractor,
        atena_bango="1000000002",
        shimei="佐藤　花子",
        kubun=RequesterCategory.DAISANSHA,
        shubetsu="kisai_jiko",
    )
    login_as(client, supervisor)

    def found(**conditions: str) -> set[int]:
        response = client.get(URL, conditions)
        assert response.status_code == 200
        return {row.record.pk for row in response.context["table"].page.object_list}

    assert found() == {a.pk, b.pk}  # today's, without conditions
    assert found(atena_bango="1000000002") == {b.pk}
    assert found(shimei="髙橋") == {a.pk}
    assert found(shubetsu="kisai_jiko") == {b.pk}
    assert found(seikyusha_kubun="daisansha") == {b.pk}
    yesterday = r.days_ago(1).isoformat()
    assert found(koufu_from=yesterday, koufu_to=yesterday) == set()


def test_each_search_writes_the_audit_log(client: Client, supervisor, contractor) -> None:
    row = issued(contractor, atena_bango="1000000001")
    login_as(client, supervisor)
    before = AuditLog.objects.filter(action=AuditAction.SEARCH).count()
    client.get(URL, {"atena_bango": "1000000001"})
    client.get(URL, {"shimei": "髙橋"})
    logs = AuditLog.objects.filter(action=AuditAction.SEARCH).order_by("pk")
    assert logs.count() == before + 2
    last = logs.last()
    assert last is not None and last.detail["screen"] == "koufu_rireki"
    assert f"koufu_rireki:{row.pk}" in last.detail["whom"]


@pytest.mark.parametrize("rows", [1, 5])
def test_the_list_reads_a_page_in_a_fixed_number_of_queries(
    client: Client, supervisor, contractor, rows: int, django_assert_num_queries
) -> None:
    for n in range(rows):
        issued(contractor, atena_bango=f"100000000{n}")
    login_as(client, supervisor)
    client.get(URL)  # warm the caches (ContentType, the session)
    # session, user, roles; the page with its 交付者 (one query, LazyPaginator: no COUNT);
    # the 操作ログ row (head, row, head) and the session's save, in savepoints
    with django_assert_num_queries(10):
        assert client.get(URL).status_code == 200


def test_a_bad_date_is_a_message_next_to_its_field(client: Client, supervisor) -> None:
    login_as(client, supervisor)
    response = client.get(URL, {"koufu_from": "令和99年13月1日"})
    assert response.status_code == 200
    assert response.context["form"].errors["koufu_from"]


@settings(max_examples=60, deadline=None)
@given(
    st.dictionaries(
        st.sampled_from(list(KoufuRirekiSearchForm.base_fields)),
        st.text(max_size=30),
        max_size=7,
    )
)
def test_the_search_form_never_fails_on_any_input(data: dict[str, str]) -> None:
    form = KoufuRirekiSearchForm(data)
    if form.is_valid():
        start, end = form.cleaned_data.get("koufu_from"), form.cleaned_data.get("koufu_to")
        assert not (start and end and start > end)
    else:
        assert all(isinstance(m, str) for ms in form.errors.values() for m in ms)
