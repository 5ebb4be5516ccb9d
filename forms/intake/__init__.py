"""The anonymous complaint intake, one module per stage of a POST's path.

A complaint POST meets, in this order (``forms/views.py`` runs them), the cheap ones
first and the expensive ones only for a POST that passed everything before:

1. the request-size cap (``forms/middleware.py``) and CSRF (Django);
2. ``throttle``: this client's own limit (a salted hash of its address or IPv6 /64,
   in the cache only); every POST counts;
3. the cheap checks of ``complaint.ComplaintForm``: the answers, the honeypot, the
   one-time token and its fill time (``fill_time``), each file's size and type by its
   bytes (``evidence.EvidenceField``), a captcha token present; then the token is
   claimed, so a replay gets a neutral answer;
4. ``captcha``: siteverify is asked (outage-tolerant);
5. ``throttle`` again: everyone's limit together, counted only for POSTs that got here;
6. ``evidence.clean_evidence``: every file decoded (pixel and frame caps read from the
   header first) and rewritten without its metadata;
7. ``filing``: the report, its files and its receipt digest in one transaction; the
   receipt reaches the next page through a one-time server-side hand-over
   (``forms.receipts.hand_over``, a row written in the same transaction), never the URL.

``follow_up`` holds the follow-up page's forms (receipt look-up, the reporter's reply).
"""

from forms.intake.captcha import CaptchaOutcome, OutageTolerantCaptchaField
from forms.intake.complaint import ComplaintForm, ComplaintQuestions
from forms.intake.evidence import (
    Evidence,
    EvidenceField,
    Upload,
    clean_evidence,
    sniff,
    strip_image_metadata,
)
from forms.intake.filing import StorageFailed, file_report
from forms.intake.fill_time import claim, started_seconds_ago, started_token
from forms.intake.fill_time import read as read_token
from forms.intake.follow_up import ReplyForm, StatusLookupForm, add_reply
from forms.intake.throttle import client_key, client_limited, everyone_limited

__all__ = [
    "CaptchaOutcome",
    "ComplaintForm",
    "ComplaintQuestions",
    "Evidence",
    "EvidenceField",
    "OutageTolerantCaptchaField",
    "ReplyForm",
    "StatusLookupForm",
    "StorageFailed",
    "Upload",
    "add_reply",
    "claim",
    "clean_evidence",
    "client_key",
    "client_limited",
    "everyone_limited",
    "file_report",
    "read_token",
    "sniff",
    "started_seconds_ago",
    "started_token",
    "strip_image_metadata",
]
