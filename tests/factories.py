"""Small builders for test data: each makes a valid row with overridable defaults."""

import itertools
from datetime import timedelta

from django.contrib.auth.models import Group, User
from django.utils import timezone
from django.utils.text import slugify

from newsroom.models import Block, Quote, QuoteSpeaker, StatusReport, Story
from people.models import Person
from shows.models import Character, Company, Credit, Season, Show, StatusEvent

_sequence = itertools.count(1)


def unique(label):
    return f"{label} {next(_sequence)}"


def make_person(name=None, **fields):
    name = name or unique("Person")
    return Person.objects.create(name=name, slug=slugify(name), **fields)


def make_company(name=None, kind=Company.Kind.NETWORK, **fields):
    name = name or unique("Company")
    return Company.objects.create(name=name, slug=slugify(name), kind=kind, **fields)


def make_show(title=None, **fields):
    title = title or unique("Show")
    return Show.objects.create(title=title, slug=slugify(title), **fields)


def make_season(show, number=1, **fields):
    return Season.objects.create(show=show, number=number, **fields)


def make_cast_credit(show, person=None, character=None, tier=Credit.Tier.SERIES_REGULAR, **fields):
    if isinstance(character, str):
        character = Character.objects.create(name=character, show=show)
    return Credit.objects.create(
        show=show,
        person=person or make_person(),
        department=Credit.Department.CAST,
        character=character,
        tier=tier,
        **fields,
    )


def make_crew_credit(show, person=None, job=Credit.Job.EXECUTIVE_PRODUCER, **fields):
    return Credit.objects.create(
        show=show,
        person=person or make_person(),
        department=Credit.Department.CREW,
        job=job,
        **fields,
    )


def make_quote(text=None, speakers=(), **fields):
    """speakers: people, or (person, title, organization) tuples."""
    quote = Quote.objects.create(text=text or unique("Words said"), **fields)
    for position, speaker in enumerate(speakers):
        who, title, organization = speaker if isinstance(speaker, tuple) else (speaker, "", None)
        QuoteSpeaker.objects.create(
            quote=quote, position=position, person=who, title=title, organization=organization
        )
    return quote


def make_story(headline=None, published=True, **fields):
    headline = headline or unique("Headline")
    story = Story.objects.create(headline=headline, slug=slugify(headline), **fields)
    Block.objects.create(story=story, kind=Block.Kind.PARAGRAPH, body="<p>Text.</p>")
    if published:
        story.publish(at=timezone.now() - timedelta(minutes=1))
    return story


def add_block(story, kind, position=None, **fields):
    return Block.objects.create(
        story=story, kind=kind, position=position or story.blocks.count(), **fields
    )


def make_user_in(group_name, username=None):
    user = User.objects.create_user(
        username=username or slugify(unique(group_name)), password="x", is_staff=True
    )
    user.groups.add(Group.objects.get(name=group_name))
    return user


def make_reported_event(story, **fields):
    """A status event `story` reports: public exactly when the story is."""
    public_from, source_title, source_url = story.report_state()
    event = StatusEvent.objects.create(
        public_from=public_from, source_title=source_title, source_url=source_url, **fields
    )
    StatusReport.objects.create(story=story, event=event)
    return event
