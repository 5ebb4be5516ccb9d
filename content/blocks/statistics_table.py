from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from content.blocks.text import TextBlock
from content.statistics import table_choices


class StatisticsTableBlock(blocks.StructBlock):
    """One table of the page's figures, with an optional chart and the editor's context.

    The figures come from the page (``StatisticsPage.get_context``), suppressed once
    for every table on it; the block only says which table and how to show it.
    """

    table = blocks.ChoiceBlock(choices=table_choices, label=_("Table"))
    chart = blocks.BooleanBlock(
        label=_("Show a chart beside the table"), required=False, default=True
    )
    context = TextBlock(
        label=_("What the figures mean"),
        required=False,
        help_text=_("Shown under the table: what is counted, what changed, what it means."),
    )

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        parent = parent_context or {}
        key = value["table"]
        context["table"] = getattr(parent.get("figures"), "tables", {}).get(key)
        context["chart"] = parent.get("charts", {}).get(key)
        return context

    class Meta:
        icon = "table"
        label = _("Statistics table")
        template = "content/blocks/statistics_table.html"


class StatisticsBodyBlock(blocks.StreamBlock):
    """A statistics page's body: the editor's text around the tables they pick."""

    text = TextBlock()
    figures = StatisticsTableBlock()

    class Meta:
        template = "content/blocks/body.html"
