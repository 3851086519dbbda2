"""config.settings as a production process sees it: refusals and accepted configurations.

Each case starts a fresh Python with a controlled environment (``env -i`` style: PATH and
the variables under test only), because settings are read once per process and the test
suite itself runs in development mode (JUKI_TESTING=1).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

BROKER = "redis://:secret@127.0.0.1:6399/0"
KEY = "k" * 50
AUDIT_KEY = "a" * 50

#: the settings a process ended up with, printed as JSON by the child
PRINT_SETTINGS = """
import json
import django
django.setup()
from django.conf import settings
from config.celery import app
print(json.dumps({
    "debug": settings.DEBUG,
    "secret_key": settings.SECRET_KEY,
    "broker": settings.CELERY_BROKER_URL,
    "eager": settings.CELERY_TASK_ALWAYS_EAGER,
    "celery_eager": app.conf.task_always_eager,
    "static_backend": settings.STORAGES["staticfiles"]["BACKEND"],
}))
"""


def run(args: list[str], var_dir: Path, **env: str) -> subprocess.CompletedProcess[str]:
    """`python ARGS` in the worktree with only PATH, the var dir and `env` set."""
    base = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "JUKI_VAR_DIR": str(var_dir),
        "PYTHONIOENCODING": "utf-8",
        "PYTHONDONTWRITEBYTECODE": "1",
    }
    return subprocess.run(  # noqa: S603 (our own interpreter and code)
        [sys.executable, *args],
        cwd=ROOT,
        env=base | env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )


def started(result: subprocess.CompletedProcess[str]) -> dict[str, object]:
    assert result.returncode == 0, result.stderr
    loaded: dict[str, object] = json.loads(result.stdout.strip().splitlines()[-1])
    return loaded


def refused(result: subprocess.CompletedProcess[str]) -> str:
    """The refusal message (the last lines of the traceback)."""
    assert result.returncode != 0, result.stdout
    assert "django.core.exceptions.ImproperlyConfigured" in result.stderr, result.stderr
    return result.stderr.split("ImproperlyConfigured:", 1)[1]


def test_production_with_broker_and_key_starts_with_a_worker_queue(tmp_path: Path) -> None:
    got = started(
        run(
            ["-c", PRINT_SETTINGS],
            tmp_path,
            DJANGO_DEBUG="0",
            CELERY_BROKER_URL=BROKER,
            DJANGO_SECRET_KEY=KEY,
            JUKI_AUDIT_KEY=AUDIT_KEY,
        )
    )
    assert got == {
        "debug": False,
        "secret_key": KEY,
        "broker": BROKER,
        "eager": False,
        "celery_eager": False,
        "static_backend": "whitenoise.storage.CompressedManifestStaticFilesStorage",
    }


def test_production_without_broker_refuses_and_names_the_opt_in(tmp_path: Path) -> None:
    message = refused(
        run(
            ["-c", PRINT_SETTINGS],
            tmp_path,
            DJANGO_DEBUG="0",
            DJANGO_SECRET_KEY=KEY,
            JUKI_AUDIT_KEY=AUDIT_KEY,
        )
    )
    assert "CELERY_BROKER_URL が設定されていません" in message
    assert "JUKI_EAGER_TASKS=1" in message
    assert "DJANGO_SECRET_KEY" not in message


def test_celery_worker_refuses_without_broker_too(tmp_path: Path) -> None:
    # DJANGO_DEBUG unset is production as well.
    code = "from config.celery import app; print(app.conf.task_always_eager)"
    message = refused(run(["-c", code], tmp_path, DJANGO_SECRET_KEY=KEY, JUKI_AUDIT_KEY=AUDIT_KEY))
    assert "CELERY_BROKER_URL" in message


def test_eager_opt_in_starts_with_tasks_in_the_request(tmp_path: Path) -> None:
    got = started(
        run(
            ["-c", PRINT_SETTINGS],
            tmp_path,
            DJANGO_DEBUG="0",
            DJANGO_SECRET_KEY=KEY,
            JUKI_AUDIT_KEY=AUDIT_KEY,
            JUKI_EAGER_TASKS="1",
        )
    )
    assert got["eager"] is True
    assert got["celery_eager"] is True
    assert got["broker"] == ""
    assert got["static_backend"] == "whitenoise.storage.CompressedManifestStaticFilesStorage"


def test_production_without_key_refuses(tmp_path: Path) -> None:
    message = refused(
        run(
            ["-c", PRINT_SETTINGS],
            tmp_path,
            DJANGO_DEBUG="0",
            CELERY_BROKER_URL=BROKER,
            JUKI_AUDIT_KEY=AUDIT_KEY,
        )
    )
    assert "DJANGO_SECRET_KEY が設定されていません" in message
    assert "CELERY_BROKER_URL" not in message


def test_both_missing_are_named_in_one_refusal(tmp_path: Path) -> None:
    message = refused(run(["-c", PRINT_SETTINGS], tmp_path))
    assert "DJANGO_SECRET_KEY が設定されていません" in message
    assert "CELERY_BROKER_URL が設定されていません" in message


@pytest.mark.parametrize("command", ["migrate", "check"])
def test_management_command_gets_no_throwaway_key(tmp_path: Path, command: str) -> None:
    """The command line never chooses the key: manage.py refuses like gunicorn would."""
    message = refused(
        run(
            ["manage.py", command],
            tmp_path,
            DJANGO_DEBUG="0",
            CELERY_BROKER_URL=BROKER,
        )
    )
    assert "DJANGO_SECRET_KEY が設定されていません" in message


@pytest.mark.parametrize("flag", ["DJANGO_DEBUG", "JUKI_TESTING"])
def test_development_keeps_eager_tasks_and_the_development_key(tmp_path: Path, flag: str) -> None:
    got = started(run(["-c", PRINT_SETTINGS], tmp_path, **{flag: "1"}))
    assert got["eager"] is True
    assert got["celery_eager"] is True
    assert got["secret_key"] == "insecure-development-key-never-use-in-production"
    assert got["static_backend"] == "django.contrib.staticfiles.storage.StaticFilesStorage"


def test_a_misspelt_switch_refuses_instead_of_meaning_no(tmp_path: Path) -> None:
    message = refused(run(["-c", PRINT_SETTINGS], tmp_path, DJANGO_DEBUG="ture"))
    assert "DJANGO_DEBUG" in message
    assert "'ture'" in message


def test_static_files_are_served_hashed_after_collectstatic(tmp_path: Path) -> None:
    production = {
        "DJANGO_DEBUG": "0",
        "CELERY_BROKER_URL": BROKER,
        "DJANGO_SECRET_KEY": KEY,
        "JUKI_AUDIT_KEY": AUDIT_KEY,
        "DJANGO_ALLOWED_HOSTS": "testserver",
    }
    serve = """
import json
from config.wsgi import application
from django.template import Context, Template
from django.test import Client
url = Template("{% load static %}{% static 'css/app.css' %}").render(Context())
response = Client().get(url, secure=True)  # production is https only
print(json.dumps({"url": url, "status": response.status_code,
                  "cache": response.headers.get("Cache-Control", "")}))
"""
    # Before collectstatic the application refuses to load, naming the command.
    message = refused(run(["-c", serve], tmp_path, **production))
    assert "collectstatic" in message

    collected = run(["manage.py", "collectstatic", "--noinput"], tmp_path, **production)
    assert collected.returncode == 0, collected.stderr

    got = started(run(["-c", serve], tmp_path, **production))
    match = re.fullmatch(r"/static/css/app\.([0-9a-f]{12})\.css", str(got["url"]))
    assert match, got
    static_root = tmp_path / "staticfiles"
    assert (static_root / "css" / f"app.{match[1]}.css").is_file()
    assert (static_root / "css" / f"app.{match[1]}.css.gz").is_file()
    assert got["status"] == 200
    assert "immutable" in str(got["cache"])


#: the 操作ログ key a process ended up with (docs/adr/0015)
PRINT_AUDIT_KEYS = """
import json
import django
django.setup()
from django.conf import settings
print(json.dumps({"keys": settings.AUDIT_KEYS, "current": settings.AUDIT_KEY_ID}))
"""
PRODUCTION = {"DJANGO_DEBUG": "0", "CELERY_BROKER_URL": BROKER, "DJANGO_SECRET_KEY": KEY}


def test_production_without_audit_key_refuses(tmp_path: Path) -> None:
    message = refused(run(["-c", PRINT_AUDIT_KEYS], tmp_path, **PRODUCTION))
    assert "JUKI_AUDIT_KEY（または JUKI_AUDIT_KEY_FILE）が設定されていません" in message
    assert "DJANGO_SECRET_KEY" not in message
    assert "CELERY_BROKER_URL" not in message


def test_production_reads_the_audit_key(tmp_path: Path) -> None:
    got = started(run(["-c", PRINT_AUDIT_KEYS], tmp_path, JUKI_AUDIT_KEY=AUDIT_KEY, **PRODUCTION))
    assert got == {"keys": {"1": AUDIT_KEY}, "current": "1"}
    got = started(
        run(
            ["-c", PRINT_AUDIT_KEYS],
            tmp_path,
            JUKI_AUDIT_KEY=AUDIT_KEY,
            JUKI_AUDIT_KEY_ID="2027a",
            **PRODUCTION,
        )
    )
    assert got == {"keys": {"2027a": AUDIT_KEY}, "current": "2027a"}


def test_production_reads_a_key_file_whose_last_line_is_the_current_key(tmp_path: Path) -> None:
    key_file = tmp_path / "audit_keys"
    key_file.write_text(f"# rotated 2027-04\n2026 {'b' * 40}\n\n2027 {'c' * 40}\n")
    got = started(
        run(["-c", PRINT_AUDIT_KEYS], tmp_path, JUKI_AUDIT_KEY_FILE=str(key_file), **PRODUCTION)
    )
    assert got == {"keys": {"2026": "b" * 40, "2027": "c" * 40}, "current": "2027"}


def test_production_refuses_a_bad_or_ambiguous_audit_key(tmp_path: Path) -> None:
    key_file = tmp_path / "audit_keys"
    key_file.write_text("2026 short\n")
    message = refused(
        run(["-c", PRINT_AUDIT_KEYS], tmp_path, JUKI_AUDIT_KEY_FILE=str(key_file), **PRODUCTION)
    )
    assert "JUKI_AUDIT_KEY_FILE の 1 行目: 鍵 2026 が短すぎます" in message
    message = refused(
        run(
            ["-c", PRINT_AUDIT_KEYS],
            tmp_path,
            JUKI_AUDIT_KEY_FILE=str(key_file),
            JUKI_AUDIT_KEY=AUDIT_KEY,
            **PRODUCTION,
        )
    )
    assert "両方設定されています" in message
    message = refused(
        run(
            ["-c", PRINT_AUDIT_KEYS],
            tmp_path,
            JUKI_AUDIT_KEY="insecure-development-audit-key-never-use-in-production",
            **PRODUCTION,
        )
    )
    assert "開発用の鍵" in message


def test_development_uses_the_named_development_audit_key(tmp_path: Path) -> None:
    got = started(run(["-c", PRINT_AUDIT_KEYS], tmp_path, JUKI_TESTING="1"))
    assert got == {
        "keys": {"dev": "insecure-development-audit-key-never-use-in-production"},
        "current": "dev",
    }
    # A key given in development is used (make stack seeds its demo data in DEBUG).
    got = started(run(["-c", PRINT_AUDIT_KEYS], tmp_path, DJANGO_DEBUG="1", JUKI_AUDIT_KEY=KEY))
    assert got == {"keys": {"1": KEY}, "current": "1"}
