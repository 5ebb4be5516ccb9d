from django.urls import path

from content.directory import open_data

urlpatterns = [
    path("services.csv", open_data.services_csv, name="open-data-services-csv"),
    path("services.json", open_data.services_json, name="open-data-services-json"),
    path("regions.json", open_data.regions_json, name="open-data-regions"),
]
