"""Admin views that keep wagtail-localize inside the moderation workflow (portal/moderation.py).

- ``submit_translation``: "Submit for moderation" from the translation editor, and
  ``moderate_translation``: a moderator's "Approve and publish" / "Request changes".
- ``UpdateTranslationsView``: "Sync translated pages" offers "Publish immediately" only
  to those who may publish every translation it updates.
- ``convert_to_alias``: turning a translation back into an alias of its source replaces
  the published page with the source's text at once, so it is a publisher's action.

The last two take the addresses of wagtail-localize's own views (portal/wagtail_hooks.py
registers them first), so no link or form of wagtail-localize goes around them.
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.admin import messages
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.models import Page
from wagtail_localize.models import Translation
from wagtail_localize.views import convert, update_translations

from portal import moderation


@require_POST
def submit_translation(request, translation_id: int):
    translation = get_object_or_404(Translation, pk=translation_id, enabled=True)
    instance = translation.get_target_instance()
    if not moderation.can_submit(request.user, instance):
        raise PermissionDenied
    instance = moderation.submit(translation, request.user)
    messages.success(
        request,
        _("'%(title)s' in %(language)s has been submitted for moderation.")
        % {"title": str(instance), "language": translation.target_locale.get_display_name()},
    )
    return redirect(
        get_valid_next_url_from_request(request) or translation.get_target_instance_edit_url()
    )


@require_POST
def moderate_translation(request, translation_id: int):
    """Approve or request changes from the translation editor's moderation bar."""
    translation = get_object_or_404(Translation, pk=translation_id, enabled=True)
    instance = translation.get_target_instance()
    action = request.POST.get("action", "")
    moderation.act(instance, request.user, action, comment=request.POST.get("comment", ""))
    done = {
        "approve": _("The %(language)s translation of '%(title)s' has been approved."),
        "reject": _("Changes to the %(language)s translation of '%(title)s' have been requested."),
    }
    language = translation.target_locale.get_display_name()
    messages.success(request, done[action] % {"language": language, "title": str(instance)})
    return redirect(
        get_valid_next_url_from_request(request) or translation.get_target_instance_edit_url()
    )


class UpdateTranslationsView(update_translations.UpdateTranslationsView):
    def may_publish(self) -> bool:
        targets = [
            translation.get_target_instance()
            for translation in self.object.translations.filter(enabled=True)
        ]
        return all(moderation.can_publish(self.request.user, target) for target in targets)

    def get_form(self):
        form = super().get_form()
        if not self.may_publish():
            # The translations are updated as drafts; each goes to moderation from its
            # translation editor.
            del form.fields["publish_translations"]
        return form

    def form_valid(self, form):
        form.cleaned_data.setdefault("publish_translations", False)
        return super().form_valid(form)

    def post(self, request, **kwargs):
        if request.POST.get("publish_translations") and not self.may_publish():
            raise PermissionDenied
        return super().post(request, **kwargs)


def convert_to_alias(request, page_id: int):
    page = get_object_or_404(Page, id=page_id)
    if not page.permissions_for_user(request.user).can_publish():
        raise PermissionDenied
    return convert.convert_to_alias(request, page_id)
