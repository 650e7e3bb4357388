from django.views import generic

from newsroom.core.pages import PageLists
from people.models import Person

# Credits and works (shows), quotes and stories (newsroom): added by those apps.
person_page = PageLists("the person page")


class PersonDetailView(generic.DetailView):
    template_name = "people/person.html"
    context_object_name = "person"

    def get_queryset(self):
        return person_page.shaped(Person.objects.published())

    def get_context_data(self, **kwargs):
        return super().get_context_data(**person_page.lists_for(self.object), **kwargs)
