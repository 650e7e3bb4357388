"""Lists that an app above adds to a reader page of an app below.

A person's page lists the stories that quote them and the shows they are credited on; the page
is people's, the stories newsroom's, the credits shows'. Dependencies run one way, so people
cannot ask for either: it declares the page's lists (`PageLists`), and each app above adds its
own in its AppConfig.ready(). The page's view reads them all with `lists_for(obj)`; short
lists can instead ride in the page object's own query as JSON rows (`add_rows`, `shaped`)."""


class PageLists:
    def __init__(self, page):
        self.page = page
        self.readers = {}
        self.rows = {}

    def __repr__(self):
        return f"<PageLists of {self.page}: {', '.join(self.readers) or 'none'}>"

    def add(self, name, read):
        """The page shows `read(obj)` as `name` (a template variable)."""
        if name in self.readers:
            raise ValueError(f"{self.page} already has a list called {name!r}.")
        self.readers[name] = read

    def add_rows(self, **rows):
        """`relation=Rows(...)` loaded in the page object's own query (newsroom/core/rows.py)."""
        self.rows.update(rows)

    def shaped(self, queryset):
        """The page object's QuerySet, carrying the rows added to the page."""
        return queryset.with_rows(**self.rows) if self.rows else queryset

    def lists_for(self, obj):
        return {name: read(obj) for name, read in self.readers.items()}
