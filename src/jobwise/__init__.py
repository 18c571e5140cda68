"""JobWise: an open backend for AI-tailored, honest job applications."""

__version__ = "0.1.0"
