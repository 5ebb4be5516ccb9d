"""The columns of the triage lists (queue, inbox, audit log), drawn without a template.

A page of 50 rows has some 400 cells; Wagtail renders each through a template of its
own, and on a busy list that is most of the page's time (tests/bench/referrals.py). These
columns build the same ``<td>`` in Python. Links keep Wagtail's ``TitleColumn``.
"""

from __future__ import annotations

from django.template.defaultfilters import date as date_filter
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.timesince import timesince
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column, TitleColumn


class TextColumn(Column):
    def render_cell_html(self, instance, parent_context):
        value = self.get_value(instance)
        return format_html("<td>{}</td>", "" if value is None else value)


class FlagColumn(Column):
    """A tag when the value is true, nothing otherwise (danger, captcha, child);
    without a ``flag_label`` the tag reads the value itself."""

    def __init__(self, name, flag_label, tone, **kwargs):
        super().__init__(name, **kwargs)
        self.flag_label, self.tone = flag_label, tone

    def render_cell_html(self, instance, parent_context):
        if not self.get_value(instance):
            return mark_safe("<td></td>")
        style = "label" if self.tone == "critical" else "primary"
        return format_html(
            '<td><span class="w-status w-status--{} triage-flag triage-flag--{}">{}</span></td>',
            style,
            self.tone,
            self.flag_label or self.get_value(instance),
        )


class DueColumn(Column):
    """The due time, flagged when it has passed (``instance.overdue``, worked out by
    the list's own query against one "now" for the whole page)."""

    def render_cell_html(self, instance, parent_context):
        value = self.get_value(instance)
        if not value:
            return mark_safe("<td>—</td>")
        overdue = getattr(instance, "overdue", False)
        time = format_html(
            '<time datetime="{}"{}>{}</time>',
            date_filter(value, "c"),
            mark_safe(' class="triage-overdue"') if overdue else "",
            date_filter(value, "SHORT_DATETIME_FORMAT"),
        )
        flag = (
            format_html(
                ' <span class="w-status w-status--label triage-flag triage-flag--critical">{}'
                "</span>",
                _("Overdue"),
            )
            if overdue
            else ""
        )
        return format_html("<td>{}{}</td>", time, flag)


class AgeColumn(Column):
    """How long ago, with the exact time on hover (or, ``exact``, the time itself)."""

    def __init__(self, name, exact=False, **kwargs):
        super().__init__(name, **kwargs)
        self.exact = exact

    def render_cell_html(self, instance, parent_context):
        value = self.get_value(instance)
        when = date_filter(value, "SHORT_DATETIME_FORMAT")
        return format_html(
            '<td><time datetime="{}" title="{}">{}</time></td>',
            date_filter(value, "c"),
            when,
            when if self.exact else timesince(value),
        )


class LinkColumn(TitleColumn):
    """Wagtail's title column (the row's link), drawn in Python too."""

    def render_cell_html(self, instance, parent_context):
        return format_html(
            '<td class="title"><div class="title-wrapper"><a href="{}">{}</a></div></td>',
            self.get_link_url(instance, parent_context),
            self.get_value(instance),
        )
