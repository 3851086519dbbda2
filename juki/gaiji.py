"""外字: characters outside IPAmj明朝 a 職員 registers so that the register may hold them
(標準仕様書 j1070), and the 文字 check of every name and address typed (jputil.moji).

A name or address may hold only what the register can print and send. What the font
lacks is refused next to its field, naming the character and its code, unless a 職員
registered it here (a private-use code point or a CJK ideograph the font lacks; never an
emoji or a symbol). A registered 外字 is then accepted, and every procedure using one
carries an alert (注意事項) to the 審査 so that the output and the CS are checked by hand.

Imported by juki.models, which the rest of the app reads the model from.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any, ClassVar

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.http import HttpRequest
from django.utils import timezone

from counter import audit
from counter.models import AuditAction
from jputil import moji

_CODE_INPUT = re.compile(r"^(?:U\+?)?([0-9A-F]{4,6})$", re.IGNORECASE)


def validate_toitsu_code(value: str) -> None:
    if value and not moji.TOITSU_CODE_PATTERN.match(value):
        raise ValidationError(
            "住基ネット統一文字コードは「J+」と16進4桁です（例: J+BC2F）。", code="toitsu_code"
        )


class Gaiji(models.Model):
    """One registered 外字: one code point (jputil.moji.is_gaiji_candidate)."""

    moji = models.CharField("外字", max_length=1, unique=True)
    setsumei = models.CharField(
        "字形の説明", max_length=200, help_text="例: 「吉」の上が土（つちよし）、戸籍の記載による"
    )
    toitsu_code = models.CharField(
        "住基ネット統一文字コード",
        max_length=6,
        blank=True,
        validators=[validate_toitsu_code],
        help_text="住基ネットに送るときのコード（J+XXXX）。わからなければ空欄",
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="登録した職員",
        on_delete=models.PROTECT,
        related_name="+",
    )
    registered_at = models.DateTimeField("登録日時", default=timezone.now)

    class Meta:
        verbose_name = "外字"
        verbose_name_plural = "外字"
        ordering: ClassVar[list[str]] = ["registered_at", "id"]

    def __str__(self) -> str:
        return f"{self.code}（{self.setsumei}）"

    @property
    def code(self) -> str:
        return moji.code_label(self.moji)


def parse_gaiji_input(text: str) -> str:
    """What a 職員 typed to register: the character itself, or its code(s) 「U+E000」
    (a private-use character cannot be typed on every terminal)."""
    text = text.strip()
    parts = text.split()
    codes = [_CODE_INPUT.match(p) for p in parts]
    if parts and all(codes):
        try:
            return "".join(chr(int(m.group(1), 16)) for m in codes if m)
        except (ValueError, OverflowError):
            pass  # not a code point: the text is taken as the character itself
    return text


def gaiji_refusal(char: str) -> str | None:
    """Why ``char`` cannot be registered as an 外字 (None: it can)."""
    if not char:
        return "外字にする文字（またはコード U+XXXX）を入力してください。"
    if len(char) != 1:
        return f"1文字ずつ登録してください（{moji.code_label(char)}）。"
    if moji.coverage().prints(char):
        return (
            f"{moji.shown(char)}（{moji.code_label(char)}）はIPAmj明朝にある文字です。"
            "外字にする必要はありません。"
        )
    if not moji.is_gaiji_candidate(char):
        return (
            f"{moji.shown(char)}（{moji.code_label(char)}）は外字にできません。外字にできるのは"
            "私用領域の文字と、IPAmj明朝にない漢字だけです（絵文字・記号・制御文字・"
            "異体字セレクタ付きの文字は不可）。"
        )
    return None


@transaction.atomic
def do_register_gaiji(
    *,
    acting_user: Any,
    request: HttpRequest | None,
    moji_text: str,
    setsumei: str,
    toitsu_code: str = "",
) -> Gaiji:
    """Register one 外字 (j1070); the act goes to the 操作ログ. A refusal is a
    ValidationError by item (``moji``, ``setsumei``, ``toitsu_code``)."""
    char = parse_gaiji_input(moji_text)
    refusal = gaiji_refusal(char)
    if refusal:
        raise ValidationError({"moji": ValidationError(refusal, code="gaiji")})
    if Gaiji.objects.filter(moji=char).exists():
        exists = f"{moji.code_label(char)}は登録済みです。"
        raise ValidationError({"moji": ValidationError(exists, code="exists")})
    row = Gaiji(
        moji=char,
        setsumei=setsumei.strip(),
        toitsu_code=toitsu_code.strip().upper(),
        registered_by=acting_user,
    )
    row.full_clean()
    row.save()
    audit.record(
        AuditAction.CHANGE,
        request=request,
        user=acting_user,
        target=audit.AuditTarget("gaiji", row.code[:40], f"外字 {row.code}"),
        detail={"gaiji": row.code, "setsumei": row.setsumei, "toitsu_code": row.toitsu_code},
    )
    return row


# ------------------------------------------------------------------ the check of an item


def registered(chars: Iterable[str]) -> dict[str, Gaiji]:
    """The registered 外字 among ``chars``: one query, none when there is nothing to ask."""
    wanted = sorted(set(chars))
    if not wanted:
        return {}
    return {g.moji: g for g in Gaiji.objects.filter(moji__in=wanted)}


def gaiji_in(texts: Iterable[str]) -> list[Gaiji]:
    """The registered 外字 these texts use, in order of first use (for the alert)."""
    candidates: list[str] = []
    for text in texts:
        for problem in moji.unprintable(text):
            if problem.gaiji_candidate and problem.char not in candidates:
                candidates.append(problem.char)
    found = registered(candidates)
    return [found[c] for c in candidates if c in found]


def gaiji_alert(texts: Iterable[str]) -> str:
    """The 注意事項 of an entry that uses registered 外字 ("" when none)."""
    used = gaiji_in(texts)
    if not used:
        return ""
    listed = "、".join(f"{g.moji}（{g.code}：{g.setsumei}）" for g in used)
    return (
        f"外字を使っています: {listed}。証明書の字形と住基ネットへの送信を確認してください"
        "（標準仕様書 j1070）。"
    )


def check_items(
    values: Mapping[str, str], *, japanese_names: Iterable[str] = ()
) -> dict[str, list[str]]:
    """The refusals of each item (field name → messages) of what was typed.

    Registered 外字 are accepted (one query, only when an item holds a character the font
    lacks)."""
    names = set(japanese_names)
    found = {
        name: moji.unprintable(text, japanese_name=name in names)
        for name, text in values.items()
        if text
    }
    ok = registered(p.char for problems in found.values() for p in problems if p.gaiji_candidate)
    refused = {name: [p for p in problems if p.char not in ok] for name, problems in found.items()}
    return {name: moji.messages(problems) for name, problems in refused.items() if problems}


class MojiCheckedForm(forms.BaseForm):
    """A form whose name and address fields hold only what the register can print and
    send (j1070). ``moji_fields`` lists them; ``moji_japanese_names`` the ones that are a
    日本人's 氏名 for this entry. Checked right after the fields are cleaned, so a form's
    own ``clean()`` (which may not call its base's) never skips it."""

    moji_fields: ClassVar[tuple[str, ...]] = ()

    def moji_japanese_names(self) -> tuple[str, ...]:
        return ()

    def _clean_fields(self) -> None:
        super()._clean_fields()  # type: ignore[misc]
        values = {
            name: value
            for name in self.moji_fields
            if name in self.fields and isinstance(value := self.cleaned_data.get(name), str)
        }
        problems = check_items(values, japanese_names=self.moji_japanese_names())
        for name, messages in problems.items():
            self.add_error(name, messages)
