"""The demo staff: terminals and one user per role (DEBUG demo only)."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction

from counter.demo_fees import ensure_demo_fees
from counter.models import Terminal
from counter.roles import Role, ensure_roles

DEMO_PASSWORD = "demo-pass-2026"  # noqa: S105 - printed on purpose; demo (DEBUG) only

#: (code, name, place, printer)
DEMO_TERMINALS: tuple[tuple[str, str, str, str], ...] = (
    ("本庁1", "窓口1", "本庁", "プリンタ001"),
    ("本庁2", "窓口2", "本庁", "プリンタ002"),
    ("本庁BY1", "バックヤード1", "本庁", "プリンタ011"),
    ("支所1", "窓口", "支所", "プリンタ101"),
)

#: the window terminals, each with its レジ (counter.demo_fees)
DEMO_WINDOWS = ("本庁1", "本庁2", "支所1")

#: (username, display name, role, default terminal)
DEMO_USERS: tuple[tuple[str, str, Role, str], ...] = (
    ("juchu1", "窓口　一郎", Role.CONTRACTOR, "本庁1"),
    ("juchu2", "窓口　二葉", Role.CONTRACTOR, "本庁2"),
    ("shokuin1", "区役　花子", Role.CLERK, "本庁BY1"),
    ("shokuin2", "区役　次郎", Role.CLERK, "本庁BY1"),
    ("kantoku1", "係長　三郎", Role.SUPERVISOR, "本庁BY1"),
    ("kanri1", "管理　四郎", Role.ADMINISTRATOR, "本庁BY1"),
)


@transaction.atomic
def ensure_demo_staff() -> list[tuple[str, str, str]]:
    """Create or update the demo terminals and users (idempotent).

    Every user gets exactly their role group, their default terminal and the password
    :data:`DEMO_PASSWORD`. Returns ``(username, role, password)`` for printing.
    """
    terminals = {}
    for code, name, place, printer in DEMO_TERMINALS:
        terminal, _created = Terminal.objects.update_or_create(
            code=code,
            defaults={"name": name, "place": place, "printer_name": printer, "is_active": True},
        )
        terminals[code] = terminal
    ensure_demo_fees(terminals[code] for code in DEMO_WINDOWS)
    ensure_roles()
    User = get_user_model()
    result = []
    for username, display_name, role, terminal_code in DEMO_USERS:
        user, _created = User.objects.get_or_create(username=username)
        user.display_name = display_name
        user.default_terminal = terminals[terminal_code]
        user.is_active = True
        user.set_password(DEMO_PASSWORD)
        user.save()
        user.groups.set([Group.objects.get(name=role.value)])
        result.append((username, role.value, DEMO_PASSWORD))
    return result
