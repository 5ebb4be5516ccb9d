"""Complaint models (app label ``complaints``), one module per concern.

See ``forms.crypto`` for how to read the encrypted fields.
"""

from forms.models.attachments import Attachment
from forms.models.choices import (
    AgeGroup,
    Author,
    CaptchaState,
    Channel,
    ContactChannel,
    Disability,
    PlaceCategory,
    Relation,
    ReporterRole,
    Sex,
    Status,
    ViolenceKind,
)
from forms.models.hand_overs import ReceiptHandOver
from forms.models.messages import Message
from forms.models.pages import ComplaintPage
from forms.models.report import DecryptedReport, Perpetrator, Report, ReportViolence
from forms.models.statistics import PublishedFigures

__all__ = [
    "AgeGroup",
    "Attachment",
    "Author",
    "CaptchaState",
    "Channel",
    "ComplaintPage",
    "ContactChannel",
    "DecryptedReport",
    "Disability",
    "Message",
    "Perpetrator",
    "PlaceCategory",
    "PublishedFigures",
    "ReceiptHandOver",
    "Relation",
    "Report",
    "ReportViolence",
    "ReporterRole",
    "Sex",
    "Status",
    "ViolenceKind",
]
