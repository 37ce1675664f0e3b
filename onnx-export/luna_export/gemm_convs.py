"""Rewrites 1-D Conv and ConvTranspose nodes as MatMul-based subgraphs with the same results.

Why: since 1.20, ONNX Runtime's CUDA Conv builds a cuDNN-frontend execution plan per node and keeps
only the plan for the *last* input shape; any other length rebuilds it. A TTS graph sees a new length
on almost every request (text length, predicted durations), and the JP-Extra generator has a few
hundred convolutions, so each request paid 0.6-1 s of plan building on an H100. MatMul goes to
cuBLAS, which has no per-shape set-up. The rewrite is exact up to float summation order:

* Conv, group 1:  pad, take the k dilated taps as slices, concatenate them on the channel axis
  (im2col) and multiply by the weight laid out [C_out, k*C_in]; a 1x1 conv is a plain MatMul.
* Conv, depthwise (group = C_in = C_out): the sum of k tap slices times per-channel weights.
* ConvTranspose, group 1, dilation 1, kernel k a multiple of the stride u (HiFi-GAN's upsamplers):
  one MatMul gives every input frame's k output samples; the k = m*u samples of frame i land on
  output blocks i..i+m-1, so m block-shifted copies are summed and the padding is cropped.

Anything else (strides, groups other than depthwise, computed weights, 2-D convs) is left as it is
and reported.

The rewritten graph also gets shapes with named lengths (``annotate_lengths``). ONNX Runtime plans
buffer reuse by comparing shapes, and a tensor whose time axis is unnamed matches nothing: it stays
on the planner's free list, which every later tensor scans. With a few thousand such tensors that
planning took most of the session's creation time (seconds on an H100). The names are ONNX's own
shape inference symbols, merged where the rewrite knows two lengths are equal (a "same" convolution
keeps its input's length), and renamed out of ONNX's ``unk__`` namespace.
"""
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Optional, Tuple

import numpy as np
import onnx
from onnx import helper, numpy_helper, shape_inference

INT64_MAX = np.iinfo(np.int64).max


@dataclass
class RewriteReport:
    convs: int = 0
    depthwise: int = 0
    conv_transposes: int = 0
    kept: List[str] = field(default_factory=list)  # "node: reason"
    equal_lengths: List[Tuple[str, int, str, int]] = field(default_factory=list, repr=False)
    scaled_lengths: List[Tuple[str, int, str]] = field(default_factory=list, repr=False)
    named_lengths: int = 0  # distinct length names written by annotate_lengths

    @property
    def rewritten(self) -> int:
        return self.convs + self.depthwise + self.conv_transposes

    def summary(self) -> str:
        s = (f"{self.convs} Conv as MatMul, {self.depthwise} depthwise Conv as Mul/Add, "
             f"{self.conv_transposes} ConvTranspose as MatMul")
        s += f"; {self.named_lengths} named lengths" if self.named_lengths else ""
        return s + (f"; kept {len(self.kept)}: " + "; ".join(self.kept) if self.kept else "")


class _Builder:
    """Collects the replacement nodes and constants of one graph under unique names."""

    def __init__(self, graph: onnx.GraphProto):
        self.graph = graph
        self.nodes: List[onnx.NodeProto] = []
        self.inits: List[onnx.TensorProto] = []
        self.shared: Dict[tuple, str] = {}
        self.equal_lengths: List[Tuple[str, int, str, int]] = []  # (tensor, axis) pairs known to be equal
        self.scaled_lengths: List[Tuple[str, int, str]] = []  # (input, factor, output): len(out) = factor * len(in)
        self.used = {i.name for i in graph.initializer} | {v.name for v in graph.input}
        for n in graph.node:
            self.used.update(n.output)
            self.used.add(n.name)

    def name(self, base: str) -> str:
        n, i = base, 1
        while n in self.used:
            n, i = f"{base}_{i}", i + 1
        self.used.add(n)
        return n

    def const(self, base: str, value: np.ndarray) -> str:
        small = value.size <= 16  # slice bounds, pads, shapes: one shared initializer per value
        key = (value.dtype.str, value.shape, value.tobytes())
        if small and key in self.shared:
            return self.shared[key]
        n = self.name(base)
        self.inits.append(numpy_helper.from_array(value, n))
        if small:
            self.shared[key] = n
        return n

    def op(self, op_type: str, inputs: List[str], base: str, output: Optional[str] = None, **attrs) -> str:
        out = output or self.name(base + "_" + op_type.lower())
        self.nodes.append(helper.make_node(op_type, inputs, [out], name=self.name(base + "/" + op_type), **attrs))
        return out

    def same_length(self, a: str, a_axis: int, b: str, b_axis: int) -> None:
        self.equal_lengths.append((a, a_axis, b, b_axis))

    def slice(self, x: str, start: int, end: int, axis: int, base: str) -> str:
        return self.op("Slice", [x, self.const(base + "_s", np.array([start], np.int64)),
                                 self.const(base + "_e", np.array([end], np.int64)),
                                 self.const(base + "_a", np.array([axis], np.int64))], base)

    def pad(self, x: str, pads: List[int], base: str) -> str:
        return self.op("Pad", [x, self.const(base + "_pads", np.array(pads, np.int64))], base, mode="constant")


def _attrs(node: onnx.NodeProto) -> Dict[str, object]:
    return {a.name: helper.get_attribute_value(a) for a in node.attribute}


def _taps(b: _Builder, x: str, k: int, d: int, pads, base: str) -> List[str]:
    """The k dilated views of x (padded) that a stride-1 conv multiplies by its k weight columns."""
    if pads[0] or pads[1]:
        x = b.pad(x, [0, 0, pads[0], 0, 0, pads[1]], base + "/pad")
    if k == 1:
        return [x]
    taps = [b.slice(x, j * d, -(d * (k - 1 - j)) if j < k - 1 else INT64_MAX, 2, f"{base}/tap{j}")
            for j in range(k)]
    for t in taps[1:]:
        b.same_length(taps[0], 2, t, 2)
    return taps


def _add_bias(b: _Builder, y: str, bias: Optional[np.ndarray], out: str, base: str) -> None:
    if bias is None:
        b.op("Identity", [y], base, output=out)
    else:
        b.op("Add", [y, b.const(base + "_bias", bias.reshape(-1, 1))], base, output=out)


def _conv(b: _Builder, node, w: np.ndarray, bias, a) -> Optional[str]:
    if len(w.shape) != 3:
        return "not 1-D"
    if a.get("auto_pad", b"NOTSET") not in (b"NOTSET", "NOTSET"):
        return "auto_pad"
    if any(s != 1 for s in a.get("strides", [1])):
        return "stride"
    c_out, c_in_g, k = w.shape
    group = int(a.get("group", 1))
    d = int(a.get("dilations", [1])[0])
    pads = list(a.get("pads", [0, 0]))
    base = node.name or node.output[0]
    x, out = node.input[0], node.output[0]
    if group not in (1, c_out) or (group != 1 and c_in_g != 1):
        return f"group {group}"
    taps = _taps(b, x, k, d, pads, base)
    if group == 1:
        cols = taps[0] if k == 1 else b.op("Concat", taps, base + "/im2col", axis=1)
        wm = np.ascontiguousarray(w.transpose(0, 2, 1).reshape(c_out, k * c_in_g))
        y = b.op("MatMul", [b.const(base + "_w", wm), cols], base)
    else:
        prods = [b.op("Mul", [t, b.const(f"{base}_w{j}", np.ascontiguousarray(w[:, :, j]))], f"{base}/tap{j}")
                 for j, t in enumerate(taps)]
        cols = y = prods[0] if k == 1 else b.op("Sum", prods, base)
        for p in prods:
            b.same_length(taps[0], 2, p, 2)
    _add_bias(b, y, bias, out, base)
    for t in (cols, y, out):
        b.same_length(taps[0], 2, t, 2)
    if pads[0] + pads[1] == d * (k - 1):   # "same" convolution: the output is as long as the input
        b.same_length(x, 2, out, 2)
    return None if group == 1 else "depthwise"


def _conv_transpose(b: _Builder, node, w: np.ndarray, bias, a) -> Optional[str]:
    if len(w.shape) != 3:
        return "not 1-D"
    if a.get("auto_pad", b"NOTSET") not in (b"NOTSET", "NOTSET") or "output_shape" in a:
        return "auto_pad/output_shape"
    if int(a.get("group", 1)) != 1 or any(v != 1 for v in a.get("dilations", [1])):
        return "group/dilation"
    if any(v != 0 for v in a.get("output_padding", [0])):
        return "output_padding"
    c_in, c_out, k = w.shape
    u = int(a.get("strides", [1])[0])
    if k % u:
        return f"kernel {k} not a multiple of stride {u}"
    m = k // u
    pb, pe = list(a.get("pads", [0, 0]))
    base = node.name or node.output[0]
    # row c*k + a*u + r of wt produces output sample (i + a)*u + r of channel c for input frame i
    wt = np.ascontiguousarray(w.transpose(1, 2, 0).reshape(c_out * k, c_in))
    x = node.input[0]
    mm = b.op("MatMul", [b.const(base + "_w", wt), x], base)
    r5 = b.op("Reshape", [mm, b.const(base + "_shape5", np.array([0, c_out, m, u, -1], np.int64))], base)
    z = b.op("Transpose", [r5], base, perm=[0, 1, 2, 4, 3])  # [N, C_out, m, L, u]
    b.same_length(x, 2, mm, 2)
    b.same_length(x, 2, r5, 4)
    b.same_length(x, 2, z, 3)
    if m > 1:
        blocks = [b.slice(z, j, j + 1, 2, f"{base}/block{j}") for j in range(m)]
        parts = [b.pad(blk, [0, 0, 0, j, 0, 0, 0, 0, m - 1 - j, 0], f"{base}/block{j}") for j, blk in enumerate(blocks)]
        z = b.op("Sum", parts, base + "/overlap_add")
        for blk in blocks:
            b.same_length(x, 2, blk, 3)
        for p in parts:
            b.same_length(parts[0], 3, p, 3)
        b.same_length(parts[0], 3, z, 3)
    full = b.op("Reshape", [z, b.const(base + "_shape3", np.array([0, c_out, -1], np.int64))], base + "/flat")
    y = b.slice(full, pb, -pe if pe else INT64_MAX, 2, base + "/crop") if pb or pe else full
    _add_bias(b, y, bias, node.output[0], base)
    b.same_length(y, 2, node.output[0], 2)
    if pb + pe == k - u:  # output exactly u samples per input sample
        b.scaled_lengths.append((x, u, node.output[0]))
    return None


def rewrite(model: onnx.ModelProto) -> RewriteReport:
    """Rewrites the main graph in place (subgraphs are left alone; the exports have none)."""
    g = model.graph
    inits = {i.name: i for i in g.initializer}
    # torch's exporter sometimes hands a shared parameter to a node through Identity, and a weight
    # made in forward() (a constant) through a Constant node
    for n in g.node:
        if n.op_type == "Identity" and n.input[0] in inits:
            inits.setdefault(n.output[0], inits[n.input[0]])
        elif n.op_type == "Constant" and len(n.attribute) == 1 and n.attribute[0].name == "value":
            inits.setdefault(n.output[0], n.attribute[0].t)
    b = _Builder(g)
    report = RewriteReport()
    new_nodes: List[onnx.NodeProto] = []
    consumed = set()
    for node in g.node:
        if node.op_type not in ("Conv", "ConvTranspose") or node.domain not in ("", "ai.onnx"):
            new_nodes.append(node)
            continue
        label = node.name or node.output[0]
        if node.input[1] not in inits or (len(node.input) > 2 and node.input[2] and node.input[2] not in inits):
            report.kept.append(f"{label}: weight is not an initializer")
            new_nodes.append(node)
            continue
        w = numpy_helper.to_array(inits[node.input[1]])
        bias = numpy_helper.to_array(inits[node.input[2]]) if len(node.input) > 2 and node.input[2] else None
        if w.dtype not in (np.float32, np.float16):
            report.kept.append(f"{label}: {w.dtype} weight")
            new_nodes.append(node)
            continue
        b.nodes, b.equal_lengths, b.scaled_lengths = [], [], []
        fn = _conv if node.op_type == "Conv" else _conv_transpose
        why = fn(b, node, w, bias, _attrs(node))
        if why not in (None, "depthwise"):
            report.kept.append(f"{label}: {why}")
            new_nodes.append(node)
            continue
        if node.op_type == "ConvTranspose":
            report.conv_transposes += 1
        elif why == "depthwise":
            report.depthwise += 1
        else:
            report.convs += 1
        consumed.update(i for i in node.input[1:] if i)
        new_nodes.extend(b.nodes)
        report.equal_lengths.extend(b.equal_lengths)
        report.scaled_lengths.extend(b.scaled_lengths)
        b.equal_lengths = []
    outputs = {o.name for o in g.output}
    used = {i for n in new_nodes for i in n.input} | outputs
    new_nodes = [n for n in new_nodes if n.op_type not in ("Identity", "Constant") or n.output[0] in used]
    still_used = {i for n in new_nodes for i in n.input} | outputs
    kept_inits = [i for i in g.initializer if i.name not in consumed or i.name in still_used]
    del g.node[:]
    g.node.extend(new_nodes)
    del g.initializer[:]
    g.initializer.extend(kept_inits + b.inits)
    return report


LENGTH_PREFIX = "luna_len"
BROADCAST_OPS = {"Add", "Sub", "Mul", "Div", "Pow", "Max", "Min", "Sum", "Where"}


def annotate_lengths(model: onnx.ModelProto, equal_lengths=(), scaled_lengths=()) -> int:
    """Writes every inferred intermediate shape into value_info with named lengths (see the module
    note); ``equal_lengths`` are (tensor, axis, tensor, axis) pairs known to have the same length;
    ``scaled_lengths`` (input, factor, output) upsamplers whose output axis 2 is factor x the input's:
    two of them with the same factor on inputs of one length give outputs of one length.
    Returns the number of distinct length names."""
    inferred = shape_inference.infer_shapes(model, data_prop=True)
    g = inferred.graph
    boundary = {v.name for v in g.input} | {v.name for v in g.output}
    dims: Dict[str, List[onnx.TensorShapeProto.Dimension]] = {}
    for v in list(g.input) + list(g.output) + list(g.value_info):
        if v.type.HasField("tensor_type") and v.type.tensor_type.HasField("shape"):
            dims[v.name] = list(v.type.tensor_type.shape.dim)

    parent: Dict[str, str] = {}

    def find(sym: str) -> str:
        parent.setdefault(sym, sym)
        while parent[sym] != sym:
            parent[sym] = parent[parent[sym]]
            sym = parent[sym]
        return sym

    def symbol(name: str, axis: int) -> Optional[str]:
        d = dims.get(name)
        if d is None or axis >= len(d) or d[axis].HasField("dim_value") or not d[axis].dim_param:
            return None
        return d[axis].dim_param

    def union(sa: str, sc: str) -> bool:
        ra, rc = find(sa), find(sc)
        if ra == rc:
            return False
        # a graph input's name (batch_size, x_tst_max_length) stays the class's name
        if ra.startswith("unk__"):
            ra, rc = rc, ra
        parent[rc] = ra
        return True

    for a, a_axis, c, c_axis in equal_lengths:
        sa, sc = symbol(a, a_axis), symbol(c, c_axis)
        if sa and sc:
            union(sa, sc)
    # ONNX 1.12's broadcasting inference gives an elementwise op a fresh symbol even when its inputs
    # share one (x * mask: [B,C,T] and [B,1,T]). When every input axis is that same length or a
    # static 1, the output axis is that length; nothing else is merged (a symbol may be 1 at run time).
    changed = True
    while changed:
        changed = False
        by_input: Dict[Tuple[str, int], str] = {}
        for x, factor, out in scaled_lengths:
            sx, so = symbol(x, 2), symbol(out, 2)
            if sx and so:
                key = (find(sx), factor)
                if key in by_input:
                    changed |= union(by_input[key], so)
                else:
                    by_input[key] = so
        for n in g.node:
            if n.op_type not in BROADCAST_OPS or not n.output or n.output[0] not in dims:
                continue
            out_dims = dims[n.output[0]]
            ins = [dims.get(i) for i in n.input if i]
            if any(d is None for d in ins):
                continue
            for k in range(len(out_dims)):
                so = symbol(n.output[0], k)
                if not so:
                    continue
                roots, ok = set(), True
                for d in ins:
                    j = k - (len(out_dims) - len(d))
                    if j < 0 or (d[j].HasField("dim_value") and d[j].dim_value == 1):
                        continue
                    if d[j].HasField("dim_value") or not d[j].dim_param:
                        ok = False
                        break
                    roots.add(find(d[j].dim_param))
                if ok and len(roots) == 1:
                    changed |= union(next(iter(roots)), so)
    names: Dict[str, str] = {}

    def rename(sym: str) -> str:
        root = find(sym)
        if not root.startswith("unk__"):
            return root
        return names.setdefault(root, f"{LENGTH_PREFIX}{len(names)}")

    annotated = []
    for v in g.value_info:
        if v.name in boundary or v.name not in dims or not v.type.HasField("tensor_type"):
            continue
        out = onnx.ValueInfoProto()
        out.CopyFrom(v)
        for d in out.type.tensor_type.shape.dim:
            if not d.HasField("dim_value") and d.dim_param:
                d.dim_param = rename(d.dim_param)
        annotated.append(out)
    del model.graph.value_info[:]
    model.graph.value_info.extend(annotated)
    return len({d.dim_param for v in annotated for d in v.type.tensor_type.shape.dim
                if d.dim_param.startswith(LENGTH_PREFIX)})


def rewrite_file(src: Path, dst: Path) -> RewriteReport:
    m = onnx.load(str(src))
    report = rewrite(m)
    if report.rewritten:
        report.named_lengths = annotate_lengths(m, report.equal_lengths, report.scaled_lengths)
    onnx.checker.check_model(m)
    onnx.save(m, str(dst))
    return report


def write_cuda_variant(path: Path, log=print) -> Optional[Path]:
    """model.onnx -> model.cuda.onnx beside it (what the service loads on CUDA); None, and no file,
    when the graph has no convolution to rewrite."""
    dst = path.with_name(path.stem + ".cuda" + path.suffix)
    report = rewrite_file(path, dst)
    if report.rewritten == 0:
        dst.unlink()
        log(f"{path.name}: no convolutions, no CUDA variant needed")
        return None
    log(f"{dst.name}: {report.summary()}")
    return dst


def conv_zoo():
    """A small module with every convolution form the rewrite handles (dilation, padding, 1x1,
    depthwise, even kernel without bias, ConvTranspose with m = 2 and 1, cropped and not); its ONNX
    and rewritten ONNX are test fixtures compared in Java."""
    import torch
    from torch import nn
    from torch.nn import functional as F

    class ConvZoo(nn.Module):
        def __init__(self):
            super().__init__()
            self.dilated = nn.Conv1d(6, 8, 5, padding=6, dilation=3)
            self.pointwise = nn.Conv1d(8, 8, 1)
            self.depthwise = nn.Conv1d(8, 8, 3, padding=2, dilation=2, groups=8)
            self.even = nn.Conv1d(8, 8, 4, bias=False)
            self.up8 = nn.ConvTranspose1d(8, 4, 16, 8, padding=4)
            self.up2 = nn.ConvTranspose1d(4, 3, 4, 2, bias=False)
            self.up2_m1 = nn.ConvTranspose1d(3, 2, 2, 2)

        def forward(self, x):
            y = self.pointwise(torch.tanh(self.dilated(x)))
            y = self.even(F.pad(self.depthwise(y), [1, 2]))
            return self.up2_m1(self.up2(self.up8(y)))

    torch.manual_seed(7)
    return ConvZoo().eval()


def count_ops(path_or_model, *op_types: str) -> int:
    m = onnx.load(str(path_or_model), load_external_data=False) if isinstance(path_or_model, (str, Path)) \
        else path_or_model
    return sum(1 for n in m.graph.node if n.op_type in op_types)

