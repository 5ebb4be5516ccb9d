from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock


class VideoBlock(blocks.StructBlock):
    """A video served by the portal itself, or a plain link to one elsewhere.

    An oEmbed player (YouTube, Vimeo) would load a third party's scripts and tell it
    who is reading about violence: public pages make no third-party request at all
    (the portal's privacy rule). So a video is either a file uploaded as a
    document and played by the browser's own <video> element, or a link that the
    reader chooses to follow.
    """

    title = blocks.CharBlock(label=_("Title"), max_length=200)
    file = DocumentChooserBlock(
        label=_("Video file"), required=False, help_text=_("MP4 or WebM, served by the portal.")
    )
    link = blocks.URLBlock(
        label=_("Link to the video elsewhere"),
        required=False,
        help_text=_("Shown as a link only: the portal never embeds another site's player."),
    )
    transcript = blocks.TextBlock(label=_("Transcript or description"), required=False)

    class Meta:
        icon = "media"
        label = _("Video")
        template = "content/blocks/video.html"

    def clean(self, value):
        value = super().clean(value)
        if not value.get("file") and not value.get("link"):
            raise StructBlockValidationError(
                block_errors={"file": ValidationError(_("Choose a video file or give a link."))}
            )
        return value
