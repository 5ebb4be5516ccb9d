"""The follow-up page's forms: the receipt look-up and the reporter's reply."""

from __future__ import annotations

import logging

from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from forms.intake.evidence import EvidenceField, rewrite_form_files
from forms.intake.filing import StorageFailed, delete_files
from forms.models import Attachment, Author, Message, Report

logger = logging.getLogger(__name__)


class ReplyForm(forms.Form):
    """The reporter's follow-up: a message and/or more evidence."""

    receipt = forms.CharField(widget=forms.HiddenInput, max_length=40)
    body = forms.CharField(
        label=_("Your message"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=10_000,
        required=False,
    )
    evidence = EvidenceField(label=_("Add files (optional)"))

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("body", "").strip() and not cleaned.get("evidence") and not self.errors:
            raise ValidationError(_("Please write a message or choose a file."), code="empty")
        return cleaned

    def clean_files(self) -> bool:
        """The last stage: rewrite every file without its metadata (as the complaint's)."""
        return rewrite_form_files(self)


def add_reply(report: Report, cleaned: dict) -> Message:
    written: list[Attachment] = []
    try:
        with transaction.atomic():
            message = Message.objects.create(
                report=report, author=Author.REPORTER, body=cleaned.get("body", "").strip()
            )
            for item in cleaned.get("evidence") or []:
                written.append(
                    Attachment.store(report, item.data, item.content_type, item.name, message)
                )
            return message
    except Exception as error:
        delete_files(written)
        logger.error("A reply could not be stored (%s)", type(error).__name__)
        raise StorageFailed from error


class StatusLookupForm(forms.Form):
    receipt = forms.CharField(
        label=_("Your receipt code"),
        max_length=40,
        help_text=_("The 16 digits you were given when you sent your report."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
        error_messages={"required": _("Please write your 16-digit receipt code.")},
    )
