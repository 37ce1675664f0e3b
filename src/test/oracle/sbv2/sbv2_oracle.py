"""Runs Style-Bert-VITS2 2.7.0's own Japanese text code as a reference (nothing of it is committed).

Usage: /usr/bin/python3 sbv2_oracle.py SBV2_CHECKOUT NUM2WORDS_CHECKOUT FIXTURES NORM_INPUTS OUT_DIR
  SBV2_CHECKOUT      a checkout of litagin02/Style-Bert-VITS2 at tag 2.7.0
  NUM2WORDS_CHECKOUT a checkout of savoirfairelinux/num2words (v0.5.14)
Only normalizer.py, g2p.py, mora_list.py and symbols.py are loaded from SBV2; pyopenjtalk is replaced
by a module replaying the open_jtalk fixtures, the BERT tokenizer by a character tokenizer (NFKC,
one token per non-space character, as BertJapaneseTokenizer in character mode), the logger by a no-op.
Writes OUT_DIR/normalize-goldens.tsv (input as JSON string, output or !ExceptionName) and
OUT_DIR/g2p-goldens.tsv (text, bert text, phones, tones, word2ph; or !ExceptionName).
"""
import importlib.util
import json
import sys
import types
import unicodedata

sbv2, n2w, fixtures, norm_inputs, out_dir = sys.argv[1:6]
sys.path.insert(0, n2w)


def load(name, path):
    spec = importlib.util.spec_from_file_location(name, path)
    mod = importlib.util.module_from_spec(spec)
    sys.modules[name] = mod
    spec.loader.exec_module(mod)
    return mod


def package(name):
    mod = types.ModuleType(name)
    mod.__path__ = []
    sys.modules[name] = mod
    return mod


def parse_fixtures(path):
    data, text = {}, None
    for line in open(path, encoding="utf-8").read().split("\n"):
        if not line:
            continue
        kind, value = line.split("\t", 1)
        if kind == "T":
            text = value
            data[text] = ([], [])
        elif kind == "F":
            f = value.split(",")
            acc, mora = f[10].split("/")
            data[text][0].append(dict(string=f[0], pos=f[1], pos_group1=f[2], pos_group2=f[3],
                                      pos_group3=f[4], ctype=f[5], cform=f[6], orig=f[7], read=f[8],
                                      pron=f[9], acc=int(acc), mora_size=int(mora), chain_rule=f[11],
                                      chain_flag=int(f[12])))
        elif kind == "L":
            data[text][1].append(value)
        elif kind == "X":
            del data[text]
    return data


FIX = parse_fixtures(fixtures)

package("style_bert_vits2")
constants = types.ModuleType("style_bert_vits2.constants")
constants.Languages = types.SimpleNamespace(JP="JP", EN="EN", ZH="ZH")
sys.modules["style_bert_vits2.constants"] = constants
logging_mod = types.ModuleType("style_bert_vits2.logging")
logging_mod.logger = types.SimpleNamespace(warning=lambda *a, **k: None, debug=lambda *a, **k: None)
sys.modules["style_bert_vits2.logging"] = logging_mod
nlp = package("style_bert_vits2.nlp")


class CharTokenizer:
    def tokenize(self, text):
        return [c for c in unicodedata.normalize("NFKC", text) if not c.isspace()]


bert_models = types.ModuleType("style_bert_vits2.nlp.bert_models")
bert_models.load_tokenizer = lambda lang: CharTokenizer()
sys.modules["style_bert_vits2.nlp.bert_models"] = bert_models
nlp.bert_models = bert_models
load("style_bert_vits2.nlp.symbols", sbv2 + "/style_bert_vits2/nlp/symbols.py")
package("style_bert_vits2.nlp.japanese")
worker = types.ModuleType("style_bert_vits2.nlp.japanese.pyopenjtalk_worker")
LABELS = {}


def run_frontend(text):
    feats, labels = FIX[text]
    LABELS[id(feats)] = labels
    return feats


def make_label(feats):
    return LABELS[id(feats)]


worker.run_frontend = run_frontend
worker.make_label = make_label
sys.modules["style_bert_vits2.nlp.japanese.pyopenjtalk_worker"] = worker
sys.modules["style_bert_vits2.nlp.japanese"].pyopenjtalk_worker = worker
load("style_bert_vits2.nlp.japanese.mora_list", sbv2 + "/style_bert_vits2/nlp/japanese/mora_list.py")
normalizer = load("style_bert_vits2.nlp.japanese.normalizer", sbv2 + "/style_bert_vits2/nlp/japanese/normalizer.py")
g2p = load("style_bert_vits2.nlp.japanese.g2p", sbv2 + "/style_bert_vits2/nlp/japanese/g2p.py")

with open(out_dir + "/normalize-goldens.tsv", "w", encoding="utf-8") as out:
    for line in open(norm_inputs, encoding="utf-8").read().split("\n"):
        if not line or line.startswith("#"):
            continue
        text = json.loads(line)
        try:
            res = normalizer.normalize_text(text)
        except Exception as e:  # noqa: BLE001 - the exception type is the golden
            res = "!" + type(e).__name__
        out.write(json.dumps(text, ensure_ascii=False) + "\t" + json.dumps(res, ensure_ascii=False) + "\n")

with open(out_dir + "/g2p-goldens.tsv", "w", encoding="utf-8") as out:
    for text in FIX:
        try:
            phones, tones, word2ph = g2p.g2p(text)
            bert = "".join(g2p.text_to_sep_kata(text)[0])
            assert len(word2ph) == len(bert) + 2
            cols = [bert, " ".join(phones), " ".join(map(str, tones)), " ".join(map(str, word2ph))]
        except Exception as e:  # noqa: BLE001
            cols = ["!" + type(e).__name__]
        out.write("\t".join([text] + cols) + "\n")
