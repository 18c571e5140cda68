"""API documentation pages: Swagger UI at /docs, served from the package (swagger-ui-bundle-v2)
so it works offline, and ReDoc at /redoc.

ReDoc's script comes from FastAPI's default CDN address: no package ships it for Python, and
vendoring a megabyte of JavaScript for a second reader of the same schema is not worth it. The
page needs no font service (Google Fonts off) and no other host for its icon.
"""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles
from swagger_ui_bundle import swagger_ui_path

STATIC_PREFIX = "/_docs_static"


def install_offline_docs(app: FastAPI) -> None:
    app.mount(STATIC_PREFIX, StaticFiles(directory=str(swagger_ui_path)), name="docs-static")

    @app.get("/docs", include_in_schema=False)
    async def swagger_ui() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url=app.openapi_url or "/openapi.json",
            title=f"{app.title} - API docs",
            swagger_js_url=f"{STATIC_PREFIX}/swagger-ui-bundle.js",
            swagger_css_url=f"{STATIC_PREFIX}/swagger-ui.css",
            swagger_favicon_url=f"{STATIC_PREFIX}/favicon-32x32.png",
        )

    @app.get("/redoc", include_in_schema=False)
    async def redoc() -> HTMLResponse:
        return get_redoc_html(
            openapi_url=app.openapi_url or "/openapi.json",
            title=f"{app.title} - ReDoc",
            redoc_favicon_url=f"{STATIC_PREFIX}/favicon-32x32.png",
            with_google_fonts=False,
        )
