"""LLM clients (Groq and OpenAI-compatible servers) and the engine built on them."""
