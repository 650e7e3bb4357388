from django.core.validators import RegexValidator
from django.db import models
from django.utils.text import slugify

from newsroom.core.images import ReencodedImageField
from newsroom.core.models import (
    ExternalIds,
    FullTextQuerySet,
    KnownAliases,
    KnownBySlug,
    KnownBySlugQuerySet,
    Versioned,
)
from newsroom.core.page_urls import page_url


class PersonQuerySet(KnownBySlugQuerySet, FullTextQuerySet):
    # Names are not English words: no stemming, no stop words.
    search_fields = ("name", "sort_name", "bio")
    search_config = "simple"
    # Names are not stemmed: readers' words are matched inside the name as typed.
    reader_fields = {"name": "A", "sort_name": "A"}
    reader_ranked = False

    def published(self):
        """Everyone the public may see: people are reference data, public once entered.

        What a person said waits for a published story (see Quote.published)."""
        return self.all()

    def for_api(self):
        """The partner API's people: nothing to join; credits and quotes are resources."""
        return self.all()


class Person(KnownBySlug, ExternalIds, KnownAliases, Versioned):
    name = models.CharField(max_length=200, help_text="As credited, for example “Maggie Q”.")
    slug = models.SlugField(max_length=200, unique=True, help_text="Part of the public URL.")
    sort_name = models.CharField(
        max_length=200,
        blank=True,
        help_text="For alphabetical lists, for example “Connelly, Michael”. "
        "Left empty, it is derived from the name.",
    )
    bio = models.TextField("short bio", blank=True, help_text="Two or three plain sentences.")
    headshot = ReencodedImageField(upload_to="people/", blank=True)
    headshot_credit = models.CharField(
        max_length=200, blank=True, help_text="Photographer or agency, shown under the image."
    )
    imdb_id = models.CharField(
        "IMDb id",
        max_length=20,
        blank=True,
        validators=[RegexValidator(r"^nm\d+$", "An IMDb person id looks like nm0000123.")],
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PersonQuerySet.as_manager()

    class Meta:
        ordering = ["sort_name", "name"]
        verbose_name_plural = "people"
        indexes = [models.Index(fields=["updated_at"])]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.sort_name:
            self.sort_name = self.derived_sort_name()
        if not self.slug:
            self.slug = slugify(self.name)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return page_url("people:person", slug=self.slug)

    def derived_sort_name(self):
        """“Michael Connelly” sorts as “Connelly, Michael”; a single name sorts as itself."""
        first, _, last = self.name.strip().rpartition(" ")
        return f"{last}, {first}" if first else last
