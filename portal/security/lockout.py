"""How django-axes tells one staff login attempt's origin from another.

Only the admin login reaches this: the public pages and the complaint endpoints never
authenticate anyone, so no reader's address is ever looked at or stored here.
"""

from django.conf import settings


def client_address(request) -> str:
    """The address of the client that posted the login form.

    Behind TRUSTED_PROXY_COUNT proxies (load balancer, CDN) REMOTE_ADDR is the nearest
    proxy, and every staff member would share it: the address is then the one the
    outermost trusted proxy saw, counted from the right of X-Forwarded-For so that a
    client cannot choose it by sending its own header.
    """
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies:
        forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        forwarded = [a for a in forwarded if a]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")
