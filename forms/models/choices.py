"""The vocabularies of a report, shared by the form, the models and the triage queue."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    """The triage workflow; closed reports can be reopened."""

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
    """The kinds national recording (SIMFONI-PPA) counts. Domestic violence is not a
    kind but a setting: ``PlaceCategory.HOUSEHOLD`` (docs/statistics.md)."""

    PHYSICAL = "physical", _("Physical violence")
    PSYCHOLOGICAL = "psychological", _("Psychological violence")
    SEXUAL = "sexual", _("Sexual violence")
    NEGLECT = "neglect", _("Neglect")
    EXPLOITATION = "exploitation", _("Exploitation")
    TRAFFICKING = "trafficking", _("Trafficking")
    OTHER = "other", _("Other violence")


class PlaceCategory(models.TextChoices):
    """Where it happened, as a category that can be counted (the words stay sealed)."""

    HOUSEHOLD = "household", _("Household (domestic violence)")
    SCHOOL = "school", _("School")
    WORKPLACE = "workplace", _("Workplace")
    PUBLIC_PLACE = "public_place", _("Public place")
    ONLINE = "online", _("Online")
    INSTITUTION = "institution", _("Institution (care home, boarding school, detention)")
    OTHER = "other", _("Other place")


class AgeGroup(models.TextChoices):
    """The age groups of SIMFONI-PPA's national recording (docs/statistics.md)."""

    CHILD_0_5 = "0-5", _("0 to 5 years")
    CHILD_6_12 = "6-12", _("6 to 12 years")
    CHILD_13_17 = "13-17", _("13 to 17 years")
    YOUNG_ADULT = "18-24", _("18 to 24 years")
    ADULT = "25-44", _("25 to 44 years")
    MIDDLE_AGED = "45-59", _("45 to 59 years")
    ELDER = "60+", _("60 years or older")

    @classmethod
    def children(cls) -> list[str]:
        return [cls.CHILD_0_5, cls.CHILD_6_12, cls.CHILD_13_17]


class Relation(models.TextChoices):
    """A perpetrator's relation to the victim, as national recording groups it."""

    PARTNER = "partner", _("Partner or spouse")
    PARENT = "parent", _("Parent")
    FAMILY = "family", _("Other family member")
    TEACHER = "teacher", _("Teacher")
    NEIGHBOUR = "neighbour", _("Neighbour")
    ACQUAINTANCE = "acquaintance", _("Friend or acquaintance")
    STRANGER = "stranger", _("Stranger")
    OTHER = "other", _("Other")


class Disability(models.TextChoices):
    YES = "yes", _("Yes, the victim has a disability")
    NO = "no", _("No disability")


class Sex(models.TextChoices):
    FEMALE = "female", _("Female")
    MALE = "male", _("Male")


class ContactChannel(models.TextChoices):
    PHONE = "phone", _("Phone call")
    SMS = "sms", _("SMS")
    WHATSAPP = "whatsapp", _("WhatsApp")
    EMAIL = "email", _("Email")


class Channel(models.TextChoices):
    """How a report reached the agency: the web form, or a staff member who recorded it."""

    WEB = "web", _("Web form")
    PHONE_129 = "phone_129", _("SAPA 129 phone call")
    WHATSAPP_129 = "whatsapp_129", _("SAPA 129 WhatsApp")
    WALK_IN = "walk_in", _("Walk-in at the UPTD PPA desk")
    PPT_POST = "ppt_post", _("PPT post in the kelurahan")
    OUTREACH = "outreach", _("Outreach (Molin PPA)")
    VOLUNTEER = "volunteer", _("Volunteer or Satgas")
    AGENCY = "agency", _("Referral from another agency")

    @classmethod
    def recorded(cls) -> list[tuple[str, str]]:
        """The channels a staff member records a report from (every one but the web)."""
        return [(value, label) for value, label in cls.choices if value != cls.WEB]


class CaptchaState(models.TextChoices):
    """What the captcha check said about the submission, for triage to weigh."""

    PASSED = "passed", _("Passed")
    # The captcha service could not be reached or answered nonsense: the report was
    # kept rather than lost, and triage should know it was not checked (not "failed":
    # a report whose captcha said no is never stored).
    UNVERIFIED = "unverified", _("Not checked (captcha service unavailable)")
    # reCAPTCHA v3 answered with a score below the threshold but above rejection.
    LOW_SCORE = "low_score", _("Low captcha score")
    # Recorded by a signed-in staff member: no captcha was asked, none was needed.
    STAFF = "staff", _("Recorded by staff")


class Author(models.TextChoices):
    REPORTER = "reporter", _("Reporter")
    STAFF = "staff", _("Staff")
