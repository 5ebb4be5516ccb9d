from wagtail import blocks

from content.blocks.call_to_action import CallToActionBlock
from content.blocks.download import DownloadBlock
from content.blocks.image import ImageBlock
from content.blocks.quote import QuoteBlock
from content.blocks.text import TextBlock
from content.blocks.video import VideoBlock


class BodyBlock(blocks.StreamBlock):
    """The body of campaigns, articles and events."""

    text = TextBlock()
    image = ImageBlock()
    video = VideoBlock()
    quote = QuoteBlock()
    call_to_action = CallToActionBlock()
    download = DownloadBlock()

    class Meta:
        template = "content/blocks/body.html"
