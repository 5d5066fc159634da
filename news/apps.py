from django.apps import AppConfig


class NewsConfig(AppConfig):
    name = "news"

    def ready(self):
        from core.sections import register_section_page

        register_section_page("news_index", "news.NewsIndexPage")
