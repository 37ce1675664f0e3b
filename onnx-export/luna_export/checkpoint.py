"""Reading SBV2 checkpoints: safetensors (with or without the `safetensors` package), weight-norm
folding, and strict loading into the inference graph."""
import json
import struct
from pathlib import Path
from typing import Dict, List, Tuple

import numpy as np
import torch

from .errors import ExportError

_DTYPES = {
    "F64": np.float64, "F32": np.float32, "F16": np.float16, "BF16": None,
    "I64": np.int64, "I32": np.int32, "I16": np.int16, "I8": np.int8, "U8": np.uint8, "BOOL": np.bool_,
}


def read_safetensors(path: Path) -> Dict[str, torch.Tensor]:
    """Parses the format directly: u64 little-endian header size, JSON header, raw little-endian data."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as e:
        raise ExportError(f"{path}: cannot read ({e.strerror})")
    if len(data) < 8:
        raise ExportError(f"{path}: not a safetensors file (too short)")
    (n,) = struct.unpack("<Q", data[:8])
    if n <= 0 or 8 + n > len(data):
        raise ExportError(f"{path}: not a safetensors file (bad header size {n})")
    try:
        header = json.loads(data[8:8 + n].decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as e:
        raise ExportError(f"{path}: not a safetensors file (header is not JSON: {e})")
    base = 8 + n
    out = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        dt, shape, (start, end) = info["dtype"], info["shape"], info["data_offsets"]
        if dt not in _DTYPES:
            raise ExportError(f"{path}: tensor {name} has unsupported dtype {dt}")
        if base + end > len(data) or start > end:
            raise ExportError(f"{path}: tensor {name} lies outside the file (truncated?)")
        raw = data[base + start:base + end]
        if dt == "BF16":
            u16 = np.frombuffer(raw, dtype="<u2").astype(np.uint32) << 16
            arr = u16.view(np.float32)
        else:
            arr = np.frombuffer(raw, dtype=np.dtype(_DTYPES[dt]).newbyteorder("<"))
        count = int(np.prod(shape)) if shape else 1
        if arr.size != count:
            raise ExportError(f"{path}: tensor {name} has {arr.size} values for shape {shape}")
        out[name] = torch.from_numpy(arr.reshape(shape).copy())
    return out


def write_safetensors(path: Path, tensors: Dict[str, torch.Tensor]) -> None:
    names = {torch.float32: "F32", torch.float16: "F16", torch.int64: "I64", torch.int32: "I32"}
    header, blobs, offset = {}, [], 0
    for name in sorted(tensors):
        t = tensors[name].detach().cpu().contiguous()
        raw = t.numpy().astype(t.numpy().dtype.newbyteorder("<")).tobytes()
        header[name] = {"dtype": names[t.dtype], "shape": list(t.shape), "data_offsets": [offset, offset + len(raw)]}
        blobs.append(raw)
        offset += len(raw)
    h = json.dumps(header, separators=(",", ":")).encode("utf-8")
    h += b" " * ((8 - len(h) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(h)))
        f.write(h)
        for b in blobs:
            f.write(b)


def load_checkpoint(path: Path) -> Dict[str, torch.Tensor]:
    path = Path(path)
    if not path.is_file():
        raise ExportError(f"{path}: file not found")
    if path.suffix == ".safetensors":
        return read_safetensors(path)
    if path.suffix in (".pth", ".pt"):
        try:
            obj = torch.load(str(path), map_location="cpu")
        except Exception as e:  # noqa: BLE001 - any unpickling failure is a bad file
            raise ExportError(f"{path}: cannot load torch checkpoint ({e})")
        if isinstance(obj, dict) and "model" in obj and isinstance(obj["model"], dict):
            obj = obj["model"]
        if not isinstance(obj, dict):
            raise ExportError(f"{path}: no state dict inside")
        return {k: v for k, v in obj.items() if isinstance(v, torch.Tensor)}
    raise ExportError(f"{path}: unsupported checkpoint type (want .safetensors or .pth)")


def _norm_except(v: torch.Tensor, dim: int) -> torch.Tensor:
    dims = [d for d in range(v.dim()) if d != dim]
    return torch.sqrt(torch.sum(v * v, dim=dims, keepdim=True))


def fold_weight_norm(g: torch.Tensor, v: torch.Tensor) -> torch.Tensor:
    """w = g * v / ||v|| with the norm over every dim except the one g keeps (dim 0 by default)."""
    g, v = g.double(), v.double()
    if g.dim() == 0 or g.numel() == 1 and v.shape[0] != 1:
        w = g * v / torch.sqrt(torch.sum(v * v))
    else:
        keep = [d for d in range(g.dim()) if g.shape[d] != 1]
        dim = keep[0] if keep else 0
        w = g * v / _norm_except(v, dim)
    return w.float()


# (magnitude g, direction v) key suffixes: old torch.nn.utils.weight_norm, then parametrizations
_WEIGHT_NORM_SUFFIXES = ((".weight_g", ".weight_v"),
                         (".parametrizations.weight.original0", ".parametrizations.weight.original1"))


def fold_all_weight_norms(sd: Dict[str, torch.Tensor]) -> Tuple[Dict[str, torch.Tensor], int]:
    """Replaces both `x.weight_g/x.weight_v` (old weight_norm) and
    `x.parametrizations.weight.original0/1` (torch.nn.utils.parametrizations) with `x.weight`."""
    out, folded = {}, 0
    for k, t in sd.items():
        if any(k.endswith(v_suffix) for _, v_suffix in _WEIGHT_NORM_SUFFIXES):
            continue
        for g_suffix, v_suffix in _WEIGHT_NORM_SUFFIXES:
            if k.endswith(g_suffix):
                base = k[:-len(g_suffix)]
                v = sd.get(base + v_suffix)
                if v is None:
                    raise ExportError(f"{k} has no matching {v_suffix.rsplit('.', 1)[1]}")
                out[base + ".weight"] = fold_weight_norm(t, v)
                folded += 1
                break
        else:
            out[k] = t
    for k in sd:
        for g_suffix, v_suffix in _WEIGHT_NORM_SUFFIXES:
            if k.endswith(v_suffix) and k[:-len(v_suffix)] + g_suffix not in sd:
                raise ExportError(f"{k} has no matching {g_suffix.rsplit('.', 1)[1]}")
    return out, folded


def strict_load(model: torch.nn.Module, sd: Dict[str, torch.Tensor], source: str,
                skip_prefixes: Tuple[str, ...], ignore: Tuple[str, ...] = ("iteration",)) -> List[str]:
    """Loads every parameter of `model` from `sd`; any missing, unexpected or mis-shaped key is an
    ExportError naming the file. Returns the skipped (training-only) keys."""
    sd, _ = fold_all_weight_norms(sd)
    own = model.state_dict()
    skipped = sorted(k for k in sd if k.startswith(skip_prefixes))
    unexpected = sorted(k for k in sd if k not in own and k not in ignore and not k.startswith(skip_prefixes))
    missing = sorted(k for k in own if k not in sd)
    if missing:
        raise ExportError(f"{source}: {len(missing)} missing key(s), first: {missing[0]} (not a JP-Extra model?)")
    if unexpected:
        raise ExportError(f"{source}: {len(unexpected)} unexpected key(s), first: {unexpected[0]} "
                          f"(not a JP-Extra model?)")
    for k, t in own.items():
        if tuple(sd[k].shape) != tuple(t.shape):
            raise ExportError(f"{source}: {k} has shape {tuple(sd[k].shape)}, config says {tuple(t.shape)}")
    model.load_state_dict({k: sd[k].to(own[k].dtype) for k in own}, strict=True)
    return skipped
