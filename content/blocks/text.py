from django.utils.translation import gettext_lazy as _
from wagtail import blocks

# Headings start at h2: the page title is the only h1 on a page.
FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link"]


class TextBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        kwargs.setdefault("features", FEATURES)
        super().__init__(**kwargs)

    class Meta:
        icon = "pilcrow"
        label = _("Text")
        template = "content/blocks/text.html"
