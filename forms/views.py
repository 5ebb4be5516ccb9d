"""The complaint page's two public views: the form and the follow-up with a receipt code.

Both answer ``Cache-Control: no-store`` (a shared phone's Back button or cache must show
nothing), log no client details, and set no cookie but Django's CSRF cookie, which
the POST needs. Their deliberate refusals (400, 429, 503) are logged here in one line
without the request, and marked as logged so that Django's request logger, which
would attach the whole request (address, user agent) to its record, stays silent.
"""

from __future__ import annotations

import logging

from csp.decorators import csp_update
from django.conf import settings
from django.db import DatabaseError
from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.translation import gettext_lazy as _

from content.models import Hotline, Region
from forms import intake, receipts
from forms.models import Status

logger = logging.getLogger(__name__)

# What each status means for the reporter, in plain words.
STATUS_FOR_REPORTER = {
    Status.NEW: _("We have received your report. It is waiting for a staff member to read it."),
    Status.IN_REVIEW: _("A staff member is reading your report."),
    Status.VERIFIED: _("Your report has been checked and will be handled."),
    Status.INVALID: _(
        "Staff could not act on this report. If you need help, write to them below "
        "or call SAPA 129."
    ),
    Status.REFERRED: _("Your report has been passed to a service unit that can help."),
    Status.IN_HANDLING: _("A service unit is working on your report."),
    Status.RESOLVED: _("Staff consider the case resolved. You can still write to them below."),
    Status.CLOSED: _("This report is closed. If you need help again, write below or call 129."),
}


def recaptcha_csp() -> dict[str, list[str]]:
    """reCAPTCHA's documented CSP needs, widened on the form page and nowhere else.

    Built per request from RECAPTCHA_DOMAIN (www.google.com, or www.recaptcha.net
    where google.com is blocked).
    """
    domain = settings.RECAPTCHA_DOMAIN
    return {
        "script-src": [f"https://{domain}/recaptcha/", "https://www.gstatic.com/recaptcha/"],
        "frame-src": [f"https://{domain}/recaptcha/", "https://recaptcha.google.com/recaptcha/"],
    }


def private(response, log_as: str | None = None):
    """Mark a complaint-path response: never cached; a refusal logged without the request."""
    add_never_cache_headers(response)
    patch_cache_control(response, no_store=True, private=True)
    # Not the site's no-referrer: with it, browsers send "Origin: null" on the form's
    # POST and Django's CSRF check refuses it. same-origin still sends nothing to others.
    response["Referrer-Policy"] = "same-origin"
    if response.status_code >= 400:
        logger.info("%s: answered %s", log_as or "complaint", response.status_code)
        # Django's own logger would attach the request (address, user agent) to its record.
        response._has_been_logged = True
    return response


def emergency_hotlines(page):
    """The numbers to call now: the emergency ones, and SAPA 129 (national, 24 hours)."""
    hotlines = Hotline.objects.live().filter(locale=page.locale, scope=Hotline.Scope.NATIONAL)
    return list(hotlines)


def _render(request, page, template, context, status=200, log_as=None):
    context = {
        "page": page,
        "self": page,
        **context,
    }
    if "emergency_hotlines" not in context:
        context["emergency_hotlines"] = emergency_hotlines(page)
    response = TemplateResponse(request, template, context, status=status)
    return private(response, log_as)


def complaint_form(page, request):
    return csp_update(recaptcha_csp())(_complaint_form)(page, request)


def _complaint_form(page, request):
    template = "complaints/complaint_page.html"
    if request.method != "POST":
        return _render(request, page, template, {"form": intake.ComplaintForm()})

    refining = request.POST.get("action") == "regions"
    if refining:
        # The no-JavaScript region picker: show the next level, keep everything typed.
        form = intake.ComplaintForm(request.POST, refining=True)
        return _render(request, page, template, {"form": form, "refining": True})

    if intake.over_limit(
        request, "complaint", settings.INTAKE_RATE_PER_CLIENT, settings.INTAKE_RATE_GLOBAL
    ):
        form = intake.ComplaintForm(request.POST, refining=True)
        context = {"form": form, "rate_limited": True, "refining": True}
        return _render(request, page, template, context, 429, "complaint rate limit")

    form = intake.ComplaintForm(request.POST, request.FILES)
    if not form.is_valid():
        context = {
            "form": form,
            "show_errors": True,
            "files_dropped": bool(request.FILES),
            "danger": bool(request.POST.get("immediate_danger")),
        }
        return _render(request, page, template, context, 400, "complaint form invalid")

    # Read before filing what the receipt shows besides its code, so that a receipt can
    # still be shown if the database fails once the report is committed (show_receipt).
    hotlines, status_url = emergency_hotlines(page), page.status_url
    try:
        report, code = intake.file_report(form.cleaned_data, page.locale.language_code)
    except intake.StorageFailed:
        context = {
            "form": form,
            "storage_failed": True,
            "files_dropped": bool(request.FILES),
            "danger": form.cleaned_data.get("immediate_danger"),
        }
        return _render(request, page, template, context, 503, "complaint storage failed")

    context = {
        "receipt_code": receipts.display(code),
        "danger": report.immediate_danger,
        "captcha_unverified": not report.captcha_verified,
        "emergency_hotlines": hotlines,
        "status_url": status_url,
    }
    return show_receipt(request, page, context)


def show_receipt(request, page, context):
    """The receipt page, rendered now; a plain one if the database fails meanwhile.

    The report is committed at this point and its code exists nowhere else: the page
    around it (menu, hotline bar, languages) reads the database, and a failure there
    must not turn a stored report into an error page the reporter would send again.
    The plain page needs nothing but what the view already holds.
    """
    try:
        return _render(request, page, "complaints/receipt.html", context, status=201).render()
    except DatabaseError as error:
        logger.error("Receipt shown on the plain page: %s", type(error).__name__)
        plain = TemplateResponse(request, "complaints/receipt_plain.html", context, status=201)
        return private(plain).render()


def complaint_status(page, request):
    template = "complaints/status_page.html"
    if request.method != "POST":
        return _render(request, page, template, {"lookup": intake.StatusLookupForm()})

    # Every look-up counts, right or wrong: guessing codes is what this stops.
    if intake.over_limit(request, "status", settings.INTAKE_STATUS_RATE_PER_CLIENT):
        context = {"lookup": intake.StatusLookupForm(), "rate_limited": True}
        return _render(request, page, template, context, 429, "status rate limit")

    lookup = intake.StatusLookupForm(request.POST)
    report = receipts.find_report(request.POST.get("receipt", "")) if lookup.is_valid() else None
    if report is None:
        # One answer for a wrong code, a malformed one and an empty one alike.
        context = {"lookup": intake.StatusLookupForm(), "not_found": True}
        return _render(request, page, template, context, 404, "status code not found")

    reply = None
    sent = False
    status = 200
    if request.POST.get("action") == "reply":
        reply = intake.ReplyForm(request.POST, request.FILES)
        if reply.is_valid():
            try:
                intake.add_reply(report, reply.cleaned_data)
            except intake.StorageFailed:
                status = 503
                reply.add_error(None, _("Your message could not be saved. Please try again."))
            else:
                sent, reply = True, None
        else:
            status = 400
    code = receipts.normalise(request.POST["receipt"])
    context = {
        "report": report,
        "status_text": STATUS_FOR_REPORTER.get(report.status, ""),
        "thread": list(report.messages.all()),
        "reply": reply or intake.ReplyForm(initial={"receipt": code}),
        "receipt": code,
        "sent": sent,
        "files_dropped": status != 200 and bool(request.FILES),
    }
    return _render(request, page, template, context, status, "status reply")


def region_children(page, request):
    """The regions directly below ``?parent=<code>``, for the picker's JavaScript."""
    code = request.GET.get("parent", "")[:13]
    children = Region.objects.filter(parent_id=code).values_list("code", "name") if code else []
    response = JsonResponse({"regions": [[c, n] for c, n in children]})
    # Public, identical for everyone: a CDN may cache it.
    patch_cache_control(response, public=True, max_age=86400)
    return response
