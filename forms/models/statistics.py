from django.db import models
from django.utils.translation import gettext_lazy as _


class PublishedFigures(models.Model):
    """The cells hidden so far in one publication history (an area and a period).

    Written by forms/statistics/release.py; a cell hidden once stays hidden in every
    later release of the same figures (see docs/statistics.md, "Over time"). Holds
    category keys only, never a count or anything about a report.
    """

    key = models.CharField(max_length=64, unique=True)
    hidden = models.JSONField(default=list)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        default_permissions = ()
        verbose_name = _("published figures")
        verbose_name_plural = _("published figures")

    def __str__(self):
        return self.key[:12]
