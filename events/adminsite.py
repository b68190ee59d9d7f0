"""The organisers' admin site: Django's, with every model admin registered on it (ours and
those of Django's auth, django-axes and the task queue) made to answer two kinds of
tampered request, which Django's admin turns into a 500, with a 400 page or as if the
tampering were not there.

It is the default site (events.apps.WavesiteAdminConfig), so `admin.site` is this one
wherever an app registers its models.
"""

from django.contrib import admin
from django.contrib.admin import helpers
from django.contrib.admin.forms import AdminAuthenticationForm
from django.core import validators
from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from events.inputs import whole_number
from events.refusal import Refused

# The largest value a bigint primary key holds.
MAX_BIG_ID = 2**63 - 1


class TamperCheckMixin:
    """What Django's admin takes from a request without checking it.

    - An action applied to selected rows reads their ids from the form
      (`_selected_action`) and puts them into `pk__in` as they are: a value that is no id
      of the model (text for a number, a number past the column's range) raises there.
      Each one is checked first.
    - An empty `_to_field` passes the admin's check of that parameter, then names no field
      when the object is looked up: it is taken as no `_to_field` at all.
    """

    def get_object(self, request: HttpRequest, object_id, from_field=None):
        return super().get_object(request, object_id, from_field or None)

    def response_action(self, request: HttpRequest, queryset, *args, **kwargs):
        pk = self.model._meta.pk
        for value in request.POST.getlist(helpers.ACTION_CHECKBOX_NAME):
            try:
                if isinstance(pk, models.IntegerField):
                    whole_number(value, highest=MAX_BIG_ID)
                else:
                    pk.to_python(value)
            except (Refused, ValidationError):
                return bad_selection(request)
        return super().response_action(request, queryset, *args, **kwargs)


def bad_selection(request: HttpRequest) -> HttpResponse:
    context = {
        "heading": _("This selection could not be read"),
        "message": _(
            "It names rows that are not in this list. Go back to the list, tick the "
            "rows again and choose the action."
        ),
    }
    return HttpResponseBadRequest(render_to_string("http_error.html", context, request=request))


class SignInForm(AdminAuthenticationForm):
    """The admin's sign-in form, with the username's length checked.

    Django's AuthenticationForm sets the username field's max_length after the field is
    made, so no validator holds it: a name of any length reached authenticate(), and
    django-axes then stored it in a column of 255 characters (a 500 on PostgreSQL). A
    name longer than any account's is now a message beside the field, and is not tried.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["username"]
        field.validators.append(validators.MaxLengthValidator(field.max_length))


# The organisers' tools, in the order of the work: the events, what is said about them,
# who signed up, their photos and the emails sent. Anything else of the app follows.
ORGANISER_MODELS = ["event", "announcement", "participant", "photo", "emaildelivery"]


class WavesiteAdminSite(admin.AdminSite):
    login_form = SignInForm
    site_header = gettext_lazy("wavesite organisers")
    site_title = gettext_lazy("wavesite organisers")
    index_title = gettext_lazy("Your photo sessions")

    def get_app_list(self, request: HttpRequest, app_label=None) -> list[dict]:
        """wavesite's own tables first, in the order of the work; Django's users and
        groups, django-axes' sign-in records and the task queue together under "System"
        (an app's own page, `app_label`, lists that app as Django does)."""
        apps = super().get_app_list(request, app_label)
        if app_label is not None:
            return apps
        ours = [app for app in apps if app["app_label"] == "events"]
        system = [model for app in apps if app["app_label"] != "events" for model in app["models"]]
        for app in ours:
            app["name"] = _("Photo sessions")
            app["models"].sort(key=_work_order)
        if not system:
            return ours
        system.sort(key=lambda model: str(model["name"]))
        return [
            *ours,
            {
                "name": _("System"),
                "app_label": "system",
                "app_url": "#system",
                "has_module_perms": True,
                "models": system,
            },
        ]

    def register(self, model_or_iterable, admin_class=None, **options):
        base = admin_class or admin.ModelAdmin
        checked = type(
            base.__name__,
            (TamperCheckMixin, base),
            {"__module__": base.__module__, "__doc__": base.__doc__},
        )
        super().register(model_or_iterable, checked, **options)


def _work_order(model: dict) -> tuple[int, str]:
    name = model["object_name"].lower()
    rank = ORGANISER_MODELS.index(name) if name in ORGANISER_MODELS else len(ORGANISER_MODELS)
    return rank, str(model["name"])
