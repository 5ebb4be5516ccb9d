from django.apps import AppConfig


class FormsConfig(AppConfig):
    name = "forms"
    label = "complaints"
    verbose_name = "Complaints"
