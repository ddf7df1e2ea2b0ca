"""Rule modules, one per family of the rule catalogue; importing this package registers them all."""
from . import (availability, catalog, freshness, identity, media, metadata, participation, privacy,  # noqa: F401
               disclosure, search)
