from django.urls import path

from events.views import pages

app_name = "events"

urlpatterns = [
    path("", pages.home, name="home"),
    path("zone/", pages.remember_zone, name="remember_zone"),
    path("events/<slug:slug>/", pages.detail, name="detail"),
    path("events/<slug:slug>/times/", pages.times, name="times"),
    path("events/<slug:slug>/times.csv", pages.times_csv, name="times_csv"),
]
