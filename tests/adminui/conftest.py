from tests.accounts.conftest import _every_test_in_a_savepoint, client_for, world  # noqa: F401
