from django.views import generic

from newsroom.models import Story


class HomeView(generic.ListView):
    template_name = "newsroom/home.html"
    context_object_name = "stories"
    paginate_by = 20

    def get_queryset(self):
        return Story.objects.published().select_related("show", "season")


class StoryDetailView(generic.DetailView):
    template_name = "newsroom/story.html"
    context_object_name = "story"

    def get_queryset(self):
        return Story.objects.published().for_story_page()
