"""Shared infrastructure below every app. It imports none of our apps, so people, shows and
newsroom all build on it."""
