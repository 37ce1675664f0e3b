"""Command line: python3 -m luna_export {export voice|export bert|test-models|bench-models|gemm-convs|fp16-decoder}."""
import argparse
import sys
import time
from pathlib import Path

from .errors import ExportError

REPO_ROOT = Path(__file__).resolve().parents[2]


def main(argv=None) -> int:
    p = argparse.ArgumentParser(prog="luna_export", description=__doc__)
    sub = p.add_subparsers(dest="cmd", required=True)
    ex = sub.add_parser("export", help="convert a model")
    exs = ex.add_subparsers(dest="what", required=True)
    v = exs.add_parser("voice", help="SBV2 JP-Extra model folder -> <out>/voices/<name>/")
    v.add_argument("src", type=Path, help="folder with config.json, style_vectors.npy, *.safetensors")
    v.add_argument("--name", required=True)
    v.add_argument("--out", type=Path, default=REPO_ROOT / "models")
    v.add_argument("--checkpoint", type=Path, help="checkpoint file (default: newest .safetensors in src)")
    v.add_argument("--fp16", action="store_true", help="store weights as float16")
    b = exs.add_parser("bert", help="local ku-nlp/deberta-v2-large-japanese-char-wwm -> <out>/bert/<name>[-fp16]/")
    b.add_argument("src", type=Path)
    b.add_argument("--name", required=True)
    b.add_argument("--out", type=Path, default=REPO_ROOT / "models")
    b.add_argument("--precision", default="fp32,fp16", help="comma list of fp32, fp16")
    t = sub.add_parser("test-models", help="(re)write the tiny committed models and reference outputs")
    t.add_argument("--root", type=Path, default=REPO_ROOT)
    bm = sub.add_parser("bench-models", help="full-size random-weight voice and DeBERTa-v2-large")
    bm.add_argument("--out", type=Path, default=REPO_ROOT / "bench-models")
    bm.add_argument("--voice-only", action="store_true")
    bm.add_argument("--fp16-voice", action="store_true")
    gc = sub.add_parser("gemm-convs", help="rewrite 1-D Conv/ConvTranspose as MatMul (for the CUDA provider)")
    gc.add_argument("src", type=Path, help="an ONNX file (ours, SBV2's convert_onnx output, an AIVMX file)")
    gc.add_argument("dst", type=Path)
    fd = sub.add_parser("fp16-decoder", help="a voice's model.decoder.onnx computing in float16 (for the CUDA provider)")
    fd.add_argument("src", type=Path, help="model.decoder.onnx of a voice exported before this file was written")
    fd.add_argument("dst", type=Path, nargs="?", help="default: model.decoder.fp16.onnx beside src")
    args = p.parse_args(argv)

    name = getattr(args, "name", "x")
    if not name or "/" in name or name.startswith("."):
        print(f"error: bad --name {name!r}", file=sys.stderr)
        return 2
    t0 = time.time()
    try:
        if args.cmd == "export" and args.what == "voice":
            from .voice import export_voice
            export_voice(args.src, args.out / "voices" / args.name, fp16=args.fp16, checkpoint=args.checkpoint)
        elif args.cmd == "export" and args.what == "bert":
            from .bert import export_bert
            precisions = tuple(x.strip() for x in args.precision.split(",") if x.strip())
            if not precisions or set(precisions) - {"fp32", "fp16"}:
                raise ExportError(f"--precision {args.precision!r}: use fp32, fp16 or both")
            export_bert(args.src, args.out / "bert", args.name, precisions)
        elif args.cmd == "test-models":
            from .models import make_test_models
            make_test_models(args.root)
        elif args.cmd == "bench-models":
            from .models import make_bench_models
            make_bench_models(args.out, voice_only=args.voice_only, fp16_voice=args.fp16_voice)
        elif args.cmd == "gemm-convs":
            from .gemm_convs import rewrite_file
            if not args.src.is_file():
                raise ExportError(f"{args.src}: file not found")
            print(rewrite_file(args.src, args.dst).summary())
        elif args.cmd == "fp16-decoder":
            from .voice import convert_decoder_to_fp16
            dst = args.dst or args.src.with_name(args.src.name.replace(".onnx", ".fp16.onnx"))
            print(convert_decoder_to_fp16(args.src, dst))
    except ExportError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    print(f"done in {time.time() - t0:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
