#!/usr/bin/env python3
"""Make a synthetic corpus of N telegram exports from the bundled examples, for benchmarks.

Each generated export takes an example and varies what a real corpus varies: names (swapped for other
people of the period), record and body dates (1949–1953), telegram and archival numbers, length (points and
paragraphs repeated or dropped) and layout (markdown headings, bold labels or plain 'Label:' text).
Deterministic for a given seed.

    python benchmarks/generate_corpus.py 1000 /tmp/corpus
"""
from __future__ import annotations

import random
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = sorted((REPO / "examples" / "texts").glob("*.txt"))
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
NAME_SWAPS = [("Kuznetsov", "Panyushkin"), ("Krasovsky", "Zakharov"), ("Molotov", "Vyshinsky"), ("Gromyko", "Zorin"),
              ("Молотов", "Вышинский"), ("Кузнецов", "Панюшкин"), ("Малик", "Громыко")]
LABEL = re.compile(r"^(#{1,6} )?(\*\*)?(Citation|Summary|Credits|Original Language|Contents):(\*\*)?\s*$", re.M)


def vary(text: str, rng: random.Random, index: int) -> str:
    year, month, day = rng.randint(1949, 1953), rng.randint(1, 12), rng.randint(1, 28)
    text = re.sub(r"(January|February|March|April|May|June|July|August|September|October|November|December) \d{1,2}, 195\d",
                  f"{MONTHS[month - 1]} {day}, {year}", text)
    for old, new in rng.sample(NAME_SWAPS, k=rng.randint(0, 3)):
        text = text.replace(old, new)
    text = re.sub(r"/document/\d+", f"/document/{900000 + index}", text)
    text = re.sub(r"(?<=№ )\d{3,5}\b|(?<=No\. )\d{3,5}\b", lambda m: str(rng.randint(100, 99999)), text)
    text = re.sub(r"(?<=Delo )\d+|(?<=d\. )\d+", lambda m: str(rng.randint(1, 2000)), text)
    # length: repeat or drop a few long paragraphs
    blocks = text.split("\n\n")
    long_ones = [i for i, b in enumerate(blocks) if len(b) > 300]
    if long_ones and rng.random() < 0.5:
        i = rng.choice(long_ones)
        blocks.insert(i + 1, blocks[i])
    elif len(long_ones) > 3 and rng.random() < 0.3:
        del blocks[rng.choice(long_ones[1:-1])]
    text = "\n\n".join(blocks)
    # layout: relabel in another style
    style = rng.choice(["keep", "plain", "bold", "heading"])
    if style != "keep":
        form = {"plain": r"\3:", "bold": r"**\3:**", "heading": r"#### \3:"}[style]
        text = LABEL.sub(form, text)
    return text


def generate(n: int, out: Path, seed: int = 1951) -> list[Path]:
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("*.txt"):
        old.unlink()
    paths = []
    for i in range(n):
        source = EXAMPLES[i % len(EXAMPLES)]
        path = out / f"synthetic_{i:05d}.txt"
        path.write_text(vary(source.read_text(encoding="utf-8"), rng, i), encoding="utf-8")
        paths.append(path)
    return paths


if __name__ == "__main__":
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 100
    target = Path(sys.argv[2]) if len(sys.argv) > 2 else REPO / "benchmarks" / "_corpus" / "texts"
    print(f"{len(generate(count, target))} exports written to {target}")
