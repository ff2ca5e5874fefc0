"""Letters per second: a three-page disclosure of 60 orders, beside a bare ReportLab page with the same fonts.

    .venv/bin/python tests/bench/bench_letters.py              # 1,000 letters
    .venv/bin/python tests/bench/bench_letters.py --small      # 20 letters (CI)

One process, one thread: the rate one core gives. Resident memory is read at the start, the middle and
the end of the batch; it should stay flat (nothing kept from one letter to the next).
"""

from __future__ import annotations

import argparse
import io
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

from pypdf import PdfReader
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))  # run as a script: the sample letters live in tests/support

from desk_app.config import CompanyProfile  # noqa: E402
from desk_app.letters.fonts import GOTHIC, MINCHO, register_fonts  # noqa: E402
from desk_app.letters.render import render_letter  # noqa: E402
from tests.support.sample_letters import disclosure  # noqa: E402

DEFAULT_LETTERS = 1_000
SMALL_LETTERS = 20
TARGET_PER_SECOND = 20


def bare_page() -> bytes:
    """The floor: one A4 page, a line in each font (both embedded as subsets), nothing laid out."""
    output = io.BytesIO()
    canvas = Canvas(output, pagesize=A4, invariant=1, initialFontName=MINCHO)
    canvas.setFont(MINCHO, 10.5)
    canvas.drawString(72, 770, "保有個人データ開示のご通知 山田 花子 様 ¥12,800")
    canvas.setFont(GOTHIC, 10.5)
    canvas.drawString(72, 750, "ご注文番号 ご注文日 ご注文方法 商品（数量） 金額（税込）")
    canvas.showPage()
    canvas.save()
    return output.getvalue()


def rss_mib() -> float | None:
    """This process's resident memory now (not its peak), where the system tells it."""
    try:
        with open("/proc/self/statm") as statm:
            resident_pages = int(statm.read().split()[1])
    except OSError:
        return None
    return resident_pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def timed(work: Callable[[], bytes], count: int, memory: list[float | None] | None = None) -> float:
    started = time.perf_counter()
    for n in range(count):
        work()
        if memory is not None and n == count // 2:
            memory.append(rss_mib())
    return time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--letters", type=int, help=f"letters rendered (default {DEFAULT_LETTERS:,})")
    parser.add_argument("--small", action="store_true", help=f"{SMALL_LETTERS} letters (CI)")
    args = parser.parse_args(argv)
    if args.small and args.letters:
        parser.error("--small sets the number of letters")
    count = SMALL_LETTERS if args.small else args.letters or DEFAULT_LETTERS

    started = time.perf_counter()
    register_fonts()
    print(f"fonts registered in          {(time.perf_counter() - started) * 1e3:8.1f} ms (once per process)")
    company = CompanyProfile()
    letter = disclosure(order_count=60)
    first = render_letter(letter, company)
    pages = len(PdfReader(io.BytesIO(first)).pages)
    orders = len(letter.orders)
    print(f"letter                       disclosure, {orders} orders, {pages} pages, {len(first):,} bytes")
    for _ in range(3):  # warm both paths
        render_letter(letter, company)
        bare_page()

    floor_seconds = timed(bare_page, count)
    memory: list[float | None] = [rss_mib()]
    letter_seconds = timed(lambda: render_letter(letter, company), count, memory)
    memory.append(rss_mib())

    floor_rate, letter_rate = count / floor_seconds, count / letter_seconds
    floor_ms, letter_ms = floor_seconds / count * 1e3, letter_seconds / count * 1e3
    print(f"floor: bare ReportLab page   {floor_rate:8.1f} pages/s    {floor_ms:7.2f} ms each")
    print(f"render_letter                {letter_rate:8.1f} letters/s  {letter_ms:7.2f} ms each")
    print(f"ratio letter / bare page     {floor_rate / letter_rate:8.1f} ×")
    verdict = "met" if letter_rate >= TARGET_PER_SECOND else "MISSED"
    print(f"target ≥ {TARGET_PER_SECOND} letters/s         {verdict} (over {count:,} letters, one core)")
    if None not in memory:
        start, middle, end = memory
        print(
            f"resident memory              start {start:.1f} MiB, middle {middle:.1f} MiB, end {end:.1f} MiB"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
