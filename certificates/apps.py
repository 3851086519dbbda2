from django.apps import AppConfig


class CertificatesConfig(AppConfig):
    """証明書交付: built on the register in later issues."""

    name = "certificates"
    verbose_name = "証明書交付"
