"""The forms of seal's own screens (the kinds' entry forms live in their packages)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms

from .kernel.scan import ScanError, parse_mm, read_scan
from .models import Inei, IneiYouto
from .services import Scan


class TorikomiForm(forms.Form):
    """印影の取込: a scan (PNG/JPEG), its use, and its size when the scan has no DPI."""

    youto = forms.ChoiceField(label="用途", choices=IneiYouto.choices, initial=IneiYouto.TOROKU)
    scan = forms.FileField(label="印影の画像（PNG・JPEG）")
    width_mm = forms.CharField(label="幅（mm）", max_length=10, required=False)
    height_mm = forms.CharField(label="高さ（mm）", max_length=10, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.scan_read: Scan | None = None

    def _mm(self, name: str) -> Decimal | None:
        try:
            return parse_mm(str(self.cleaned_data.get(name) or ""))
        except ScanError as exc:
            self.add_error(name, exc.args[0])
            return None

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        width, height = self._mm("width_mm"), self._mm("height_mm")
        if (width is None) != (height is None) and not self.errors:
            self.add_error(
                "width_mm", "幅と高さは両方入力してください（画像の解像度で測るときは両方空欄）。"
            )
        upload = cleaned.get("scan")
        if self.errors or upload is None:
            return cleaned
        if upload.size > Inei.MAX_BYTES:
            self.add_error(
                "scan", f"印影の画像は {Inei.MAX_BYTES // (1024 * 1024)}MB以下にしてください。"
            )
            return cleaned
        try:
            self.scan_read = read_scan(upload.read(), width_mm=width, height_mm=height)
        except ScanError as exc:
            self.add_error("scan", exc.args[0])
        return cleaned


class TorokuSearchForm(forms.Form):
    """The registration list's search: 宛名番号, 印鑑登録番号 or 登録証番号, 状態."""

    q = forms.CharField(label="宛名番号・印鑑登録番号・登録証番号", max_length=12, required=False)
    status = forms.ChoiceField(label="状態", required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        from .models import InkanStatus

        super().__init__(*args, **kwargs)
        status = self.fields["status"]
        assert isinstance(status, forms.ChoiceField)
        status.choices = [("", "すべて"), *InkanStatus.choices]
