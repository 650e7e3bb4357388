"""The public site: story, home and search pages, their rows, structured data, templates, feeds and sitemaps."""
