from django.urls import path

from events import views

app_name = "events"

urlpatterns = [
    path("", views.home, name="home"),
    path("zone/", views.remember_zone, name="remember_zone"),
    path("events/<slug:slug>/", views.detail, name="detail"),
    path("events/<slug:slug>/times/", views.times, name="times"),
    path("events/<slug:slug>/times.csv", views.times_csv, name="times_csv"),
]
