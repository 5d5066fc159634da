from tests.services import redis_url, varnish_in_front  # noqa: F401 - fixtures for this folder
