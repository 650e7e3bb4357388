from django.apps import AppConfig


class NewsroomConfig(AppConfig):
    name = "newsroom"
    verbose_name = "Newsroom"

    def ready(self):
        from newsroom import signals
        from newsroom.reader.about import add_page_lists

        signals.connect()
        add_page_lists()
