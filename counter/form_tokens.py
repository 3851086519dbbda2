"""One-time form tokens: a double click or a resent POST does an act once.

The token travels in a hidden input (counter_tags); `claim_token` takes it inside the
act's transaction, `record_result` keeps where the result is shown.
"""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils import timezone

from .models import StaffUser
from .procedure_models import FormSubmission
from .refusals import ProcedureRefused


class AlreadySubmitted(Exception):
    """The form's token was used before; `result_path` is where its result is."""

    def __init__(self, result_path: str) -> None:
        super().__init__(result_path)
        self.result_path = result_path


def claim_token(token: str, *, user: StaffUser) -> FormSubmission:
    """Claim a form's one-time token inside the caller's transaction.

    A second claim of the same token (a double click, a resent POST) raises
    AlreadySubmitted with the first result's path, and the caller's act is not done.
    """
    if not token:
        raise ProcedureRefused("画面を開き直してから、もう一度送信してください。")
    try:
        with transaction.atomic():
            return FormSubmission.objects.create(token=token, user=user, at=timezone.now())
    except IntegrityError:
        first = FormSubmission.objects.get(token=token)
        raise AlreadySubmitted(first.result_path) from None


def record_result(submission: FormSubmission, path: str) -> None:
    submission.result_path = path
    submission.save(update_fields=["result_path"])
