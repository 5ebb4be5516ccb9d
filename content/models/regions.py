import re

from django.db import models
from django.utils.translation import gettext_lazy as _


class Region(models.Model):
    """One unit of Indonesia's administrative hierarchy, keyed by its Kemendagri code.

    Codes are hierarchical ("35" province, "35.78" regency/city, "35.78.01" district,
    "35.78.01.1001" village), so "this region and everything below it" is a prefix
    match on the primary key: see ``Region.objects.within``.
    """

    class Level(models.IntegerChoices):
        PROVINCE = 1, _("Province")
        REGENCY = 2, _("Regency / city")
        DISTRICT = 3, _("District")
        VILLAGE = 4, _("Village")

    code = models.CharField(_("Kemendagri code"), max_length=13, primary_key=True)
    name = models.CharField(_("name"), max_length=100)
    level = models.PositiveSmallIntegerField(_("level"), choices=Level.choices, db_index=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="children",
    )

    class QuerySet(models.QuerySet):
        def within(self, code: str):
            """The region with this code and every region below it."""
            return self.filter(models.Q(code=code) | models.Q(code__startswith=f"{code}."))

    objects = QuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")

    def __str__(self):
        return self.name

    # "35", "35.78", "35.78.01", "35.78.01.1001": anything else names no region.
    CODE_PATTERN = re.compile(r"\d{2}(?:\.\d{2}(?:\.\d{2}(?:\.\d{4})?)?)?")

    @classmethod
    def is_code(cls, value) -> bool:
        return isinstance(value, str) and cls.CODE_PATTERN.fullmatch(value) is not None
