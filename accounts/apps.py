from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Comptes et rôles"

    def ready(self):
        from accounts import signals  # noqa: F401
        from accounts.roles import setup_department_roles
        from departments.sites import department_site_created

        department_site_created.connect(
            lambda sender, site, **kwargs: setup_department_roles(site),
            weak=False,
            dispatch_uid="pdn-roles-of-a-new-department-site",
        )
