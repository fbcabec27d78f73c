"""The LLM gateway: an OpenAI-compatible proxy in front of the vLLM that serves now.

Wiring: ``LLMGateway(LLMConfig(), catalog, SwapManagerTarget(swaps, catalog, events))`` as
``controller.llm``; its ``render_prometheus()`` feeds ``/metrics``; routes in ``api/llm.py``."""

from spark_control.llm.config import LLMConfig
from spark_control.llm.gateway import LLMGateway
from spark_control.llm.serving import ManualServingTarget, Serving, ServingTarget, SwapManagerTarget, SwapStatus

__all__ = [
    "LLMConfig",
    "LLMGateway",
    "ManualServingTarget",
    "Serving",
    "ServingTarget",
    "SwapManagerTarget",
    "SwapStatus",
]
