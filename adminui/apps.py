from django.apps import AppConfig


class AdminUIConfig(AppConfig):
    """The admin in the network's own words: branding, corrected French, menus per role, e-mails."""

    name = "adminui"
    verbose_name = "Administration"
