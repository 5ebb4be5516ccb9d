"""/readyz of a real gunicorn process whose database or Redis is really down."""

import httpx
import pytest

from tests.processes import free_port, gunicorn

pytestmark = pytest.mark.processes


def failed_parts(response: httpx.Response) -> list[str]:
    return sorted(name for name, state in response.json()["checks"].items() if state == "fail")


def test_readyz_follows_redis_stopping_and_coming_back(process_env, redis_server, home_page):
    env = {**process_env, "REDIS_URL": redis_server.url, "PAGE_CACHE_SECONDS": "300"}
    with gunicorn(env) as base, httpx.Client(base_url=base, timeout=30) as client:
        assert client.get("/readyz").status_code == 200
        redis_server.halt()
        try:
            down = client.get("/readyz")
            assert down.status_code == 503
            assert failed_parts(down) == ["cache"]
            assert str(redis_server.port) not in down.text
            # Public pages still answer: every look-up in the page cache is a miss.
            for _ in range(2):
                page = client.get("/id/")
                assert page.status_code == 200
                assert page.headers["X-Page-Cache"] == "miss"
        finally:
            redis_server.resume()
        assert client.get("/readyz").status_code == 200


def test_readyz_names_the_database_when_it_does_not_answer(process_env):
    closed = free_port()
    env = {**process_env, "DATABASE_URL": f"postgres://portal@127.0.0.1:{closed}/satu"}
    with gunicorn(env, healthy=False) as base, httpx.Client(base_url=base, timeout=30) as client:
        response = client.get("/readyz")
    assert response.status_code == 503
    assert "database" in failed_parts(response)
    for secret in ("127.0.0.1", str(closed), "portal@", "satu"):
        assert secret not in response.text
