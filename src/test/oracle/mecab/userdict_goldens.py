"""User-dictionary goldens: SBV2 2.7.0's own user_dict code writes the words, Debian's mecab-dict-index
compiles them, Debian's mecab (-u) and open_jtalk analyse sentences with them (nothing of SBV2 is committed).

Usage: python3 userdict_goldens.py SBV2_CHECKOUT WORDS_JSON SENTENCES_TXT NAIST_SRC_DIR OUT_DIR
  SBV2_CHECKOUT   litagin02/Style-Bert-VITS2 at tag 2.7.0 (needs pydantic and numpy in this Python)
  NAIST_SRC_DIR   mecab-naist-jdic/ of Debian's open-jtalk 1.11 source package (naist-jdic.csv, unidic-csj.csv)

SBV2: user_dict/__init__.py, word_model.py and part_of_speech_data.py are loaded as they are; fastapi's
HTTPException, the constants module and pyopenjtalk_worker are replaced by stubs. apply_word() writes
user_dict.json and calls update_dict(), which builds the CSV (a one-line stand-in default.csv first, cut
off again) and hands it to the stub's mecab_dict_index, which keeps the user rows.

Writes OUT_DIR/words.json (the input), OUT_DIR/{global,request}/user_dict.json and rows.csv (SBV2's files),
OUT_DIR/mecab.jsonl
({"input", "dics", "morphemes"}: mecab -d naist-jdic -u <dics>) and OUT_DIR/openjtalk.jsonl.gz
({"text", "dics", "features", "labels"}: open_jtalk with a sys.dic rebuilt from the naist-jdic sources plus
the rows, kept only where mecab on that sys.dic gives the same best path as mecab -u).
"""
import gzip
import importlib.util
import json
import os
import pathlib
import random
import shutil
import subprocess
import sys
import tempfile
import types

sbv2, words_json, sentences_txt, naist_src, out_dir = sys.argv[1:6]
DIC = "/var/lib/mecab/dic/open-jtalk/naist-jdic"
VOICE = "/usr/share/hts-voice/nitech-jp-atr503-m001/nitech_jp_atr503_m001.htsvoice"
INDEX = "/usr/lib/mecab/mecab-dict-index"
work = pathlib.Path(tempfile.mkdtemp())
out = pathlib.Path(out_dir)


def module(name, **attrs):
    mod = types.ModuleType(name)
    mod.__path__ = []
    mod.__dict__.update(attrs)
    sys.modules[name] = mod
    return mod


class HTTPException(Exception):
    def __init__(self, status_code, detail):
        super().__init__(detail)


captured = {}


def mecab_dict_index(csv_path, compiled_path):
    lines = pathlib.Path(csv_path).read_text(encoding="utf-8").split("\n")
    assert lines[0] == "STAND_IN_DEFAULT_ROW", lines[0]
    captured["rows"] = "\n".join(lines[1:])
    pathlib.Path(compiled_path).write_bytes(b"")


for name in ["style_bert_vits2", "style_bert_vits2.nlp", "style_bert_vits2.nlp.japanese"]:
    module(name)
module("fastapi", HTTPException=HTTPException)
module("style_bert_vits2.constants", DEFAULT_USER_DICT_DIR=work)
module("style_bert_vits2.nlp.japanese.pyopenjtalk_worker", mecab_dict_index=mecab_dict_index,
       unset_user_dict=lambda: None, update_global_jtalk_with_user_dict=lambda path: None)
import pydantic  # noqa: E402

if not hasattr(pydantic.BaseModel, "model_dump"):  # pydantic 1 (Debian bookworm)
    pydantic.BaseModel.model_dump = pydantic.BaseModel.dict
base = pathlib.Path(sbv2) / "style_bert_vits2/nlp/japanese/user_dict"
pkg = "style_bert_vits2.nlp.japanese.user_dict"
for name, file in [("word_model", "word_model.py"), ("part_of_speech_data", "part_of_speech_data.py"),
                   ("", "__init__.py")]:
    full = pkg + ("." + name if name else "")
    spec = importlib.util.spec_from_file_location(full, base / file,
                                                  submodule_search_locations=[str(base)] if not name else None)
    mod = importlib.util.module_from_spec(spec)
    sys.modules[full] = mod
    spec.loader.exec_module(mod)
user_dict = sys.modules[pkg]
WordTypes = sys.modules[pkg + ".word_model"].WordTypes


def sbv2_dictionary(name, words):
    d = out / name
    d.mkdir(parents=True, exist_ok=True)
    json_path, default_path = d / "user_dict.json", work / "default.csv"
    default_path.write_text("STAND_IN_DEFAULT_ROW", encoding="utf-8")
    if json_path.exists():
        json_path.unlink()
    for w in words:
        user_dict.apply_word(surface=w["surface"], pronunciation=w["pronunciation"], accent_type=w["accent_type"],
                             word_type=WordTypes(w["word_type"]), priority=w["priority"],
                             user_dict_path=json_path, compiled_dict_path=work / (name + ".dic"))
    user_dict.update_dict(default_dict_path=default_path, user_dict_path=json_path,
                          compiled_dict_path=work / (name + ".dic"))
    (d / "rows.csv").write_text(captured["rows"], encoding="utf-8")
    return d / "rows.csv"


def mecab_dir(path, userdic=None):
    path.mkdir()
    for f in ["sys.dic", "unk.dic", "matrix.bin", "char.bin"]:
        os.symlink(DIC + "/" + f, path / f)
    rc = "cost-factor = 800\nbos-feature = BOS/EOS,*,*,*,*,*,*,*,*\n"
    (path / "dicrc").write_text(rc, encoding="utf-8")
    return path


def run_mecab(dicdir, inputs, userdics):
    args = ["mecab", "-d", str(dicdir)] + (["-u", ",".join(map(str, userdics))] if userdics else [])
    text = "".join(s + "\n" for s in inputs)
    res = subprocess.run(args, input=text.encode("utf-8"), stdout=subprocess.PIPE, check=True)
    blocks, cur = [], []
    for line in res.stdout.decode("utf-8").split("\n")[:-1]:
        if line == "EOS":
            blocks.append(cur)
            cur = []
        else:
            cur.append(line.split("\t", 1))
    assert len(blocks) == len(inputs), (len(blocks), len(inputs))
    return blocks


def open_jtalk(dicdir, text):
    trace = work / "trace.txt"
    subprocess.run(["open_jtalk", "-x", str(dicdir), "-m", VOICE, "-ot", str(trace), "-ow", "/dev/null"],
                   input=(text + "\n").encode("utf-8"), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    features, labels, section = [], [], None
    for line in trace.read_text(encoding="utf-8").split("\n"):
        if line == "[Text analysis result]":
            section = "f"
        elif line == "[Output label]":
            section = "l"
        elif line == "":
            section = None
        elif section == "f":
            features.append(line)
        elif section == "l":
            labels.append(line.split(" ", 2)[2])
    trace.unlink()
    return features, labels


words = json.loads(pathlib.Path(words_json).read_text(encoding="utf-8"))
shutil.copy(words_json, out / "words.json")
rows = {name: sbv2_dictionary(name, words[name]) for name in ["global", "request"]}
base_dir = mecab_dir(work / "dic")
compiled = {}
for name, csv in rows.items():
    compiled[name] = work / (name + ".user.dic")
    subprocess.run([INDEX, "-d", str(base_dir), "-u", str(compiled[name]), "-f", "utf-8", "-t", "utf-8", str(csv)],
                   check=True, stdout=subprocess.DEVNULL)

sentences = [s for s in pathlib.Path(sentences_txt).read_text(encoding="utf-8").split("\n") if s]
surfaces = []
for name in ["global", "request"]:
    for w in json.loads((out / name / "user_dict.json").read_text(encoding="utf-8")).values():
        if w["surface"] not in surfaces:
            surfaces.append(w["surface"])
for s in surfaces:
    sentences += [s, s + "です。", "私の" + s + "と" + s + "。", "今日は" + s + "がある。"]

# random strings for the MeCab stage only: user surfaces, their prefixes, ASCII and full-width spaces, kana,
# kanji, digits, Latin letters and punctuation glued together (spaces are skipped before every lookup)
rng = random.Random(20261201)
pieces = surfaces + [s[:k] for s in surfaces for k in range(1, len(s))] + list("  　　、。！？")
chars = [chr(c) for c in list(range(0x3041, 0x3097)) + list(range(0x30a1, 0x30fb)) + list(range(0xff10, 0xff1a))
         + list(range(0xff21, 0xff3b)) + list(range(0x41, 0x5b))] + list("東京大阪今日推活音声合成見寒生成語月")
randoms = []
while len(randoms) < 400:
    s = "".join(rng.choice(pieces) if rng.random() < 0.6 else rng.choice(chars) for _ in range(rng.randint(1, 12)))
    if s.strip() and s not in randoms and s not in sentences:
        randoms.append(s)

configs = {"global": ["global"], "request": ["request"], "global+request": ["global", "request"]}
mecab_rows = []
for label, names in configs.items():
    blocks = run_mecab(base_dir, sentences + randoms, [compiled[n] for n in names])
    mecab_rows += [{"input": s, "dics": label, "morphemes": m} for s, m in zip(sentences + randoms, blocks)]
with open(out / "mecab.jsonl", "w", encoding="utf-8") as f:
    for r in mecab_rows:
        f.write(json.dumps(r, ensure_ascii=False) + "\n")

# open_jtalk cannot take a user dictionary: rebuild sys.dic from the naist-jdic sources with the rows added
# after them (mecab-dict-index reads the CSVs of the folder in name order and stable-sorts by surface).
jtalk_rows, skipped = [], 0
for label, names in configs.items():
    src = work / ("src-" + label.replace("+", "-"))
    src.mkdir()
    for f in ["naist-jdic.csv", "unidic-csj.csv"]:
        os.symlink(pathlib.Path(naist_src).resolve() / f, src / f)
    shutil.copy(pathlib.Path(naist_src) / "_pos-id.def", src / "pos-id.def")
    os.symlink(DIC + "/matrix.bin", src / "matrix.bin")
    (src / "dicrc").write_text("cost-factor = 800\n", encoding="utf-8")
    (src / "zz-user.csv").write_text("".join(rows[n].read_text(encoding="utf-8") for n in names), encoding="utf-8")
    merged = work / ("merged-" + label.replace("+", "-"))
    merged.mkdir()
    subprocess.run([INDEX, "-d", str(src), "-o", str(merged), "-s", "-f", "utf-8", "-t", "utf-8"],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for f in ["unk.dic", "matrix.bin", "char.bin"]:
        os.symlink(DIC + "/" + f, merged / f)
    (merged / "dicrc").write_text("cost-factor = 800\nbos-feature = BOS/EOS,*,*,*,*,*,*,*,*\n", encoding="utf-8")
    with_u = {r["input"]: r["morphemes"] for r in mecab_rows if r["dics"] == label}  # sentences only below
    merged_blocks = run_mecab(merged, sentences, [])
    for s, m in zip(sentences, merged_blocks):
        if m != with_u[s]:
            skipped += 1  # a tie that the merged order breaks differently from -u: not an oracle for -u
            continue
        features, labels = open_jtalk(merged, s)
        jtalk_rows.append({"text": s, "dics": label, "features": features, "labels": labels})
with gzip.GzipFile(out / "openjtalk.jsonl.gz", "wb", compresslevel=9, mtime=0) as f:
    for r in jtalk_rows:
        f.write((json.dumps(r, ensure_ascii=False) + "\n").encode("utf-8"))
shutil.rmtree(work)
print(f"{len(sentences)} sentences + {len(randoms)} random strings, {len(mecab_rows)} mecab records, {len(jtalk_rows)} open_jtalk records, "
      f"{skipped} skipped (merged sys.dic broke a tie differently)")
