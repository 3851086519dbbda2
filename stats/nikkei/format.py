"""How the 日計表 writes its figures: 「1,200円」, 「△300円」 (a negative amount, as public
accounts mark it), 「3通」."""

from __future__ import annotations


def yen_text(value: int | None) -> str:
    if value is None:
        return ""
    return f"△{-value:,}円" if value < 0 else f"{value:,}円"


def count_text(value: int | None) -> str:
    if value is None:
        return ""
    return f"△{-value:,}" if value < 0 else f"{value:,}"


#: the heading of each figure (Figures' fields), on the screens, the PDF and the CSV
FIGURE_LABELS: dict[str, str] = {
    "issued": "交付（通常）",
    "fees_yen": "手数料",
    "kouyou": "公用",
    "menjo": "免除",
    "yuusou": "郵送（通）",
    "kogawase_yen": "うち定額小為替",
    "refunds": "返金（通）",
    "refund_yen": "返金額",
    "adjust_yen": "調整額",
    "net_yen": "差引",
}
