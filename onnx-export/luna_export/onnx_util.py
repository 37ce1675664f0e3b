"""torch -> ONNX export that works on torch 1.13 and 2.x, fp16 weight conversion, contract checks,
ONNX Runtime parity, and all-or-nothing output folders."""
import contextlib
import inspect
import os
import shutil
import tempfile
from pathlib import Path
from typing import Dict, List

import numpy as np
import onnx
import torch
from onnx import TensorProto, helper, numpy_helper

from .errors import ExportError

OPSET = 17


def export(model: torch.nn.Module, args: tuple, path: Path, input_names: List[str], output_names: List[str],
           dynamic_axes: Dict[str, Dict[int, str]]) -> None:
    kwargs = dict(input_names=input_names, output_names=output_names, dynamic_axes=dynamic_axes,
                  opset_version=OPSET, do_constant_folding=True)
    if "dynamo" in inspect.signature(torch.onnx.export).parameters:
        kwargs["dynamo"] = False  # the TorchScript exporter: same graph on 1.13 and 2.x
    with warnings_quiet():
        torch.onnx.export(model, args, str(path), **kwargs)


@contextlib.contextmanager
def warnings_quiet():
    import warnings
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        yield


def to_fp16_weights(src: Path, dst: Path, min_elements: int = 16) -> int:
    """Stores every float32 initializer of at least `min_elements` values as float16 followed by a
    Cast back to float32. Inputs, outputs and arithmetic stay float32, so the graph contract is
    unchanged; the file is about half the size. Returns the number of converted tensors."""
    m = onnx.load(str(src))
    g = m.graph
    converted, new_inits, casts = 0, [], []
    for init in g.initializer:
        if init.data_type == TensorProto.FLOAT and int(np.prod(init.dims)) >= min_elements:
            arr = numpy_helper.to_array(init).astype(np.float16)
            half = numpy_helper.from_array(arr, init.name + "__fp16")
            new_inits.append(half)
            casts.append(helper.make_node("Cast", [half.name], [init.name], to=TensorProto.FLOAT,
                                          name=init.name + "__cast"))
            converted += 1
        else:
            new_inits.append(init)
    del g.initializer[:]
    g.initializer.extend(new_inits)
    nodes = list(g.node)
    del g.node[:]
    g.node.extend(casts + nodes)
    onnx.checker.check_model(m)
    onnx.save(m, str(dst))
    return converted


def to_fp16_compute(src: Path, dst: Path) -> int:
    """The same graph computing in float16, its interface unchanged: every float32 initializer,
    Constant and intermediate becomes float16, each float32 input is cast to float16 where it enters
    and each float32 output is cast back where it leaves. For graphs of convolutions and pointwise
    ops (the decoder), where half precision runs on tensor cores; Casts to float32 inside the graph
    become Casts to float16. Returns the number of converted weight tensors."""
    m = onnx.load(str(src))
    g = m.graph
    F32, F16 = TensorProto.FLOAT, TensorProto.FLOAT16
    converted = 0
    for init in g.initializer:
        if init.data_type == F32:
            init.CopyFrom(numpy_helper.from_array(numpy_helper.to_array(init).astype(np.float16), init.name))
            converted += 1
    for n in g.node:
        if n.op_type in ("EyeLike", "RandomNormal", "RandomUniform", "RandomNormalLike", "RandomUniformLike"):
            # their output type is an attribute (float by default): not a graph for float16 compute
            raise ExportError(f"{src.name}: {n.op_type} {n.name!r} is not converted to float16 compute")
        for a in n.attribute:
            if n.op_type in ("Constant", "ConstantOfShape") and a.name == "value" and a.t.data_type == F32:
                a.t.CopyFrom(numpy_helper.from_array(numpy_helper.to_array(a.t).astype(np.float16), a.t.name))
            elif n.op_type == "Cast" and a.name == "to" and a.i == F32:
                a.i = F16
    for vi in g.value_info:
        if vi.type.tensor_type.elem_type == F32:
            vi.type.tensor_type.elem_type = F16
    renamed = {}
    casts_in = []
    for i in g.input:
        if i.type.tensor_type.elem_type == F32:
            renamed[i.name] = i.name + "__fp16"
            casts_in.append(helper.make_node("Cast", [i.name], [renamed[i.name]], to=F16, name=i.name + "__to_fp16"))
    for n in g.node:
        for k, name in enumerate(n.input):
            if name in renamed:
                n.input[k] = renamed[name]
    casts_out = []
    for o in g.output:
        if o.type.tensor_type.elem_type == F32:
            half = o.name + "__fp16"
            for n in g.node:
                for k, name in enumerate(n.output):
                    if name == o.name:
                        n.output[k] = half
                for k, name in enumerate(n.input):  # an output also read inside the graph
                    if name == o.name:
                        n.input[k] = half
            casts_out.append(helper.make_node("Cast", [half], [o.name], to=F32, name=o.name + "__to_fp32"))
    nodes = list(g.node)
    del g.node[:]
    g.node.extend(casts_in + nodes + casts_out)
    onnx.checker.check_model(m)
    onnx.save(m, str(dst))
    return converted


def describe(path: Path) -> Dict[str, tuple]:
    """name -> (elem type name, [dim names or sizes]) for inputs and outputs."""
    m = onnx.load(str(path), load_external_data=False)
    out = {}
    for kind, vals in (("in", m.graph.input), ("out", m.graph.output)):
        for v in vals:
            t = v.type.tensor_type
            dims = [d.dim_param if d.dim_param else d.dim_value for d in t.shape.dim]
            out[v.name] = (kind, TensorProto.DataType.Name(t.elem_type), dims)
    return out


def check_contract(path: Path, expected: Dict[str, tuple]) -> None:
    """expected: name -> (kind, dtype name, rank, set of dynamic axis indices)."""
    got = describe(path)
    names = [n for n, v in got.items()]
    if sorted(names) != sorted(expected):
        raise ExportError(f"{path}: I/O names {names} differ from contract {list(expected)}")
    for name, (kind, dtype, rank, dyn) in expected.items():
        k, dt, dims = got[name]
        if (k, dt, len(dims)) != (kind, dtype, rank):
            raise ExportError(f"{path}: {name} is {k} {dt} rank {len(dims)}, contract says {kind} {dtype} rank {rank}")
        for axis in dyn:
            if not isinstance(dims[axis], str):
                raise ExportError(f"{path}: {name} axis {axis} is fixed ({dims[axis]}), contract says dynamic")


def ort_run(path: Path, feeds: Dict[str, np.ndarray], prefer_cuda: bool = False):
    """Runs the model with onnxruntime if importable; None otherwise. fp32 parity runs on the CPU
    provider (no TF32); half-precision graphs go to CUDA when it is there."""
    try:
        import onnxruntime as ort
    except ImportError:
        return None
    so = ort.SessionOptions()
    so.log_severity_level = 3
    providers = ["CPUExecutionProvider"]
    if prefer_cuda and "CUDAExecutionProvider" in ort.get_available_providers():
        providers = ["CUDAExecutionProvider"] + providers
    sess = ort.InferenceSession(str(path), so, providers=providers)
    return sess.run(None, feeds)


def parity_line(label: str, path: Path, feeds: Dict[str, np.ndarray], reference: np.ndarray,
                prefer_cuda: bool = False) -> str:
    try:
        out = ort_run(path, feeds, prefer_cuda)
    except Exception as e:  # noqa: BLE001 - report, the files are still written
        return f"{label}: parity FAILED, ONNX Runtime could not run the model ({str(e).splitlines()[0]})"
    if out is None:
        return f"{label}: parity check skipped (onnxruntime not installed)"
    got = out[0]
    if got.shape != reference.shape:
        return f"{label}: parity FAILED, ONNX shape {got.shape} vs PyTorch {reference.shape}"
    return f"{label}: ONNX Runtime vs PyTorch max |d| = {float(np.max(np.abs(got - reference))):.3e} over {got.size} values"


@contextlib.contextmanager
def atomic_dir(final: Path):
    """Yields a temporary sibling folder; on success it replaces `final`, on any error it is removed,
    so a failed export leaves nothing half-written."""
    final = Path(final)
    final.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix="." + final.name + ".", dir=str(final.parent)))
    try:
        yield tmp
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    old = None
    if final.exists():
        old = final.parent / ("." + final.name + ".old")
        shutil.rmtree(old, ignore_errors=True)
        os.replace(final, old)
    os.replace(tmp, final)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
    os.chmod(final, 0o755)


def strip_doc_strings(path: Path) -> None:
    """Drops per-node doc strings (source locations) so files are byte-stable across checkouts."""
    m = onnx.load(str(path))
    for n in m.graph.node:
        n.doc_string = ""
    m.producer_version = ""
    onnx.save(m, str(path))


def set_static_dims(path: Path, dims: Dict[str, Dict[int, int]]) -> None:
    """Declares output axes the exporter left symbolic but that are constant (the mono channel axis
    after a mask whose shape came from Reshape)."""
    m = onnx.load(str(path))
    for v in m.graph.output:
        for axis, size in dims.get(v.name, {}).items():
            d = v.type.tensor_type.shape.dim[axis]
            d.Clear()
            d.dim_value = size
    onnx.checker.check_model(m)
    onnx.save(m, str(path))


def set_metadata(path: Path, props: Dict[str, str]) -> None:
    """Writes (replaces) string metadata_props entries."""
    m = onnx.load(str(path))
    keep = [p for p in m.metadata_props if p.key not in props]
    del m.metadata_props[:]
    m.metadata_props.extend(keep)
    for k, v in props.items():
        e = m.metadata_props.add()
        e.key, e.value = k, v
    onnx.save(m, str(path))


def metadata(path: Path) -> Dict[str, str]:
    return {p.key: p.value for p in onnx.load(str(path), load_external_data=False).metadata_props}


def file_mb(path: Path) -> float:
    return os.path.getsize(path) / 1e6
