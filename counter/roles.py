"""Staff roles as Django groups with permissions.

The law lets only city staff (職員) decide; the contractor (受注者) prepares. Roles are
groups so a city can inspect and audit them; `ensure_roles` keeps them in the shape this
module describes after every migrate.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, Any

from django.apps import AppConfig, apps
from django.db.models import Q
from django.db.models.signals import post_migrate

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser


class Role(StrEnum):
    CONTRACTOR = "受注者"
    CLERK = "職員"
    SUPERVISOR = "監督者"
    ADMINISTRATOR = "管理者"
    #: 支援措置責任者 (事務処理要領第6の10): a 職員 who also holds this role asks for the
    #: 一時解除 of a 支援措置 for one request (juki.shien)
    SHIEN_SEKININSHA = "支援措置責任者"


ALL_ROLES = frozenset(Role)
#: roles that may look at residents at all (search, resident page)
RESIDENT_READERS = frozenset({Role.CONTRACTOR, Role.CLERK, Role.SUPERVISOR})
#: the window's people: the contractor, and city staff who sit at the window too: a 職員,
#: and a 監督者 (who may do all a 職員 does, README) when the counter is busy; they also
#: withdraw (取下げ) and complete (完了) procedures
WINDOW_ROLES = (Role.CONTRACTOR, Role.CLERK, Role.SUPERVISOR)

#: custom permissions, defined on counter.StaffUser's Meta
ROLE_PERMISSIONS: dict[Role, tuple[str, ...]] = {
    Role.CONTRACTOR: ("view_resident", "view_kojin_bango"),
    Role.CLERK: ("view_resident", "view_kojin_bango", "approve_procedure"),
    Role.SUPERVISOR: (
        "view_resident",
        "view_kojin_bango",
        "approve_procedure",
        "view_auditlog",
        "view_reports",
    ),
    Role.ADMINISTRATOR: ("manage_masters", "manage_staff", "view_auditlog"),
    # defined on juki's ShienSochi (app label before the dot)
    Role.SHIEN_SEKININSHA: ("juki.lift_shien_sochi",),
}


def roles_of(user: AbstractBaseUser | AnonymousUser) -> frozenset[Role]:
    """The roles of a user, cached on the user object for the request."""
    if not user.is_authenticated:
        return frozenset()
    cached: frozenset[Role] | None = getattr(user, "_juki_roles", None)
    if cached is None:
        names = set(user.groups.values_list("name", flat=True))  # type: ignore[attr-defined]
        cached = frozenset(r for r in Role if r.value in names)
        user.__dict__["_juki_roles"] = cached
    return cached


def ensure_roles(**_: Any) -> None:
    """Create the role groups and give each exactly its permissions (idempotent)."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role, codenames in ROLE_PERMISSIONS.items():
        group, _created = Group.objects.get_or_create(name=role.value)
        # "app.codename" names a permission another app defines (run again after its migrate)
        wanted = Q(pk__in=[])
        for name in codenames:
            app, _dot, codename = name.rpartition(".")
            wanted |= Q(content_type__app_label=app or "counter", codename=codename)
        group.permissions.set(Permission.objects.filter(wanted))


def connect_role_setup(app_config: AppConfig) -> None:
    post_migrate.connect(ensure_roles, sender=app_config, dispatch_uid="counter.ensure_roles")
