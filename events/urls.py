from django.urls import path

from events.views import language, live, pages, photos, places, share, signup
from events.views.feeds import EventAnnouncementsFeed

app_name = "events"

urlpatterns = [
    path("", pages.home, name="home"),
    # The JavaScript strings in the page's language (static/js/*.js call gettext()).
    path("jsi18n/", language.javascript_catalog, name="javascript_catalog"),
    path("zone/", pages.remember_zone, name="remember_zone"),
    path("zones/", pages.all_zones, name="all_zones"),
    path("zones/search/", pages.zone_search, name="search_zones"),
    path("place/", places.remember_place, name="remember_place"),
    path("places/search/", places.search_places, name="search_places"),
    # A CSRF token for the sign-up form on a cached event page (static/js/signup.js).
    path("form-token/", signup.form_token, name="form_token"),
    path("events/<slug:slug>/", pages.detail, name="detail"),
    path("events/<slug:slug>/times/", pages.times, name="times"),
    path("events/<slug:slug>/sky/", pages.sky_part, name="sky_part"),
    path("events/<slug:slug>/map.svg", pages.event_map, name="map"),
    path("events/<slug:slug>/times.csv", pages.times_csv, name="times_csv"),
    path("events/<slug:slug>/feed.atom", EventAnnouncementsFeed(), name="feed"),
    path("events/<slug:slug>/wave/", live.wave, name="wave"),
    path("events/<slug:slug>/waves.json", live.live, name="waves"),
    path("events/<slug:slug>/waves.svg", live.waves_map, name="waves_map"),
    # Sign-up, and the participant's private pages (addresses carry secrets: see the views).
    path("events/<slug:slug>/signup/", signup.signup, name="signup"),
    path("events/<slug:slug>/signup/thanks/", signup.signup_thanks, name="signup_thanks"),
    path("signup/confirm/<str:token>/", signup.confirm_signup, name="confirm_signup"),
    path("signup/<str:key>/", signup.manage_signup, name="manage_signup"),
    path("signup/<str:key>/delete/", signup.delete_signup_view, name="delete_signup"),
    path("signup/<str:key>/unsubscribe/", signup.unsubscribe, name="unsubscribe"),
    # Sharing: the preview image, calendar, QR code, the widget for other sites, the JSON.
    path("events/<slug:slug>/share.png", share.share_image_view, name="share_image"),
    path("events/<slug:slug>/calendar.ics", share.calendar_ics, name="calendar"),
    path("events/<slug:slug>/qr.svg", share.qr_code, name="qr"),
    path("events/<slug:slug>/embed/", share.embed, name="embed"),
    path("events/<slug:slug>/event.json", share.event_json, name="event_json"),
    # After the event: the gallery, a participant's upload, the image files.
    path("events/<slug:slug>/photos/", photos.gallery, name="gallery"),
    path("signup/<str:key>/photo/", photos.upload_photo, name="upload_photo"),
    path("photos/<int:pk>/<str:size>.jpg", photos.photo_file, name="photo_file"),
    path("results/<int:pk>/", photos.result_file, name="result_file"),
]
