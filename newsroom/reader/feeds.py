from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape

from newsroom.core.page_urls import absolute_url, site_origin
from newsroom.models import Story
from newsroom.reader.xml_text import xml_text
from people.models import Person
from shows.models import Company, Show

FEED_LENGTH = 30


class StoriesFeed(Feed):
    """Every address in a feed is on SITE_URL. Django puts the request's host in front of a
    path (its add_domain()), and a feed is cached for every reader; a full URL it leaves as it
    is, so the links are full URLs here and the feed's own address is set after Django."""

    title = "Newsroom: latest stories"
    description = "TV renewals, cancellations and series orders."

    def get_feed(self, obj, request):
        feed = super().get_feed(obj, request)
        feed.feed["feed_url"] = site_origin() + request.path
        return feed

    def link(self):
        return absolute_url(reverse("newsroom:home"))

    def item_link(self, story):
        return absolute_url(story.get_absolute_url())

    def items(self):
        return Story.objects.published().for_listing().prefetch_related("corrections")[:FEED_LENGTH]

    def item_title(self, story):
        return xml_text(story.headline)

    def item_description(self, story):
        """Plain text, escaped: feed readers render a description as HTML."""
        notes = " ".join(
            f"{note.get_kind_display()}: {note.text}" for note in story.corrections.all()
        )
        return escape(xml_text(" ".join(part for part in (story.dek, notes) if part)))

    def item_pubdate(self, story):
        return story.first_published_at

    def item_updateddate(self, story):
        return story.last_noted_at or story.first_published_at

    def item_categories(self, story):
        return [xml_text(story.show.title)] if story.show_id else []


class AtomStoriesFeed(StoriesFeed):
    feed_type = Atom1Feed
    subtitle = StoriesFeed.description


class ScopedStoriesFeed(StoriesFeed):
    """Stories about one show, person or company: `model` and `stories_of` say which."""

    model = None

    def get_object(self, request, slug):
        return get_object_or_404(self.model.objects.published(), slug=slug)

    def title(self, subject):
        return xml_text(f"Newsroom: {subject}")

    def link(self, subject):
        return absolute_url(subject.get_absolute_url())

    def description(self, subject):
        return escape(xml_text(f"Stories about {subject}."))

    def items(self, subject):
        return (
            Story.objects.published()
            .about(subject)
            .for_listing()
            .prefetch_related("corrections")[:FEED_LENGTH]
        )


class ShowFeed(ScopedStoriesFeed):
    model = Show


class PersonFeed(ScopedStoriesFeed):
    model = Person


class CompanyFeed(ScopedStoriesFeed):
    model = Company


class AtomShowFeed(ShowFeed):
    feed_type = Atom1Feed


class AtomPersonFeed(PersonFeed):
    feed_type = Atom1Feed


class AtomCompanyFeed(CompanyFeed):
    feed_type = Atom1Feed
