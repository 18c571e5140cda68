"""Child process: the text of one PDF, read by pypdf under CPU, memory and file-size limits.

Run by extraction.py as `python -I pdf_worker.py PATH CPU_SECONDS MEMORY_BYTES MAX_PAGES MAX_CHARS [SCRIPT]`;
prints one JSON object: {"status": "ok", "text": ..., "pages": N} or {"status": <problem>}.
SCRIPT, when given, is the path of another reader with the same `extract(path, max_pages,
max_chars)` function (the résumé importer's words-with-positions reader): it runs under the
same limits, loaded only after they are set.
Crafted PDFs can make parsers loop or allocate without end (pypdf has had many such CVEs), so
the limits are set before pypdf is imported, and the parent adds a wall-clock timeout and kills
the process. Standard library and pypdf only: nothing from the app is loaded in here.
"""

from __future__ import annotations

import json
import sys
from typing import Any


def _set_limits(cpu_seconds: int, memory_bytes: int) -> None:
    try:
        import resource
    except ImportError:  # not POSIX: only the parent's wall-clock timeout applies
        return
    # Past the soft CPU limit the kernel sends SIGXCPU (terminates), a second later SIGKILL.
    resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds + 1))
    resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))  # a killed child leaves no core file
    resource.setrlimit(resource.RLIMIT_FSIZE, (0, 0))  # and writes no files (stdout is a pipe)


def extract(path: str, max_pages: int, max_chars: int) -> dict[str, Any]:
    import logging
    import warnings

    logging.disable(logging.CRITICAL)
    warnings.simplefilter("ignore")
    from pypdf import PasswordType, PdfReader
    from pypdf.errors import DependencyError, FileNotDecryptedError

    try:
        reader = PdfReader(path)
        if reader.is_encrypted:
            try:
                # Many PDFs are "encrypted" only to restrict printing: the empty password opens them.
                opened = reader.decrypt("") != PasswordType.NOT_DECRYPTED
            except (DependencyError, FileNotDecryptedError, NotImplementedError):
                opened = False
            if not opened:
                return {"status": "encrypted"}
        pages = len(reader.pages)
        if pages > max_pages:
            return {"status": "too_many_pages", "pages": pages}
        texts: list[str] = []
        total = 0
        for page in reader.pages:
            text = page.extract_text() or ""
            total += len(text)
            if total > max_chars:
                return {"status": "too_much_text"}
            texts.append(text)
    except (MemoryError, RecursionError):
        return {"status": "too_complex"}
    except FileNotDecryptedError:
        return {"status": "encrypted"}
    except Exception as exc:  # pypdf raises many types for broken files; all mean "corrupt"
        return {"status": "corrupt", "reason": type(exc).__name__}
    # Lone surrogates (broken ToUnicode maps) cannot travel as UTF-8: they become "?".
    text = "\n".join(texts).encode("utf-8", "replace").decode("utf-8")
    return {"status": "ok", "text": text, "pages": pages}


def _script_extract(script: str, path: str, max_pages: int, max_chars: int) -> dict[str, Any]:
    import importlib.util

    spec = importlib.util.spec_from_file_location("pdf_reader", script)
    if spec is None or spec.loader is None:
        return {"status": "too_complex"}
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    try:
        result: dict[str, Any] = module.extract(path, max_pages, max_chars)
    except (MemoryError, RecursionError):
        return {"status": "too_complex"}
    except Exception as exc:  # the reader's library raises many types for broken files
        return {"status": "corrupt", "reason": type(exc).__name__}
    return result


def main(argv: list[str]) -> int:
    path, cpu_seconds, memory_bytes, max_pages, max_chars, *script = argv
    _set_limits(int(cpu_seconds), int(memory_bytes))
    if script:
        result = _script_extract(script[0], path, int(max_pages), int(max_chars))
    else:
        result = extract(path, int(max_pages), int(max_chars))
    sys.stdout.buffer.write(json.dumps(result, ensure_ascii=False).encode("utf-8"))
    sys.stdout.buffer.flush()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
