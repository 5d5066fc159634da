"""collectstatic with the production storage (hashed names in a manifest, compressed copies) succeeds: every
url() and sourceMappingURL of the shipped CSS and JavaScript points at a file that exists."""

import json

from django.core.management import call_command
from django.test import override_settings

PRODUCTION_STATIC = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}


def test_collectstatic_with_the_manifest_storage(tmp_path):
    with override_settings(STATIC_ROOT=tmp_path, STORAGES=PRODUCTION_STATIC):
        call_command("collectstatic", interactive=False, verbosity=0)
    manifest = json.loads((tmp_path / "staticfiles.json").read_text())["paths"]
    leaflet = manifest["directory/vendor/leaflet/leaflet.js"]
    assert leaflet != "directory/vendor/leaflet/leaflet.js"  # hashed
    assert (tmp_path / leaflet).exists() and (tmp_path / f"{leaflet}.gz").exists()
    assert "js/js-enabled.js" in manifest
    # The stylesheet's references were rewritten to hashed names that exist.
    css = (tmp_path / manifest["directory/vendor/leaflet/leaflet.css"]).read_text()
    assert "images/layers" in css
    for name in manifest.values():
        assert (tmp_path / name).exists(), name
