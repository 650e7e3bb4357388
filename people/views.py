from django.views import generic

from people.models import Person


class PersonDetailView(generic.DetailView):
    template_name = "people/person.html"
    context_object_name = "person"

    def get_queryset(self):
        return Person.objects.published().for_person_page()

    def get_context_data(self, **kwargs):
        # Quotes live in the newsroom app; the reverse relation reaches them without an import.
        quotes = self.object.quotes_spoken.published().for_person_page()
        return super().get_context_data(quoted=quotes, **kwargs)
