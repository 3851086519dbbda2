"""The headers of every response: no-store for signed-in users, the CSP, TLS, no banner.

Production settings (HSTS, secure cookies, the proxy header, `check --deploy`) are read in
a fresh process, as tests/test_settings_production.py does.
"""

from __future__ import annotations

import json
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from django.test import Client

from .conftest import login_as
from .factories import resident
from .test_settings_production import AUDIT_KEY, BROKER, KEY, ROOT, run, started

TEMPLATE_DIRS = [ROOT / "templates", *ROOT.glob("*/templates")]


# --------------------------------------------------------------------------- no-store


@pytest.mark.django_db
def test_pages_and_pdfs_for_a_signed_in_user_are_never_stored(client: Client, contractor) -> None:
    person = resident()
    login_as(client, contractor)
    for url in ("/", f"/juki/residents/{person.atena_bango}/", "/juki/search/"):
        assert client.get(url)["Cache-Control"] == "no-store", url
    pdf = client.get(f"/juki/residents/{person.atena_bango}/print/")
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf["Cache-Control"] == "no-store"


@pytest.mark.django_db
def test_the_logout_and_login_responses_are_not_stored_either(
    client: Client, contractor, window_terminal
) -> None:
    login = client.post(
        "/login/",
        {"username": "juchu1", "password": "test-pass-2026", "terminal": window_terminal.pk},
    )
    assert login.status_code == 302 and login["Cache-Control"] == "no-store"
    logout = client.post("/logout/")
    assert logout.status_code == 302 and logout["Cache-Control"] == "no-store"


@pytest.mark.django_db
def test_the_public_board_may_be_cached_normally(client: Client) -> None:
    assert "no-store" not in client.get("/board/").get("Cache-Control", "")


# --------------------------------------------------------------------------- CSP


def csp_directives(header: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            out[words[0]] = words[1:]
    return out


@pytest.mark.django_db
def test_every_page_carries_a_policy_without_inline_script(client: Client, contractor) -> None:
    for response in (client.get("/login/"), login_as(client, contractor).get("/")):
        policy = csp_directives(response["Content-Security-Policy"])
        assert policy["script-src"] == ["'self'"]
        assert policy["style-src"] == ["'self'"]
        assert policy["object-src"] == ["'none'"]
        assert policy["frame-ancestors"] == ["'none'"]
        assert "'unsafe-inline'" not in response["Content-Security-Policy"]
        assert "'unsafe-eval'" not in response["Content-Security-Policy"]
        assert response["X-Frame-Options"] == "DENY"
        assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.django_db
def test_a_pdf_carries_no_page_policy(client: Client, contractor) -> None:
    person = resident()
    login_as(client, contractor)
    pdf = client.get(f"/juki/residents/{person.atena_bango}/print/")
    assert "Content-Security-Policy" not in pdf


def all_templates() -> list[Path]:
    return sorted(p for d in TEMPLATE_DIRS for p in d.rglob("*.html"))


SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.IGNORECASE | re.DOTALL)
TAG = re.compile(r"<[a-zA-Z][^<>]*>", re.DOTALL)
EVENT_ATTRIBUTE = re.compile(r"\son[a-z]+\s*=", re.IGNORECASE)
STYLE_ATTRIBUTE = re.compile(r"\sstyle\s*=", re.IGNORECASE)


def test_the_scan_finds_what_it_looks_for() -> None:
    assert SCRIPT.search("<script>alert(1)</script>")
    assert EVENT_ATTRIBUTE.search('<button onclick="go()">')
    assert not EVENT_ATTRIBUTE.search('<a href="/on=1" data-x="y">')


def test_no_template_holds_an_inline_script_or_event_handler() -> None:
    """The CSP refuses them: a template that had one would silently lose its behaviour."""
    templates = all_templates()
    assert len(templates) > 40
    problems: list[str] = []
    for path in templates:
        text = path.read_text(encoding="utf-8")
        for attributes, body in SCRIPT.findall(text):
            if body.strip() or "src=" not in attributes:
                problems.append(f"{path}: inline <script>")
            elif re.search(r"src=[\"']?(https?:)?//", attributes):
                problems.append(f"{path}: script from another site")
        for tag in TAG.findall(text):
            if EVENT_ATTRIBUTE.search(tag):
                problems.append(f"{path}: event handler attribute in {tag[:60]}")
            if "javascript:" in tag.lower():
                problems.append(f"{path}: javascript: URL in {tag[:60]}")
            # Screens only: the documents are PDFs drawn by WeasyPrint, not pages.
            if STYLE_ATTRIBUTE.search(tag) and "documents" not in path.parts:
                problems.append(f"{path}: style attribute in {tag[:60]}")
        if "documents" not in path.parts and re.search(r"<style\b", text, re.IGNORECASE):
            problems.append(f"{path}: inline <style>")
    assert problems == []


# --------------------------------------------------------------------------- TLS


@pytest.mark.django_db
def test_the_terminal_cookie_is_secure_behind_tls(
    client: Client, contractor, window_terminal, settings
) -> None:
    settings.TERMINAL_COOKIE_SECURE = True
    client.post(
        "/login/",
        {"username": "juchu1", "password": "test-pass-2026", "terminal": window_terminal.pk},
    )
    cookie = client.cookies["juki_terminal"]
    assert cookie["secure"] is True
    assert cookie["httponly"] is True


PRODUCTION = {
    "DJANGO_DEBUG": "0",
    "CELERY_BROKER_URL": BROKER,
    "DJANGO_SECRET_KEY": KEY,
    "JUKI_AUDIT_KEY": AUDIT_KEY,
    "DJANGO_ALLOWED_HOSTS": "testserver",
}

PRINT_TLS = """
import json
import django
django.setup()
from django.conf import settings
from django.test import Client
client = Client()
# /logout/ answers an anonymous GET with a redirect to the login page: no database, no
# template, so no migrate or collectstatic is needed here.
plain = client.get("/logout/")
secure = client.get("/logout/", secure=True)
proxied = client.get("/logout/", headers={"X-Forwarded-Proto": "https"})
print(json.dumps({
    "session_secure": settings.SESSION_COOKIE_SECURE,
    "csrf_secure": settings.CSRF_COOKIE_SECURE,
    "terminal_secure": settings.TERMINAL_COOKIE_SECURE,
    "proxy_header": getattr(settings, "SECURE_PROXY_SSL_HEADER", None),
    "plain_status": plain.status_code,
    "plain_location": plain.headers.get("Location", ""),
    "hsts": secure.headers.get("Strict-Transport-Security", ""),
    "proxied_status": proxied.status_code,
}))
"""


def test_production_is_https_only_with_hsts_and_secure_cookies(tmp_path: Path) -> None:
    got = started(run(["-c", PRINT_TLS], tmp_path, **PRODUCTION))
    assert got["session_secure"] is True
    assert got["csrf_secure"] is True
    assert got["terminal_secure"] is True
    assert got["proxy_header"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    assert got["plain_status"] == 301
    assert got["plain_location"] == "https://testserver/logout/"
    assert got["hsts"] == "max-age=31536000; includeSubDomains; preload"
    assert got["proxied_status"] == 302  # the proxy said https: to the login page, no loop


def test_plain_http_on_loopback_turns_tls_off(tmp_path: Path) -> None:
    for switch in ("DJANGO_TLS", "DJANGO_SECURE_COOKIES"):  # the former name still works
        got = started(run(["-c", PRINT_TLS], tmp_path, **PRODUCTION, **{switch: "0"}))
        assert got["session_secure"] is False, switch
        assert got["terminal_secure"] is False, switch
        assert got["proxy_header"] is None, switch
        assert got["plain_status"] == 302, switch
        assert got["hsts"] == "", switch


def test_check_deploy_is_clean_with_production_settings(tmp_path: Path) -> None:
    result = run(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        tmp_path,
        DJANGO_SECRET_KEY=KEY + "-Xy9",
        JUKI_AUDIT_KEY=AUDIT_KEY,
        CELERY_BROKER_URL=BROKER,
    )
    assert result.returncode == 0, result.stderr + result.stdout
    assert "no issues" in result.stdout


# --------------------------------------------------------------------------- banner


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_gunicorn_sends_no_server_banner(tmp_path: Path) -> None:
    port = free_port()
    env = {
        "PATH": "/usr/bin:/bin",
        "JUKI_TESTING": "1",
        "JUKI_VAR_DIR": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "config.settings",
    }
    gunicorn = Path(sys.executable).parent / "gunicorn"
    server = subprocess.Popen(  # noqa: S603 (our own gunicorn and config)
        [
            str(gunicorn),
            "-c",
            "python:config.gunicorn_conf",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "1",
            "config.wsgi:application",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}/static/css/app.css"
    try:
        headers: dict[str, str] = {}
        for _ in range(100):
            try:
                with urllib.request.urlopen(url, timeout=5) as response:
                    headers = dict(response.headers)
                break
            except OSError:
                time.sleep(0.1)
        assert headers, "gunicorn did not answer"
        assert "Server" not in headers, json.dumps(headers)
        assert "Date" in headers
    finally:
        server.terminate()
        server.wait(timeout=20)
