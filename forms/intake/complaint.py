"""The complaint form: the questions, and the public form's protections around them.

``ComplaintQuestions`` holds what is asked (the region picker, the contact rules,
evidence files with their cheap checks): any channel that records a complaint uses
it. ``ComplaintForm`` is the public web form: it adds the honeypot, the one-time
token with its fill time, and the captcha. Its ``is_valid`` runs only cheap checks
(the captcha's is only "a token came"); ``verify_captcha`` and ``clean_files`` are the
expensive stages, run in that order by the view once everything cheap has passed.
"""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, RegexValidator
from django.utils.text import format_lazy
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from content.models import Region
from forms.intake import fill_time
from forms.intake.captcha import OutageTolerantCaptchaField
from forms.intake.evidence import STRIPPED_DETAILS, EvidenceField, rewrite_form_files
from forms.models import (
    AgeGroup,
    ContactChannel,
    Disability,
    PlaceCategory,
    Relation,
    ReporterRole,
    Sex,
    ViolenceKind,
)

_PHONE = RegexValidator(
    r"^\+?[0-9][0-9 \-().]{5,24}$",
    message=_("Please write a phone number with digits only, for example 0812 3456 7890."),
)


class RegionChoiceField(forms.ChoiceField):
    def valid_value(self, value):
        # Choices are filled from the bound data; whether the code sits below the
        # region above it is checked in clean(). Here: it must look like a code.
        return Region.is_code(value)


class ComplaintQuestions(forms.Form):
    """What a complaint asks, whoever records it; bound with ``(data, files)``.

    Cleans ``region`` to the finest region chosen and ``evidence`` to a list of
    ``Upload`` (checked, not yet rewritten: see ``clean_files``).
    """

    reporter_role = forms.ChoiceField(
        label=_("Who is reporting?"),
        choices=ReporterRole.choices,
        required=False,
        widget=forms.RadioSelect,
    )
    violence_kinds = forms.MultipleChoiceField(
        label=_("What kind of violence? Choose all that apply."),
        choices=ViolenceKind.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Please choose at least one kind of violence.")},
    )
    immediate_danger = forms.BooleanField(label=_("Someone is in danger right now"), required=False)
    victim_age_group = forms.ChoiceField(
        label=_("Age of the person harmed"),
        choices=[("", _("I do not know / prefer not to say")), *AgeGroup.choices],
        required=False,
    )
    victim_sex = forms.ChoiceField(
        label=_("Sex of the person harmed"),
        choices=[("", _("I do not know / prefer not to say")), *Sex.choices],
        required=False,
    )
    victim_disability = forms.ChoiceField(
        label=_("Does the person harmed have a disability?"),
        choices=[("", _("I do not know / prefer not to say")), *Disability.choices],
        required=False,
    )
    place_category = forms.ChoiceField(
        label=_("What kind of place was it?"),
        choices=[("", _("I do not know / prefer not to say")), *PlaceCategory.choices],
        required=False,
    )
    perpetrator_relation_category = forms.ChoiceField(
        label=_("Who did it?"),
        choices=[("", _("I do not know / prefer not to say")), *Relation.choices],
        required=False,
    )
    province = RegionChoiceField(
        label=_("Province"),
        error_messages={"required": _("Please choose the province where it happened.")},
    )
    regency = RegionChoiceField(label=_("Regency or city"), required=False)
    district = RegionChoiceField(label=_("District (kecamatan)"), required=False)
    village = RegionChoiceField(label=_("Village (desa/kelurahan)"), required=False)
    place = forms.CharField(
        label=_("Where did it happen?"),
        help_text=_("For example: at home, at school, a street name. Only if it is safe."),
        max_length=300,
        required=False,
    )
    approximate_date = forms.CharField(
        label=_("When did it happen?"),
        help_text=_("An approximate date is fine, for example “last week” or “March 2025”."),
        max_length=100,
        required=False,
    )
    narrative = forms.CharField(
        label=_("What happened?"),
        help_text=_("Tell us in your own words. Write only what you feel safe to write."),
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=10_000,
        error_messages={
            "required": _("Please tell us briefly what happened."),
            "max_length": _("Please shorten your story to %(limit_value)s characters."),
        },
    )
    perpetrator_relation = forms.CharField(
        label=_("Who did it, in relation to the person harmed? (optional)"),
        help_text=_("For example: husband, teacher, neighbour, stranger."),
        max_length=200,
        required=False,
    )
    evidence = EvidenceField(
        label=_("Evidence (optional)"),
        help_text=_("Photos, PDF, sound or video; up to 5 files."),
    )
    contact_name = forms.CharField(
        label=_("A name or nickname we may use (optional)"), max_length=100, required=False
    )
    contact_channel = forms.ChoiceField(
        label=_("How may we contact you? (optional)"),
        choices=[("", _("Do not contact me")), *ContactChannel.choices],
        required=False,
    )
    contact_details = forms.CharField(
        label=_("Phone number or email"), max_length=200, required=False
    )
    safe_time = forms.CharField(
        label=_("When is it safe to contact you?"),
        help_text=_("For example: weekdays 9 to 11 in the morning."),
        max_length=200,
        required=False,
    )
    consent_contact = forms.BooleanField(
        label=_("I agree that staff may contact me in the way I chose."), required=False
    )
    consent_referral = forms.BooleanField(
        label=_(
            "I agree that my report may be passed to service units (health, legal, "
            "counselling, shelter) that can help."
        ),
        required=False,
    )

    def __init__(self, *args, refining: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.refining = refining
        self.fields["narrative"].widget.attrs["maxlength"] = 10_000
        self.fields["evidence"].help_text = format_lazy(
            "{} {}", self.fields["evidence"].help_text, STRIPPED_DETAILS
        )
        self._fill_region_choices()

    # -- region picker -----------------------------------------------------

    def _chosen(self, name: str) -> str:
        value = self.data.get(name, "") if self.is_bound else ""
        return value if isinstance(value, str) else ""

    def _fill_region_choices(self) -> None:
        def options(queryset, empty):
            return [("", empty), *queryset.values_list("code", "name")]

        self.fields["province"].choices = options(
            Region.objects.filter(level=Region.Level.PROVINCE), _("Choose a province")
        )
        parent = self._chosen("province")
        parent = parent if Region.is_code(parent) else ""
        for name, level, empty in (
            ("regency", Region.Level.REGENCY, _("Choose a regency or city")),
            ("district", Region.Level.DISTRICT, _("Choose a district")),
            ("village", Region.Level.VILLAGE, _("Choose a village")),
        ):
            if parent:
                children = Region.objects.filter(parent_id=parent, level=level)
                self.fields[name].choices = options(children, empty)
            else:
                self.fields[name].choices = [("", empty)]
            chosen = self._chosen(name)
            # A choice only counts below the parent it belongs to.
            valid = {code for code, _label in self.fields[name].choices if code}
            parent = chosen if chosen in valid else ""

    def region_fields(self) -> list:
        """The picker's selects that have something to choose from (bound fields)."""
        names = ("province", "regency", "district", "village")
        return [self[name] for name in names if len(self.fields[name].choices) > 1]

    # -- cleaning ------------------------------------------------------------

    def clean_contact_details(self):
        return self.cleaned_data.get("contact_details", "").strip()

    def clean(self):
        cleaned = super().clean()
        if self.refining:
            return cleaned
        region = None
        for name in ("province", "regency", "district", "village"):
            code = cleaned.get(name) or ""
            if not code:
                break
            match = Region.objects.filter(code=code, parent=region).first()
            if match is None:
                self.add_error(
                    name,
                    ValidationError(
                        _("Please choose this again: it does not belong to the area above it."),
                        code="region_mismatch",
                    ),
                )
                region = None
                break
            region = match
        cleaned["region"] = region
        if region is None and "province" not in self.errors:
            self.add_error("province", _("Please choose the province where it happened."))

        channel, details = cleaned.get("contact_channel"), cleaned.get("contact_details", "")
        if channel and not details:
            self.add_error(
                "contact_details",
                _("Please write the number or address, or choose “Do not contact me”."),
            )
        elif details and not channel:
            self.add_error("contact_channel", _("Please choose how we may use these details."))
        elif channel == ContactChannel.EMAIL:
            try:
                EmailValidator(message=_("Please write a valid email address."))(details)
            except ValidationError as error:
                self.add_error("contact_details", error)
        elif channel:
            try:
                _PHONE(details)
            except ValidationError as error:
                self.add_error("contact_details", error)
        if channel and not cleaned.get("consent_contact"):
            self.add_error(
                "consent_contact",
                _("Please tick this box if we may contact you, or choose “Do not contact me”."),
            )

        return cleaned

    def clean_files(self) -> bool:
        """The last stage: rewrite every file without its metadata. False (with a
        message per refused file on the evidence field) when one could not be."""
        return rewrite_form_files(self)


class ComplaintForm(ComplaintQuestions):
    """The public web form: the questions, a honeypot, the one-time token and the captcha."""

    # The honeypot: hidden from people by CSS and from screen readers, left empty by
    # them; bots that fill every field fill it too.
    website = forms.CharField(label=_("Leave this field empty"), required=False)
    started = forms.CharField(required=False, widget=forms.HiddenInput)
    captcha = OutageTolerantCaptchaField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Built per form, so that RECAPTCHA_VERSION is read when the form is.
        self.fields["captcha"] = OutageTolerantCaptchaField()
        self.fields["captcha"].skip_check = self.refining
        self.fields["captcha"].widget.api_params = {"hl": get_language() or "id"}
        self.fields["website"].widget.attrs.update({"autocomplete": "off", "tabindex": "-1"})

    def started_value(self) -> str:
        """The token to render: a fresh one, or for a form shown again a new nonce
        with the original "shown at" (the fill time does not start again)."""
        if not self.is_bound:
            return fill_time.started_token()
        return fill_time.renewed(self._chosen("started"))

    @property
    def token(self) -> fill_time.Started | None:
        """The posted one-time token, if genuine."""
        return fill_time.read(self._chosen("started"))

    def clean_website(self):
        if self.cleaned_data.get("website"):
            raise ValidationError(_("This field must stay empty."), code="honeypot")
        return ""

    def clean(self):
        cleaned = super().clean()
        if self.refining:
            return cleaned
        started = self.token
        if started is None:
            raise ValidationError(
                _("This form was open too long or is incomplete. Please check it and send again."),
                code="stale",
            )
        if started.seconds_ago < settings.INTAKE_MIN_FILL_SECONDS:
            raise ValidationError(
                _(
                    "That was quicker than anyone can fill in this form. "
                    "Please check it and send again."
                ),
                code="too_fast",
            )
        return cleaned

    def verify_captcha(self) -> bool:
        """Ask the captcha service (after every cheap check). False, with the message
        on the captcha field, when it said no; otherwise ``cleaned_data["captcha"]``
        holds the outcome (passed, low score, or not checked when it did not answer)."""
        try:
            self.cleaned_data["captcha"] = self.fields["captcha"].verify(
                self.cleaned_data["captcha"]
            )
        except ValidationError as error:
            self.add_error("captcha", error)
            return False
        return True

    def rejected_by_honeypot(self) -> bool:
        return any(error.code == "honeypot" for error in self.errors.as_data().get("website", []))
