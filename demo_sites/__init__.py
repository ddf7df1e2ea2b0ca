"""The bundled demo world: a fictional city's 政务公开 sites with seeded defects and ground truth.

    world = demo_sites.load(seed=0, as_of=date(2019, 9, 30), port=8800)
    world.truth          # the ground truth, as `python -m demo_sites truth` prints it
    WorldServer(world).start()
"""
from __future__ import annotations

from datetime import date

from .world import DEFAULT_AS_OF, DEFAULT_PORT, World, build_world

__all__ = ["load", "World", "DEFAULT_AS_OF", "DEFAULT_PORT", "sitemap"]


def load(seed: int = 0, as_of: date = DEFAULT_AS_OF, scale: int = 1, port: int = DEFAULT_PORT,
         faults: bool = False) -> World:
    """Build the world, seed its defects and decoys, and resolve the ground truth."""
    from . import defects
    from .sites import make_views
    world = build_world(seed, as_of, scale, port)
    world.faults = faults
    entries = defects.seed(world)
    make_views(world)
    world.truth = defects.resolve(world, entries)
    return world


def sitemap(world: World):
    """Every URL the world serves with success (sites of down units are not served)."""
    for spec in world.sites:
        if not spec.down:
            yield from world.views[spec.host].urls()
