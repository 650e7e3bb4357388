from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape

from newsroom.models import Story
from newsroom.reader.xml_text import xml_text
from people.models import Person
from shows.models import Company, Show

FEED_LENGTH = 30


class StoriesFeed(Feed):
    title = "Newsroom: latest stories"
    description = "TV renewals, cancellations and series orders."

    def link(self):
        return reverse("newsroom:home")

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
        return subject.get_absolute_url()

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
