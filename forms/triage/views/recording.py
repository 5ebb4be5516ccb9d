"""The admin pages of a staff member who records reports from other channels.

*Record a report* (the questions of the public form, plus the channel and the date
received), the receipt page that shows the code once, and *My recordings*: the
reports this staff member recorded, each correctable until its window closes.
Every page passes ``access.gate(request, "intake")``; every read and action goes
through ``access`` and the registered actions of forms/triage/actions/recording.py.
Each successful POST answers with a redirect, so reloading never files a report twice.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.functional import cached_property
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from forms import receipts
from forms.intake import StorageFailed
from forms.intake.recording import RecordingForm, answers_of, correctable_until
from forms.models import Report
from forms.triage import access, actions
from forms.triage.actions.recording import CorrectRecording

ICON = "form"


def see_other(url: str) -> HttpResponseRedirect:
    response = HttpResponseRedirect(url)
    response.status_code = 303
    return response


class IntakePage(WagtailAdminTemplateMixin, TemplateView):
    """Gated for the recording section; never cached (decrypted answers, a code)."""

    header_icon = ICON

    def dispatch(self, request, *args, **kwargs):
        refused = access.gate(request, "intake")
        if refused is not None:
            return refused
        response = super().dispatch(request, *args, **kwargs)
        add_never_cache_headers(response)
        response["Cache-Control"] = "no-store, private"
        return response


class RecordingFormPage(IntakePage):
    template_name = "triage/recording/form.html"

    def form(self, data=None, files=None, **kwargs):
        return RecordingForm(data, files, **kwargs)

    def render_form(self, form, status=200, **flags):
        context = self.get_context_data(form=form, **flags)
        return self.render_to_response(context, status=status)

    def post(self, request, *args, **kwargs):
        if request.POST.get("action") == "regions":
            # The region picker without JavaScript: the next level, everything kept.
            return self.render_form(self.form(request.POST, refining=True), refining=True)
        form = self.form(request.POST, request.FILES)
        if not form.is_valid() or not form.clean_files():
            return self.render_form(form, 400, show_errors=True)
        try:
            return self.save(form)
        except StorageFailed:
            return self.render_form(form, 503, storage_failed=True)


class RecordView(RecordingFormPage):
    """Record a report on a reporter's behalf."""

    page_title = _("Record a report")

    def get(self, request, *args, **kwargs):
        return self.render_form(self.form())

    def save(self, form):
        report, code = actions.record_report(self.request.user, None, form, get_language() or "id")
        # The code reaches the next page through the server, never the URL; bound to
        # this staff member, so a copied address opens nothing for anyone else.
        handle = receipts.hand_over(
            {"receipt": code, "report": report.pk, "user": self.request.user.pk}
        )
        return see_other(reverse("intake_receipt", args=[handle]))


class ReceiptView(IntakePage):
    """The receipt code of a report just recorded, once."""

    template_name = "triage/recording/receipt.html"
    page_title = _("Receipt code")

    def get(self, request, handle):
        state = receipts.take_over(handle)
        if state is None or state.get("user") != request.user.pk:
            return self.render_to_response(self.get_context_data(gone=True), status=410)
        context = self.get_context_data(
            receipt_code=receipts.display(state["receipt"]), report_number=state["report"]
        )
        return self.render_to_response(context)


class RecordingsView(IntakePage):
    """The reports this staff member recorded, while they may still correct them."""

    template_name = "triage/recording/list.html"
    page_title = _("My recordings")

    def get(self, request):
        reports = access.recordings_visible_to(request.user).order_by("-created_at")
        rows = [(report, correctable_until(report)) for report in reports]
        return self.render_to_response(self.get_context_data(rows=rows))


class CorrectView(RecordingFormPage):
    """Correct a recording within its window (opening it is an audited read)."""

    def get_page_title(self):
        return _("Correct report #%(number)s") % {"number": self.report.pk}

    @cached_property
    def report(self) -> Report:
        queryset = access.recordings_visible_to(self.request.user)
        report = get_object_or_404(queryset, pk=self.kwargs["pk"])
        if not access.can(self.request.user, "correct_recording", report):
            raise Http404
        return report

    def get(self, request, pk):
        actions.record_recording_view(request.user, self.report)
        return self.render_form(self.form(initial=answers_of(self.report)))

    def save(self, form):
        action = CorrectRecording(self.report, self.request.user)
        changed = action.execute(form)
        (messages.success if changed else messages.info)(self.request, action.message(changed))
        return see_other(reverse("intake_recordings"))

    def get_context_data(self, **kwargs):
        return super().get_context_data(report=self.report, correcting=True, **kwargs)
