"""Wagtail's staff account views, with one rule added: only a superuser makes one.

Wagtail shows its "Administrator" (``is_superuser``) box to anyone who may edit
accounts; the portal's Administrator group may, so without this rule a member of it
could make anyone, or a second account of their own, a superuser, past every
permission and region the roles draw. (Installed through ``portal.security.apps.UsersConfig``.)
"""

from wagtail.users.views import users


class SuperuserBoxOnlyForSuperusers:
    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        if not self.request.user.is_superuser:
            form.fields.pop("is_superuser", None)
        return form


class CreateView(SuperuserBoxOnlyForSuperusers, users.CreateView):
    pass


class EditView(SuperuserBoxOnlyForSuperusers, users.EditView):
    pass


class UserViewSet(users.UserViewSet):
    add_view_class = CreateView
    edit_view_class = EditView
