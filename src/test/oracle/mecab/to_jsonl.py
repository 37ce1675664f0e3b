"""Pairs mecab's output blocks (ending in EOS) with the input lines: {"input", "morphemes": [[surface, feature]]}."""
import json
import sys

inputs = open(sys.argv[1], encoding="utf-8", newline="\n").read().split("\n")[:-1]
blocks, current = [], []
for line in open(sys.argv[2], encoding="utf-8", newline="\n").read().split("\n")[:-1]:
    if line == "EOS":
        blocks.append(current)
        current = []
    else:
        surface, feature = line.split("\t", 1)
        current.append([surface, feature])
if current or len(blocks) != len(inputs):
    sys.exit(f"mecab produced {len(blocks)} sentences for {len(inputs)} inputs")
for text, morphemes in zip(inputs, blocks):
    print(json.dumps({"input": text, "morphemes": morphemes}, ensure_ascii=False))
