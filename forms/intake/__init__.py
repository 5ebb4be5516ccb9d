"""The anonymous complaint intake, one module per stage of a POST's path.

A complaint POST meets, in this order:

1. the request-size cap (``forms/middleware.py``) and CSRF (Django);
2. ``throttle``: the rate limits, per client (a salted hash of the address that lives
   only in the cache) and for everyone together;
3. ``complaint``: the form, whose cheap checks come first (honeypot, region, contact
   rules), then ``fill_time`` (a signed "form shown at" timestamp), ``captcha``
   (reCAPTCHA, outage-tolerant) and ``evidence`` (file type by content, sizes,
   metadata stripped);
4. ``filing``: the report, its files and its receipt digest in one transaction.

``follow_up`` holds the follow-up page's forms (receipt look-up, the reporter's reply).
The views in ``forms/views.py`` call these names through this package.
"""

from forms.intake.captcha import CaptchaOutcome, OutageTolerantCaptchaField
from forms.intake.complaint import ComplaintForm
from forms.intake.evidence import Evidence, EvidenceField, sniff, strip_image_metadata
from forms.intake.filing import StorageFailed, file_report
from forms.intake.fill_time import started_seconds_ago, started_token
from forms.intake.follow_up import ReplyForm, StatusLookupForm, add_reply
from forms.intake.throttle import client_key, over_limit

__all__ = [
    "CaptchaOutcome",
    "ComplaintForm",
    "Evidence",
    "EvidenceField",
    "OutageTolerantCaptchaField",
    "ReplyForm",
    "StatusLookupForm",
    "StorageFailed",
    "add_reply",
    "client_key",
    "file_report",
    "over_limit",
    "sniff",
    "started_seconds_ago",
    "started_token",
    "strip_image_metadata",
]
