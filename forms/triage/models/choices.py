"""The vocabularies of the case plan and of referrals."""

from django.db import models
from django.utils.translation import gettext_lazy as _


def label(choices, value):
    """The label of ``value`` among ``choices`` (a TextChoices), straight from the enum.

    Django's ``get_FOO_display()`` rebuilds a dict of every choice and hashes each lazy
    label (a translation) on every call: on a list of rows, or a case's history of audit
    entries with some forty kinds of action, that is thousands of translations a page.
    """
    try:
        return choices(value).label
    except ValueError:
        return value


class ServiceKind(models.TextChoices):
    """A need found on a case, and the service that meets it.

    The codes are the service directory's (``content.Service.code``), so a unit's
    listed services and the services a referral asks of it are one vocabulary.
    """

    MEDICAL = "medical", _("Medical care")
    VISUM = "visum", _("Visum (medical-legal examination)")
    PSYCHOLOGICAL = "psychological", _("Psychological support")
    LEGAL = "legal", _("Legal accompaniment")
    SHELTER = "shelter", _("Safe shelter")
    REPATRIATION = "repatriation", _("Repatriation and reintegration")
    HOME_VISIT = "home-visit", _("Home visit")
    RELIGIOUS = "religious-counselling", _("Religious counselling")
    MEDIATION = "mediation", _("Mediation")
    OTHER = "other", _("Other")


class NeedState(models.TextChoices):
    PLANNED = "planned", _("Planned")
    REFERRED = "referred", _("Referred, waiting for the unit")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("No longer needed")


class RiskLevel(models.TextChoices):
    LOW = "low", _("Low")
    MEDIUM = "medium", _("Medium")
    HIGH = "high", _("High")
    EXTREME = "extreme", _("Extreme: life in danger")


class ClosureOutcome(models.TextChoices):
    SERVICES_GIVEN = "services_given", _("The needed services were given")
    WITHDREW = "withdrew", _("The reporter withdrew")
    UNREACHABLE = "unreachable", _("The reporter could not be reached")
    ELSEWHERE = "elsewhere", _("Handled outside the portal")
    NO_ACTION = "no_action", _("No further action needed")
