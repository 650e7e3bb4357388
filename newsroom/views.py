from django.views import generic


class HomeView(generic.ListView):
    pass


class StoryDetailView(generic.DetailView):
    pass
