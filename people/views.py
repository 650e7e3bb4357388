from django.views import generic


class PersonDetailView(generic.DetailView):
    pass
