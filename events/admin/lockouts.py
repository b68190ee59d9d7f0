"""django-axes' records of sign-in attempts in the admin (django-axes' own admin classes,
registered here instead of by axes: AXES_ENABLE_ADMIN is off), with its one action fixed."""

from axes.admin import AccessAttemptAdmin, AccessFailureLogAdmin, AccessLogAdmin
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django.utils import timezone
from django.utils.translation import gettext_lazy


@admin.register(AccessAttempt)
class LockoutAdmin(AccessAttemptAdmin):
    @admin.action(description=gettext_lazy("Clean up expired attempts"))
    def cleanup_expired_attempts(self, request, queryset):
        # django-axes 8.3 reads request.axes_attempt_time here, which only its sign-in
        # handling sets: without it, the action answered every organiser with a 500.
        request.axes_attempt_time = timezone.now()
        return super().cleanup_expired_attempts(request, queryset)


admin.site.register(AccessLog, AccessLogAdmin)
admin.site.register(AccessFailureLog, AccessFailureLogAdmin)
