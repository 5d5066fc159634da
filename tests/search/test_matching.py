"""The search seam (search/matching.py): the implementation is chosen by the backend's type, and every
implementation answers the same ids as Wagtail's own ``backend.search``. One class per backend: the database
of this run, and Elasticsearch when ELASTICSEARCH_URL is set (a real server; skipped otherwise)."""

import copy
import os
import uuid

import pytest
from django.conf import settings
from django.db import connection
from django.db.models import Q

from directory.models import PromeneurPage
from search import matching
from tests.search.world import IndexedWorld


class SeamContract(IndexedWorld):
    def wagtail_ids(self, text):
        results = self.backend.search(text, PromeneurPage.objects.live(), operator="and")
        return {page.pk for page in results}

    def seam_ids(self, text, **options):
        condition = matching.matcher_for(self.backend).match_condition(PromeneurPage, text, **options)
        return set(PromeneurPage.objects.filter(condition).values_list("pk", flat=True))

    @pytest.mark.parametrize("text", ["educatrice", "lea", "animateur jeunesse", "tilleuls", "zzzqqq"])
    def test_the_seam_matches_what_wagtail_matches(self, world, text):
        expected = self.wagtail_ids(text)
        assert self.seam_ids(text) == expected
        assert self.seam_ids(text, correlated=True) == expected

    def test_every_word_is_required(self, world):
        assert self.seam_ids("educatrice") == {world.lea.pk, world.ines.pk}
        assert self.seam_ids("educatrice specialisee") == {world.lea.pk}

    def test_the_caller_applies_its_scope(self, world):
        in_cher = PromeneurPage.objects.filter(department=world.cher.department)
        condition = matching.matcher_for(self.backend).match_condition(PromeneurPage, "educatrice")
        assert list(in_cher.filter(condition).values_list("pk", flat=True)) == [world.lea.pk]


class DatabaseSeam(SeamContract):
    backend_config = settings.SEARCH_DATABASE_BACKEND
    expected_matcher: type

    def test_the_matcher_follows_the_backend_type_not_its_name(self, world):
        assert type(matching.matcher_for(self.backend)) is self.expected_matcher
        renamed = copy.copy(self.backend)
        renamed.__class__ = type("ProjectSearchBackend", (type(self.backend),), {})
        assert type(matching.matcher_for(renamed)) is self.expected_matcher

    def test_ranked_matches_keep_only_the_visible_best_first(self, world):
        visible = PromeneurPage.objects.exclude(pk=world.ines.pk)
        ranked = matching.matcher_for(self.backend).ranked(PromeneurPage, visible, "educatrice")
        assert ranked[:] == [world.lea.pk] and ranked.count() == 1 and not ranked.capped
        everyone = matching.matcher_for(self.backend).ranked(
            PromeneurPage, PromeneurPage.objects.all(), "educatrice specialisee"
        )
        assert everyone[:] == [world.lea.pk]

    def test_ranked_suggestions_take_the_last_word_as_a_prefix(self, world):
        ranked = matching.ranked_matches(
            self.backend, PromeneurPage, PromeneurPage.objects.all(), "educ", autocomplete=True
        )
        assert set(ranked[:]) == {world.lea.pk, world.ines.pk}


class ElasticsearchSeam(SeamContract):
    index_per_test = True
    index_prefix = f"pdn_test_{uuid.uuid4().hex[:8]}_"
    backend_config = {**settings.SEARCH_ELASTICSEARCH_BACKEND, "INDEX_PREFIX": index_prefix}

    def tear_down_index(self):
        names = list(self.backend.es.indices.get(index=f"{self.index_prefix}*", ignore_unavailable=True))
        if names:
            self.backend.es.indices.delete(index=",".join(names))

    def test_a_remote_index_goes_through_wagtails_api(self, world):
        matcher = matching.matcher_for(self.backend)
        assert type(matcher) is matching.Matcher
        assert matcher.ranked(PromeneurPage, PromeneurPage.objects.all(), "educatrice") is None
        assert set(matcher.matching_ids(PromeneurPage, "educatrice")) == {world.lea.pk, world.ines.pk}
        assert isinstance(matcher.match_condition(PromeneurPage, "educatrice"), Q)


def _database_class():
    expected = {"sqlite": matching.SQLiteMatcher, "postgresql": matching.PostgresMatcher}.get(
        connection.vendor
    )
    cls = type(f"TestSeam{connection.vendor.capitalize()}", (DatabaseSeam,), {"expected_matcher": expected})
    if expected is None:
        cls = pytest.mark.skip(reason=f"no database matcher for {connection.vendor}")(cls)
    return cls


def _elasticsearch_class():
    cls = type("TestSeamElasticsearch", (ElasticsearchSeam,), {})
    if not os.environ.get("ELASTICSEARCH_URL"):
        cls = pytest.mark.skip(reason="ELASTICSEARCH_URL not set: no Elasticsearch server on this machine")(
            cls
        )
    return pytest.mark.elasticsearch(cls)


for _seam_class in (_database_class(), _elasticsearch_class()):
    globals()[_seam_class.__name__] = _seam_class
