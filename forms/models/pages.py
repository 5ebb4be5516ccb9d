from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page


class ComplaintPage(RoutablePageMixin, Page):
    """The page that hosts the complaint form (its own URL) and the follow-up (``status/``).

    Editors word the introduction, the safety advice and what happens next; the form
    itself is code (forms/intake/), so its protections cannot be edited away.
    """

    intro = RichTextField(_("introduction"), blank=True)
    safety_advice = RichTextField(
        _("safety advice"),
        blank=True,
        help_text=_("Shown beside the form: e.g. use a device nobody else checks."),
    )
    next_steps = RichTextField(
        _("what happens next"),
        blank=True,
        help_text=_("Shown beside the form and after sending: who reads it, how soon."),
    )
    status_intro = RichTextField(
        _("follow-up introduction"),
        blank=True,
        help_text=_("Shown on the follow-up page, above the receipt code box."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("safety_advice"),
        FieldPanel("next_steps"),
        FieldPanel("status_intro"),
    ]
    parent_page_types = ["content.HomePage"]
    subpage_types = []
    max_count_per_parent = 1
    # Never kept, whole or in parts (content/page_cache.py): every answer is private.
    cache_page = False

    class Meta:
        verbose_name = _("complaint page")

    # The views import the form, which imports these models: imported when called.
    @path("")
    def form(self, request):
        from forms import views

        return views.complaint_form(self, request)

    @path("sent/<str:handle>/")
    def sent(self, request, handle):
        from forms import views

        return views.complaint_sent(self, request, handle)

    @path("status/")
    def status(self, request):
        from forms import views

        return views.complaint_status(self, request)

    @path("regions/")
    def regions(self, request):
        from forms import views

        return views.region_children(self, request)

    @property
    def status_url(self) -> str:
        return self.url + self.reverse_subpage("status")

    @property
    def regions_url(self) -> str:
        """The picker's JSON endpoint (``?parent=<code>``)."""
        return self.url + self.reverse_subpage("regions")
