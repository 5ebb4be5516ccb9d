"""What staff do to a report, each as one function: permission-checked, audited, atomic.

The views in forms/triage/views.py are thin POST wrappers around these; tests and
management commands call them directly. A refusal raises ``PermissionDenied``
(may not) or a ``TriageError`` (may, but not now: already claimed, illegal status
change, missing reason).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from forms.models import Author, Message, Report
from forms.statistics.release import changed as statistics_changed
from forms.triage import access, workflow
from forms.triage.models import AuditEntry, Case, Note, Priority
from forms.triage.workflow import IllegalTransition

Action = AuditEntry.Action


class TriageError(Exception):
    """An action the user may take in general but not on this report now."""

    def __init__(self, message):
        self.message = message
        super().__init__(str(message))


class AlreadyClaimed(TriageError):
    def __init__(self):
        super().__init__(_("Someone else has already claimed this report."))


def require(user, action: str, report) -> None:
    if not access.can(user, action, report):
        raise PermissionDenied(f"{user} may not {action} report {report.pk}")


def ensure_case(report) -> Case:
    """The report's case row (made with the report; made here for older reports)."""
    case, _created = Case.objects.get_or_create(report=report, defaults=Case.defaults_for(report))
    return case


def _move(report, target: str, now=None) -> str:
    """Change the status along the workflow; the caller holds the transaction."""
    now = now or timezone.now()
    current = Report.objects.select_for_update().values_list("status", flat=True).get(pk=report.pk)
    workflow.check_transition(current, target)
    Report.objects.filter(pk=report.pk).update(status=target, updated_at=now)
    counted = {}
    if target == workflow.VERIFIED:
        counted["verified_at"] = now
    elif target == workflow.INVALID:
        counted["verified_at"] = None
    Case.objects.filter(report=report).update(
        status_since=now,
        due_at=workflow.due_at(target, report.immediate_danger, now),
        closed_at=now if target == workflow.CLOSED else None,
        is_open=target in workflow.OPEN_STATUSES,
        **counted,
    )
    report.status = target
    statistics_changed()
    return current


def _refresh(report) -> None:
    # The cached case row is stale after a conditional UPDATE.
    report._state.fields_cache.pop("case", None)


def record_view(user, report) -> None:
    require(user, "view", report)
    AuditEntry.record(user, Action.VIEW_REPORT, report)


def record_download(user, attachment) -> None:
    require(user, "download", attachment.report)
    AuditEntry.record(user, Action.DOWNLOAD_FILE, attachment.report, f"attachment {attachment.pk}")


def claim(user, report) -> None:
    """Take the report. Of two officers claiming at once, exactly one wins.

    The winner is decided by one conditional UPDATE (``... WHERE assignee_id IS
    NULL``): the database locks the row, so the second statement waits for the
    first to commit, re-reads the row and matches nothing.
    """
    # Not can("claim"), which reads a possibly stale assignee: the UPDATE decides.
    require(user, "work", report)
    now = timezone.now()
    with transaction.atomic():
        ensure_case(report)
        won = Case.objects.filter(report=report, assignee__isnull=True).update(
            assignee=user, claimed_at=now
        )
        if not won:
            raise AlreadyClaimed
        if report.status == workflow.NEW:
            _move(report, workflow.IN_REVIEW, now)
        AuditEntry.record(user, Action.CLAIM, report)
    _refresh(report)


def release(user, report) -> None:
    require(user, "release", report)
    with transaction.atomic():
        Case.objects.filter(report=report).update(assignee=None, claimed_at=None)
        status = Report.objects.values_list("status", flat=True).get(pk=report.pk)
        if status == workflow.IN_REVIEW:
            _move(report, workflow.NEW)
        AuditEntry.record(user, Action.RELEASE, report)
    _refresh(report)


def verify(user, report) -> None:
    require(user, "verify", report)
    with transaction.atomic():
        _move(report, workflow.VERIFIED)
        AuditEntry.record(user, Action.VERIFY, report)


def invalidate(user, report, reason: str) -> None:
    """Mark the report invalid; the reason is kept as a sealed internal note."""
    require(user, "invalidate", report)
    reason = (reason or "").strip()
    if not reason:
        raise TriageError(_("Say why the report is invalid."))
    with transaction.atomic():
        _move(report, workflow.INVALID)
        note = Note.objects.create(report=report, author=user, body=reason)
        AuditEntry.record(user, Action.INVALIDATE, report, f"reason in note {note.pk}")


def change_status(user, report, target: str) -> None:
    require(user, "change_status", report)
    if target not in workflow.manual_targets(report.status):
        raise IllegalTransition(report.status, target)
    with transaction.atomic():
        previous = _move(report, target)
        AuditEntry.record(user, Action.CHANGE_STATUS, report, f"{previous} -> {target}")


def set_priority(user, report, priority) -> None:
    require(user, "set_priority", report)
    priority = int(priority)
    if priority not in Priority.values:
        raise TriageError(_("Unknown priority."))
    with transaction.atomic():
        ensure_case(report)
        Case.objects.filter(report=report).update(priority=priority)
        AuditEntry.record(user, Action.SET_PRIORITY, report, f"priority {priority}")
    _refresh(report)


def reassign(user, report, assignee) -> None:
    """A case manager hands the report to another triage member who may see it."""
    require(user, "reassign", report)
    if not (access.can(assignee, "claim", report) or access.can(assignee, "view", report)) or (
        not assignee.has_perm(access.WORK)
    ):
        raise TriageError(_("That staff member cannot work on reports of this region."))
    now = timezone.now()
    with transaction.atomic():
        ensure_case(report)
        Case.objects.filter(report=report).update(assignee=assignee, claimed_at=now)
        if report.status == workflow.NEW:
            _move(report, workflow.IN_REVIEW, now)
        AuditEntry.record(user, Action.REASSIGN, report, f"to user {assignee.pk}")
    _refresh(report)


def add_note(user, report, body: str) -> Note:
    require(user, "note", report)
    body = (body or "").strip()
    if not body:
        raise TriageError(_("The note is empty."))
    with transaction.atomic():
        note = Note.objects.create(report=report, author=user, body=body)
        AuditEntry.record(user, Action.ADD_NOTE, report, f"note {note.pk}")
    return note


def message_reporter(user, report, body: str) -> Message:
    """A staff message the reporter reads with their receipt code (sealed like theirs)."""
    require(user, "message", report)
    body = (body or "").strip()
    if not body:
        raise TriageError(_("The message is empty."))
    with transaction.atomic():
        message = Message.objects.create(
            report=report, author=Author.STAFF, staff_user=user, body=body
        )
        AuditEntry.record(user, Action.MESSAGE_REPORTER, report, f"message {message.pk}")
    return message


def refer(
    user,
    report,
    targets,
    notes: str = "",
    *,
    override: str = "",
    reason: str = "",
    confirmed: bool = False,
) -> list:
    """Refer the report to each (unit, service code) in ``targets`` at once.

    A verified report (or one in handling) moves to "referred"; referring a report
    that is already referred adds units without another status change.

    Consent. The complaint form asks the reporter whether their report may be passed
    to service units. Sending a victim's story to a clinic, a lawyer or a shelter
    against their wish can put them in danger (the perpetrator may learn of it) and
    breaks the trust the portal runs on, so a report without that consent is never
    referred silently: the referral is refused unless the staff member

    - names one of two grounds (``Referral.ConsentOverride``): someone's life or
      safety is at serious risk, or a legal obligation (a child victim, a court
      order);
    - writes the reason; and
    - ticks an explicit confirmation.

    The holder may do it (an emergency cannot wait for a manager at night), but it
    is recorded: a distinct audit action (``refer_no_consent``, which case managers
    filter on in the audit log) naming the ground, the reason sealed in an internal
    note and in each referral's notes (the audit log is clear text, so it points at
    the note rather than quoting it), and each referral marked with its ground so
    the unit knows the reporter did not agree.
    """
    from forms.triage.models import Referral

    require(user, "refer", report)
    targets = list(dict.fromkeys(targets))
    if not targets:
        raise TriageError(_("Choose at least one service unit."))
    if report.status not in (workflow.VERIFIED, workflow.IN_HANDLING, workflow.REFERRED):
        raise IllegalTransition(report.status, workflow.REFERRED)
    override, reason = (override or "").strip(), (reason or "").strip()
    if report.consent_referral:
        override = reason = ""
    elif override not in Referral.ConsentOverride.values or not reason or not confirmed:
        raise TriageError(
            _(
                "The reporter did not agree to referral. Refer only if someone's life or "
                "safety is at serious risk or the law requires it: choose the ground, "
                "write the reason and confirm."
            )
        )
    with transaction.atomic():
        if report.status != workflow.REFERRED:
            _move(report, workflow.REFERRED)
        note = None
        if override:
            ground = Referral.ConsentOverride(override).label
            note = Note.objects.create(
                report=report,
                author=user,
                body=_("Referred without the reporter's consent (%(ground)s): %(reason)s")
                % {"ground": ground, "reason": reason},
            )
            notes = "\n\n".join(
                part
                for part in (
                    _("Without the reporter's consent (%(ground)s): %(reason)s")
                    % {"ground": ground, "reason": reason},
                    notes,
                )
                if part
            )
        referrals = []
        for unit, service in targets:
            referral, _created = Referral.objects.get_or_create(
                report=report,
                unit=unit,
                service=service,
                defaults={"created_by": user, "consent_override": override},
            )
            if notes:
                referral.notes = notes
                referral.save(update_fields=["notes_sealed", "updated_at"])
            referrals.append(referral)
        units = ", ".join(f"{unit.pk}:{service}" for unit, service in targets)
        if override:
            AuditEntry.record(
                user,
                Action.REFER_WITHOUT_CONSENT,
                report,
                f"ground {override}; units {units}; reason in note {note.pk}",
            )
        else:
            AuditEntry.record(user, Action.REFER, report, f"units {units}")
    return referrals


def update_referral(user, referral, status: str, notes: str | None = None) -> None:
    from forms.triage.models import Referral

    require(user, "update_referral", referral.report)
    if status not in Referral.Status.values:
        raise TriageError(_("Unknown referral status."))
    with transaction.atomic():
        previous = referral.status
        referral.status = status
        fields = ["status", "updated_at"]
        if notes is not None:
            referral.notes = notes
            fields.append("notes_sealed")
        referral.save(update_fields=fields)
        AuditEntry.record(
            user,
            Action.UPDATE_REFERRAL,
            referral.report,
            f"referral {referral.pk}: {previous} -> {status}",
        )


FACT_FIELDS = ("place_category", "victim_age_group", "victim_sex", "victim_disability", "victims")


def record_facts(user, report, facts: dict, perpetrators: list[dict]) -> list[str]:
    """Staff complete the counted facts of a case (forms/triage/case_facts.py).

    ``facts`` holds the kinds and the report's category fields; ``perpetrators``
    replaces the report's perpetrators. The audit entry names what changed, never
    the values. Returns the names of the changed facts.
    """
    from forms.models import Perpetrator

    require(user, "facts", report)
    kinds = sorted(set(facts.get("violence_kinds") or []))
    if not kinds:
        raise TriageError(_("Choose at least one kind of violence."))
    changed = [name for name in FACT_FIELDS if getattr(report, name) != facts[name]]
    if kinds != sorted(report.violence_kinds):
        changed.append("violence_kinds")
    before = [(p.relation, p.sex, p.age_group) for p in report.perpetrators.all()]
    after = [(p["relation"], p["sex"], p["age_group"]) for p in perpetrators]
    if before != after:
        changed.append("perpetrators")
    if not changed:
        return []
    with transaction.atomic():
        for name in FACT_FIELDS:
            setattr(report, name, facts[name])
        report.save(update_fields=[*FACT_FIELDS, "updated_at"])
        report.set_violence_kinds(kinds)
        report.perpetrators.all().delete()
        Perpetrator.objects.bulk_create([Perpetrator(report=report, **p) for p in perpetrators])
        AuditEntry.record(user, Action.RECORD_FACTS, report, "changed " + ", ".join(changed))
        statistics_changed()
    return changed
