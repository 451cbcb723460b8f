"""Cut the small real sample shipped in data/sample/ from a full delivery (run once; kept for provenance).

Train images are chosen greedily so that as many judged pairs as possible have both the image and the
caption's own image in the sample; then every annotation row whose image is in the sample is kept, as is.
"""

from __future__ import annotations

import argparse
import shutil
from collections import Counter
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--source", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--train-images", type=int, default=40)
    parser.add_argument("--test-images", type=int, default=10)
    args = parser.parse_args()
    src, out = args.source, args.out

    expert_lines = (src / "ExpertAnnotations.tsv").read_text().splitlines()
    pairs = [(line.split("\t")[0], line.split("\t")[1].split("#")[0]) for line in expert_lines]
    chosen: list[str] = []
    candidates = sorted({image for image, _ in pairs})
    while len(chosen) < args.train_images:
        inside = set(chosen)
        gain = Counter()
        for image, own in pairs:
            if image in inside and own not in inside:
                gain[own] += 1
            elif own in inside and image not in inside:
                gain[image] += 1
            elif image == own and image not in inside:
                gain[image] += 1
        best = max(candidates, key=lambda c: (gain[c], c not in inside, c)) if gain else candidates[len(chosen)]
        if best in inside:
            best = next(c for c in candidates if c not in inside)
        chosen.append(best)
    train = set(chosen)

    test_lines = (src / "test_images.csv").read_text().splitlines()
    test = set(test_lines[1 : 1 + args.test_images])

    out.mkdir(parents=True, exist_ok=True)
    for name, keep in [
        ("train_dataset.csv", lambda line: line.split(",", 1)[0] in train),
        ("ExpertAnnotations.tsv", lambda line: line.split("\t", 1)[0] in train),
        ("CrowdAnnotations.tsv", lambda line: line.split("\t", 1)[0] in train),
        ("test_queries.csv", lambda line: line.rsplit("|", 1)[-1] in test),
        ("test_images.csv", lambda line: line in test),
    ]:
        lines = (src / name).read_text().splitlines()
        has_header = name.endswith(".csv")
        kept = ([lines[0]] if has_header else []) + [line for line in lines[has_header:] if keep(line)]
        (out / name).write_text("\n".join(kept) + "\n")
    for folder, images in (("train_images", train), ("test_images", test)):
        (out / folder).mkdir(exist_ok=True)
        for image in sorted(images):
            shutil.copy2(src / folder / image, out / folder / image)


if __name__ == "__main__":
    main()
