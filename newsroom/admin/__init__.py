"""The desk's admin: stories, their workflow pages, and who may change users' rights."""

from newsroom.admin import access, stories  # noqa: F401  (importing registers them)
