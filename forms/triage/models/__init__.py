"""Triage models (app label ``triage``), one module per concern."""

from forms.triage.models.audit import AuditEntry, AuditLogIsAppendOnly
from forms.triage.models.case import Case, Note, Priority
from forms.triage.models.choices import ClosureOutcome, NeedState, RiskLevel, ServiceKind
from forms.triage.models.plan import FollowUp, Need
from forms.triage.models.referral import Referral, ReferralMessage, ServiceRecord
from forms.triage.models.roles import StaffProfile, TriageAccess, UnitMembership
from forms.triage.models.statistics import PurgedReportCount

__all__ = [
    "AuditEntry",
    "AuditLogIsAppendOnly",
    "Case",
    "ClosureOutcome",
    "FollowUp",
    "Need",
    "NeedState",
    "Note",
    "Priority",
    "PurgedReportCount",
    "Referral",
    "ReferralMessage",
    "RiskLevel",
    "ServiceKind",
    "ServiceRecord",
    "StaffProfile",
    "TriageAccess",
    "UnitMembership",
]
