from django.apps import AppConfig


class NetworkConfig(AppConfig):
    """Provisioning of the network: the national skeleton and each département's site (the top layer: it knows
    every page type a section gets)."""

    name = "network"
    verbose_name = "Réseau"
