"""The browser lane's database: every thread of the live server has its own connection.

Sharing the test's one in-memory SQLite connection with the server's request threads
broke under load (savepoints of one thread released by another, a user created twice,
"on_commit() cannot be used in manual transaction management"). The lane's proof is
that it passes on a machine whose cores are kept busy (see "Tests" in the README).
"""

from django.db import connection


# Serialized rollback like every live-server test of the lane: a plain flush would
# re-create the content types, and the next test's restore would then collide with them.
def test_the_live_server_opens_its_own_connections_to_a_database_in_a_file(
    django_db_serialized_rollback, transactional_db, live_server
):
    assert live_server.thread.connections_override == {}
    if connection.vendor == "sqlite":
        assert not connection.is_in_memory_db()
