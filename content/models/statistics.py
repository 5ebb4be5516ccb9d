"""The statistics page: tables of counts an editor picks, with their own words around them."""

from __future__ import annotations

import csv
import json

from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpResponse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page

from content import statistics
from content.blocks.statistics_table import StatisticsBodyBlock
from content.charts import bar_chart
from content.models.base import region_field
from portal.security.throttle import throttled


class StatisticsPage(RoutablePageMixin, Page):
    """Figures about the reports of an area and a period, never finer than is safe.

    The counts come from the registered figure source (content/statistics.py), which
    suppresses small counts across every table of the page at once; the page shows
    them as tables with server-drawn charts, and the same cells as CSV (``csv/``) and
    JSON (``json/``), the open data of the figures. Not kept in the page cache: the
    figures have their own cache, refreshed when a report changes state.
    """

    intro = RichTextField(_("introduction"), blank=True)
    area = region_field()
    first_month = models.DateField(
        _("first month"), help_text=_("Reports received from this month on (the day is ignored).")
    )
    last_month = models.DateField(
        _("last month"),
        null=True,
        blank=True,
        help_text=_(
            "Up to and including this month; leave empty for “up to the last complete month”."
        ),
    )
    body = StreamField(StatisticsBodyBlock(), blank=True, verbose_name=_("tables and text"))

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        MultiFieldPanel(
            [
                FieldPanel("area"),
                FieldRowPanel([FieldPanel("first_month"), FieldPanel("last_month")]),
            ],
            heading=_("What is counted"),
        ),
        FieldPanel("body"),
    ]
    parent_page_types = ["content.HomePage"]
    subpage_types = []
    cache_page = False

    class Meta:
        verbose_name = _("statistics page")

    def clean(self):
        super().clean()
        if self.first_month and self.last_month and self.last_month < self.first_month:
            raise ValidationError({"last_month": _("The last month is before the first.")})

    def table_keys(self) -> list[str]:
        return [block.value["table"] for block in self.body if block.block_type == "figures"]

    def figures(self) -> statistics.Figures:
        return statistics.source().figures(
            self.table_keys(), self.area_id, self.first_month, self.last_month
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        figures = self.figures()
        context["figures"] = figures
        context["charts"] = {key: bar_chart(table) for key, table in figures.tables.items()}
        return context

    @path("")
    def index(self, request):
        return self.render(request)

    @path("csv/", name="data_csv")
    @method_decorator(throttled)
    def data_csv(self, request):
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{self.slug}.csv"'
        writer = csv.writer(response)
        writer.writerow(["table", "row", "column", "value"])
        for table in self.figures().tables.values():
            for row in table.rows:
                for column, cell in zip(table.columns, row.cells, strict=True):
                    writer.writerow([table.title, row.label, column, cell.text])
        return response

    @path("json/", name="data_json")
    @method_decorator(throttled)
    def data_json(self, request):
        figures = self.figures()
        data = {
            "title": self.title,
            "area": self.area_id,
            "first_month": f"{figures.first_month:%Y-%m}",
            "last_month": f"{figures.last_month:%Y-%m}" if figures.last_month else None,
            "threshold": figures.threshold,
            "legend": [{"symbol": s, "meaning": str(m)} for s, m in figures.legend],
            "tables": [
                {
                    "key": table.key,
                    "title": table.title,
                    "row_heading": table.row_heading,
                    "columns": list(table.columns),
                    "rows": [
                        {
                            "label": row.label,
                            "total": row.is_total,
                            "cells": [
                                {"value": cell.value, "shown": cell.text} for cell in row.cells
                            ],
                        }
                        for row in table.rows
                    ],
                    "notes": list(table.notes),
                }
                for table in figures.tables.values()
            ],
        }
        return HttpResponse(
            json.dumps(data, ensure_ascii=False), content_type="application/json; charset=utf-8"
        )
