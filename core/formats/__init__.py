"""Date and time formats per language (settings.FORMAT_MODULE_PATH), on top of Django's.

Times are Paris times (TIME_ZONE = "Europe/Paris") whatever the language: the English site keeps the
24-hour clock and day-month-year dates, as its readers are in France, instead of Django's US defaults
(March 5, 2026, 4 p.m., 03/05/2026). Templates use the named formats: {{ value|date }}, {{ value|time }},
{{ value|date:"SHORT_DATE_FORMAT" }}."""
