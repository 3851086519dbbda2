"""What seal asks 職員 to see (counter.registry.staff_alerts, on the 審査 queue)."""

from __future__ import annotations

from .services import tsuchi_pending


def tsuchi_alerts() -> list[str]:
    pending = tsuchi_pending()
    if not pending:
        return []
    numbers = "、".join(t.toroku_bango or str(t.pk) for t in pending[:5])
    more = " ほか" if len(pending) > 5 else ""
    return [
        f"氏名等の変更により廃止した印鑑登録が{len(pending)}件あります"
        f"（印鑑登録番号 {numbers}{more}）。原票から廃止通知書を印刷してください。"
    ]
