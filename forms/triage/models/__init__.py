"""Triage models (app label ``triage``), one module per concern."""

from forms.triage.models.audit import AuditEntry, AuditLogIsAppendOnly
from forms.triage.models.roles import StaffProfile, TriageAccess

__all__ = ["AuditEntry", "AuditLogIsAppendOnly", "StaffProfile", "TriageAccess"]
