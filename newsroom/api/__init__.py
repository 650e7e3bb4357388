"""The partner API's stories, quotes and change feed, its one router, caching, keys and ninjs."""
