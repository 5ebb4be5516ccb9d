"""Demo content, one module per part of the portal, each with ``load(stdout)``."""
