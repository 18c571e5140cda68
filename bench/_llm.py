"""The test LLM server (tests/fakes/llm_server.py) in its own process, answering every AI step.

It answers after a fixed latency: rewrites honestly (the original text, ending with a full stop),
scores evidence, describes a style, leaves job parsing to the deterministic parser, and writes
a cover letter for the demo profile and job (src/jobwise/demo/data) that passes the truth check.

    python bench/_llm.py PORT_FILE LATENCY_SECONDS     (writes its port to PORT_FILE; stop with SIGTERM)
"""

from __future__ import annotations

import json
import re
import signal
import sys
import threading
from pathlib import Path
from types import FrameType

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.fakes.llm_server import LLMServer, Recorded, Reply

LETTER = """Dear Hiring Team,

I am writing to apply for the Senior Python Engineer, Logistics Platform position at Harbourline. \
I am a backend engineer with seven years of experience building logistics and payment services in \
Python, and the platform work your posting describes is close to the work I do every day.

At Kestrel Freight, where I work as a Senior Backend Engineer, I look after the shipment tracking API \
in Python and FastAPI, which serves 40 million requests a month. I led the migration of the booking \
database from MySQL to PostgreSQL with no downtime, and I moved 12 services from cron jobs to an \
event-driven design on Kafka. I also reduced the p95 latency of the rate quote endpoint from 800 ms to \
120 ms by adding Redis caching.

Before that, as a Backend Engineer at Brightwater Payments, I built the refunds service in Python and \
PostgreSQL. I wrote integration tests with pytest that cut production incidents by 30%, and I \
automated deployments to AWS with Terraform and GitHub Actions. That work taught me to treat every \
change as something that must be safe to roll out and easy to roll back.

I care about the people side of engineering as well. I mentored four engineers and wrote the team's \
guide to code review, because I believe that good reviews are one of the best ways to share knowledge \
across a team.

I would welcome the chance to talk about how I could help your platform team build reliable APIs for \
the carriers that depend on them. Thank you for your time and for considering my application.

Kind regards,
Noor Haddad"""

_CANDIDATE = re.compile(r"^\d+\. ", re.MULTILINE)


def answer(request: Recorded) -> Reply:
    system = request.system
    if "judge how well pieces of evidence" in system:
        count = len(_CANDIDATE.findall(request.user))
        return Reply.scores([round(0.9 - 0.05 * i, 2) for i in range(count)])
    if "You write a cover letter" in system:
        return Reply(LETTER, chunk_size=40)
    if "You describe the writing style" in system:
        return Reply.json(
            {"tone": "warm and direct", "voice": "first person", "formality": "neutral", "notes": []}
        )
    if "You extract structured data from a job posting" in system:
        return Reply.json({})  # the deterministic parser's fields stand
    return Reply.rewrites(request, lambda text: (text or "Done").rstrip(".") + ".")


def main() -> None:
    port_file, latency = Path(sys.argv[1]), float(sys.argv[2])
    server = LLMServer()
    server.handler = answer
    server.latency = latency
    server.start()
    stopped = threading.Event()

    def stop(_signum: int, _frame: FrameType | None) -> None:
        stopped.set()

    signal.signal(signal.SIGTERM, stop)
    port_file.write_text(json.dumps({"port": server.port}))
    stopped.wait()
    server.stop()


if __name__ == "__main__":
    main()
