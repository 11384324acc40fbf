"""The production HTTP server: one ASGI app (Starlette) served by uvicorn, with room for more platforms."""
