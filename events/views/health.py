from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from events.web.health import check_health


@never_cache
@require_safe
def healthz(request: HttpRequest) -> JsonResponse:
    """200 with {"status": "ok", …} when the database, cache and queue are fine; else 503."""
    health = check_health(settings.HEALTH_MAX_TASK_BACKLOG)
    return JsonResponse(health.as_dict(), status=200 if health.is_healthy else 503)


@never_cache
@require_safe
def ping(request: HttpRequest) -> HttpResponse:
    """Liveness: the process answers. No database, no cache (the benchmarks' bare view)."""
    return HttpResponse(b"ok", content_type="text/plain")
