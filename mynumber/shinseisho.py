"""The printed 個人番号カード交付申請書 (seed 004: 「個人番号カード交付申請書の発行」): the
row of the 管理簿 (mynumber.models_shinseisho) rendered with its 申請書ID as a QR code
(segno, through counter.shomei.qr), for the applicant to apply online or by post."""

from __future__ import annotations

from django.conf import settings

from counter import documents as counter_documents
from counter.shomei.qr import qr_data_uri
from jputil import wareki

from .models_shinseisho import ShinseishoKoufu

NAME = "個人番号カード交付申請書"


def koufu_shinseisho_pdf(row: ShinseishoKoufu) -> bytes:
    person = row.jumin
    context = {
        "form_name": NAME,
        "municipality": getattr(settings, "MUNICIPALITY_NAME", ""),
        "shinseisho_id": row.shinseisho_id,
        # the QR code holds the 申請書ID, which the online application asks for
        "qr_uri": qr_data_uri(row.shinseisho_id),
        "name": person.full_name,
        "address": person.address,
        "seinengappi": person.seinengappi_text,
        "seibetsu": person.get_seibetsu_display(),
        "koufu_date": wareki.to_wareki(row.koufu_date),
    }
    return counter_documents.render_pdf("documents/mynumber/koufu_shinseisho.html", context)
