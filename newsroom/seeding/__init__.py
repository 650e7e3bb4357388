"""Seed files under seeds/ into the database; seeds/README.md describes their format."""

from newsroom.seeding.loader import SeedError, load_seeds
from newsroom.seeding.shapes import OUTCOMES

__all__ = ["OUTCOMES", "SeedError", "load_seeds"]
