"""Japanese char BERT -> models/bert/<name>/ (model.onnx + tokenizer.json).

Contract: inputs input_ids, attention_mask int64 [batch, L]; output `output` float32 [L, 1024] =
hidden state of encoder layer 22 of 24 (hidden_states[-3]) of batch row 0 (SBV2's contract), and
`hidden_states` float32 [batch, L, 1024] = the same layer for every row, for batches of right-padded
items (attention_mask 0 on the padding; a row's valid positions equal its unbatched features).
"""
import json
import math
import time
from pathlib import Path
from typing import Dict, List, Optional

import numpy as np
import torch
from torch import nn
from torch.nn import functional as F

from . import gemm_convs, onnx_util
from .errors import ExportError
from .tokenizer import read_vocab, reference_ids, write_tokenizer

INPUT_NAMES = ["input_ids", "attention_mask"]
DYNAMIC_AXES = {"input_ids": {0: "batch_size", 1: "sequence_length"},
                "attention_mask": {0: "batch_size", 1: "sequence_length"},
                "output": {0: "sequence_length"},
                "hidden_states": {0: "batch_size", 1: "sequence_length"}}
CONTRACT = {"input_ids": ("in", "INT64", 2, {0, 1}), "attention_mask": ("in", "INT64", 2, {0, 1}),
            "output": ("out", "FLOAT", 2, {0}), "hidden_states": ("out", "FLOAT", 3, {0, 1})}
OUTPUT_NAMES = ["output", "hidden_states"]
SAMPLE_TEXT = "今日はいい天気ですね.こんにちは!ABC123"
SHORT_TEXT = "あ!"


class TinyCharBert(nn.Module):
    """A small post-LN transformer with the BERT contract (not DeBERTa: sound-shaped features only).
    Returns the states after layer `out_layer` projected to 1024, like layer 22 of the real model."""

    def __init__(self, vocab_size: int, hidden: int = 64, layers: int = 3, heads: int = 4, ffn: int = 128,
                 out_layer: int = 2, max_len: int = 512, out_dim: int = 1024):
        super().__init__()
        self.heads, self.out_layer = heads, out_layer
        self.word = nn.Embedding(vocab_size, hidden)
        self.pos = nn.Embedding(max_len, hidden)
        self.emb_norm = nn.LayerNorm(hidden)
        self.qkv = nn.ModuleList([nn.Linear(hidden, 3 * hidden) for _ in range(layers)])
        self.attn_out = nn.ModuleList([nn.Linear(hidden, hidden) for _ in range(layers)])
        self.norm1 = nn.ModuleList([nn.LayerNorm(hidden) for _ in range(layers)])
        self.ff1 = nn.ModuleList([nn.Linear(hidden, ffn) for _ in range(layers)])
        self.ff2 = nn.ModuleList([nn.Linear(ffn, hidden) for _ in range(layers)])
        self.norm2 = nn.ModuleList([nn.LayerNorm(hidden) for _ in range(layers)])
        self.out = nn.Linear(hidden, out_dim)

    def forward(self, input_ids, attention_mask):
        b, L = input_ids.shape
        pos = torch.arange(L, device=input_ids.device).unsqueeze(0)
        x = self.emb_norm(self.word(input_ids) + self.pos(pos))
        bias = (1.0 - attention_mask.to(x.dtype))[:, None, None, :] * -1e4
        hd = x.shape[-1] // self.heads
        for i in range(self.out_layer):
            q, k, v = self.qkv[i](x).reshape(b, L, 3, self.heads, hd).permute(2, 0, 3, 1, 4)
            a = F.softmax(torch.matmul(q, k.transpose(-1, -2)) / math.sqrt(hd) + bias, dim=-1)
            y = torch.matmul(a, v).transpose(1, 2).reshape(b, L, -1)
            x = self.norm1[i](x + self.attn_out[i](y))
            x = self.norm2[i](x + self.ff2[i](F.gelu(self.ff1[i](x))))
        h = self.out(x)
        return h[0], h


class HiddenStateWrapper(nn.Module):
    """transformers model -> (hidden_states[-3][0], hidden_states[-3]), cast to float32.
    attention_mask goes to the model, which masks padded keys in every attention layer (and DeBERTa's
    embeddings and first-layer conv zero the padded positions), so a right-padded row's valid positions
    get its unbatched features."""

    def __init__(self, model: nn.Module):
        super().__init__()
        self.model = model

    def forward(self, input_ids, attention_mask):
        out = self.model(input_ids=input_ids, attention_mask=attention_mask, output_hidden_states=True)
        h = out.hidden_states[-3].float()
        return h[0], h


def sample_feeds(vocab: List[str], text: str = SAMPLE_TEXT) -> Dict[str, np.ndarray]:
    ids = np.array([reference_ids(vocab, text)], dtype=np.int64)
    return {"input_ids": ids, "attention_mask": np.ones_like(ids)}


def torch_out(model: nn.Module, feeds: Dict[str, np.ndarray], device="cpu") -> np.ndarray:
    """`output` (row 0) in PyTorch."""
    return torch_out_both(model, feeds, device)[0]


def torch_out_both(model: nn.Module, feeds: Dict[str, np.ndarray], device="cpu"):
    """(`output`, `hidden_states`) in PyTorch."""
    with torch.no_grad():
        args = [torch.from_numpy(feeds[n]).to(device) for n in INPUT_NAMES]
        row0, states = model(*args)
        return row0.float().cpu().numpy(), states.float().cpu().numpy()


def batch_feeds(items: List[Dict[str, np.ndarray]]) -> Dict[str, np.ndarray]:
    """Right-pads single-row feeds to one batch: input_ids with [PAD] (0), attention_mask with 0."""
    L = max(f["input_ids"].shape[1] for f in items)
    return {n: np.stack([np.pad(f[n][0], (0, L - f[n].shape[1])) for f in items]).astype(np.int64)
            for n in INPUT_NAMES}


def export_bert_model(model: nn.Module, vocab: List[str], out_dir: Path, fp16: bool = False, log=print,
                      reference: Optional[np.ndarray] = None, reference_model: Optional[nn.Module] = None
                      ) -> Dict[str, object]:
    """model: fp32 module on CPU (or already half on CUDA when fp16 compute export is wanted);
    reference_model: the fp32 CPU module the parity lines compare against (default: model itself)."""
    if reference_model is None and next(model.parameters()).device.type == "cpu":
        reference_model = model
    feeds = sample_feeds(vocab)
    device = next(model.parameters()).device
    stats = {}
    with onnx_util.atomic_dir(out_dir) as tmp:
        path = tmp / "model.onnx"
        t0 = time.time()
        args = tuple(torch.from_numpy(feeds[n]).to(device) for n in INPUT_NAMES)
        model.eval()
        onnx_util.export(model, args, path, INPUT_NAMES, OUTPUT_NAMES, DYNAMIC_AXES)
        half_compute = next(model.parameters()).dtype == torch.float16
        try:
            cuda_path = gemm_convs.write_cuda_variant(path, log)  # before fp16 storage hides weights behind Casts
        except Exception as e:  # noqa: BLE001 - the variant is an optimisation; model.onnx serves CUDA too
            # transformers' DeBERTa export nests its relative-position branch in If subgraphs, which the rewrite
            # does not walk: keep the plain graph (its one convolution then runs on cuDNN)
            log(f"gemm-convs: no CUDA variant for {path.name}: {str(e).splitlines()[0][:200]}")
            cuda_path = None
            for leftover in tmp.glob("*.cuda.onnx"):
                leftover.unlink()
        if fp16 and not half_compute:
            for p in (path, cuda_path):
                if p is not None:
                    n = onnx_util.to_fp16_weights(p, p)
                    log(f"fp16: {p.name}: {n} weight tensors stored as float16 (compute stays float32: no CUDA for a half export)")
        elif half_compute:
            log("fp16: exported from a half-precision model (fp16 compute, int64 inputs, float32 output)")
        onnx_util.check_contract(path, CONTRACT)
        stats["export_s"] = time.time() - t0
        write_tokenizer(vocab, tmp / "tokenizer.json")
        (tmp / "vocab.txt").write_text("\n".join(vocab) + "\n", encoding="utf-8")
        ref = reference if reference is not None else torch_out(model, feeds, device)
        lines = [onnx_util.parity_line(f"bert {out_dir.name} L={feeds['input_ids'].shape[1]}", path, feeds, ref,
                                       prefer_cuda=half_compute)]
        if reference_model is not None:  # a second length: the sequence axis must really be dynamic
            short = sample_feeds(vocab, SHORT_TEXT)
            lines.append(onnx_util.parity_line(f"bert {out_dir.name} L={short['input_ids'].shape[1]}", path, short,
                                               torch_out(reference_model, short), prefer_cuda=half_compute))
        if cuda_path is not None:
            lines.append(onnx_util.parity_line(f"bert {out_dir.name} {cuda_path.name} L={feeds['input_ids'].shape[1]}",
                                               cuda_path, feeds, ref, prefer_cuda=half_compute))
        stats["parity"] = "\n".join(lines)
    stats["size_mb"] = onnx_util.file_mb(out_dir / "model.onnx")
    log(f"wrote {out_dir}/model.onnx ({stats['size_mb']:.1f} MB) in {stats['export_s']:.1f} s")
    log(stats["parity"])
    return stats


def _transformers():
    try:
        import transformers  # noqa: F401
        return transformers
    except ImportError:
        raise ExportError("the BERT export needs the `transformers` package (pip install transformers)")


def export_bert(src: Path, out_root: Path, name: str, precisions=("fp32", "fp16"), log=print):
    """src: local folder of ku-nlp/deberta-v2-large-japanese-char-wwm (config.json, weights, vocab.txt)."""
    src = Path(src)
    if not src.is_dir():
        raise ExportError(f"{src}: not a folder")
    for f in ("config.json", "vocab.txt"):
        if not (src / f).is_file():
            raise ExportError(f"{src / f}: file not found")
    cfg = json.loads((src / "config.json").read_text(encoding="utf-8"))
    if cfg.get("model_type") != "deberta-v2" or cfg.get("hidden_size") != 1024:
        raise ExportError(f"{src / 'config.json'}: model_type {cfg.get('model_type')!r}, hidden "
                          f"{cfg.get('hidden_size')}: not a DeBERTa-v2 with 1024 hidden units")
    vocab = read_vocab(src / "vocab.txt")
    if len(vocab) != cfg.get("vocab_size"):
        raise ExportError(f"{src / 'vocab.txt'}: {len(vocab)} lines but config.json vocab_size is {cfg.get('vocab_size')}")
    tf = _transformers()
    model = tf.DebertaV2Model.from_pretrained(str(src), local_files_only=True).eval()
    return export_transformers_bert(model, vocab, out_root, name, precisions, log)


def export_transformers_bert(model, vocab, out_root: Path, name: str, precisions, log=print):
    wrapper = HiddenStateWrapper(model.float().eval())
    feeds = sample_feeds(vocab)
    ref = torch_out(wrapper, feeds)
    results = {}
    if "fp32" in precisions:
        results["fp32"] = export_bert_model(wrapper, vocab, Path(out_root) / name, log=log, reference=ref,
                                            reference_model=wrapper)
    if "fp16" in precisions:
        if torch.cuda.is_available():
            import copy
            half = HiddenStateWrapper(copy.deepcopy(model).half().cuda().eval())
            results["fp16"] = export_bert_model(half, vocab, Path(out_root) / (name + "-fp16"), fp16=True,
                                                log=log, reference=ref, reference_model=wrapper)
            del half
            torch.cuda.empty_cache()
        else:
            results["fp16"] = export_bert_model(wrapper, vocab, Path(out_root) / (name + "-fp16"), fp16=True,
                                                log=log, reference=ref, reference_model=wrapper)
    return results


def deberta_large_config():
    tf = _transformers()
    return tf.DebertaV2Config(
        vocab_size=22012, hidden_size=1024, num_hidden_layers=24, num_attention_heads=16,
        intermediate_size=4096, hidden_act="gelu", hidden_dropout_prob=0.1, attention_probs_dropout_prob=0.1,
        max_position_embeddings=512, type_vocab_size=0, initializer_range=0.02, layer_norm_eps=1e-7,
        relative_attention=True, max_relative_positions=-1, position_buckets=256, norm_rel_ebd="layer_norm",
        share_att_key=True, pos_att_type=["p2c", "c2p"], position_biased_input=False, conv_kernel_size=3,
        conv_act="gelu", attention_head_size=64, pad_token_id=0, pooler_dropout=0, pooler_hidden_act="gelu",
        pooler_hidden_size=1024)
