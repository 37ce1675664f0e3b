#!/usr/bin/env python3
"""Writes the graph of model.latent.fixed.onnx (sbv2.FixedLatentGraph: noise as inputs, noise_w [B,2,T] and noise_z
[B,C,F]) with every shape fixed at export (B items of T tokens, F frames), so that ONNX Runtime can place every node
on the CUDA provider and capture a CUDA graph of it (BoundRun.java -Dgraph=true).

Before writing, it checks in PyTorch that each item's frames equal those of the latent graph alone (same noise).

Usage (from the project root): python3 src/test/bench/ort/static-latent.py OUT.onnx B T F [tiny|bench] [--gemm]
  bench: the full-size random-weight voice of `bench-models` (same seeds), tiny: the committed test voice.
  --gemm also writes OUT.cuda.onnx, its convolutions as MatMuls (gemm-convs, as model.latent.cuda.onnx).
  --dynamic keeps B, T and F symbolic (batch_size, x_tst_max_length, frames: F is noise_z's length), for sessions
  that fix them with ONNX Runtime's free-dimension overrides instead.
"""
import sys
from pathlib import Path

import numpy as np
import torch

sys.path.insert(0, str(Path(__file__).resolve().parents[4] / "onnx-export"))
from luna_export import gemm_convs, models, onnx_util, voice  # noqa: E402
from luna_export.sbv2 import FixedLatentGraph, SynthesizerTrnJPExtra, VoiceDims  # noqa: E402

NAMES = voice.INPUT_NAMES + ["noise_w", "noise_z"]


def feeds(model, b, t, f, seed=3):
    rng = np.random.default_rng(seed)
    lengths = np.array([t - 7 * i for i in range(b)], dtype=np.int64)
    x = rng.integers(1, 100, (b, t)).astype(np.int64)
    for i, n in enumerate(lengths):
        x[i, n:] = 0
    return {
        "x_tst": x, "x_tst_lengths": lengths, "sid": np.zeros(b, np.int64),
        "tones": (rng.integers(0, 2, (b, t)) + 6).astype(np.int64), "language": np.ones((b, t), np.int64),
        "bert": rng.standard_normal((b, 1024, t)).astype(np.float32),
        "style_vec": (0.1 * rng.standard_normal((b, 256))).astype(np.float32),
        "length_scale": np.array(1.0, np.float32), "sdp_ratio": np.array(0.2, np.float32),
        "noise_scale": np.array(0.6, np.float32), "noise_scale_w": np.array(0.8, np.float32),
        "noise_w": rng.standard_normal((b, 2, t)).astype(np.float32),
        "noise_z": rng.standard_normal((b, model.dims.inter_channels, f)).astype(np.float32),
    }


def main(out, b, t, f, kind="bench", gemm=False, dynamic=False):
    if kind == "tiny":
        model = models.tiny_voice()[0]
    else:
        torch.manual_seed(1)
        model = voice.randomize(SynthesizerTrnJPExtra(VoiceDims(n_speakers=2)), 1, frames_per_token=2.6)
    model.eval()
    fd = feeds(model, b, t, f)
    args = tuple(torch.from_numpy(fd[n]) for n in NAMES)
    with torch.no_grad():
        z, lengths = FixedLatentGraph(model)(*args)
        free = [model.latent(*(a[i:i + 1] if a.dim() else a for a in args[:11]), noise_w=args[11][i:i + 1],
                             noise_z=args[12][i:i + 1, :, :min(f, int(lengths[i]))])[0] for i in range(b)]
    d = max(float((z[i:i + 1, :, :free[i].shape[2]] - free[i]).abs().max()) for i in range(b))
    print(f"frames {lengths.tolist()} in F={f}; fixed-F vs per-item latent max |d| {d:.3g}")
    axes = {} if not dynamic else {"x_tst": {0: "batch_size", 1: "x_tst_max_length"}, "x_tst_lengths": {0: "batch_size"},
                                   "sid": {0: "batch_size"}, "tones": {0: "batch_size", 1: "x_tst_max_length"},
                                   "language": {0: "batch_size", 1: "x_tst_max_length"},
                                   "bert": {0: "batch_size", 2: "x_tst_max_length"}, "style_vec": {0: "batch_size"},
                                   "noise_w": {0: "batch_size", 2: "x_tst_max_length"},
                                   "noise_z": {0: "batch_size", 2: "frames"}, "z": {0: "batch_size", 2: "frames"},
                                   "frame_lengths": {0: "batch_size"}}
    onnx_util.export(FixedLatentGraph(model), args, Path(out), NAMES, ["z", "frame_lengths"], axes)
    onnx_util.strip_doc_strings(Path(out))
    print("wrote", out)
    if gemm:
        cuda = gemm_convs.write_cuda_variant(Path(out), print)
        print("wrote", cuda)


if __name__ == "__main__":
    a = sys.argv[1:]
    main(a[0], int(a[1]), int(a[2]), int(a[3]), a[4] if len(a) > 4 and not a[4].startswith("--") else "bench",
         "--gemm" in a, "--dynamic" in a)
