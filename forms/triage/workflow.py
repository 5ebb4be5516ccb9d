"""The triage workflow and the referral workflow, each as one state machine.

A report::

    new -> in review (claimed) -> verified | invalid
    verified -> referred | in handling
    referred <-> in handling -> resolved -> closed
    closed, invalid -> in review (reopen)

Releasing a claim takes a report in review back to new. Every status has a due
time (settings.TRIAGE_DUE_HOURS, stricter TRIAGE_DANGER_DUE_HOURS for reports of
immediate danger); statuses without an entry (invalid, closed) have none. Closing
and reopening are actions of their own (the closure asks an outcome and a reason).

A referral (Primero's model, docs/referrals.md)::

    sent -> accepted | declined (with a reason) | revoked
    accepted -> done (with an outcome) | revoked

A sent referral is due an answer within settings.REFERRAL_RESPONSE_HOURS
(REFERRAL_DANGER_RESPONSE_HOURS for immediate danger).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.utils.translation import gettext_lazy as _

NEW = "new"
IN_REVIEW = "in_review"
VERIFIED = "verified"
INVALID = "invalid"
REFERRED = "referred"
IN_HANDLING = "in_handling"
RESOLVED = "resolved"
CLOSED = "closed"

TRANSITIONS: dict[str, frozenset[str]] = {
    NEW: frozenset({IN_REVIEW}),
    IN_REVIEW: frozenset({NEW, VERIFIED, INVALID}),
    VERIFIED: frozenset({REFERRED, IN_HANDLING, INVALID}),
    INVALID: frozenset({IN_REVIEW, CLOSED}),
    REFERRED: frozenset({IN_HANDLING, RESOLVED}),
    IN_HANDLING: frozenset({REFERRED, RESOLVED}),
    RESOLVED: frozenset({IN_HANDLING, CLOSED}),
    CLOSED: frozenset({IN_REVIEW}),
}
# Statuses a report may only reach through their own action (claim, verify, refer,
# close, reopen...), not through the generic "change status" form.
ACTION_ONLY = frozenset({IN_REVIEW, NEW, VERIFIED, INVALID, REFERRED, CLOSED})
OPEN_STATUSES = frozenset(TRANSITIONS) - {INVALID, CLOSED}


class IllegalTransition(Exception):
    """A status change the workflow does not allow (e.g. new -> closed)."""

    def __init__(self, current: str, target: str):
        self.current, self.target = current, target
        super().__init__(f"A report cannot go from {current!r} to {target!r}.")

    @property
    def message(self):
        return _("A report cannot go from “%(current)s” to “%(target)s”.") % {
            "current": self.current,
            "target": self.target,
        }


def allowed_targets(current: str) -> frozenset[str]:
    return TRANSITIONS.get(str(current), frozenset())


def check_transition(current: str, target: str) -> None:
    if str(target) not in allowed_targets(current):
        raise IllegalTransition(str(current), str(target))


def manual_targets(current: str) -> list[str]:
    """The statuses offered by the generic status form for a report in ``current``."""
    return sorted(allowed_targets(current) - ACTION_ONLY)


def may_close(current: str) -> bool:
    return CLOSED in allowed_targets(current)


def may_reopen(current: str) -> bool:
    return str(current) in {CLOSED, INVALID}


def due_hours(status: str, immediate_danger: bool) -> int | None:
    table = settings.TRIAGE_DANGER_DUE_HOURS if immediate_danger else settings.TRIAGE_DUE_HOURS
    return table.get(str(status))


def due_at(status: str, immediate_danger: bool, since: datetime) -> datetime | None:
    hours = due_hours(status, immediate_danger)
    return None if hours is None else since + timedelta(hours=hours)


# The referral workflow.
SENT, ACCEPTED, DECLINED, DONE, REVOKED = "sent", "accepted", "declined", "done", "revoked"
REFERRAL_TRANSITIONS: dict[str, frozenset[str]] = {
    SENT: frozenset({ACCEPTED, DECLINED, REVOKED}),
    ACCEPTED: frozenset({DONE, REVOKED}),
    DECLINED: frozenset(),
    DONE: frozenset(),
    REVOKED: frozenset(),
}
REFERRAL_OPEN = frozenset({SENT, ACCEPTED})


class IllegalReferralTransition(IllegalTransition):
    @property
    def message(self):
        return _("This referral cannot go from “%(current)s” to “%(target)s”.") % {
            "current": self.current,
            "target": self.target,
        }


def referral_may(current: str, target: str) -> bool:
    return str(target) in REFERRAL_TRANSITIONS.get(str(current), frozenset())


def check_referral_transition(current: str, target: str) -> None:
    if not referral_may(current, target):
        raise IllegalReferralTransition(str(current), str(target))


def referral_due_at(immediate_danger: bool, since: datetime) -> datetime:
    hours = (
        settings.REFERRAL_DANGER_RESPONSE_HOURS
        if immediate_danger
        else settings.REFERRAL_RESPONSE_HOURS
    )
    return since + timedelta(hours=hours)
