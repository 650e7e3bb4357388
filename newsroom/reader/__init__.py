"""The public site: story, home and search pages, their rows and structured data, the Jinja2
environment, image renditions, feeds and sitemaps."""
