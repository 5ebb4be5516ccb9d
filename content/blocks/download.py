from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock


class DownloadBlock(blocks.StructBlock):
    """Outreach material (posters, leaflets) with its format and size shown.

    Readers on a prepaid data plan decide before they tap whether a 6 MB poster is
    worth it, so the link says "PDF, 1.2 MB".
    """

    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(
        label=_("Title"), required=False, max_length=200, help_text=_("Defaults to the document's.")
    )
    description = blocks.TextBlock(label=_("Description"), required=False)

    class Meta:
        icon = "doc-full"
        label = _("Downloadable material")
        template = "content/blocks/download.html"
