#!/usr/bin/env python3
"""On the GPU machine: the full-size bench models (same seeds as `bench-models`) exported with every shape fixed, for
BoundRun.java with and without CUDA graphs (graph-bench.sh runs them):
  bert-B-L.onnx        DeBERTa-v2-large computing in float16 (as bench-fp16), B texts of L tokens
  latent-B-T-F.onnx    the latent graph with noise inputs and F frames (static-latent.py); .cuda.onnx: gemm-convs
  latent-dyn.cuda.onnx the shipped dynamic latent graph's CUDA variant (today's path, for comparison)
  decoder-B.fp16.onnx  the float16 decoder at the service's chunk shape, B chunks
Usage: python3 src/test/bench/ort/graph-models.py OUT_DIR
"""
import importlib.util
import sys
import time
from pathlib import Path

import torch

root = Path(__file__).resolve().parents[4]
sys.path.insert(0, str(root / "onnx-export"))
from luna_export import bert, gemm_convs, onnx_util, voice  # noqa: E402
from luna_export.sbv2 import DecoderGraph, LatentGraph, SynthesizerTrnJPExtra, VoiceDims, chunk_plan  # noqa: E402

spec = importlib.util.spec_from_file_location("static_latent", Path(__file__).with_name("static-latent.py"))
static_latent = importlib.util.module_from_spec(spec)
spec.loader.exec_module(static_latent)


def main(out: Path):
    out.mkdir(parents=True, exist_ok=True)
    t0 = time.time()
    torch.manual_seed(1)
    model = voice.randomize(SynthesizerTrnJPExtra(VoiceDims(n_speakers=2)), 1, frames_per_token=2.6).eval()
    for b, t, f in ((1, 96, 256), (4, 96, 256)):
        static_latent.main(str(out / f"latent-{b}-{t}-{f}.onnx"), b, t, f, "bench", gemm=True)
    fd = static_latent.feeds(model, 1, 96, 256)
    args = tuple(torch.from_numpy(fd[n]) for n in voice.INPUT_NAMES)
    dyn = out / "latent-dyn.onnx"
    onnx_util.export(LatentGraph(model), args, dyn, voice.INPUT_NAMES, voice.LATENT_OUTPUTS, voice.LATENT_AXES)
    gemm_convs.write_cuda_variant(dyn, print)
    chunk, margin = chunk_plan(model.dims)
    print(f"decoder chunk {chunk} + 2 x {margin} frames")
    for b in (1, 4):
        dec = out / f"decoder-{b}.onnx"
        onnx_util.export(DecoderGraph(model, margin), voice.decoder_example(model, b), dec, voice.DECODER_INPUTS,
                         voice.DECODER_OUTPUTS, {})
        onnx_util.to_fp16_compute(dec, out / f"decoder-{b}.fp16.onnx")
    print(f"voice graphs in {time.time() - t0:.0f} s")

    t0 = time.time()
    import transformers
    torch.manual_seed(2)
    deberta = transformers.DebertaV2Model(bert.deberta_large_config()).eval()
    half = bert.HiddenStateWrapper(deberta.half().cuda().eval())
    for b, length in ((1, 40), (1, 64), (4, 64)):
        ids = torch.randint(5, 1000, (b, length), device="cuda")
        mask = torch.ones(b, length, dtype=torch.int64, device="cuda")
        onnx_util.export(half, (ids, mask), out / f"bert-{b}-{length}.onnx", bert.INPUT_NAMES, bert.OUTPUT_NAMES, {})
    onnx_util.export(half, (ids, mask), out / "bert-dyn.onnx", bert.INPUT_NAMES, bert.OUTPUT_NAMES, bert.DYNAMIC_AXES)
    print(f"bert graphs in {time.time() - t0:.0f} s")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
