"""StreamField blocks for public pages: one module per block, one shared body StreamBlock.

Every block sets an icon for the editor and a template under
content/templates/content/blocks/, as in wagtail/bakerydemo.
"""

from content.blocks.body import BodyBlock
from content.blocks.call_to_action import CallToActionBlock
from content.blocks.download import DownloadBlock
from content.blocks.image import ImageBlock
from content.blocks.quote import QuoteBlock
from content.blocks.text import TextBlock
from content.blocks.video import VideoBlock

__all__ = [
    "BodyBlock",
    "CallToActionBlock",
    "DownloadBlock",
    "ImageBlock",
    "QuoteBlock",
    "TextBlock",
    "VideoBlock",
]
