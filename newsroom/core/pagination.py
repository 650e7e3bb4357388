"""Numbered pages of long lists that cost the same on page 1,000 as on page 1."""

from django.core.paginator import Page, Paginator


class DeferredJoinPaginator(Paginator):
    """Finds a page's ids first, then joins the full rows for that page only.

    An OFFSET makes the database walk past every earlier row. Walked over the joined rows
    (show, network, season), page 1,000 of the stories cost far more than page 1; walked over
    an index that holds the ordering and the filter (Story's story_newest_first), it stays
    cheap, and only a page of rows is joined."""

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        ids = self.object_list.values("pk")[bottom : bottom + self.per_page]
        # Page itself, public, where Paginator.page() calls its private _get_page() hook: no
        # subclass here swaps the Page class.
        return Page(self.object_list.filter(pk__in=ids), number, self)
