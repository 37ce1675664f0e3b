"""The tiny committed models (test fixtures and service defaults) and the full-size benchmark models."""
import json
import shutil
import time
from pathlib import Path
from typing import Dict

import numpy as np
import torch

from . import bert, gemm_convs, onnx_util, voice
from .errors import ExportError
from .sbv2 import SynthesizerTrnJPExtra, VoiceDims
from .tokenizer import SPECIALS, reference_ids, tiny_vocab

TINY_SEED = 20240607
TINY_DIMS = dict(inter_channels=32, hidden_channels=32, filter_channels=64, n_heads=2, n_layers=3, kernel_size=3,
                 resblock_kernel_sizes=[3, 7], resblock_dilation_sizes=[[1, 3, 5], [1, 3, 5]],
                 upsample_rates=[8, 8, 8], upsample_initial_channel=64, upsample_kernel_sizes=[16, 16, 16],
                 n_speakers=2, gin_channels=32, n_flow_layer=2, n_layers_trans_flow=3)
TINY_SPEAKERS = ["tiny-a", "tiny-b"]
TINY_STYLES = ["Neutral", "Happy"]
TOKENIZER_CASES = ["こんにちは。", "ＡＢＣ", "今日はいい天気ですね!", "鬱", "ｶﾞｯﾂ", "a b\tc", "①②", "", "𠮷野家"]


def tiny_voice():
    torch.manual_seed(TINY_SEED)
    model = voice.randomize(SynthesizerTrnJPExtra(VoiceDims(**TINY_DIMS)), TINY_SEED)
    cfg = voice.sbv2_config("tiny", VoiceDims(**TINY_DIMS), TINY_SPEAKERS, TINY_STYLES)
    sv = voice.random_style_vectors(len(TINY_STYLES), TINY_SEED)
    return model, cfg, sv


def tiny_bert():
    vocab = tiny_vocab()
    torch.manual_seed(TINY_SEED + 1)
    return bert.TinyCharBert(len(vocab)).eval(), vocab


def voice_cases(sv: np.ndarray) -> Dict[str, Dict[str, np.ndarray]]:
    ph, to, la = voice.sample_phonemes()
    a = voice.make_inputs(ph, to, la, sv[0], sid=0, seed=11)
    ph2, to2, la2 = voice.sample_phonemes((0, 8, 103, 0), (0, 1, 0, 0))  # あ!
    b = voice.make_inputs(ph2, to2, la2, sv[1], sid=1, seed=12, length_scale=1.3, sdp_ratio=0.6)
    return {"voice_a": a, "voice_b": b}


def _save_case(folder: Path, feeds: Dict[str, np.ndarray], output: np.ndarray):
    folder.mkdir(parents=True, exist_ok=True)
    for k, v in feeds.items():
        np.save(folder / f"{k}.npy", v)
    np.save(folder / "output.npy", output.astype(np.float32))


def make_test_models(root: Path, log=print) -> Dict[str, object]:
    """Writes models/voices/tiny, models/bert/tiny and src/test/resources/export under `root`."""
    root = Path(root)
    res_dir = root / "src/test/resources/export"
    stats = {}
    model, cfg, sv = tiny_voice()
    stats["voice"] = voice.write_voice(model, cfg, sv, root / "models/voices/tiny", log=log)
    bmodel, vocab = tiny_bert()
    stats["bert"] = bert.export_bert_model(bmodel, vocab, root / "models/bert/tiny", log=log)

    shutil.rmtree(res_dir, ignore_errors=True)
    for name, feeds in voice_cases(sv).items():
        _save_case(res_dir / name, feeds, voice.run_torch(model, feeds))
    feeds = bert.sample_feeds(vocab)
    _save_case(res_dir / "bert", feeds, bert.torch_out(bmodel, feeds))
    zoo = gemm_convs.conv_zoo()
    onnx_util.export(zoo, (torch.randn(1, 6, 9),), res_dir / "conv_zoo.onnx", ["x"], ["y"],
                     {"x": {0: "batch", 2: "length"}, "y": {0: "batch", 2: "samples"}})
    onnx_util.strip_doc_strings(res_dir / "conv_zoo.onnx")
    log("conv_zoo.cuda.onnx: " + gemm_convs.rewrite_file(res_dir / "conv_zoo.onnx", res_dir / "conv_zoo.cuda.onnx").summary())
    cases = [{"text": t, "ids": reference_ids(vocab, t)} for t in TOKENIZER_CASES]
    (res_dir / "tokenizer_cases.json").write_text(json.dumps(cases, ensure_ascii=False, indent=1) + "\n",
                                                  encoding="utf-8")
    manifest = {"torch": torch.__version__, "seed": TINY_SEED, "voice_parameters": sum(p.numel() for p in model.parameters()),
                "bert_parameters": sum(p.numel() for p in bmodel.parameters()), "vocab_size": len(vocab),
                "specials": SPECIALS}
    (res_dir / "manifest.json").write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")
    log(f"reference outputs in {res_dir}")
    return stats


def make_bench_models(out: Path, voice_only: bool = False, fp16_voice: bool = False, log=print) -> Dict[str, object]:
    out = Path(out)
    stats = {}
    t0 = time.time()
    torch.manual_seed(1)
    dims = VoiceDims(n_speakers=2)
    model = voice.randomize(SynthesizerTrnJPExtra(dims), 1, frames_per_token=2.6)
    cfg = voice.sbv2_config("bench", dims, ["bench-a", "bench-b"], ["Neutral", "Happy"])
    sv = voice.random_style_vectors(2, 1)
    log(f"voice: {sum(p.numel() for p in model.parameters()) / 1e6:.2f} M parameters, built in {time.time() - t0:.1f} s")
    stats["voice"] = voice.write_voice(model, cfg, sv, out / "voices/bench", log=log)
    if fp16_voice:
        stats["voice_fp16"] = voice.write_voice(model, cfg, sv, out / "voices/bench-fp16", fp16=True, log=log)
    if voice_only:
        return stats
    try:
        import transformers
    except ImportError:
        raise ExportError("bench BERT needs the `transformers` package (or run with --voice-only)")
    t0 = time.time()
    torch.manual_seed(2)
    deberta = transformers.DebertaV2Model(bert.deberta_large_config()).eval()
    log(f"bert: {sum(p.numel() for p in deberta.parameters()) / 1e6:.1f} M parameters, built in {time.time() - t0:.1f} s")
    vocab = bench_vocab(22012)
    stats["bert"] = bert.export_transformers_bert(deberta, vocab, out / "bert", "bench", ("fp32", "fp16"), log=log)
    return stats


def bench_vocab(size: int):
    """tiny_vocab() filled up to `size` with further CJK ideographs (ids only need to be in range)."""
    vocab = tiny_vocab()
    seen = set(vocab)
    cp = 0x4E00
    while len(vocab) < size:
        ch = chr(cp)
        if ch not in seen:
            vocab.append(ch)
        cp += 1
    return vocab
