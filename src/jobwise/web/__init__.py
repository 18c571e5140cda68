"""The browser client: server-rendered pages (Jinja2 templates, htmx, a little Alpine.js) served by
the same app under /app, calling the same services as the JSON API. See router.py."""
