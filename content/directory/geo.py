"""Distances for "nearest first", computed from a location the reader chose to share.

The distance shown on a unit card is search.geo.distance_km, the same one search
orders by; this module orders database rows and reads the ``near`` parameter.

The reader's coordinates arrive only as the ``near`` query parameter of one request;
nothing here stores or logs them.
"""

from __future__ import annotations

import math

from django.db.models import ExpressionWrapper, F, FloatField, Value


def parse_near(value: str | None) -> tuple[float, float] | None:
    """``"-7.25,112.75"`` → (lat, lng); anything malformed or out of range → None."""
    if not value:
        return None
    try:
        lat_text, lng_text = value.split(",", 1)
        lat, lng = float(lat_text), float(lng_text)
    except ValueError:
        return None
    if not (-90 <= lat <= 90 and -180 <= lng <= 180) or math.isnan(lat) or math.isnan(lng):
        return None
    return lat, lng


def distance_order(lat: float, lng: float):
    """An expression that orders rows by distance from (lat, lng).

    The equirectangular approximation needs only arithmetic, so SQLite and
    PostgreSQL compute it alike; within a country it ranks places as the
    great-circle distance does.
    """
    scale = math.cos(math.radians(lat))
    dlat = F("latitude") - Value(lat)
    dlng = (F("longitude") - Value(lng)) * Value(scale)
    return ExpressionWrapper(dlat * dlat + dlng * dlng, output_field=FloatField())
