from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Comptes et rôles"

    def ready(self):
        from accounts import (
            roles,
            signals,  # noqa: F401
        )
        from departments.sites import department_site_created
        from directory import access

        department_site_created.connect(
            lambda sender, site, **kwargs: roles.setup_department_roles(site),
            weak=False,
            dispatch_uid="pdn-roles-of-a-new-department-site",
        )
        access.register(sees_promeneurs=roles.sees_promeneurs, may_export=roles.may_export_directory)
