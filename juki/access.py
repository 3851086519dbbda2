"""The one place that decides whether a user may open a resident's record."""

from __future__ import annotations

from django.http import Http404, HttpRequest

from counter import audit, reads
from counter.form_rendering import unreadable_character
from counter.models import AuditAction
from counter.registry import UserSetting
from counter.roles import RESIDENT_READERS, roles_of

from .item_forms import FOREIGN_FIELDS
from .models import Jumin

#: 表示設定 (j1390): the register's items a member of staff may choose not to see on any
#: screen (declared in juki's manifest; counter stores the choice by its code). Each names
#: the rows (照合・審査, 照会票) and entry fields it hides (counter.hiding).
HIDE_HONSEKI = UserSetting(
    "hide_honseki",
    "戸籍の表示（本籍・筆頭者）を隠す",
    row_labels=("本籍", "筆頭者"),
    field_names=("honseki", "hittousha"),
)
HIDE_KOJIN_BANGO = UserSetting(
    "hide_kojin_bango", "個人番号を隠す", row_labels=("個人番号",), field_names=("kojin_bango",)
)
HIDE_JUMINHYO_CODE = UserSetting(
    "hide_juminhyo_code",
    "住民票コードを隠す",
    row_labels=("住民票コード",),
    field_names=("juminhyo_code",),
)
HIDE_ZAIRYU = UserSetting(
    "hide_zairyu",
    "在留資格等を隠す",
    row_labels=(
        "国籍・地域",
        "外国人住民となった年月日",
        "第30条の45区分",
        "第30条の45に規定する区分",
        "在留資格",
        "在留期間",
        "在留期間の満了の日",
        "在留カード等の番号",
        "上陸期間",
        "仮滞在期間",
    ),
    field_names=tuple(FOREIGN_FIELDS),
)
USER_SETTINGS = (HIDE_HONSEKI, HIDE_KOJIN_BANGO, HIDE_JUMINHYO_CODE, HIDE_ZAIRYU)


def _chose_to_hide(request: HttpRequest, item: UserSetting) -> bool:
    setting = getattr(request.user, "setting", None)
    return bool(setting and setting(item.code))


def hides(request: HttpRequest, item: UserSetting) -> bool:
    """Whether the signed-in member of staff chose not to see ``item`` on this screen.

    Asked where a screen decides to show the item: when it is shown, the request's
    操作ログ row says so (`counter.reads.item_shown`)."""
    hidden = _chose_to_hide(request, item)
    if not hidden:
        reads.item_shown(item.code.removeprefix("hide_"))
    return hidden


def get_jumin_for(request: HttpRequest, atena_bango: str, record: int | None = None) -> Jumin:
    """The person with this 宛名番号 (the current record, or the ``record`` given), or
    404; the caller's view already declared its roles.

    Later issues add the 支援措置 check here, so every screen that opens a record
    inherits it.
    """
    if not (roles_of(request.user) & RESIDENT_READERS):
        raise Http404
    if unreadable_character(atena_bango) is not None:
        # Never a 宛名番号 (and PostgreSQL refuses a NUL in a query): refused, and logged
        audit.record(
            AuditAction.REFUSED,
            request=request,
            target=audit.AuditTarget("jumin", atena_bango),
            detail={"reason": "atena_bango"},
        )
        raise Http404("住民が見つかりません。")
    try:
        records = Jumin.objects.select_related("chouaza", "setai", "setai__setai_nushi")
        if record is not None:  # one 除票 of the number (再転入, 区間転入: ADR 0021)
            return records.get(atena_bango=atena_bango, pk=record)
        found = records.of_atena(atena_bango).first()
    except (Jumin.DoesNotExist, ValueError) as exc:
        raise Http404("住民が見つかりません。") from exc
    if found is None:
        raise Http404("住民が見つかりません。")
    return found


def may_see_kojin_bango(request: HttpRequest) -> bool:
    return bool(request.user.has_perm("counter.view_kojin_bango")) and not _chose_to_hide(
        request, HIDE_KOJIN_BANGO
    )
