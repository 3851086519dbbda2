"""The sample certificates `manage.py sample_forms` prints (certificates' manifest)."""

from __future__ import annotations

import pytest

from certificates.printing import samples
from counter import documents

from ..factories import ChouazaFactory
from .printing_helpers import page_texts


def test_the_certificates_app_declares_its_sample_certificates() -> None:
    builders = documents.sample_form_builders()
    for name, build in samples.SAMPLES:
        assert builders[name] is build


@pytest.mark.django_db
def test_the_renki_sample_shows_the_mj_characters_on_two_sheets(tmp_path) -> None:
    ChouazaFactory()
    pages = page_texts(samples.build_renki(), tmp_path)
    assert len(pages) == 2
    text = "".join(pages)
    for char in ("𠮷", "髙", "﨑"):
        assert char in text


@pytest.mark.django_db
@pytest.mark.parametrize("name", [n for n, _ in samples.SAMPLES[1:]])
def test_each_other_sample_prints(name: str, tmp_path) -> None:
    ChouazaFactory()
    build = dict(samples.SAMPLES)[name]
    assert page_texts(build(), tmp_path)
