"""Error pages: a database outage answers 503 with Retry-After, a defect 500 (fault drill)."""

from __future__ import annotations

from unittest import mock

import pytest
from django.db import OperationalError
from django.test import Client

from config import errors

from .conftest import login_as


@pytest.mark.django_db
def test_the_database_gone_mid_request_is_a_503_with_retry_after(contractor) -> None:
    client = Client(raise_request_exception=False)
    login_as(client, contractor)
    gone = OperationalError("connection to server on socket failed: No such file or directory")
    with mock.patch("django.contrib.sessions.backends.db.SessionStore.load", side_effect=gone):
        response = client.get("/")
    assert response.status_code == 503
    assert response["Retry-After"] == str(errors.RETRY_AFTER_SECONDS)
    body = response.content.decode()
    assert "データベースに接続できませんでした" in body
    assert "保存されていません" not in body  # it may have committed before it went


def test_any_other_failure_is_a_500(rf) -> None:
    try:
        raise ValueError("a defect")
    except ValueError:
        response = errors.server_error(rf.get("/"))
    assert response.status_code == 500 and "Retry-After" not in response
