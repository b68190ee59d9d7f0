from django.urls import path

from events.feeds import EventAnnouncementsFeed
from events.views import pages, places, signup

app_name = "events"

urlpatterns = [
    path("", pages.home, name="home"),
    path("zone/", pages.remember_zone, name="remember_zone"),
    path("place/", places.remember_place, name="remember_place"),
    path("places/search/", places.search_places, name="search_places"),
    path("events/<slug:slug>/", pages.detail, name="detail"),
    path("events/<slug:slug>/times/", pages.times, name="times"),
    path("events/<slug:slug>/times.csv", pages.times_csv, name="times_csv"),
    path("events/<slug:slug>/feed.atom", EventAnnouncementsFeed(), name="feed"),
    # Sign-up, and the participant's private pages (addresses carry secrets: see the views).
    path("events/<slug:slug>/signup/", signup.signup, name="signup"),
    path("events/<slug:slug>/signup/thanks/", signup.signup_thanks, name="signup_thanks"),
    path("signup/confirm/<str:token>/", signup.confirm_signup, name="confirm_signup"),
    path("signup/<str:key>/", signup.manage_signup, name="manage_signup"),
    path("signup/<str:key>/delete/", signup.delete_signup_view, name="delete_signup"),
    path("signup/<str:key>/unsubscribe/", signup.unsubscribe, name="unsubscribe"),
]
