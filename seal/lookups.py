"""What other parts (the 印鑑登録証明書 kind, the screens) read of a registration.

The certificate is asked for on presenting the 印鑑登録証 (要領 第4-1): the number finds
the registration, or a message says why it cannot (unknown, ended by a 再交付, the
registration 廃止).
"""

from __future__ import annotations

from dataclasses import dataclass

from .models import Inei, IneiYouto, InkanStatus, InkanToroku, ShimeiKeishiki, Torokusho


class TorokushoRefused(Exception):
    """The presented 登録証 number cannot be used; ``message`` says why, to the window."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


TOROKUSHO_BANGO_MAX = Torokusho._meta.get_field("bango").max_length or 12


def find_open_by_torokusho(bango: str) -> InkanToroku:
    """The registration (状態 登録) whose 印鑑登録証 in use bears ``bango``.

    Raises TorokushoRefused, naming why: an unknown number, a number ended by a 再交付
    (and when), a registration that is not 登録 (廃止, 失効)."""
    number = (bango or "").strip()
    # a number the model cannot hold (over 12 characters, or not letters and digits, e.g. a
    # NUL byte PostgreSQL refuses in a query) is unknown without asking the database
    fits = 0 < len(number) <= TOROKUSHO_BANGO_MAX and number.isalnum()
    card = (
        Torokusho.objects.select_related("toroku", "toroku__jumin").filter(bango=number).first()
        if fits
        else None
    )
    if card is None:
        raise TorokushoRefused(
            f"登録証番号{number}の印鑑登録証はありません（番号をお確かめください）。"
        )
    toroku = card.toroku
    if toroku.status != InkanStatus.TOROKU:
        reason = f"（{toroku.get_haishi_reason_display()}）" if toroku.haishi_reason else ""
        raise TorokushoRefused(
            f"登録証番号{number}の印鑑登録は{toroku.get_status_display()}{reason}しています"
            "（要領 第2-5: 廃止された登録の証明はできません）。"
        )
    if card.ended_at is not None:
        raise TorokushoRefused(
            f"登録証番号{number}の印鑑登録証は{card.get_end_reason_display()}により"
            f"{card.ended_at:%Y-%m-%d %H:%M}から無効です（要領 第3-3）。"
        )
    return toroku


def open_registration_of(jumin_id: int) -> InkanToroku | None:
    """The person's registration that counts (照会中 or 登録), if any."""
    return (
        InkanToroku.objects.filter(
            jumin_id=jumin_id, status__in=[InkanStatus.SHOUKAI, InkanStatus.TOROKU]
        )
        .order_by("-id")
        .first()
    )


def torokusho_in_use(toroku: InkanToroku) -> Torokusho | None:
    return toroku.torokusho.filter(ended_at__isnull=True).first()


def inei_of(toroku: InkanToroku) -> Inei | None:
    """The registered 印影 with its size in mm (``width_mm``, ``height_mm``), its bytes
    (``image``) and ``content_type``; None for a registration made before scans were kept."""
    return toroku.inei.filter(youto=IneiYouto.TOROKU).order_by("-id").first()


@dataclass(frozen=True)
class RegisteredName:
    """The name as the certificate states it (要領 第5-1: 氏名, and the 旧氏 or 通称 when
    the seal was registered in it)."""

    shimei: str
    kana: str
    kyuuji: str
    tsuushou: str
    keishiki: str

    @property
    def display(self) -> str:
        """氏名 with the 旧氏 in brackets or the 通称 beside it, as registered."""
        if self.keishiki == ShimeiKeishiki.KYUUJI and self.kyuuji:
            return f"{self.shimei}（{self.kyuuji}）"
        if self.keishiki == ShimeiKeishiki.TSUUSHOU and self.tsuushou:
            return f"{self.shimei}（通称 {self.tsuushou}）"
        return self.shimei


def registered_name(toroku: InkanToroku) -> RegisteredName:
    person = toroku.jumin
    return RegisteredName(
        shimei=person.full_name,
        kana=f"{person.shi_kana} {person.mei_kana}".strip(),
        kyuuji=person.kyuuji,
        tsuushou=person.tsushou,
        keishiki=toroku.shimei_keishiki,
    )
