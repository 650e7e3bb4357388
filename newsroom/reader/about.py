"""Stories and quotes about a person, show, season, company or franchise, on those pages.

The pages belong to people and shows, which cannot import newsroom; each declares its lists
(newsroom/core/pages.py) and NewsroomConfig.ready() adds these to them."""

from newsroom.models import QuoteSpeaker, Story
from people.views import person_page
from shows.views import company_page, franchise_page, season_page, show_page

STORIES_PER_PAGE = 20


def stories_about(subject):
    return Story.objects.published().about(subject).for_listing()[:STORIES_PER_PAGE]


def quotes_on_show(show):
    return show.quotes.published().for_page()[:STORIES_PER_PAGE]


def quotes_of(person):
    return (
        QuoteSpeaker.objects.filter(person=person).published().for_person_page()[:STORIES_PER_PAGE]
    )


def add_page_lists():
    for page in (person_page, show_page, season_page, company_page, franchise_page):
        page.add("stories", stories_about)
    show_page.add("quotes", quotes_on_show)
    person_page.add("quoted", quotes_of)
