"""SBV2 JP-Extra voice -> models/voices/<name>/ (model.onnx, config.json, style_vectors.npy)."""
import json
import math
import time
from pathlib import Path
from typing import Dict, List, Optional, Tuple

import numpy as np
import torch

from . import gemm_convs, onnx_util
from .checkpoint import load_checkpoint, strict_load
from .errors import ExportError
from .sbv2 import (TRAINING_ONLY_PREFIXES, DecoderGraph, FixedLatentGraph, LatentGraph, SynthesizerTrnJPExtra,
                   VoiceDims, chunk_plan)
from .symbols import JP_LANGUAGE_ID, JP_TONE_OFFSET, SYMBOLS

INPUT_NAMES = ["x_tst", "x_tst_lengths", "sid", "tones", "language", "bert", "style_vec",
               "length_scale", "sdp_ratio", "noise_scale", "noise_scale_w"]
DYNAMIC_AXES = {
    "x_tst": {0: "batch_size", 1: "x_tst_max_length"},
    "x_tst_lengths": {0: "batch_size"},
    "sid": {0: "batch_size"},
    "tones": {0: "batch_size", 1: "x_tst_max_length"},
    "language": {0: "batch_size", 1: "x_tst_max_length"},
    "bert": {0: "batch_size", 2: "x_tst_max_length"},
    "style_vec": {0: "batch_size"},
    "output": {0: "batch_size", 2: "samples"},
    "output_lengths": {0: "batch_size"},
}
# name -> (kind, dtype, rank, dynamic axes): the generator contract of DESIGN.md
CONTRACT = {
    "x_tst": ("in", "INT64", 2, {0, 1}), "x_tst_lengths": ("in", "INT64", 1, {0}),
    "sid": ("in", "INT64", 1, {0}), "tones": ("in", "INT64", 2, {0, 1}),
    "language": ("in", "INT64", 2, {0, 1}), "bert": ("in", "FLOAT", 3, {0, 2}),
    "style_vec": ("in", "FLOAT", 2, {0}), "length_scale": ("in", "FLOAT", 0, set()),
    "sdp_ratio": ("in", "FLOAT", 0, set()), "noise_scale": ("in", "FLOAT", 0, set()),
    "noise_scale_w": ("in", "FLOAT", 0, set()), "output": ("out", "FLOAT", 3, {0, 2}),
    # each item's sample count (frames * hop); `output` past it is zero (batch padding)
    "output_lengths": ("out", "INT64", 1, {0}),
}
OUTPUT_NAMES = ["output", "output_lengths"]

# model.latent.onnx: the inputs of model.onnx -> the flow output and each item's frame count
LATENT_OUTPUTS = ["z", "frame_lengths"]
LATENT_AXES = dict({k: v for k, v in DYNAMIC_AXES.items() if k in INPUT_NAMES},
                   z={0: "batch_size", 2: "frames"}, frame_lengths={0: "batch_size"})
LATENT_CONTRACT = dict({k: v for k, v in CONTRACT.items() if v[0] == "in"},
                       z=("out", "FLOAT", 3, {0, 2}), frame_lengths=("out", "INT64", 1, {0}))
# model.decoder.onnx: a chunk of z frames with margins -> the audio of its centre frames (audio), and of all its
# frames (audio_window: a sentence's first chunk decoded from its frame 0, without a left margin)
DECODER_INPUTS = ["z", "mask", "sid"]
DECODER_OUTPUTS = ["audio", "audio_window"]
DECODER_AXES = {"z": {0: "batch_size", 2: "chunk_frames"}, "mask": {0: "batch_size", 2: "chunk_frames"},
                "sid": {0: "batch_size"}, "audio": {0: "batch_size", 2: "samples"},
                "audio_window": {0: "batch_size", 2: "window_samples"}}
DECODER_CONTRACT = {"z": ("in", "FLOAT", 3, {0, 2}), "mask": ("in", "FLOAT", 3, {0, 2}),
                    "sid": ("in", "INT64", 1, {0}), "audio": ("out", "FLOAT", 3, {0, 2}),
                    "audio_window": ("out", "FLOAT", 3, {0, 2})}
SPLIT_FILES = ("model.latent.onnx", "model.decoder.onnx")
# model.latent.fixed.onnx: the latent graph with its noise as inputs and F set by noise_z (sbv2.FixedLatentGraph)
FIXED_LATENT = "model.latent.fixed.onnx"
FIXED_INPUTS = INPUT_NAMES + ["noise_w", "noise_z"]
FIXED_AXES = dict(LATENT_AXES, noise_w={0: "batch_size", 2: "x_tst_max_length"}, noise_z={0: "batch_size", 2: "frames"})
FIXED_CONTRACT = dict(LATENT_CONTRACT, noise_w=("in", "FLOAT", 3, {0, 2}), noise_z=("in", "FLOAT", 3, {0, 2}))
FP16_DECODER = "model.decoder.fp16.onnx"


def is_jp_extra(cfg: dict) -> bool:
    return str(cfg.get("version", "")).endswith("JP-Extra") or bool(cfg.get("data", {}).get("use_jp_extra"))


def sample_phonemes(text_ids=(0, 57, 65, 5, 62, 40, 22, 40, 97, 8, 107, 0),
                    tones01=(0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 0, 0)) -> Tuple[list, list, list]:
    """こんにちは。 as SBV2 feeds it: phones/tones/languages interspersed with blank 0."""
    def blanks(seq):
        out = [0] * (2 * len(seq) + 1)
        out[1::2] = seq
        return out
    return (blanks(list(text_ids)), blanks([t + JP_TONE_OFFSET for t in tones01]),
            blanks([JP_LANGUAGE_ID] * len(text_ids)))


def make_inputs(phones, tones, langs, style_vec: np.ndarray, sid: int, seed: int, length_scale=1.0,
                sdp_ratio=0.0, noise_scale=0.0, noise_scale_w=0.0) -> Dict[str, np.ndarray]:
    t = len(phones)
    rng = np.random.default_rng(seed)
    return {
        "x_tst": np.array([phones], dtype=np.int64),
        "x_tst_lengths": np.array([t], dtype=np.int64),
        "sid": np.array([sid], dtype=np.int64),
        "tones": np.array([tones], dtype=np.int64),
        "language": np.array([langs], dtype=np.int64),
        "bert": rng.standard_normal((1, 1024, t)).astype(np.float32),
        "style_vec": style_vec.reshape(1, -1).astype(np.float32),
        "length_scale": np.array(length_scale, dtype=np.float32),
        "sdp_ratio": np.array(sdp_ratio, dtype=np.float32),
        "noise_scale": np.array(noise_scale, dtype=np.float32),
        "noise_scale_w": np.array(noise_scale_w, dtype=np.float32),
    }


def batch_inputs(items: List[Dict[str, np.ndarray]]) -> Dict[str, np.ndarray]:
    """One batch from single-item feeds (same scalars): token inputs and BERT features right-padded
    with zeros to the longest item; x_tst_lengths says where each item ends."""
    t = max(f["x_tst"].shape[1] for f in items)
    out = {}
    for n in ("x_tst", "tones", "language"):
        out[n] = np.stack([np.pad(f[n][0], (0, t - f[n].shape[1])) for f in items]).astype(np.int64)
    out["bert"] = np.stack([np.pad(f["bert"][0], ((0, 0), (0, t - f["bert"].shape[2]))) for f in items]
                           ).astype(np.float32)
    for n in ("x_tst_lengths", "sid", "style_vec"):
        out[n] = np.concatenate([f[n] for f in items])
    for n in INPUT_NAMES[7:]:
        out[n] = items[0][n]
    return out


def run_torch(model: torch.nn.Module, feeds: Dict[str, np.ndarray]) -> np.ndarray:
    """model.onnx's `output` in PyTorch."""
    return run_torch_both(model, feeds)[0]


def run_torch_both(model: torch.nn.Module, feeds: Dict[str, np.ndarray]) -> Tuple[np.ndarray, np.ndarray]:
    """(output, output_lengths) in PyTorch."""
    with torch.no_grad():
        out, lengths = model(*[torch.from_numpy(feeds[n]) for n in INPUT_NAMES])
        return out.numpy(), lengths.numpy()


def export_model(model: SynthesizerTrnJPExtra, path: Path, example: Dict[str, np.ndarray]) -> None:
    model.eval()
    args = tuple(torch.from_numpy(example[n]) for n in INPUT_NAMES)
    onnx_util.export(model, args, path, INPUT_NAMES, OUTPUT_NAMES, DYNAMIC_AXES)
    onnx_util.strip_doc_strings(path)
    onnx_util.set_static_dims(path, {"output": {1: 1}})
    onnx_util.check_contract(path, CONTRACT)


def chunk_metadata(model: SynthesizerTrnJPExtra) -> Dict[str, str]:
    chunk, margin = chunk_plan(model.dims)
    return {"luna_chunk_frames": str(chunk), "luna_margin_frames": str(margin), "luna_hop": str(model.hop)}


def decoder_example(model: SynthesizerTrnJPExtra, batch: int = 1):
    chunk, margin = chunk_plan(model.dims)
    f = chunk + 2 * margin
    g = torch.Generator().manual_seed(5)
    z = torch.randn(batch, model.dims.inter_channels, f, generator=g)
    mask = torch.ones(batch, 1, f)
    mask[:, :, :margin] = 0.0  # as the first chunk of a sentence
    return z * mask, mask, torch.zeros(batch, dtype=torch.int64)


def fixed_example(model: SynthesizerTrnJPExtra, example: Dict[str, np.ndarray]) -> Dict[str, np.ndarray]:
    """`example` with standard normal noise inputs for the fixed-shape latent graph (F = 3 frames per token)."""
    b, t = example["x_tst"].shape
    g = np.random.default_rng(7)
    return dict(example, noise_w=g.standard_normal((b, 2, t)).astype(np.float32),
                noise_z=g.standard_normal((b, model.dims.inter_channels, 3 * t)).astype(np.float32))


def export_split(model: SynthesizerTrnJPExtra, folder: Path, example: Dict[str, np.ndarray], log=print) -> List[Path]:
    """model.latent.onnx, model.decoder.onnx (sub-sentence streaming) and model.latent.fixed.onnx into `folder`."""
    model.eval()
    meta = chunk_metadata(model)
    latent, decoder, fixed = folder / SPLIT_FILES[0], folder / SPLIT_FILES[1], folder / FIXED_LATENT
    args = tuple(torch.from_numpy(example[n]) for n in INPUT_NAMES)
    onnx_util.export(LatentGraph(model), args, latent, INPUT_NAMES, LATENT_OUTPUTS, LATENT_AXES)
    onnx_util.export(DecoderGraph(model, int(meta["luna_margin_frames"])), decoder_example(model), decoder,
                     DECODER_INPUTS, DECODER_OUTPUTS, DECODER_AXES)
    fixed_feeds = fixed_example(model, example)
    onnx_util.export(FixedLatentGraph(model), tuple(torch.from_numpy(fixed_feeds[n]) for n in FIXED_INPUTS), fixed,
                     FIXED_INPUTS, LATENT_OUTPUTS, FIXED_AXES)
    for p, contract in ((latent, LATENT_CONTRACT), (decoder, DECODER_CONTRACT), (fixed, FIXED_CONTRACT)):
        onnx_util.strip_doc_strings(p)
        onnx_util.set_static_dims(p, {"audio": {1: 1}, "audio_window": {1: 1}})
        onnx_util.set_metadata(p, meta)
        onnx_util.check_contract(p, contract)
    log(f"split graphs: chunk {meta['luna_chunk_frames']} frames, margin {meta['luna_margin_frames']} frames, "
        f"hop {meta['luna_hop']}")
    return [latent, decoder, fixed]


def write_fp16_decoder(decoder: Path, dst: Path, model: SynthesizerTrnJPExtra, log=print) -> Path:
    """model.decoder.fp16.onnx: the plain decoder computing in float16 (tensor cores on CUDA), same inputs
    and outputs. The service loads it on CUDA; its parity line gives how far its audio moves."""
    n = onnx_util.to_fp16_compute(decoder, dst)
    z, mask, sid = decoder_example(model)
    feeds = {"z": z.numpy(), "mask": mask.numpy(), "sid": sid.numpy()}
    try:
        ref, half = onnx_util.ort_run(decoder, feeds), onnx_util.ort_run(dst, feeds, prefer_cuda=True)
        line = "parity check skipped (onnxruntime not installed)" if ref is None else \
            f"max |d| against {decoder.name} = {float(np.max(np.abs(half[0] - ref[0]))):.3e} over {ref[0].size} samples"
    except Exception as e:  # noqa: BLE001 - report, the file is still written
        line = f"parity FAILED, ONNX Runtime could not run it ({str(e).splitlines()[0]})"
    log(f"fp16 compute: {dst.name}: {n} weight tensors as float16; {line}")
    return dst


def convert_decoder_to_fp16(src: Path, dst: Path) -> str:
    """`fp16-decoder`: model.decoder.fp16.onnx from an exported model.decoder.onnx (a voice exported before
    onnx-export wrote it). Refuses anything that is not a luna decoder graph."""
    if not src.is_file():
        raise ExportError(f"{src}: file not found")
    try:
        io = onnx_util.describe(src)
    except Exception as e:  # noqa: BLE001 - not an ONNX file
        raise ExportError(f"{src}: not an ONNX model ({str(e).splitlines()[0]})")
    # decoders exported before audio_window was added have z, mask, sid -> audio
    if not {"z", "mask", "sid", "audio"} <= set(io) or "luna_chunk_frames" not in onnx_util.metadata(src):
        raise ExportError(f"{src}: not a luna decoder graph (inputs/outputs {sorted(io)}; "
                          "expected z, mask, sid -> audio and luna_* metadata)")
    n = onnx_util.to_fp16_compute(src, dst)
    return f"{dst}: {n} weight tensors as float16, float32 inputs and outputs"


def torch_chunked(model: SynthesizerTrnJPExtra, z: torch.Tensor, frames: int, sid: torch.Tensor,
                  chunk: int, margin: int) -> torch.Tensor:
    """One item's audio [1,1,frames*hop] decoded chunk by chunk through DecoderGraph, exactly as the
    Java side drives model.decoder.onnx: frames [c*chunk - margin, (c+1)*chunk + margin) of z, zero
    and mask 0 outside [0, frames); the last chunk is cut to the sentence."""
    dec = DecoderGraph(model, margin)
    parts = []
    with torch.no_grad():
        for start in range(0, frames, chunk):
            zc, mc = chunk_input(z, frames, start, chunk, margin)
            parts.append(dec(zc, mc, sid)[0])
    return torch.cat(parts, 2)[:, :, :frames * model.hop]


def chunk_input(z: torch.Tensor, frames: int, start: int, chunk: int, margin: int):
    """z [1,C,>=frames] -> (z chunk, mask) of chunk + 2*margin frames starting at start - margin."""
    lo, hi = start - margin, start + chunk + margin
    zc = torch.zeros(z.size(0), z.size(1), hi - lo)
    mc = torch.zeros(z.size(0), 1, hi - lo)
    a, b = max(lo, 0), min(hi, frames)
    zc[:, :, a - lo:b - lo] = z[:, :, a:b]
    mc[:, :, a - lo:b - lo] = 1.0
    return zc, mc


def write_voice(model: SynthesizerTrnJPExtra, config: dict, style_vectors: np.ndarray, out_dir: Path,
                fp16: bool = False, log=print) -> Dict[str, object]:
    """Exports into a temporary folder that replaces out_dir only when everything succeeded."""
    phones, tones, langs = sample_phonemes()
    example = make_inputs(phones, tones, langs, style_vectors[0], 0, seed=1)
    stats = {}
    with onnx_util.atomic_dir(out_dir) as tmp:
        t0 = time.time()
        onnx_path = tmp / "model.onnx"
        export_model(model, onnx_path, example)
        latent, decoder, fixed = export_split(model, tmp, example, log)
        # CUDA variants before fp16 storage hides weights behind Casts
        cuda_paths = [gemm_convs.write_cuda_variant(p, log) for p in (onnx_path, latent, decoder)]
        write_fp16_decoder(decoder, tmp / FP16_DECODER, model, log)
        if fp16:
            for p in [onnx_path, latent, decoder, fixed] + cuda_paths:
                if p is not None:
                    n = onnx_util.to_fp16_weights(p, p)
                    log(f"fp16: {p.name}: {n} weight tensors stored as float16 (inputs, outputs and arithmetic stay float32)")
        stats["export_s"] = time.time() - t0
        (tmp / "config.json").write_text(json.dumps(config, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        np.save(tmp / "style_vectors.npy", style_vectors.astype(np.float32))
        # two lengths and two speakers/styles, so the dynamic axes are exercised, not only the traced shape
        ph2, to2, la2 = sample_phonemes((0, 8, 103, 0), (0, 1, 0, 0))
        second = make_inputs(ph2, to2, la2, style_vectors[-1], config_speakers(config) - 1, seed=2,
                             length_scale=1.3, sdp_ratio=0.6)
        stats["parity"] = "\n".join(
            onnx_util.parity_line(f"voice {p.name} T={f['x_tst'].shape[1]}", p, f, run_torch(model, f))
            for p in (onnx_path, cuda_paths[0]) if p is not None for f in (example, second))
    stats["size_mb"] = onnx_util.file_mb(out_dir / "model.onnx")
    log(f"wrote {out_dir}/model.onnx ({stats['size_mb']:.1f} MB) in {stats['export_s']:.1f} s")
    log(stats["parity"])
    return stats


def config_speakers(config: dict) -> int:
    return max(1, int(config.get("data", {}).get("n_speakers", 1)))


def _pick_checkpoint(folder: Path) -> Path:
    cands = [p for p in folder.iterdir() if p.suffix == ".safetensors" and not p.name.startswith(".")]
    if not cands:
        cands = [p for p in folder.iterdir() if p.suffix == ".pth" and p.name.startswith("G_")]
    if not cands:
        raise ExportError(f"{folder}: no .safetensors checkpoint in the folder")
    return max(cands, key=lambda p: p.stat().st_mtime)


def load_voice_folder(folder: Path, checkpoint: Optional[Path] = None, log=print):
    folder = Path(folder)
    if not folder.is_dir():
        raise ExportError(f"{folder}: not a folder")
    cfg_path = folder / "config.json"
    if not cfg_path.is_file():
        raise ExportError(f"{cfg_path}: file not found")
    try:
        cfg = json.loads(cfg_path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as e:
        raise ExportError(f"{cfg_path}: not valid JSON ({e})")
    if not is_jp_extra(cfg):
        raise ExportError(f"{cfg_path}: version {cfg.get('version')!r} is not a JP-Extra model")
    if "model" not in cfg:
        raise ExportError(f"{cfg_path}: no 'model' section")
    sv_path = folder / "style_vectors.npy"
    if not sv_path.is_file():
        raise ExportError(f"{sv_path}: file not found")
    try:
        sv = np.load(sv_path)
    except Exception as e:  # noqa: BLE001
        raise ExportError(f"{sv_path}: not a .npy array ({e})")
    if sv.ndim != 2 or sv.shape[1] != 256:
        raise ExportError(f"{sv_path}: shape {sv.shape}, expected (num_styles, 256)")
    n_styles = len(cfg.get("data", {}).get("style2id", {})) or sv.shape[0]
    if sv.shape[0] != n_styles:
        raise ExportError(f"{sv_path}: {sv.shape[0]} styles but config.json style2id has {n_styles}")
    ckpt = Path(checkpoint) if checkpoint else _pick_checkpoint(folder)
    try:
        dims = VoiceDims.from_config(cfg)
        model = SynthesizerTrnJPExtra(dims)
    except (AssertionError, KeyError, TypeError, ValueError, ZeroDivisionError) as e:
        raise ExportError(f"{cfg_path}: model section does not describe a JP-Extra generator ({e})")
    skipped = strict_load(model, load_checkpoint(ckpt), str(ckpt), TRAINING_ONLY_PREFIXES)
    groups = sorted({k.split(".")[0] + "." + k.split(".")[1] for k in skipped})
    log(f"loaded {ckpt.name}: {sum(p.numel() for p in model.parameters()) / 1e6:.2f} M parameters; "
        f"skipped {len(skipped)} training-only tensors ({', '.join(groups) or 'none'})")
    return model.eval(), cfg, sv.astype(np.float32)


def export_voice(folder: Path, out_dir: Path, fp16: bool = False, checkpoint: Optional[Path] = None, log=print):
    model, cfg, sv = load_voice_folder(folder, checkpoint, log)
    return write_voice(model, cfg, sv, out_dir, fp16=fp16, log=log)


# ---------------------------------------------------------------------------------------------
# Random-weight voices (tiny test voice and full-size benchmark voice)

def randomize(model: SynthesizerTrnJPExtra, seed: int, frames_per_token: float = 2.6) -> SynthesizerTrnJPExtra:
    """Deterministic random weights. Zero-initialised SBV2 layers (flow posts, spline projections)
    get small values so every path is exercised; both duration predictors are biased towards
    `frames_per_token` (away from an integer, so ceil() is stable between runtimes)."""
    g = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        for name, p in model.named_parameters():
            if name.endswith("gamma"):
                p.copy_(1.0 + 0.05 * torch.randn(p.shape, generator=g))
            elif name.endswith("beta") or name.endswith(".bias"):
                p.copy_(0.02 * torch.randn(p.shape, generator=g))
            elif p.dim() >= 2 and "emb_rel" not in name and not isinstance(_module_of(model, name), torch.nn.Embedding):
                mod = _module_of(model, name)
                fan_in = p.shape[1] * (p.shape[2] if p.dim() > 2 else 1)
                if isinstance(mod, torch.nn.ConvTranspose1d):
                    fan_in = p.shape[0] * p.shape[2] // mod.stride[0]
                p.copy_(torch.randn(p.shape, generator=g) / math.sqrt(fan_in))
            else:
                p.copy_(torch.randn(p.shape, generator=g) * (p.shape[-1] ** -0.5 if p.dim() > 1 else 0.1))
        for coupling in model.flow.flows[::2]:
            coupling.post.weight.mul_(0.1)
        model.dp.proj.weight.mul_(0.01)
        model.dp.proj.bias.fill_(math.log(frames_per_token))
        model.sdp.flows["0"].m.zero_()
        model.sdp.flows["0"].logs.zero_()
        model.sdp.flows["0"].m[0, 0] = -math.log(frames_per_token)
        for i in ("3", "5", "7"):
            model.sdp.flows[i].proj.weight.mul_(0.1)
            model.sdp.flows[i].proj.bias.mul_(0.1)
    return model.eval()


def _module_of(model, param_name):
    mod = model
    for part in param_name.split(".")[:-1]:
        mod = getattr(mod, part)
    return mod


def sbv2_config(name: str, dims: VoiceDims, speakers, styles) -> dict:
    return {
        "model_name": name,
        "train": {"seed": 42, "segment_size": 16384},
        "data": {
            "use_jp_extra": True, "sampling_rate": 44100, "filter_length": 2048, "hop_length": 512,
            "win_length": 2048, "n_mel_channels": 128, "mel_fmin": 0.0, "mel_fmax": None, "add_blank": True,
            "n_speakers": len(speakers), "cleaned_text": True,
            "spk2id": {s: i for i, s in enumerate(speakers)},
            "num_styles": len(styles), "style2id": {s: i for i, s in enumerate(styles)},
        },
        "model": dict(dims.to_model_config(), use_spk_conditioned_encoder=True, use_noise_scaled_mas=True,
                      use_mel_posterior_encoder=False, use_duration_discriminator=False, n_layers_q=3,
                      use_spectral_norm=False),
        "version": "2.7.0-JP-Extra",
    }


def random_style_vectors(n: int, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    sv = rng.standard_normal((n, 256)).astype(np.float32) * 0.3
    sv[0] = 0.0 if n == 1 else sv[0]
    return sv


def save_sbv2_folder(model: SynthesizerTrnJPExtra, config: dict, sv: np.ndarray, folder: Path,
                     weight_norm_style: str = "old", extra: Optional[Dict[str, torch.Tensor]] = None) -> Path:
    """Writes a model folder the way SBV2 lays it out (for tests): config.json, style_vectors.npy and a
    safetensors checkpoint whose decoder convs are weight-normed (g/v pairs)."""
    from .checkpoint import write_safetensors
    folder.mkdir(parents=True, exist_ok=True)
    sd = {}
    for k, t in model.state_dict().items():
        if k.startswith("dec.") and (".ups." in k or ".resblocks." in k) and k.endswith(".weight"):
            base = k[:-len(".weight")]
            dims = [d for d in range(t.dim()) if d != 0]
            gnorm = torch.sqrt(torch.sum(t * t, dim=dims, keepdim=True))
            v = t * 3.0  # any scale: folding divides it out
            if weight_norm_style == "old":
                sd[base + ".weight_g"], sd[base + ".weight_v"] = gnorm, v
            else:
                sd[base + ".parametrizations.weight.original0"] = gnorm
                sd[base + ".parametrizations.weight.original1"] = v
        else:
            sd[k] = t
    sd.update(extra or {})
    (folder / "config.json").write_text(json.dumps(config, ensure_ascii=False, indent=2), encoding="utf-8")
    np.save(folder / "style_vectors.npy", sv)
    path = folder / (config.get("model_name", "model") + "_e1_s100.safetensors")
    write_safetensors(path, sd)
    return path
