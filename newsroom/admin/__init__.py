"""The desk's admin: story registrations, the story workflow's pages and who may change users' rights."""
