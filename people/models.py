import operator
from functools import cache, reduce

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector, SearchVectorExact
from django.core.validators import RegexValidator
from django.db import connections, models
from django.utils.text import slugify

from people.images import ReencodedImageField
from people.page_urls import page_url
from people.rows import Rows, RowsQuerySet

tmdb_id_validator = RegexValidator(r"^\d+$", "A TMDB id is a number, for example 1234567.")
tvmaze_id_validator = RegexValidator(r"^\d+$", "A TVmaze id is a number, for example 42.")
wikidata_id_validator = RegexValidator(r"^Q\d+$", "A Wikidata id looks like Q1234.")


class ExternalIds(models.Model):
    """Identifiers in the public databases partners match us against."""

    tmdb_id = models.CharField("TMDB id", max_length=20, blank=True, validators=[tmdb_id_validator])
    tvmaze_id = models.CharField(
        "TVmaze id", max_length=20, blank=True, validators=[tvmaze_id_validator]
    )
    wikidata_id = models.CharField(
        "Wikidata id", max_length=20, blank=True, validators=[wikidata_id_validator]
    )

    class Meta:
        abstract = True


class KnownAliases(models.Model):
    """Other names a record goes by in copy, so ingest can link them to the record."""

    aliases = models.TextField(
        "known aliases",
        blank=True,
        help_text="Other names this goes by in press copy, one per line, "
        "for example “Amazon Prime Video” for Prime Video.",
    )

    class Meta:
        abstract = True

    @property
    def alias_list(self):
        return [line.strip() for line in self.aliases.splitlines() if line.strip()]


class KnownBySlug:
    """A row that backups name by its slug (its natural key), whatever its id."""

    def natural_key(self):
        return (self.slug,)


class KnownBySlugQuerySet(models.QuerySet):
    def get_by_natural_key(self, slug):
        """loaddata and `manage.py restore`: the row a backup names by its slug."""
        return self.get(slug=slug)


class FullTextQuerySet(RowsQuerySet):
    """The partner API's `q`: PostgreSQL full text search, or a substring match on SQLite.

    Lives in the lowest app so that shows and newsroom QuerySets can share it, as ExternalIds."""

    search_fields = ()
    search_config = "english"

    # Reader search, search(): the fields readers' words are looked for in, with their weight
    # in PostgreSQL's ranking. Without ranking, every word must be in one of the fields.
    reader_fields = {}
    reader_ranked = True
    # The model's own reader fields, whose document a GIN index holds on PostgreSQL (each app's
    # reader_search_index migration, with the same fields and config): matching reads the index
    # instead of parsing every row's text, and only matches are ranked.
    reader_document_fields = ()

    def full_text_search(self, text):
        return self.filter(self.text_condition(text))

    def search(self, text):
        """Reader search: ranked full text on PostgreSQL, else every word in some field."""
        if self.reader_ranked and connections[self.db].vendor == "postgresql":
            return self.ranked(text)
        return self.filter(self.every_word(text))

    def ranked(self, text):
        vector = reduce(
            operator.add,
            (
                SearchVector(field, weight=weight, config=self.search_config)
                for field, weight in self.reader_fields.items()
            ),
        )
        query = SearchQuery(text, config=self.search_config, search_type="websearch")
        # Matching is @@; a rank alone is never 0 (non-matches get 1e-20).
        return (
            self.reader_matches(query)
            .annotate(rank=SearchRank(vector, query))
            .order_by("-rank", *self.model._meta.ordering)
        )

    def reader_matches(self, query, fields=None):
        """Rows whose own reader fields (or `fields`) match `query` on PostgreSQL; the reader
        fields' document is read from their GIN index."""
        document = SearchVector(*(fields or self.reader_document_fields), config=self.search_config)
        return self.filter(SearchVectorExact(document, query))

    def every_word(self, text):
        condition = models.Q()
        for word in text.split():
            condition &= reduce(
                operator.or_,
                (models.Q(**{f"{field}__icontains": word}) for field in self.reader_fields),
            )
        return condition

    def text_condition(self, text):
        """A filter condition matching `text` in search_fields, for combining with others."""
        if connections[self.db].vendor == "postgresql":
            return SearchVectorExact(
                SearchVector(*self.search_fields, config=self.search_config),
                SearchQuery(text, config=self.search_config, search_type="websearch"),
            )
        condition = models.Q()
        for field in self.search_fields:
            condition |= models.Q(**{f"{field}__icontains": text})
        return condition


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

    def for_person_page(self):
        """The person page: every credit with its show, character, company and seasons, and
        the works they wrote with their adaptations in the person's own row (people/rows.py)."""
        credit_model = self.model._meta.get_field("credits").related_model
        credits = (
            credit_model.objects.select_related("show")
            .for_page()
            .order_by(*credit_model._meta.ordering)
        )
        return self.with_rows(works=person_works()).prefetch_related(
            models.Prefetch("credits", queryset=credits)
        )

    def for_api(self):
        """The partner API's people: nothing to join; credits and quotes are resources."""
        return self.all()

    def credited(self, *, show=None, job=None):
        """People with a credit on `show` in `job` (either may be None): the API's people filter."""
        credits = self.model._meta.get_field("credits").related_model.objects.filter(
            person=models.OuterRef("pk")
        )
        if show is not None:
            credits = credits.filter(show=show)
        if job:
            credits = credits.filter(job=job)
        return self.filter(models.Exists(credits))


@cache
def person_works():
    """What a person wrote, with the shows adapted from it, as JSON in the person's row."""
    work_model = Person._meta.get_field("works").related_model
    show_model = work_model._meta.get_field("adaptations").related_model
    return Rows(
        work_model.objects.filter(authors=models.OuterRef("pk")),
        "title",
        adaptations=Rows(
            show_model.objects.filter(based_on=models.OuterRef("pk")), "title", "slug"
        ),
    )


class Person(KnownBySlug, ExternalIds, KnownAliases):
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

    def published_stories(self):
        """Published stories that quote or link to the person (the newsroom app's Story)."""
        story_model = self._meta.get_field("bylined_stories").related_model
        return story_model.objects.published().featuring(self)

    def derived_sort_name(self):
        """“Michael Connelly” sorts as “Connelly, Michael”; a single name sorts as itself."""
        first, _, last = self.name.strip().rpartition(" ")
        return f"{last}, {first}" if first else last
