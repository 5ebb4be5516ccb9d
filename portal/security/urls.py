from django.urls import path

from portal.security import views

app_name = "two_factor"
urlpatterns = [
    path("", views.enrol, name="enrol"),
    path("verify/", views.verify, name="verify"),
]
