"""Shared infrastructure below every app: imports no app of ours, so people, shows and newsroom all build on it."""
