"""The complaint page is found by search ("lapor", "report violence"); imported by
search's AppConfig, which owns the registry (search.documents)."""

from django.utils.translation import gettext_lazy as _

from search.documents import register

register("complaints.ComplaintPage", "page", _("Page"), order=90)
