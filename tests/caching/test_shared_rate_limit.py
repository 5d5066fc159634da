"""The reports' rate limit goes through Django's cache: on Redis, two processes (here, two cache clients with
nothing in common but the server) count the same address together."""

import pytest
from django.core.cache.backends.redis import RedisCache
from django.test import RequestFactory

from reports import ratelimit


@pytest.mark.parametrize("any_cache", ["redis"], indirect=True)
def test_two_processes_share_one_count(any_cache, redis_url, monkeypatch):
    request = RequestFactory().post("/signaler/", REMOTE_ADDR="203.0.113.7")
    first = RedisCache(redis_url, {"KEY_PREFIX": "pdn-test"})
    second = RedisCache(redis_url, {"KEY_PREFIX": "pdn-test"})
    monkeypatch.setattr(ratelimit, "cache", first)
    for _ in range(ratelimit.MAX_REPORTS - 1):
        ratelimit.record(request)
    monkeypatch.setattr(ratelimit, "cache", second)
    assert not ratelimit.is_limited(request)
    ratelimit.record(request)
    assert ratelimit.is_limited(request)
    monkeypatch.setattr(ratelimit, "cache", first)
    assert ratelimit.is_limited(request)
