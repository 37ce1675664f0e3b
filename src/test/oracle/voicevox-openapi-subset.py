#!/usr/bin/env python3
"""Writes the schema facts luna-tts's VOICEVOX tests check: the paths luna-tts implements and the component
schemas they reference, from VOICEVOX ENGINE's OpenAPI snapshot (test/e2e/__snapshots__/test_openapi/*.json in
github.com/VOICEVOX/voicevox_engine), without descriptions, titles and examples.

usage: voicevox-openapi-subset.py SNAPSHOT.json COMMIT > src/test/resources/voicevox/openapi-subset.json
"""
import json
import sys

PATHS = ["/version", "/engine_manifest", "/speakers", "/speaker_info", "/audio_query", "/accent_phrases",
         "/mora_data", "/synthesis", "/cancellable_synthesis", "/multi_synthesis", "/initialize_speaker",
         "/is_initialized_speaker", "/user_dict", "/user_dict_word", "/user_dict_word/{word_uuid}",
         "/import_user_dict"]
DROP = {"description", "title", "summary", "examples", "example", "tags"}


def strip(o):
    if isinstance(o, dict):
        return {k: strip(v) for k, v in o.items() if k not in DROP}
    if isinstance(o, list):
        return [strip(x) for x in o]
    return o


def refs(o, out):
    if isinstance(o, dict):
        for k, v in o.items():
            if k == "$ref" and isinstance(v, str):
                out.add(v.rsplit("/", 1)[1])
            else:
                refs(v, out)
    elif isinstance(o, list):
        for x in o:
            refs(x, out)


doc = json.load(open(sys.argv[1]))
paths = {p: strip(doc["paths"][p]) for p in PATHS}
schemas = doc["components"]["schemas"]
need, todo = set(), set()
refs(paths, todo)
while todo:
    n = todo.pop()
    if n in need:
        continue
    need.add(n)
    refs(schemas[n], todo)
out = {"source": "VOICEVOX ENGINE OpenAPI snapshot, commit " + sys.argv[2] + " (LGPL-3.0; descriptions removed)",
       "openapi": doc["openapi"], "paths": paths,
       "components": {"schemas": {n: strip(schemas[n]) for n in sorted(need)}}}
json.dump(out, sys.stdout, ensure_ascii=False, indent=1, sort_keys=True)
print()
