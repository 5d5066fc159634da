from django.db import migrations


def load(apps, schema_editor):
    from departments.reference import load_reference_departments

    load_reference_departments(apps.get_model("departments", "Region"), apps.get_model("departments", "Department"))


class Migration(migrations.Migration):
    dependencies = [("departments", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
