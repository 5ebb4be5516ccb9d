"""Stage 1 of a POST: the rate limits, before anything else is read.

Per client (keyed on a salted hash of the address that lives only in the cache) and
for everyone together: the portal's one throttle (portal/security/throttle.py),
which the open data and the read API use too.
"""

from portal.security.throttle import client_key, everyone_key, over_limit

__all__ = ["client_key", "everyone_key", "over_limit"]
