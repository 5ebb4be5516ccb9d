from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from forms import crypto, regions
from forms.models.choices import (
    AgeGroup,
    CaptchaState,
    Disability,
    PlaceCategory,
    Relation,
    ReporterRole,
    Sex,
    Status,
    ViolenceKind,
)

# The queue's short word for a captcha that did not pass: truthful about why.
CAPTCHA_FLAGS = {
    CaptchaState.UNVERIFIED: _("Captcha not checked"),
    CaptchaState.LOW_SCORE: _("Low captcha score"),
}

# The sealed (encrypted) text fields of a report, in the order the form asks them.
SEALED_FIELDS = (
    "narrative",
    "place",
    "approximate_date",
    "perpetrator_relation",
    "contact_name",
    "contact_channel",
    "contact_details",
    "safe_time",
)


@dataclass(frozen=True)
class DecryptedReport:
    """Every sealed field of one report, in plain text (see ``Report.decrypt``)."""

    narrative: str
    place: str
    approximate_date: str
    perpetrator_relation: str
    contact_name: str
    contact_channel: str
    contact_details: str
    safe_time: str


class ReportQuerySet(models.QuerySet):
    def with_violence(self, *kinds: str):
        """Reports naming any of these violence kinds (works on SQLite and PostgreSQL)."""
        return self.filter(violence__kind__in=kinds).distinct()

    def by_receipt_digest(self, digests):
        return self.filter(receipt_digest__in=list(digests))


class Report(models.Model):
    """One anonymous complaint.

    Triage metadata (status, violence kinds, victim age group and sex, region,
    immediate danger, language, captcha state) is stored in clear so the queue can
    filter and sort on it. Everything that could identify someone is sealed with the
    report's own data key (``forms.crypto``): read it with ``report.narrative`` etc.
    or ``report.decrypt()``. Nothing about the submitting client (address, user
    agent, referrer) is stored anywhere.
    """

    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.NEW, db_index=True
    )
    reporter_role = models.CharField(
        _("who is reporting"), max_length=16, choices=ReporterRole.choices, blank=True
    )
    immediate_danger = models.BooleanField(_("someone is in immediate danger"), default=False)
    victim_age_group = models.CharField(
        _("victim age group"), max_length=8, choices=AgeGroup.choices, blank=True
    )
    victim_sex = models.CharField(_("victim sex"), max_length=8, choices=Sex.choices, blank=True)
    # Counted facts in clear, beside the sealed free text (``place``,
    # ``perpetrator_relation``): categories only, so that they can be counted.
    place_category = models.CharField(
        _("place"), max_length=16, choices=PlaceCategory.choices, blank=True
    )
    victims = models.PositiveSmallIntegerField(_("number of victims"), default=1)
    victim_disability = models.CharField(
        _("victim disability"), max_length=8, choices=Disability.choices, blank=True
    )
    # The regency or city (or the province when none was chosen): never finer in
    # clear. The district and village are sealed below (forms/regions.py).
    region = models.ForeignKey(
        "content.Region",
        verbose_name=_("region"),
        on_delete=models.PROTECT,
        related_name="reports",
    )
    # Keyed blind index of the district (forms/regions.py): scoping and counting by
    # district without the district in clear.
    district_index = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    language = models.CharField(
        _("language"), max_length=8, choices=settings.LANGUAGES, default="id"
    )
    captcha_state = models.CharField(
        _("captcha check"), max_length=16, choices=CaptchaState.choices
    )
    # reCAPTCHA v3 only: Google's 0.0 (bot) to 1.0 (human) estimate.
    captcha_score = models.FloatField(_("captcha score"), null=True, blank=True)
    consent_contact = models.BooleanField(_("agrees to be contacted"), default=False)
    consent_referral = models.BooleanField(_("agrees to referral to service units"), default=False)
    created_at = models.DateTimeField(_("received"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    # scrypt of the receipt code under RECEIPT_SECRET (forms.receipts); the code itself
    # is never stored.
    receipt_digest = models.CharField(max_length=100, unique=True, editable=False)
    # The report's data key, wrapped by a master key: "key_id:base64(nonce|ciphertext)".
    data_key = models.CharField(max_length=128, editable=False)

    narrative_sealed = models.BinaryField(default=b"", editable=False)
    place_sealed = models.BinaryField(default=b"", editable=False)
    approximate_date_sealed = models.BinaryField(default=b"", editable=False)
    perpetrator_relation_sealed = models.BinaryField(default=b"", editable=False)
    contact_name_sealed = models.BinaryField(default=b"", editable=False)
    contact_channel_sealed = models.BinaryField(default=b"", editable=False)
    contact_details_sealed = models.BinaryField(default=b"", editable=False)
    safe_time_sealed = models.BinaryField(default=b"", editable=False)
    precise_region_sealed = models.BinaryField(default=b"", editable=False)

    narrative = crypto.sealed_text("narrative", "What happened, in the reporter's words.")
    place = crypto.sealed_text("place", "Where it happened (free text).")
    approximate_date = crypto.sealed_text("approximate_date", "When it happened (free text).")
    perpetrator_relation = crypto.sealed_text(
        "perpetrator_relation", "The perpetrator's relation to the victim."
    )
    contact_name = crypto.sealed_text("contact_name", "A name or nickname staff may use.")
    contact_channel = crypto.sealed_text("contact_channel", "A ContactChannel value, or ''.")
    contact_details = crypto.sealed_text("contact_details", "Number or address to contact.")
    safe_time = crypto.sealed_text("safe_time", "When it is safe to contact the reporter.")
    precise_region = crypto.sealed_text(
        "precise_region", "The district or village code the reporter chose, or ''."
    )

    objects = ReportQuerySet.as_manager()

    class Meta:
        ordering = ["-immediate_danger", "created_at"]
        verbose_name = _("report")
        verbose_name_plural = _("reports")

    def __str__(self):
        return f"#{self.pk}" if self.pk else "#new"

    def save(self, *args, **kwargs):
        # Every report owns a data key from its first save, so that messages and files
        # added later (by another process) are sealed with a key that is stored.
        self.cipher()
        super().save(*args, **kwargs)

    def cipher(self) -> crypto.Cipher:
        """This report's cipher; a new report gets a fresh data key on first use."""
        cached = self.__dict__.get("_cipher")
        if cached is None:
            binding = crypto.row_binding(self, "data_key")
            if self.data_key:
                cached = crypto.Cipher(crypto.unwrap_data_key(self.data_key, binding))
            elif self.pk:
                raise crypto.DecryptionError(f"Report {self.pk} has no data key.")
            else:
                raw, self.data_key = crypto.new_wrapped_data_key(binding)
                cached = crypto.Cipher(raw)
            self.__dict__["_cipher"] = cached
        return cached

    def set_region(self, region) -> None:
        """Place the report in the finest ``region`` the reporter chose: its regency in
        clear, the district's blind index, the district or village sealed."""
        self.region, precise = regions.split(region)
        self.precise_region = precise
        self.district_index = regions.district_index(regions.district_of(precise))

    @property
    def precise_region_name(self) -> str:
        """The sealed district or village, by name (decrypts: staff views only)."""
        from content.models import Region

        code = self.precise_region
        region = Region.objects.filter(code=code).first() if code else None
        return f"{region.name} ({code})" if region else code

    def decrypt(self) -> DecryptedReport:
        return DecryptedReport(**{name: getattr(self, name) for name in SEALED_FIELDS})

    @property
    def captcha_verified(self) -> bool:
        return self.captcha_state == CaptchaState.PASSED

    @property
    def captcha_flag(self) -> str:
        """What the queue's captcha column says: nothing when it passed."""
        return str(CAPTCHA_FLAGS.get(self.captcha_state, ""))

    @property
    def violence_kinds(self) -> list[str]:
        return [row.kind for row in self.violence.all()]

    def set_violence_kinds(self, kinds) -> None:
        """Replace the report's violence kinds (the report must be saved)."""
        kinds = sorted(set(kinds))
        self.violence.exclude(kind__in=kinds).delete()
        existing = set(self.violence.values_list("kind", flat=True))
        ReportViolence.objects.bulk_create(
            [ReportViolence(report=self, kind=kind) for kind in kinds if kind not in existing]
        )

    def get_violence_kinds_display(self) -> list[str]:
        return [ViolenceKind(kind).label for kind in self.violence_kinds]


class Perpetrator(models.Model):
    """One perpetrator of a report, in categories (a report has none, one or several)."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="perpetrators")
    relation = models.CharField(
        _("relation to the victim"), max_length=16, choices=Relation.choices, blank=True
    )
    sex = models.CharField(_("sex"), max_length=8, choices=Sex.choices, blank=True)
    age_group = models.CharField(_("age group"), max_length=8, choices=AgeGroup.choices, blank=True)

    class Meta:
        ordering = ["pk"]
        indexes = [models.Index(fields=["relation"])]
        verbose_name = _("perpetrator")
        verbose_name_plural = _("perpetrators")

    def __str__(self):
        return self.get_relation_display() or "?"


class ReportViolence(models.Model):
    """One violence kind named in a report (a report names one or several).

    A row per kind rather than an array, so that "reports naming sexual violence" is
    an indexed join on SQLite and PostgreSQL alike.
    """

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="violence")
    kind = models.CharField(_("violence type"), max_length=16, choices=ViolenceKind.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["report", "kind"], name="complaints_one_kind_per_report"
            )
        ]
        indexes = [models.Index(fields=["kind"])]
        verbose_name = _("violence type")
        verbose_name_plural = _("violence types")

    def __str__(self):
        return self.get_kind_display()
