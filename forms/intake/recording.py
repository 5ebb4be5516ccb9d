"""A report recorded by a staff member: a call to SAPA 129, a visit to a desk or a
PPT post, an outreach visit, a volunteer, another agency's referral.

The same questions as the public form (``ComplaintQuestions``) and the same filing
(``filing.file_report``: one transaction, the same sealing, evidence allowed); no
captcha, fill time or public rate limit, since the person recording is signed in
with a second factor. Added: the channel, the date the agency received the report
and, for a referral, the agency's name (sealed). Who recorded it is the signed-in
staff member. The receipt code is shown to them once, to be read out or written down.
"""

from __future__ import annotations

from datetime import timedelta

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from forms.intake.complaint import ComplaintQuestions
from forms.intake.filing import Recording
from forms.models import Channel


class RecordingForm(ComplaintQuestions):
    """The questions, asked by a staff member on the reporter's behalf."""

    channel = forms.ChoiceField(label=_("Channel"), choices=Channel.recorded())
    referring_agency = forms.CharField(
        label=_("Referring agency"),
        help_text=_("For a referral: the school, health centre, police unit or agency."),
        max_length=200,
        required=False,
    )
    received_at = forms.DateTimeField(
        label=_("Date received"),
        help_text=_("When the agency received the report (now, or earlier for a late record)."),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%d"],
    )

    field_order = ["channel", "referring_agency", "received_at"]

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {}).setdefault(
            "received_at", timezone.localtime().replace(second=0, microsecond=0)
        )
        super().__init__(*args, **kwargs)

    def _chosen(self, name: str) -> str:
        # A correction opens with the recorded answers as initial data: the region
        # picker then offers the levels below them as a bound form would.
        if self.is_bound:
            return super()._chosen(name)
        value = self.initial.get(name, "")
        return value if isinstance(value, str) else ""

    def clean_received_at(self):
        received = self.cleaned_data["received_at"]
        # A minute's grace for clocks; a report cannot arrive tomorrow.
        if received > timezone.now() + timedelta(minutes=1):
            raise ValidationError(_("The date received cannot be in the future."), code="future")
        return received

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("channel") == Channel.AGENCY and not cleaned.get("referring_agency"):
            self.add_error(
                "referring_agency", _("Please write the name of the agency that referred it.")
            )
        return cleaned

    def recording(self, user) -> Recording:
        cleaned = self.cleaned_data
        agency = cleaned.get("referring_agency", "") if cleaned["channel"] == Channel.AGENCY else ""
        return Recording(
            channel=cleaned["channel"],
            received_at=cleaned["received_at"],
            recorded_by=user,
            referring_agency=agency.strip(),
        )


def correction_window() -> timedelta:
    return timedelta(hours=settings.INTAKE_OPERATOR_CORRECTION_HOURS)


def correctable_until(report):
    """Until when the staff member who recorded ``report`` sees and corrects it."""
    return report.created_at + correction_window()


def answers_of(report) -> dict:
    """``report``'s answers as the form's initial data (decrypts: audit the read)."""
    initial = {
        name: getattr(report, name)
        for name in RecordingForm.base_fields
        if hasattr(report, name)
        and name not in ("evidence", "received_at", "channel", "referring_agency")
    }
    initial["violence_kinds"] = report.violence_kinds
    first = report.perpetrators.first()
    initial["perpetrator_relation_category"] = first.relation if first else ""
    code = report.precise_region or report.region_id
    parts = code.split(".")
    for depth, name in enumerate(("province", "regency", "district", "village"), start=1):
        initial[name] = ".".join(parts[:depth]) if len(parts) >= depth else ""
    initial.update(
        channel=report.channel,
        received_at=timezone.localtime(report.arrived_at).replace(second=0, microsecond=0),
        referring_agency=report.referring_agency,
    )
    return initial
