from django.apps import AppConfig


class ShowsConfig(AppConfig):
    name = "shows"
    verbose_name = "Shows"

    def ready(self):
        from shows.views import add_person_page_lists

        add_person_page_lists()
