"""Typed links from a story to the people, shows and companies it is about or mentions."""

from django.db import models

from newsroom.core.models import Versioned
from people.models import Person
from shows.models import Company, Show


class StoryLink(Versioned):
    class Relation(models.TextChoices):
        ABOUT = "about", "About"
        MENTIONS = "mentions", "Mentions"

    story = models.ForeignKey("newsroom.Story", on_delete=models.CASCADE)
    relation = models.CharField(max_length=10, choices=Relation, default=Relation.MENTIONS)

    class Meta:
        abstract = True


class StoryPerson(StoryLink):
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="story_links")

    class Meta:
        verbose_name = "person in the story"
        verbose_name_plural = "people in the story"
        default_related_name = "person_links"
        constraints = [
            models.UniqueConstraint(fields=["story", "person"], name="story_person_unique"),
        ]

    def __str__(self):
        return f"{self.story} {self.relation} {self.person}"


class StoryShow(StoryLink):
    show = models.ForeignKey(Show, on_delete=models.PROTECT, related_name="story_links")

    class Meta:
        verbose_name = "show in the story"
        verbose_name_plural = "shows in the story"
        default_related_name = "show_links"
        constraints = [
            models.UniqueConstraint(fields=["story", "show"], name="story_show_unique"),
        ]

    def __str__(self):
        return f"{self.story} {self.relation} {self.show}"


class StoryCompany(StoryLink):
    company = models.ForeignKey(Company, on_delete=models.PROTECT, related_name="story_links")

    class Meta:
        verbose_name = "company in the story"
        verbose_name_plural = "companies in the story"
        default_related_name = "company_links"
        constraints = [
            models.UniqueConstraint(fields=["story", "company"], name="story_company_unique"),
        ]

    def __str__(self):
        return f"{self.story} {self.relation} {self.company}"
