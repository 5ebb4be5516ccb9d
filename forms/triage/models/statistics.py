from django.db import models
from django.utils.translation import gettext_lazy as _


class PurgedReportCount(models.Model):
    """What remains of purged reports: anonymous counts for the statistics.

    One row per month of receipt, regency (or province), the kinds of violence the
    report named (sorted, comma-separated: a report naming two kinds is one report,
    so totals add up), victim age group and sex. Only reports the statistics count
    (verified, never invalid) leave a count. Never finer than the regency: a
    district or village cell of one would come close to naming the family. A
    regency holds hundreds of thousands of people, so even a count of one in a month
    and kind points at nobody; the public figures made from these rows still
    suppress small cells like every other figure.
    """

    month = models.DateField(_("month received"))
    region = models.ForeignKey(
        "content.Region", verbose_name=_("region"), on_delete=models.PROTECT, related_name="+"
    )
    violence_kinds = models.CharField(_("violence types"), max_length=200, blank=True)
    victim_age_group = models.CharField(_("victim age group"), max_length=8, blank=True)
    victim_sex = models.CharField(_("victim sex"), max_length=8, blank=True)
    count = models.PositiveIntegerField(_("reports"), default=0)

    class Meta:
        default_permissions = ("view",)
        constraints = [
            models.UniqueConstraint(
                fields=["month", "region", "violence_kinds", "victim_age_group", "victim_sex"],
                name="triage_purged_count_unique",
            )
        ]
        verbose_name = _("purged report count")
        verbose_name_plural = _("purged report counts")

    def __str__(self):
        return f"{self.month:%Y-%m} {self.region_id} {self.violence_kinds}: {self.count}"

    def kinds(self) -> list[str]:
        return self.violence_kinds.split(",") if self.violence_kinds else []
