"""The examples of the seal kinds (what juki/demo/examples.py holds for juki's), and a
scanned 印影 for them and the tests.

Each prepares the register through juki's demo helpers and seal's services, and returns
a valid entry (written from its JSON shape) and one the kind refuses by a rule of its
own, with the field the refusal stands next to.
"""

from __future__ import annotations

import io
from typing import Any

from juki.demo import examples
from juki.demo import residents as r
from juki.models import Jumin

from . import services
from .kernel.scan import read_scan
from .models import Inei, IneiYouto, InkanToroku, TorokuHouhou


def scan_png(width_px: int = 354, height_px: int = 354, dpi: int = 600) -> bytes:
    """A scanned seal: a red ring on white (354 px at 600 dpi ≈ 15.0 mm)."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (width_px, height_px), "white")
    draw = ImageDraw.Draw(image)
    draw.ellipse((4, 4, width_px - 5, height_px - 5), outline=(200, 0, 0), width=8)
    out = io.BytesIO()
    image.save(out, format="PNG", dpi=(dpi, dpi))
    return out.getvalue()


def inei(youto: IneiYouto = IneiYouto.TOROKU, **size: Any) -> Inei:
    return services.store_inei(read_scan(scan_png(**size)), youto=youto, by=None)


def application(person: Jumin, inei_id: int, **changes: Any) -> dict[str, Any]:
    return {
        "atena_bango": person.atena_bango,
        "shinsei_date": r.today().isoformat(),
        "raichousha": "honnin",
        "seinen_hikoukennin": False,
        "houtei_dairinin": "",
        "shimei_keishiki": "shimei",
        "inei_moji": person.full_name.replace("　", ""),
        "inei_id": inei_id,
        "check_shimei": True,
        "check_shokugyou": True,
        "check_gomu": True,
        "check_8mm": True,
        "check_25mm": True,
        "check_senmei": True,
        **changes,
    }


def registered(person: Jumin) -> InkanToroku:
    """A registration made the same day (即時, photo ID), through the services."""
    app = services.Application(shinsei_date=r.today(), inei_moji=person.shi)
    toroku, _card = services.do_sokuji(
        person,
        app,
        houhou=TorokuHouhou.SOKUJI_SHOMEI,
        inei_id=inei().pk,
        actor=services.SYSTEM,
        honnin_kakunin="driver_license",
    )
    return toroku


def shoukai(persons: int) -> examples.Example:
    """照会 by the 本人; refused: a 13-year-old (要領 第2-1)."""
    adult, _wife, _son, child = r.household(r.TAKAHASHI[:4])
    entry = application(adult, inei().pk)
    return examples.Example(entry, {**entry, "atena_bango": child.atena_bango}, "atena_bango", 1)


def sokuji(persons: int) -> examples.Example:
    """即時 with a 運転免許証; refused: a 代理人 (照会 only, 要領 第2-2)."""
    (adult,) = r.household(r.TAKAHASHI[:1])
    entry = {
        **application(adult, inei().pk),
        "houhou": "sokuji_shomei",
        "honnin_kakunin": "driver_license",
        "hoshounin_atena_bango": "",
        "hoshounin_inei_id": None,
        "check_hoshounin_inei": False,
    }
    return examples.Example(entry, {**entry, "raichousha": "dairinin"}, "raichousha", 1)


def kaitou(persons: int) -> examples.Example:
    """回答 of a 照会 made today; refused: the 回答書 not checked."""
    (adult,) = r.household(r.TAKAHASHI[:1])
    app = services.Application(shinsei_date=r.today(), inei_moji=adult.shi)
    services.do_shoukai(adult, app, inei_id=inei().pk, actor=services.SYSTEM)
    entry = {
        "atena_bango": adult.atena_bango,
        "kaitou_date": r.today().isoformat(),
        "raichousha": "honnin",
        "shougou_inei_id": None,
        "check_kaitousho": True,
        "check_inei_itchi": True,
    }
    return examples.Example(entry, {**entry, "check_kaitousho": False}, "check_kaitousho", 1)


def _of_registered(**fields: Any) -> tuple[dict[str, Any], dict[str, Any]]:
    adult, wife = r.household(r.TAKAHASHI[:2])
    registered(adult)
    entry = {
        "atena_bango": adult.atena_bango,
        "shinsei_date": r.today().isoformat(),
        "raichousha": "honnin",
        **fields,
    }
    return entry, {**entry, "atena_bango": wife.atena_bango}


def haishi(persons: int) -> examples.Example:
    """印章亡失; refused: a person with no registration."""
    entry, refused = _of_registered(jiyu="boushitsu")
    return examples.Example(entry, refused, "atena_bango", 1)


def saikoufu(persons: int) -> examples.Example:
    """再交付 of a lost card; refused: a person with no registration."""
    entry, refused = _of_registered(riyu="boushitsu")
    return examples.Example(entry, refused, "atena_bango", 1)


def shomei(persons: int) -> examples.Example:
    """印鑑登録証明書 on presenting the card; refused: a card number the city never issued."""
    (adult,) = r.household(r.TAKAHASHI[:1])
    card = registered(adult).torokusho.get()
    entry = {
        "torokusho_bango": card.bango,
        "shinsei_date": r.today().isoformat(),
        "raichousha": "honnin",
        "dairinin_shimei": "",
        "tsusu": 1,
    }
    return examples.Example(entry, {**entry, "torokusho_bango": "99999999"}, "torokusho_bango", 1)


def register_examples() -> None:
    examples.register("inkan_shoukai", shoukai)
    examples.register("inkan_sokuji", sokuji)
    examples.register("inkan_kaitou", kaitou)
    examples.register("inkan_haishi", haishi)
    examples.register("inkan_saikoufu", saikoufu)
    examples.register("inkan_shomei", shomei)
