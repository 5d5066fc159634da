import pytest

from tests.search.world import World, build_world


@pytest.fixture
def world(national_home, cher, seine_saint_denis) -> World:
    return build_world(national_home, cher, seine_saint_denis)
