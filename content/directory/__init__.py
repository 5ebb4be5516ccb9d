"""The service directory's behaviour: filters, opening hours, distance, open data."""
