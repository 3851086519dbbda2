"""Models of the certificates app (each part keeps its own module)."""

from .printing.models import HakkoKiroku, ShomeiKind

__all__ = ["HakkoKiroku", "ShomeiKind"]
