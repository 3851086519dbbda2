"""seal's sample forms for ``manage.py sample_forms`` (the command rolls back what they
write): a registration made through the services for 髙橋 一郎, then each form of it — the
印鑑登録証明書 as a final copy (発行番号, QR code, 電子公印, the 印影 at its size), the
照会書兼回答書, the 印鑑登録証 and the 印鑑異動結果確認票."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from django.utils import timezone

from counter.registry import SampleForm
from counter.shomei.issue import IssueContext
from juki.demo import residents as r

from . import demo, documents, services
from .lookups import torokusho_in_use
from .models import InkanToroku
from .shomeisho import NAME, render_inkan_shomeisho


def _registered() -> InkanToroku:
    (person,) = r.household(r.TAKAHASHI[:1])
    return demo.registered(person)


def build_shomeisho() -> bytes:
    context = IssueContext(
        day=timezone.localdate(), terminal="本庁1", printer="プリンタ001", draft=False
    )
    return render_inkan_shomeisho(_registered(), context=context).pdf


def build_shokai_kaitou() -> bytes:
    (person,) = r.household(r.TAKAHASHI[:1])
    app = services.Application(shinsei_date=r.today(), inei_moji=person.shi)
    toroku = services.do_shoukai(person, app, inei_id=demo.inei().pk, actor=services.SYSTEM)
    return documents.shokai_kaitou_pdf(toroku)


def build_torokusho() -> bytes:
    card = torokusho_in_use(_registered())
    assert card is not None
    return documents.torokusho_pdf(card)


def build_idou_kekka() -> bytes:
    return documents.idou_kekka_pdf(_registered())


SAMPLES: tuple[tuple[str, Callable[[], bytes]], ...] = (
    (NAME, build_shomeisho),
    (documents.SHOKAI_KAITOU_NAME, build_shokai_kaitou),
    (documents.TOROKUSHO_NAME, build_torokusho),
    (documents.IDOU_KEKKA_NAME, build_idou_kekka),
)


def samples() -> Sequence[SampleForm]:
    return tuple(SampleForm(name, build) for name, build in SAMPLES)
