"""Triage models (app label ``triage``), one module per concern."""

from forms.triage.models.audit import AuditEntry, AuditLogIsAppendOnly
from forms.triage.models.case import Case, Note, Priority
from forms.triage.models.referral import Referral
from forms.triage.models.roles import StaffProfile, TriageAccess
from forms.triage.models.statistics import PurgedReportCount

__all__ = [
    "AuditEntry",
    "AuditLogIsAppendOnly",
    "Case",
    "Note",
    "Priority",
    "PurgedReportCount",
    "Referral",
    "StaffProfile",
    "TriageAccess",
]
