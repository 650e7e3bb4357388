"""Bases every app's models share: versions, external ids, aliases, natural keys by slug, text
search."""

import operator
from functools import reduce

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector, SearchVectorExact
from django.core.validators import RegexValidator
from django.db import connections, models, router, transaction

from newsroom.core.rows import RowsQuerySet

tmdb_id_validator = RegexValidator(r"^\d+$", "A TMDB id is a number, for example 1234567.")
tvmaze_id_validator = RegexValidator(r"^\d+$", "A TVmaze id is a number, for example 42.")
wikidata_id_validator = RegexValidator(r"^Q\d+$", "A Wikidata id looks like Q1234.")


# The largest version a PositiveIntegerField holds on every database we run.
MAX_VERSION = 2**31 - 1


class StaleSave(Exception):
    """A save meant to write over a version of the record that someone else has since replaced."""

    def __init__(self, record):
        super().__init__(f"{record._meta.label} {record.pk} changed since version {record.version}")
        self.record = record


class Versioned(models.Model):
    """A record whose every save moves its version on, so a form can tell that it is stale.

    A form that read the record sets `expected_version` (newsroom/core/admin_versions.py); the
    save then first claims the row with a conditional UPDATE (WHERE version = expected), which
    also holds the row until the transaction ends, and writes only if the claim took. Two saves
    from the same version cannot both pass it: the second waits for the first, then finds the
    version moved and raises StaleSave. Every other save (workflow actions, seeds, ingest) moves
    the version on in its own UPDATE. QuerySet.update() and bulk_update() leave versions alone
    unless the caller moves them too (Story.keep_reports_in_step); bulk_create() writes 1."""

    version = models.PositiveIntegerField(
        default=1,
        # Rows inserted outside the ORM, and the rows there were when the column came, start at 1.
        db_default=1,
        editable=False,
        help_text="Moves on with every save; a form opened at an older version may not save.",
    )

    # The version a save may write over; None for saves that no form read first.
    expected_version = None

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        expected, self.expected_version = self.expected_version, None
        update_fields = kwargs.get("update_fields")
        if self._state.adding or (update_fields is not None and not update_fields):
            return super().save(*args, **kwargs)
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "version"}
        if expected is None:
            # Read back by the UPDATE's RETURNING: the stored version, not one this copy guessed.
            self.version = models.F("version") + 1
            return super().save(*args, **kwargs)
        using = kwargs.get("using") or router.db_for_write(type(self), instance=self)
        # No savepoint: inside the admin's transaction it would cost two queries per row saved.
        with transaction.atomic(using=using, savepoint=False):
            rows = type(self)._base_manager.using(using).filter(pk=self.pk, version=expected)
            if rows.update(version=expected + 1):
                self.version = expected + 1
                return super().save(*args, **kwargs)
        # Raised once the block has ended: nothing was written, and a caller's transaction is
        # still usable.
        raise StaleSave(self)


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

    Every app's QuerySets share it, as their models share ExternalIds."""

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
