from django.views import generic

from people.models import Person

STORIES_PER_PAGE = 20


class PersonDetailView(generic.DetailView):
    template_name = "people/person.html"
    context_object_name = "person"

    def get_queryset(self):
        return Person.objects.published().for_person_page()

    def get_context_data(self, **kwargs):
        person = self.object
        # Quotes and stories live in the newsroom app; reverse relations reach them.
        return super().get_context_data(
            quoted=person.quotes_spoken.published().for_person_page()[:STORIES_PER_PAGE],
            stories=person.published_stories().for_listing()[:STORIES_PER_PAGE],
            **kwargs,
        )
