"""The anonymous complaint form: its fields, its protections and the one-transaction save.

Protections, in the order a POST meets them: the request-size cap
(forms/middleware.py), CSRF (Django), the rate limits (per client, keyed on a salted
hash of the address that lives only in the cache, and global), the honeypot field,
the minimum fill time (a signed timestamp in the form), reCAPTCHA, and the checks on
evidence files (type by content, sizes, metadata stripped).

A captcha service that cannot be reached, times out or answers nonsense never loses a
report: it is stored with ``CaptchaState.UNVERIFIED`` for triage to weigh. Only a
definite "no" from the service rejects the form, keeping what was typed.
"""

from __future__ import annotations

import http.client
import io
import ipaddress
import logging
import time
from dataclasses import dataclass

import filetype
import pillow_heif
from django import forms
from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, RegexValidator
from django.db import IntegrityError, transaction
from django.utils.crypto import salted_hmac
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_ratelimit.core import is_ratelimited
from django_recaptcha import client as recaptcha_client
from django_recaptcha.fields import ReCaptchaField
from django_recaptcha.widgets import ReCaptchaV2Checkbox, ReCaptchaV3
from PIL import Image, ImageOps

from content.models import Region
from forms import receipts
from forms.models import (
    AgeGroup,
    Attachment,
    Author,
    CaptchaState,
    ContactChannel,
    Message,
    Report,
    ReporterRole,
    Sex,
    ViolenceKind,
)

logger = logging.getLogger(__name__)

# ---------------------------------------------------------------------------
# Rate limits
# ---------------------------------------------------------------------------


def client_key(group: str, request) -> str:
    """A salted hash of the client's address: what the cache counts, never stored.

    IPv6 clients are counted per /64, since one phone holds many addresses of its
    network's prefix. The address itself is never written anywhere.
    """
    address = request.META.get("REMOTE_ADDR", "")
    try:
        parsed = ipaddress.ip_address(address)
        if parsed.version == 6:
            address = str(ipaddress.ip_network(f"{address}/64", strict=False).network_address)
    except ValueError:
        pass
    return salted_hmac("satu-layanan.forms.ratelimit", address, algorithm="sha256").hexdigest()


def everyone_key(group: str, request) -> str:
    return "everyone"


def over_limit(request, group: str, per_client_rate: str, global_rate: str | None = None) -> bool:
    """Count this request and say whether the client (or everyone together) is over."""
    limited = is_ratelimited(
        request, group=f"{group}:client", key=client_key, rate=per_client_rate, increment=True
    )
    if global_rate:
        limited |= is_ratelimited(
            request, group=f"{group}:all", key=everyone_key, rate=global_rate, increment=True
        )
    return limited


# ---------------------------------------------------------------------------
# reCAPTCHA
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class CaptchaOutcome:
    state: str
    score: float | None = None


# Errors that mean "we could not ask", not "the answer is no": unreachable host,
# TLS or HTTP failure, timeout (all OSError), or a reply that is not the documented
# JSON object (ValueError, KeyError, TypeError, AttributeError).
_OUTAGE_ERRORS = (
    OSError,
    http.client.HTTPException,
    ValueError,
    KeyError,
    TypeError,
    AttributeError,
)
# Google's error codes that are the portal's fault, not the reporter's.
_OUR_FAULT = {"missing-input-secret", "invalid-input-secret", "bad-request"}


class NoInlineScript:
    """Widget templates without inline scripts, which the page's CSP forbids."""

    def build_attrs(self, base_attrs, extra_attrs=None):
        attrs = super().build_attrs(base_attrs, extra_attrs)
        attrs.pop("data-callback", None)
        return attrs


class CheckboxWidget(NoInlineScript, ReCaptchaV2Checkbox):
    template_name = "complaints/captcha/v2_checkbox.html"


class ScoreWidget(NoInlineScript, ReCaptchaV3):
    template_name = "complaints/captcha/v3.html"

    def value_from_datadict(self, data, files, name):
        # The token arrives under Google's field name, as with the checkbox.
        return data.get(self.recaptcha_response_name)


class OutageTolerantCaptchaField(ReCaptchaField):
    """django-recaptcha's field, asking siteverify the same way, but telling apart
    "the service said no" (a validation error) from "the service did not answer"
    (an UNVERIFIED outcome). Cleans to a ``CaptchaOutcome``.

    The reporter's address is deliberately not sent to Google (``remoteip`` empty).
    A missing token (the script could not load: blocked network, no JavaScript, or
    Google down) is an outage too.
    """

    default_error_messages = {
        "captcha_invalid": _(
            "The check that you are not a robot did not pass. Please tick the box again "
            "and send; everything you wrote is still here."
        ),
    }

    def __init__(self, **kwargs):
        version = getattr(settings, "RECAPTCHA_VERSION", "v2")
        widget = ScoreWidget(action="complaint") if version == "v3" else CheckboxWidget()
        super().__init__(widget=widget, **kwargs)
        self.required = False
        self.skip_check = False

    def clean(self, value):
        token = (value or "").strip()
        if self.skip_check:
            return None
        if not token or len(token) > 4096:
            return CaptchaOutcome(CaptchaState.UNVERIFIED)
        try:
            answer = recaptcha_client.submit(
                recaptcha_response=token, private_key=self.private_key, remoteip=""
            )
            valid = answer.is_valid
            if not isinstance(valid, bool):
                raise TypeError("siteverify 'success' is not a boolean")
        except _OUTAGE_ERRORS as error:
            logger.warning(
                "reCAPTCHA siteverify unavailable (%s); the report is kept as unverified",
                type(error).__name__,
            )
            return CaptchaOutcome(CaptchaState.UNVERIFIED)
        if not valid:
            codes = set(answer.error_codes or [])
            if codes & _OUR_FAULT:
                logger.error("reCAPTCHA rejected the portal's own request: %s", sorted(codes))
                return CaptchaOutcome(CaptchaState.UNVERIFIED)
            raise ValidationError(self.error_messages["captcha_invalid"], code="captcha_invalid")
        if isinstance(self.widget, ScoreWidget):
            score = answer.extra_data.get("score")
            if isinstance(score, bool) or not isinstance(score, int | float):
                logger.warning("reCAPTCHA v3 answer without a score; kept as unverified")
                return CaptchaOutcome(CaptchaState.UNVERIFIED)
            if answer.action != self.widget.action:
                raise ValidationError(
                    self.error_messages["captcha_invalid"], code="captcha_invalid"
                )
            if score < settings.RECAPTCHA_REQUIRED_SCORE:
                # Kept, not refused: a person on a strange network can score low too.
                return CaptchaOutcome(CaptchaState.LOW_SCORE, float(score))
            return CaptchaOutcome(CaptchaState.PASSED, float(score))
        return CaptchaOutcome(CaptchaState.PASSED)


# ---------------------------------------------------------------------------
# Evidence files
# ---------------------------------------------------------------------------

ALLOWED_TYPES = {
    "image/jpeg",
    "image/png",
    "image/gif",
    "image/webp",
    "image/heic",
    "application/pdf",
    "audio/mpeg",
    "audio/mp4",
    "audio/ogg",
    "audio/aac",
    "audio/amr",
    "audio/x-wav",
    "audio/x-flac",
    "video/mp4",
    "video/x-m4v",
    "video/quicktime",
    "video/3gpp",
    "video/webm",
    "video/x-matroska",
}
# Formats Pillow can rewrite without their metadata.
STRIPPABLE_IMAGES = {
    "image/jpeg": "JPEG",
    "image/png": "PNG",
    "image/gif": "GIF",
    "image/webp": "WEBP",
}


@dataclass(frozen=True)
class Evidence:
    data: bytes
    content_type: str
    name: str


def sniff(data: bytes) -> str | None:
    """The content type by the file's own bytes, if it is one we accept."""
    kind = filetype.guess(data[:8192])
    mime = kind.mime if kind else None
    return mime if mime in ALLOWED_TYPES else None


def strip_image_metadata(data: bytes, content_type: str) -> tuple[bytes, str]:
    """Re-encode an image without EXIF (GPS, camera serial), XMP, comments or text chunks.

    The orientation EXIF carried is applied to the pixels first, so photos stay upright.
    HEIC photos (iPhones) become JPEG, since Pillow cannot write HEIC back.
    Returns the clean bytes and their content type.
    """
    if content_type == "image/heic":
        pillow_heif.register_heif_opener()
        fmt, content_type = "JPEG", "image/jpeg"
    else:
        fmt = STRIPPABLE_IMAGES.get(content_type)
    if fmt is None:
        return data, content_type
    with Image.open(io.BytesIO(data)) as image:
        image.load()
        frames = getattr(image, "n_frames", 1)
        if fmt == "GIF" and frames > 1:
            # Animated GIFs keep their frames; GIF has no EXIF, only comments.
            out = io.BytesIO()
            image.info.pop("comment", None)
            image.save(out, format="GIF", save_all=True)
            return out.getvalue(), content_type
        upright = ImageOps.exif_transpose(image) or image
        clean = upright.copy()
        # Pillow writes what info holds (exif, icc_profile, comment, dpi...): drop it all.
        clean.info = {}
        if fmt == "JPEG" and clean.mode not in {"RGB", "L", "CMYK"}:
            clean = clean.convert("RGB")
        out = io.BytesIO()
        options = {"quality": 90} if fmt in {"JPEG", "WEBP"} else {}
        clean.save(out, format=fmt, **options)
        return out.getvalue(), content_type


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class EvidenceField(forms.FileField):
    """Several files at once; cleans to a list of ``Evidence``."""

    widget = MultipleFileInput

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        uploads = [f for f in (data if isinstance(data, list | tuple) else [data]) if f]
        if not uploads:
            return []
        if len(uploads) > settings.INTAKE_MAX_FILES:
            raise ValidationError(
                _("Please choose at most %(count)s files."),
                code="too_many",
                params={"count": settings.INTAKE_MAX_FILES},
            )
        errors: list[ValidationError] = []
        evidence: list[Evidence] = []
        total = 0
        per_file_mb = settings.INTAKE_MAX_FILE_BYTES // (1024 * 1024)
        for upload in uploads:
            name = str(getattr(upload, "name", "") or "")[:200]
            params = {"name": name, "megabytes": per_file_mb}
            if upload.size > settings.INTAKE_MAX_FILE_BYTES:
                errors.append(
                    ValidationError(
                        _("The file “%(name)s” is larger than %(megabytes)s MB."),
                        code="file_too_big",
                        params=params,
                    )
                )
                continue
            data = upload.read()
            content_type = sniff(data)
            if content_type is None:
                errors.append(
                    ValidationError(
                        _(
                            "The file “%(name)s” is not a photo, PDF, sound or video file "
                            "we can accept."
                        ),
                        code="file_type",
                        params=params,
                    )
                )
                continue
            try:
                data, content_type = strip_image_metadata(data, content_type)
            except (OSError, ValueError, SyntaxError, Image.DecompressionBombError):
                errors.append(
                    ValidationError(
                        _("The picture “%(name)s” could not be read. Is it damaged?"),
                        code="file_damaged",
                        params=params,
                    )
                )
                continue
            total += len(data)
            evidence.append(Evidence(data, content_type, name))
        if total > settings.INTAKE_MAX_TOTAL_BYTES:
            errors.append(
                ValidationError(
                    _("Together the files are larger than %(megabytes)s MB."),
                    code="total_too_big",
                    params={"megabytes": settings.INTAKE_MAX_TOTAL_BYTES // (1024 * 1024)},
                )
            )
        if errors:
            raise ValidationError(errors)
        return evidence


# ---------------------------------------------------------------------------
# The form
# ---------------------------------------------------------------------------

_FILL_SALT = "satu-layanan.forms.started"
_FILL_MAX_AGE = 24 * 60 * 60
_PHONE = RegexValidator(
    r"^\+?[0-9][0-9 \-().]{5,24}$",
    message=_("Please write a phone number with digits only, for example 0812 3456 7890."),
)


def started_token(at: float | None = None) -> str:
    """A signed "form shown at" timestamp (now, or ``at`` in seconds since the epoch)."""
    signer = signing.TimestampSigner(salt=_FILL_SALT)
    if at is None:
        return signer.sign("complaint")
    value = f"complaint{signer.sep}{signing.b62_encode(int(at))}"
    return f"{value}{signer.sep}{signer.signature(value)}"


def started_seconds_ago(token: str) -> float | None:
    """Seconds since the form was first shown, or None for a missing/forged/expired token."""
    signer = signing.TimestampSigner(salt=_FILL_SALT)
    try:
        signer.unsign(token, max_age=_FILL_MAX_AGE)
        _value, stamp = token.rsplit(signer.sep, 2)[0:2]
    except (signing.BadSignature, ValueError, TypeError):
        return None
    return time.time() - signing.b62_decode(stamp)


class RegionChoiceField(forms.ChoiceField):
    def valid_value(self, value):
        # Choices are filled from the bound data; whether the code sits below the
        # region above it is checked in clean(). Here: it must look like a code.
        return Region.is_code(value)


class ComplaintForm(forms.Form):
    """The complaint, as the reader fills it in; bound with ``(data, files)``."""

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
        help_text=_(
            "Photos, PDF, sound or video; up to 5 files. Location and camera details are "
            "removed from photos before they are stored."
        ),
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
    # The honeypot: hidden from people by CSS and from screen readers, left empty by
    # them; bots that fill every field fill it too.
    website = forms.CharField(label=_("Leave this field empty"), required=False)
    started = forms.CharField(required=False, widget=forms.HiddenInput)
    captcha = OutageTolerantCaptchaField()

    def __init__(self, *args, refining: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.refining = refining
        # Built per form, so that RECAPTCHA_VERSION is read when the form is.
        self.fields["captcha"] = OutageTolerantCaptchaField()
        self.fields["captcha"].skip_check = refining
        self.fields["website"].widget.attrs.update({"autocomplete": "off", "tabindex": "-1"})
        self.fields["narrative"].widget.attrs["maxlength"] = 10_000
        self.fields["captcha"].widget.api_params = {"hl": get_language() or "id"}
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

    # -- fill time -----------------------------------------------------------

    def started_value(self) -> str:
        """The posted timestamp if it is genuine, else a fresh one."""
        posted = self._chosen("started")
        return posted if started_seconds_ago(posted) is not None else started_token()

    # -- cleaning ------------------------------------------------------------

    def clean_website(self):
        if self.cleaned_data.get("website"):
            raise ValidationError(_("This field must stay empty."), code="honeypot")
        return ""

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

        elapsed = started_seconds_ago(self._chosen("started"))
        if elapsed is None:
            raise ValidationError(
                _("This form was open too long or is incomplete. Please check it and send again."),
                code="stale",
            )
        if elapsed < settings.INTAKE_MIN_FILL_SECONDS:
            raise ValidationError(
                _(
                    "That was quicker than anyone can fill in this form. "
                    "Please check it and send again."
                ),
                code="too_fast",
            )
        return cleaned

    def rejected_by_honeypot(self) -> bool:
        return any(error.code == "honeypot" for error in self.errors.as_data().get("website", []))


# ---------------------------------------------------------------------------
# Storing a report
# ---------------------------------------------------------------------------


class StorageFailed(Exception):
    """The report could not be stored completely; nothing of it was kept."""


def _delete_files(attachments: list[Attachment]) -> None:
    for attachment in attachments:
        try:
            attachment.file.storage.delete(attachment.file.name)
        except OSError:  # pragma: no cover - best effort after a failure
            logger.exception("Could not remove an evidence file after a failed save")


def file_report(cleaned: dict, language: str) -> tuple[Report, str]:
    """Store the report, its violence kinds, its files and its receipt digest in one
    transaction; return the report and the receipt code (shown once, never stored).

    Files written before a failure are removed again, so a failure leaves nothing.
    """
    outcome: CaptchaOutcome = cleaned["captcha"]
    for _attempt in range(3):
        code = receipts.new_code()
        written: list[Attachment] = []
        try:
            with transaction.atomic():
                report = Report(
                    region=cleaned["region"],
                    reporter_role=cleaned.get("reporter_role") or "",
                    immediate_danger=bool(cleaned.get("immediate_danger")),
                    victim_age_group=cleaned.get("victim_age_group") or "",
                    victim_sex=cleaned.get("victim_sex") or "",
                    language=language,
                    captcha_state=outcome.state,
                    captcha_score=outcome.score,
                    consent_contact=bool(cleaned.get("consent_contact")),
                    consent_referral=bool(cleaned.get("consent_referral")),
                    receipt_digest=receipts.digest(code),
                    narrative=cleaned["narrative"],
                    place=cleaned.get("place", ""),
                    approximate_date=cleaned.get("approximate_date", ""),
                    perpetrator_relation=cleaned.get("perpetrator_relation", ""),
                    contact_name=cleaned.get("contact_name", ""),
                    contact_channel=cleaned.get("contact_channel", ""),
                    contact_details=cleaned.get("contact_details", ""),
                    safe_time=cleaned.get("safe_time", ""),
                )
                report.save()
                report.set_violence_kinds(cleaned["violence_kinds"])
                for item in cleaned.get("evidence") or []:
                    written.append(
                        Attachment.store(report, item.data, item.content_type, item.name)
                    )
            return report, code
        except IntegrityError:
            _delete_files(written)
            # A receipt digest collision (one in 10^16) or a real integrity problem:
            # try a new code, then give up.
            continue
        except Exception as error:
            _delete_files(written)
            logger.error("A report could not be stored (%s)", type(error).__name__)
            raise StorageFailed from error
    raise StorageFailed("no unique receipt code")


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
        _delete_files(written)
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
