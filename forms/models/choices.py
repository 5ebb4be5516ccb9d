"""The vocabularies of a report, shared by the form, the models and the triage queue."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    """The triage workflow (DESIGN.md, "Triage"); closed reports can be reopened."""

    NEW = "new", _("New")
    IN_REVIEW = "in_review", _("In review")
    VERIFIED = "verified", _("Verified")
    INVALID = "invalid", _("Invalid")
    REFERRED = "referred", _("Referred")
    IN_HANDLING = "in_handling", _("In handling")
    RESOLVED = "resolved", _("Resolved")
    CLOSED = "closed", _("Closed")


class ReporterRole(models.TextChoices):
    VICTIM = "victim", _("I am the person this happened to")
    FAMILY = "family", _("Family member")
    WITNESS = "witness", _("Witness")
    PROFESSIONAL = "professional", _("Professional (teacher, health worker, counsellor...)")


class ViolenceKind(models.TextChoices):
    PHYSICAL = "physical", _("Physical violence")
    PSYCHOLOGICAL = "psychological", _("Psychological violence")
    SEXUAL = "sexual", _("Sexual violence")
    NEGLECT = "neglect", _("Neglect")
    EXPLOITATION = "exploitation", _("Exploitation")
    TRAFFICKING = "trafficking", _("Trafficking")
    DOMESTIC = "domestic", _("Domestic violence")


class AgeGroup(models.TextChoices):
    CHILD_0_5 = "0-5", _("Child, 0 to 5 years")
    CHILD_6_12 = "6-12", _("Child, 6 to 12 years")
    CHILD_13_17 = "13-17", _("Child, 13 to 17 years")
    ADULT = "18-59", _("Adult, 18 to 59 years")
    ELDER = "60+", _("60 years or older")

    @classmethod
    def children(cls) -> list[str]:
        return [cls.CHILD_0_5, cls.CHILD_6_12, cls.CHILD_13_17]


class Sex(models.TextChoices):
    FEMALE = "female", _("Female")
    MALE = "male", _("Male")


class ContactChannel(models.TextChoices):
    PHONE = "phone", _("Phone call")
    SMS = "sms", _("SMS")
    WHATSAPP = "whatsapp", _("WhatsApp")
    EMAIL = "email", _("Email")


class CaptchaState(models.TextChoices):
    """What the captcha check said about the submission, for triage to weigh."""

    PASSED = "passed", _("Passed")
    # The captcha service could not be reached or answered nonsense: the report was
    # kept rather than lost, and triage should know it was not checked (not "failed":
    # a report whose captcha said no is never stored).
    UNVERIFIED = "unverified", _("Not checked (captcha service unavailable)")
    # reCAPTCHA v3 answered with a score below the threshold but above rejection.
    LOW_SCORE = "low_score", _("Low captcha score")


class Author(models.TextChoices):
    REPORTER = "reporter", _("Reporter")
    STAFF = "staff", _("Staff")
