"""What an AI step can fail with, as the API reports it: 503 when the model cannot answer, 429 when
the model's server or the user's daily token budget says "later".

Every message says what happened and, where a setting can fix it, which one.
"""

from __future__ import annotations

from jobwise.errors import JobWiseError, ServiceUnavailable, TooManyRequests


class NoEngine(ServiceUnavailable):
    """No AI engine is configured in this process."""

    code = "no_ai_engine"


class LLMUnavailable(ServiceUnavailable):
    """The LLM server could not be reached, timed out or kept failing."""

    code = "llm_unavailable"


class DeadlineExceeded(LLMUnavailable):
    """The time limit of the request or task step ran out before the model answered."""

    code = "llm_deadline_exceeded"


class LLMRequestRejected(ServiceUnavailable):
    """The server refused the request (a 4xx other than 429): retrying would not help."""

    code = "llm_request_rejected"


class LLMModelUnavailable(ServiceUnavailable):
    """The configured model does not exist (any more) on the server."""

    code = "llm_model_unavailable"


class LLMInvalidOutput(ServiceUnavailable):
    """The model's answer was not what was asked for, even after one repair attempt."""

    code = "llm_invalid_output"


class LLMRateLimited(TooManyRequests):
    """The LLM server kept answering 429."""

    code = "llm_rate_limited"


class TokenBudgetExceeded(TooManyRequests):
    """The user's LLM_DAILY_TOKEN_BUDGET is spent until the next UTC midnight."""

    code = "token_budget_exceeded"


# What a route that waits on a model's answer can fail with (declared with errors.raises).
LLM_ERRORS: tuple[type[JobWiseError], ...] = (
    LLMUnavailable,
    DeadlineExceeded,
    LLMRequestRejected,
    LLMModelUnavailable,
    LLMInvalidOutput,
    LLMRateLimited,
    TokenBudgetExceeded,
)
