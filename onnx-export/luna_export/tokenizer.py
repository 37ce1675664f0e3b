"""Character vocabularies and a HuggingFace `tokenizer.json` that tokenizes like
BertJapaneseTokenizer in character mode (word_tokenizer_type "basic", subword "character").

BertJapaneseTokenizer: BasicTokenizer cleans the text (drops control characters and U+FFFD, maps
whitespace to spaces) and splits on whitespace and punctuation; each piece is NFKC-normalised and
cut into characters, a character missing from the vocabulary becoming [UNK]; [CLS] ... [SEP] wrap it.
The tokenizer.json below does the same with: BertNormalizer(clean_text only) + NFKC, a whitespace
split, a one-character regex split, and a WordLevel model with [UNK]. (NFKC runs on whole
whitespace-separated pieces rather than on each punctuation-separated piece; the two differ only
when a combining mark follows a punctuation character.)
"""
import json
import unicodedata
from pathlib import Path
from typing import Dict, List

from .errors import ExportError

SPECIALS = ["[PAD]", "[CLS]", "[SEP]", "[UNK]", "[MASK]"]


def read_vocab(path: Path) -> List[str]:
    path = Path(path)
    if not path.is_file():
        raise ExportError(f"{path}: file not found")
    try:
        lines = path.read_text(encoding="utf-8").split("\n")
    except UnicodeDecodeError as e:
        raise ExportError(f"{path}: not UTF-8 ({e})")
    if lines and lines[-1] == "":
        lines.pop()
    for i, s in enumerate(SPECIALS[:4]):
        if i >= len(lines) or lines[i] != s:
            raise ExportError(f"{path}: line {i + 1} should be {s}, found {lines[i] if i < len(lines) else 'EOF'!r}")
    return lines


def tokenizer_json(vocab: List[str]) -> Dict:
    # transformers' load_vocab keeps the last index of a duplicated line; mirror that.
    ids: Dict[str, int] = {}
    for i, tok in enumerate(vocab):
        ids[tok] = i
    special = [s for s in SPECIALS if s in ids]
    return {
        "version": "1.0",
        "truncation": None,
        "padding": None,
        "added_tokens": [{"id": ids[s], "content": s, "single_word": False, "lstrip": False, "rstrip": False,
                          "normalized": False, "special": True} for s in special],
        "normalizer": {"type": "Sequence", "normalizers": [
            {"type": "BertNormalizer", "clean_text": True, "handle_chinese_chars": False,
             "strip_accents": False, "lowercase": False},
            {"type": "NFKC"}]},
        "pre_tokenizer": {"type": "Sequence", "pretokenizers": [
            {"type": "WhitespaceSplit"},
            {"type": "Split", "pattern": {"Regex": "."}, "behavior": "Isolated", "invert": False}]},
        "post_processor": {
            "type": "TemplateProcessing",
            "single": [{"SpecialToken": {"id": "[CLS]", "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}},
                       {"SpecialToken": {"id": "[SEP]", "type_id": 0}}],
            "pair": [{"SpecialToken": {"id": "[CLS]", "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}},
                     {"SpecialToken": {"id": "[SEP]", "type_id": 0}}, {"Sequence": {"id": "B", "type_id": 1}},
                     {"SpecialToken": {"id": "[SEP]", "type_id": 1}}],
            "special_tokens": {s: {"id": s, "ids": [ids[s]], "tokens": [s]} for s in ("[CLS]", "[SEP]")},
        },
        "decoder": None,
        "model": {"type": "WordLevel", "vocab": ids, "unk_token": "[UNK]"},
    }


def write_tokenizer(vocab: List[str], path: Path) -> None:
    Path(path).write_text(json.dumps(tokenizer_json(vocab), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def reference_ids(vocab: List[str], text: str) -> List[int]:
    """Plain-Python statement of the rules (used by the tests to cross-check DJL)."""
    ids = {}
    for i, tok in enumerate(vocab):
        ids[tok] = i
    cleaned = []
    for ch in text:
        cp = ord(ch)
        if cp == 0 or cp == 0xFFFD or _is_control(ch):
            continue
        cleaned.append(" " if _is_whitespace(ch) else ch)
    out = [ids["[CLS]"]]
    for piece in "".join(cleaned).split():
        for ch in unicodedata.normalize("NFKC", piece):
            if ch.isspace():
                continue
            out.append(ids.get(ch, ids["[UNK]"]))
    out.append(ids["[SEP]"])
    return out


def _is_whitespace(ch):
    return ch in " \t\n\r" or unicodedata.category(ch) == "Zs"


def _is_control(ch):
    if ch in "\t\n\r":
        return False
    return unicodedata.category(ch) in ("Cc", "Cf")


def tiny_vocab() -> List[str]:
    """Own character vocabulary for the tiny BERT: kana, ASCII (what NFKC leaves of full-width
    forms), Japanese punctuation and the 2,965 JIS X 0208 level-1 kanji (the common ones)."""
    chars: List[str] = []
    chars += [chr(c) for c in range(0x3041, 0x3097)] + ["ゝ", "ゞ"]
    chars += [chr(c) for c in range(0x30A1, 0x30FB)] + ["ー", "ヽ", "ヾ"]
    chars += [chr(c) for c in range(0x21, 0x7F)]
    chars += list("、。「」『』【】〈〉《》〔〕・…‥〜々〆〇※〒♪")
    for hi in range(0xB0, 0xD0):  # EUC-JP rows 16..47: JIS level-1 kanji
        for lo in range(0xA1, 0xFF):
            try:
                ch = bytes([hi, lo]).decode("euc_jp")
            except UnicodeDecodeError:
                continue
            if len(ch) == 1 and unicodedata.name(ch, "").startswith("CJK UNIFIED IDEOGRAPH"):
                chars.append(ch)
    seen, out = set(), list(SPECIALS)
    for ch in chars:
        if ch not in seen and unicodedata.normalize("NFKC", ch) == ch:
            seen.add(ch)
            out.append(ch)
    return out
