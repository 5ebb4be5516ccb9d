"""The columns of the triage lists (queue, inbox, audit log), drawn without a template.

A page of 50 rows has some 600 cells; Wagtail renders each through a template of its
own, and on a busy list that is most of the page's time (tests/bench/referrals.py,
tests/bench/triage.py). These columns build the same ``<td>`` in Python, and
``PythonTable`` joins them into rows without a template tag per cell. Links keep
Wagtail's ``TitleColumn``.
"""

from __future__ import annotations

from django.forms.utils import flatatt
from django.template.defaultfilters import date as date_filter
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.timesince import timesince
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column, Table, TitleColumn


class PythonTable(Table):
    """Wagtail's table, its header from Wagtail's templates, its body joined here:
    each row's cells as their columns render them, no ``{% component %}`` per cell."""

    template_name = "triage/tables/table.html"

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context["body"] = format_html_join(
            "",
            "<tr{}>{}</tr>",
            ((flatatt(row.attrs), self.cells(row, context)) for row in self.rows),
        )
        return context

    @staticmethod
    def cells(row, context):
        # A column drawn by Wagtail's template reads its row, as the table template gives it.
        context = {**context, "row": row}
        return format_html_join("", "{}", ((cell.render_html(context),) for cell in row.values()))


def short_local(value) -> str:
    """A time as staff read it: in the portal's time zone (a template converts before
    its ``date`` filter; called from Python, the filter would print UTC)."""
    return date_filter(timezone.localtime(value), "SHORT_DATETIME_FORMAT")


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
            value.isoformat(),
            mark_safe(' class="triage-overdue"') if overdue else "",
            short_local(value),
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
        when = short_local(value)
        return format_html(
            '<td><time datetime="{}" title="{}">{}</time></td>',
            value.isoformat(),
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
