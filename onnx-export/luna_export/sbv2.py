"""Inference graph of a Style-Bert-VITS2 JP-Extra generator (SynthesizerTrn.infer).

Parameter names follow SBV2 checkpoints (enc_p.*, dec.*, flow.*, sdp.*, dp.*, emb_g.*) so a
state dict loads with strict key checking once weight norm is folded (see checkpoint.py).
Only the inference path exists here: no posterior encoder, no SDP posterior flows, no
discriminators. Everything is written to trace into ONNX (opset 17) with dynamic batch and
length: no data-dependent Python branches, noise drawn with randn_like.
"""
import math
from dataclasses import dataclass, field
from typing import List, Optional

import torch
from torch import nn
from torch.nn import functional as F

LRELU_SLOPE = 0.1


@dataclass
class VoiceDims:
    n_vocab: int = 112
    num_tones: int = 12
    num_languages: int = 3
    inter_channels: int = 192
    hidden_channels: int = 192
    filter_channels: int = 768
    n_heads: int = 2
    n_layers: int = 6
    kernel_size: int = 3
    resblock: str = "1"
    resblock_kernel_sizes: List[int] = field(default_factory=lambda: [3, 7, 11])
    resblock_dilation_sizes: List[List[int]] = field(default_factory=lambda: [[1, 3, 5]] * 3)
    upsample_rates: List[int] = field(default_factory=lambda: [8, 8, 2, 2, 2])
    upsample_initial_channel: int = 512
    upsample_kernel_sizes: List[int] = field(default_factory=lambda: [16, 16, 8, 2, 2])
    n_speakers: int = 1
    gin_channels: int = 512
    n_flow_layer: int = 4
    n_layers_trans_flow: int = 6
    dp_filter_channels: int = 256  # SBV2 hard-codes 256 for the deterministic duration predictor
    style_dim: int = 256
    bert_dim: int = 1024

    @staticmethod
    def from_config(cfg: dict) -> "VoiceDims":
        m = cfg["model"]
        d = cfg.get("data", {})
        dims = VoiceDims()
        for name in ("inter_channels", "hidden_channels", "filter_channels", "n_heads", "n_layers",
                     "kernel_size", "resblock", "resblock_kernel_sizes", "resblock_dilation_sizes",
                     "upsample_rates", "upsample_initial_channel", "upsample_kernel_sizes",
                     "gin_channels", "n_layers_trans_flow", "n_flow_layer"):
            if name in m:
                setattr(dims, name, m[name])
        dims.n_speakers = int(d.get("n_speakers", dims.n_speakers))
        return dims

    def to_model_config(self) -> dict:
        keys = ("inter_channels", "hidden_channels", "filter_channels", "n_heads", "n_layers",
                "kernel_size", "resblock", "resblock_kernel_sizes", "resblock_dilation_sizes",
                "upsample_rates", "upsample_initial_channel", "upsample_kernel_sizes",
                "gin_channels", "n_layers_trans_flow", "n_flow_layer")
        return {k: getattr(self, k) for k in keys}


def sequence_mask(lengths: torch.Tensor, max_len) -> torch.Tensor:
    pos = torch.arange(max_len, dtype=lengths.dtype, device=lengths.device)
    return pos.unsqueeze(0) < lengths.unsqueeze(1)


class LayerNorm(nn.Module):
    """Channel layer norm over dim 1 of [B, C, T]; parameters gamma/beta as in SBV2."""

    def __init__(self, channels: int, eps: float = 1e-5):
        super().__init__()
        self.channels = channels
        self.eps = eps
        self.gamma = nn.Parameter(torch.ones(channels))
        self.beta = nn.Parameter(torch.zeros(channels))

    def forward(self, x):
        x = F.layer_norm(x.transpose(1, -1), (self.channels,), self.gamma, self.beta, self.eps)
        return x.transpose(1, -1)


class MultiHeadAttention(nn.Module):
    """Self-attention with shared relative key/value embeddings (window 4)."""

    def __init__(self, channels: int, n_heads: int, window_size: int = 4):
        super().__init__()
        self.n_heads = n_heads
        self.k_channels = channels // n_heads
        self.window_size = window_size
        self.conv_q = nn.Conv1d(channels, channels, 1)
        self.conv_k = nn.Conv1d(channels, channels, 1)
        self.conv_v = nn.Conv1d(channels, channels, 1)
        self.conv_o = nn.Conv1d(channels, channels, 1)
        std = self.k_channels ** -0.5
        self.emb_rel_k = nn.Parameter(torch.randn(1, window_size * 2 + 1, self.k_channels) * std)
        self.emb_rel_v = nn.Parameter(torch.randn(1, window_size * 2 + 1, self.k_channels) * std)

    @staticmethod
    def band_index(length: int, window_size: int, device=None) -> torch.Tensor:
        """[T, 2w+1] column of offset r for row i in a last dimension padded by w on each side: i + r."""
        rows = torch.arange(length, dtype=torch.int64, device=device).unsqueeze(1)
        return rows + torch.arange(2 * window_size + 1, dtype=torch.int64, device=device).unsqueeze(0)

    def forward(self, x, attn_mask, band):
        # SBV2 (VITS) attention with relative keys/values limited to offsets -w..w. SBV2 computes the relative
        # terms over all 2T-1 offsets (embeddings zero-padded to 2T-1 rows, then pad/reshape "skews" between
        # relative and absolute positions); only the 2w+1 window rows are non-zero, so the same terms are
        # computed here on the band alone: a [B,H,T,2w+1] gather/scatter against the scores padded by w.
        # Same sums (the dropped terms are exact zeros), O(T*w) instead of O(T^2) work, and far fewer nodes.
        q, k, v = self.conv_q(x), self.conv_k(x), self.conv_v(x)
        b, d, t = k.size()
        q = q.reshape(b, self.n_heads, self.k_channels, t).transpose(2, 3)
        k = k.reshape(b, self.n_heads, self.k_channels, t).transpose(2, 3)
        v = v.reshape(b, self.n_heads, self.k_channels, t).transpose(2, 3)
        q = q / math.sqrt(self.k_channels)
        w = self.window_size
        scores = F.pad(torch.matmul(q, k.transpose(-2, -1)), [w, w])
        rel = torch.matmul(q, self.emb_rel_k[0].transpose(0, 1))   # [B,H,T,2w+1]: q_i . e_r
        idx = band.expand_as(rel)
        scores = scores.scatter(3, idx, scores.gather(3, idx) + rel)[..., w:-w]
        scores = scores.masked_fill(attn_mask == 0, -1e4)
        p = F.softmax(scores, dim=-1)
        out = torch.matmul(p, v)
        out = out + torch.matmul(F.pad(p, [w, w]).gather(3, idx), self.emb_rel_v[0])
        out = out.transpose(2, 3).reshape(b, d, t)
        return self.conv_o(out)


class FFN(nn.Module):
    def __init__(self, channels: int, filter_channels: int, kernel_size: int):
        super().__init__()
        self.kernel_size = kernel_size
        # SBV2 zero-pads (k-1)//2 left and k//2 right before each convolution; for an odd kernel that is the
        # convolution's own symmetric padding (one node instead of a Pad and a Conv in the export)
        self.symmetric = kernel_size % 2 == 1
        pad = kernel_size // 2 if self.symmetric else 0
        self.conv_1 = nn.Conv1d(channels, filter_channels, kernel_size, padding=pad)
        self.conv_2 = nn.Conv1d(filter_channels, channels, kernel_size, padding=pad)

    def _pad(self, x):
        if self.symmetric:
            return x
        return F.pad(x, [(self.kernel_size - 1) // 2, self.kernel_size // 2])

    def forward(self, x, x_mask):
        x = torch.relu(self.conv_1(self._pad(x * x_mask)))
        return self.conv_2(self._pad(x * x_mask)) * x_mask


class Encoder(nn.Module):
    """Transformer encoder; the speaker vector is added before layer cond_layer_idx (2)."""

    def __init__(self, hidden, filter_channels, n_heads, n_layers, kernel_size, gin_channels,
                 cond_layer_idx: int = 2):
        super().__init__()
        self.n_layers = n_layers
        self.cond_layer_idx = cond_layer_idx if gin_channels else n_layers
        if gin_channels:
            self.spk_emb_linear = nn.Linear(gin_channels, hidden)
        self.window_size = 4   # SBV2's attentions.Encoder default
        self.attn_layers = nn.ModuleList([MultiHeadAttention(hidden, n_heads, self.window_size)
                                          for _ in range(n_layers)])
        self.norm_layers_1 = nn.ModuleList([LayerNorm(hidden) for _ in range(n_layers)])
        self.ffn_layers = nn.ModuleList([FFN(hidden, filter_channels, kernel_size) for _ in range(n_layers)])
        self.norm_layers_2 = nn.ModuleList([LayerNorm(hidden) for _ in range(n_layers)])

    def forward(self, x, x_mask, g=None):
        attn_mask = x_mask.unsqueeze(2) * x_mask.unsqueeze(-1)
        band = MultiHeadAttention.band_index(x.size(2), self.window_size, x.device)
        x = x * x_mask
        for i in range(self.n_layers):
            if i == self.cond_layer_idx and g is not None:
                x = (x + self.spk_emb_linear(g.transpose(1, 2)).transpose(1, 2)) * x_mask
            x = self.norm_layers_1[i](x + self.attn_layers[i](x, attn_mask, band))
            x = self.norm_layers_2[i](x + self.ffn_layers[i](x, x_mask))
        return x * x_mask


class TextEncoder(nn.Module):
    def __init__(self, dims: VoiceDims):
        super().__init__()
        h = dims.hidden_channels
        self.hidden_channels = h
        self.out_channels = dims.inter_channels
        self.emb = nn.Embedding(dims.n_vocab, h)
        self.tone_emb = nn.Embedding(dims.num_tones, h)
        self.language_emb = nn.Embedding(dims.num_languages, h)
        self.bert_proj = nn.Conv1d(dims.bert_dim, h, 1)
        self.style_proj = nn.Linear(dims.style_dim, h)
        self.encoder = Encoder(h, dims.filter_channels, dims.n_heads, dims.n_layers, dims.kernel_size,
                               dims.gin_channels)
        self.proj = nn.Conv1d(h, dims.inter_channels * 2, 1)

    def forward(self, x, x_lengths, tone, language, bert, style_vec, g):
        x = (self.emb(x) + self.tone_emb(tone) + self.language_emb(language)
             + self.bert_proj(bert).transpose(1, 2) + self.style_proj(style_vec.unsqueeze(1)))
        x = (x * math.sqrt(self.hidden_channels)).transpose(1, 2)
        x_mask = sequence_mask(x_lengths, x.size(2)).unsqueeze(1).to(x.dtype)
        x = self.encoder(x * x_mask, x_mask, g=g)
        stats = self.proj(x) * x_mask
        m, logs = torch.split(stats, self.out_channels, dim=1)
        return x, m, logs, x_mask


def flip_channels(x, channels: int):
    # torch.flip over channels as a gather with constant indices (the channel count is static; a
    # traced arange over x.size(1) came out of the exporter as an empty Range).
    idx = torch.tensor(list(range(channels - 1, -1, -1)), dtype=torch.int64, device=x.device)
    return x.index_select(1, idx)


class TransformerCouplingLayer(nn.Module):
    """Mean-only affine coupling whose shift comes from a transformer encoder (reverse only)."""

    def __init__(self, channels, hidden, kernel_size, n_layers, n_heads, filter_channels, gin_channels):
        super().__init__()
        self.half = channels // 2
        self.pre = nn.Conv1d(self.half, hidden, 1)
        self.enc = Encoder(hidden, filter_channels, n_heads, n_layers, kernel_size, gin_channels)
        self.post = nn.Conv1d(hidden, self.half, 1)

    def reverse(self, x, x_mask, g):
        x0, x1 = torch.split(x, [self.half, self.half], 1)
        h = self.enc(self.pre(x0) * x_mask, x_mask, g=g)
        m = self.post(h) * x_mask
        return torch.cat([x0, (x1 - m) * x_mask], 1)


class TransformerCouplingBlock(nn.Module):
    def __init__(self, dims: VoiceDims):
        super().__init__()
        # Module list indices mirror SBV2: couplings at even indices, parameter-less Flips at odd ones.
        layers = []
        for _ in range(dims.n_flow_layer):
            layers.append(TransformerCouplingLayer(dims.inter_channels, dims.hidden_channels, 5,
                                                   dims.n_layers_trans_flow, dims.n_heads,
                                                   dims.filter_channels, dims.gin_channels))
            layers.append(nn.Identity())
        self.flows = nn.ModuleList(layers)
        self.channels = dims.inter_channels

    def reverse(self, x, x_mask, g):
        for i in reversed(range(len(self.flows))):
            if i % 2 == 1:
                x = flip_channels(x, self.channels)
            else:
                x = self.flows[i].reverse(x, x_mask, g)
        return x


class DDSConv(nn.Module):
    """Dilated depth-separable convolutions (dilation kernel_size**i)."""

    def __init__(self, channels, kernel_size, n_layers):
        super().__init__()
        self.n_layers = n_layers
        self.convs_sep = nn.ModuleList()
        self.convs_1x1 = nn.ModuleList()
        self.norms_1 = nn.ModuleList()
        self.norms_2 = nn.ModuleList()
        for i in range(n_layers):
            dil = kernel_size ** i
            self.convs_sep.append(nn.Conv1d(channels, channels, kernel_size, groups=channels, dilation=dil,
                                            padding=(kernel_size * dil - dil) // 2))
            self.convs_1x1.append(nn.Conv1d(channels, channels, 1))
            self.norms_1.append(LayerNorm(channels))
            self.norms_2.append(LayerNorm(channels))

    def forward(self, x, x_mask, g=None):
        if g is not None:
            x = x + g
        for i in range(self.n_layers):
            y = F.gelu(self.norms_1[i](self.convs_sep[i](x * x_mask)))
            y = F.gelu(self.norms_2[i](self.convs_1x1[i](y)))
            x = x + y
        return x * x_mask


def _rq_spline_inverse(inputs, uw, uh, ud, bound, min_w=1e-3, min_h=1e-3, min_d=1e-3):
    """Inverse of the rational-quadratic spline with linear tails (neural spline flows).

    Computed for every element and selected with where(), so no boolean indexing reaches ONNX.
    """
    num_bins = uw.shape[-1]
    inside = (inputs >= -bound) & (inputs <= bound)
    x = torch.clamp(inputs, -bound, bound)
    tail = math.log(math.exp(1 - min_d) - 1)
    ud = F.pad(ud, [1, 1], value=tail)

    w = min_w + (1 - min_w * num_bins) * F.softmax(uw, dim=-1)
    cw = F.pad(torch.cumsum(w, dim=-1), [1, 0], value=0.0) * (2 * bound) - bound
    cw = torch.cat([torch.full_like(cw[..., :1], -bound), cw[..., 1:-1], torch.full_like(cw[..., :1], bound)], -1)
    w = cw[..., 1:] - cw[..., :-1]
    d = min_d + F.softplus(ud)
    h = min_h + (1 - min_h * num_bins) * F.softmax(uh, dim=-1)
    ch = F.pad(torch.cumsum(h, dim=-1), [1, 0], value=0.0) * (2 * bound) - bound
    ch = torch.cat([torch.full_like(ch[..., :1], -bound), ch[..., 1:-1], torch.full_like(ch[..., :1], bound)], -1)
    h = ch[..., 1:] - ch[..., :-1]

    # bin index: how many knots (last one nudged up by 1e-6) lie at or below the input, minus one
    eps = torch.zeros_like(ch)
    eps = torch.cat([eps[..., :-1], eps[..., -1:] + 1e-6], -1)
    idx = (torch.sum((x.unsqueeze(-1) >= ch + eps).to(torch.int64), dim=-1) - 1).unsqueeze(-1)
    idx = torch.clamp(idx, 0, num_bins - 1)

    in_cw = cw.gather(-1, idx)[..., 0]
    in_w = w.gather(-1, idx)[..., 0]
    in_ch = ch.gather(-1, idx)[..., 0]
    delta = h / w
    in_delta = delta.gather(-1, idx)[..., 0]
    in_d = d.gather(-1, idx)[..., 0]
    in_d1 = d[..., 1:].gather(-1, idx)[..., 0]
    in_h = h.gather(-1, idx)[..., 0]

    s = in_d + in_d1 - 2 * in_delta
    a = (x - in_ch) * s + in_h * (in_delta - in_d)
    b = in_h * in_d - (x - in_ch) * s
    c = -in_delta * (x - in_ch)
    disc = torch.clamp(b * b - 4 * a * c, min=0.0)
    root = (2 * c) / (-b - torch.sqrt(disc))
    out = root * in_w + in_cw
    return torch.where(inside, out, inputs)


class ConvFlow(nn.Module):
    def __init__(self, in_channels, filter_channels, kernel_size, n_layers, num_bins=10, tail_bound=5.0):
        super().__init__()
        self.filter_channels = filter_channels
        self.num_bins = num_bins
        self.tail_bound = tail_bound
        self.half = in_channels // 2
        self.pre = nn.Conv1d(self.half, filter_channels, 1)
        self.convs = DDSConv(filter_channels, kernel_size, n_layers)
        self.proj = nn.Conv1d(filter_channels, self.half * (num_bins * 3 - 1), 1)

    def reverse(self, x, x_mask, g):
        x0, x1 = torch.split(x, [self.half, self.half], 1)
        h = self.convs(self.pre(x0), x_mask, g=g)
        h = self.proj(h) * x_mask
        b, c, t = x0.shape
        h = h.reshape(b, c, -1, t).permute(0, 1, 3, 2)
        nb = self.num_bins
        scale = math.sqrt(self.filter_channels)
        x1 = _rq_spline_inverse(x1, h[..., :nb] / scale, h[..., nb:2 * nb] / scale, h[..., 2 * nb:],
                                self.tail_bound)
        return torch.cat([x0, x1], 1) * x_mask


class ElementwiseAffine(nn.Module):
    def __init__(self, channels):
        super().__init__()
        self.m = nn.Parameter(torch.zeros(channels, 1))
        self.logs = nn.Parameter(torch.zeros(channels, 1))

    def reverse(self, x, x_mask, g=None):
        return (x - self.m) * torch.exp(-self.logs) * x_mask


class StochasticDurationPredictor(nn.Module):
    """Reverse path only. SBV2 drops flows[1] (the first ConvFlow) in reverse; its weights and the
    posterior (post_*) weights exist in checkpoints but are training-only."""

    def __init__(self, in_channels, kernel_size, n_flows, gin_channels):
        super().__init__()
        fc = in_channels  # SBV2 forces filter_channels = in_channels
        self.pre = nn.Conv1d(in_channels, fc, 1)
        self.proj = nn.Conv1d(fc, fc, 1)
        self.convs = DDSConv(fc, kernel_size, 3)
        if gin_channels:
            self.cond = nn.Conv1d(gin_channels, fc, 1)
        flows = {"0": ElementwiseAffine(2)}
        for i in range(n_flows):
            if i > 0:
                flows[str(2 * i + 1)] = ConvFlow(2, fc, kernel_size, 3)
        self.flows = nn.ModuleDict(flows)
        self.n_flows = n_flows

    def reverse(self, x, x_mask, g, noise_scale, noise=None):
        x = self.pre(x)
        if g is not None:
            x = x + self.cond(g)
        x = self.proj(self.convs(x, x_mask)) * x_mask
        z = (torch.randn_like(x[:, :2, :]) if noise is None else noise) * noise_scale
        # SBV2 order: reversed [EA, CF1, Flip, CF3, Flip, CF5, Flip, CF7, Flip] without CF1
        for i in range(2 * self.n_flows, 0, -1):
            if i % 2 == 0:
                z = flip_channels(z, 2)
            elif i > 1:
                z = self.flows[str(i)].reverse(z, x_mask, g=x)
        z = self.flows["0"].reverse(z, x_mask)
        return z[:, :1]


class DurationPredictor(nn.Module):
    def __init__(self, in_channels, filter_channels, kernel_size, gin_channels):
        super().__init__()
        pad = kernel_size // 2
        self.conv_1 = nn.Conv1d(in_channels, filter_channels, kernel_size, padding=pad)
        self.norm_1 = LayerNorm(filter_channels)
        self.conv_2 = nn.Conv1d(filter_channels, filter_channels, kernel_size, padding=pad)
        self.norm_2 = LayerNorm(filter_channels)
        self.proj = nn.Conv1d(filter_channels, 1, 1)
        if gin_channels:
            self.cond = nn.Conv1d(gin_channels, in_channels, 1)

    def forward(self, x, x_mask, g=None):
        if g is not None:
            x = x + self.cond(g)
        x = self.norm_1(torch.relu(self.conv_1(x * x_mask)))
        x = self.norm_2(torch.relu(self.conv_2(x * x_mask)))
        return self.proj(x * x_mask) * x_mask


class ResBlock1(nn.Module):
    def __init__(self, channels, kernel_size, dilation):
        super().__init__()
        pad = lambda d: (kernel_size * d - d) // 2  # noqa: E731
        self.convs1 = nn.ModuleList([nn.Conv1d(channels, channels, kernel_size, 1, dilation=d, padding=pad(d))
                                     for d in dilation])
        self.convs2 = nn.ModuleList([nn.Conv1d(channels, channels, kernel_size, 1, dilation=1, padding=pad(1))
                                     for _ in dilation])

    def forward(self, x, mask):
        """x: zero past each item's end (leaky_relu keeps zeros); every later conv input is masked,
        because a conv's bias and its neighbours make its output non-zero there, and unbatched the
        next conv would read zero padding at those positions. The output is not masked (the caller
        averages the blocks and masks once)."""
        for i, (c1, c2) in enumerate(zip(self.convs1, self.convs2)):
            xt = F.leaky_relu(x, LRELU_SLOPE)
            xt = c1(xt if i == 0 else xt * mask)
            xt = c2(F.leaky_relu(xt, LRELU_SLOPE) * mask)
            x = xt + x
        return x


class ResBlock2(nn.Module):
    def __init__(self, channels, kernel_size, dilation):
        super().__init__()
        self.convs = nn.ModuleList([nn.Conv1d(channels, channels, kernel_size, 1, dilation=d,
                                              padding=(kernel_size * d - d) // 2) for d in dilation])

    def forward(self, x, mask):
        for i, c in enumerate(self.convs):
            xt = F.leaky_relu(x, LRELU_SLOPE)
            x = c(xt if i == 0 else xt * mask) + x
        return x


def upsample_mask(mask: torch.Tensor, factor: int) -> torch.Tensor:
    """[B,1,T] frame mask -> [B,1,T*factor]: each position repeated `factor` times, the resolution
    after an upsampling layer of that stride. Written as a ConvTranspose with a ones kernel (exact: one
    term per output) so that gemm-convs sees the same length arithmetic as the decoder's own upsamplers
    and can give the mask and the activations it multiplies one length name."""
    return F.conv_transpose1d(mask, torch.ones(1, 1, factor, dtype=mask.dtype, device=mask.device), stride=factor)


class Generator(nn.Module):
    """HiFi-GAN decoder with speaker conditioning at its input."""

    def __init__(self, dims: VoiceDims):
        super().__init__()
        ch0 = dims.upsample_initial_channel
        self.num_kernels = len(dims.resblock_kernel_sizes)
        self.upsample_rates = list(dims.upsample_rates)
        self.conv_pre = nn.Conv1d(dims.inter_channels, ch0, 7, 1, padding=3)
        block = ResBlock1 if str(dims.resblock) == "1" else ResBlock2
        self.ups = nn.ModuleList()
        self.resblocks = nn.ModuleList()
        ch = ch0
        for i, (u, k) in enumerate(zip(dims.upsample_rates, dims.upsample_kernel_sizes)):
            ch = ch0 // (2 ** (i + 1))
            self.ups.append(nn.ConvTranspose1d(ch0 // (2 ** i), ch, k, u, padding=(k - u) // 2))
            for kk, dd in zip(dims.resblock_kernel_sizes, dims.resblock_dilation_sizes):
                self.resblocks.append(block(ch, kk, dd))
        self.conv_post = nn.Conv1d(ch, 1, 7, 1, padding=3, bias=False)
        if dims.gin_channels:
            self.cond = nn.Conv1d(dims.gin_channels, ch0, 1)

    def forward(self, x, mask, g=None):
        """x [B,C,F] latent frames, mask [B,1,F] 1.0 on each item's frames and 0.0 elsewhere.

        SBV2's decoder has no mask: it runs one item whose convs read zero padding past both ends.
        Multiplying the activations by the mask at every resolution before a conv reads them makes
        a batched item (or a chunk with margins) see exactly that zero padding, so its samples do
        not depend on what else is in the batch. With an all-ones mask the result is unchanged."""
        x = self.conv_pre(x * mask)
        if g is not None:
            x = x + self.cond(g)
        x = x * mask  # conv_pre's bias and the speaker term reach every padded frame
        for i, up in enumerate(self.ups):
            # ConvTranspose: input masked (leaky_relu(0) = 0), output masked at the new resolution,
            # since its bias and kernel tails reach past the item's last sample
            x = up(F.leaky_relu(x, LRELU_SLOPE))
            mask = upsample_mask(mask, self.upsample_rates[i])
            x = x * mask
            xs = None
            for j in range(self.num_kernels):
                y = self.resblocks[i * self.num_kernels + j](x, mask)
                xs = y if xs is None else xs + y
            x = (xs / self.num_kernels) * mask
        x = self.conv_post(F.leaky_relu(x))  # default slope 0.01 here, as in SBV2
        return torch.tanh(x) * mask


def generate_path(duration, mask):
    """duration [B,1,Tx], mask [B,1,Ty,Tx] -> monotonic alignment path [B,1,Ty,Tx]."""
    b, _, t_y, t_x = mask.shape
    cum = torch.cumsum(duration, -1).reshape(b * t_x)
    path = sequence_mask(cum, t_y).to(mask.dtype).reshape(b, t_x, t_y)
    path = path - F.pad(path, [0, 0, 1, 0])[:, :-1]
    return path.unsqueeze(1).transpose(2, 3) * mask


class SynthesizerTrnJPExtra(nn.Module):
    """forward() is SBV2's infer() with the ONNX contract's argument order."""

    def __init__(self, dims: VoiceDims):
        super().__init__()
        self.dims = dims
        self.enc_p = TextEncoder(dims)
        self.dec = Generator(dims)
        self.flow = TransformerCouplingBlock(dims)
        self.sdp = StochasticDurationPredictor(dims.hidden_channels, 3, 4, dims.gin_channels)
        self.dp = DurationPredictor(dims.hidden_channels, dims.dp_filter_channels, 3, dims.gin_channels)
        self.emb_g = nn.Embedding(dims.n_speakers, dims.gin_channels)

    @property
    def hop(self) -> int:
        return int(math.prod(self.dims.upsample_rates))

    def latent(self, x_tst, x_tst_lengths, sid, tones, language, bert, style_vec,
               length_scale, sdp_ratio, noise_scale, noise_scale_w, noise_w=None, noise_z=None):
        """Everything before the decoder: (z * y_mask [B,C,F], y_lengths [B], y_mask [B,1,F], g).
        noise_w [B,2,T] / noise_z [B,C,F]: standard normal noise given instead of drawn (SBV2's randn_like). F is then
        noise_z's length, not the longest item's: an item longer than F is cut there (its y_length says so, and its
        frames then differ from its whole result's: see FixedLatentGraph)."""
        g = self.emb_g(sid).unsqueeze(-1)
        x, m_p, logs_p, x_mask = self.enc_p(x_tst, x_tst_lengths, tones, language, bert, style_vec, g)
        logw = (self.sdp.reverse(x, x_mask, g, noise_scale_w, noise_w) * sdp_ratio
                + self.dp(x, x_mask, g=g) * (1 - sdp_ratio))
        w_ceil = torch.ceil(torch.exp(logw) * x_mask * length_scale)
        y_lengths = torch.clamp_min(torch.sum(w_ceil, [1, 2]), 1).long()
        frames = y_lengths.max() if noise_z is None else noise_z.size(2)
        y_mask = sequence_mask(y_lengths, frames).unsqueeze(1).to(x_mask.dtype)
        attn_mask = x_mask.unsqueeze(2) * y_mask.unsqueeze(-1)
        attn = generate_path(w_ceil, attn_mask).squeeze(1)
        m_p = torch.matmul(attn, m_p.transpose(1, 2)).transpose(1, 2)
        logs_p = torch.matmul(attn, logs_p.transpose(1, 2)).transpose(1, 2)
        z_p = m_p + (torch.randn_like(m_p) if noise_z is None else noise_z) * torch.exp(logs_p) * noise_scale
        z = self.flow.reverse(z_p, y_mask, g)
        return z * y_mask, y_lengths, y_mask, g

    def forward(self, x_tst, x_tst_lengths, sid, tones, language, bert, style_vec,
                length_scale, sdp_ratio, noise_scale, noise_scale_w):
        """(output [B,1,F*hop], output_lengths [B] = each item's y_length * hop)."""
        z, y_lengths, y_mask, g = self.latent(x_tst, x_tst_lengths, sid, tones, language, bert, style_vec,
                                              length_scale, sdp_ratio, noise_scale, noise_scale_w)
        return self.dec(z, y_mask, g=g), y_lengths * self.hop


class LatentGraph(nn.Module):
    """model.latent.onnx: the generator's inputs -> (z [B,C,F] already times y_mask, frame_lengths [B]).
    The noise is drawn here, once per piece, so the audio does not depend on how it is chunked."""

    def __init__(self, model: SynthesizerTrnJPExtra):
        super().__init__()
        self.model = model

    def forward(self, *inputs):
        z, y_lengths, _, _ = self.model.latent(*inputs)
        return z, y_lengths


class FixedLatentGraph(nn.Module):
    """model.latent.fixed.onnx: the latent graph for sessions whose every shape is fixed (ONNX Runtime's free-dimension
    overrides of batch_size, x_tst_max_length and frames): the standard normal noise comes in (noise_w [B,2,T], noise_z
    [B,C,F]) instead of being drawn, and F is noise_z's length, not the longest item's. With no shape computed from
    data, ONNX Runtime folds every shape computation and runs the whole graph on the device (a replayable CUDA graph
    needs that too, and would replay drawn noise unchanged). An item longer than F is cut at F, and its frames are not
    the first F of its whole result (the flow attends over all of them); frame_lengths gives its full length, so the
    caller runs it again with enough frames."""

    def __init__(self, model: SynthesizerTrnJPExtra):
        super().__init__()
        self.model = model

    def forward(self, x_tst, x_tst_lengths, sid, tones, language, bert, style_vec, length_scale, sdp_ratio,
                noise_scale, noise_scale_w, noise_w, noise_z):
        z, y_lengths, _, _ = self.model.latent(x_tst, x_tst_lengths, sid, tones, language, bert, style_vec,
                                               length_scale, sdp_ratio, noise_scale, noise_scale_w,
                                               noise_w=noise_w, noise_z=noise_z)
        return z, y_lengths


class DecoderGraph(nn.Module):
    """model.decoder.onnx: (z [B,C,F_in] a chunk of frames with `margin` frames on each side, mask
    [B,1,F_in] 1.0 on frames inside the sentence, sid [B]) -> audio [B,1,(F_in - 2*margin)*hop], the
    samples of the centre frames only, and audio_window [B,1,F_in*hop], the samples of every input
    frame. Margin frames outside the sentence carry mask 0, and the decoder then sees the zero padding
    the whole graph's convs see there. The same holds at the tensor's own edge, so a sentence's first
    chunk can start at its frame 0 without a left margin: its audio_window samples up to the right
    margin are then exact (one margin less of decoding for the first audio)."""

    def __init__(self, model: SynthesizerTrnJPExtra, margin: int):
        super().__init__()
        self.model = model
        self.cut = margin * model.hop

    def forward(self, z, mask, sid):
        g = self.model.emb_g(sid).unsqueeze(-1)
        audio = self.model.dec(z, mask, g=g)
        return audio[:, :, self.cut:-self.cut], audio


def conv_reach(kernel: int, dilation: int = 1) -> int:
    """Samples a "same" stride-1 conv reads on either side of its output sample."""
    return dilation * (kernel - 1) // 2 + (dilation * (kernel - 1)) % 2


def conv_transpose_reach(kernel: int, stride: int, padding: int) -> int:
    """Input samples a ConvTranspose output sample depends on beyond the input sample whose span
    holds it: output s reads inputs i with i*stride - padding <= s <= i*stride - padding + kernel - 1,
    and lies in input cell s // stride."""
    reach = 0
    for s in range(stride * (kernel + padding + 1)):
        lo = -((padding - kernel + 1 + s) // -stride)  # ceil((s + padding - kernel + 1) / stride)
        hi = (s + padding) // stride
        reach = max(reach, s // stride - lo, hi - s // stride)
    return reach


def decoder_reach_frames(dims: VoiceDims):
    """The decoder's receptive field radius in frames, as an exact fraction, and its terms.

    A chunk's tensor edge is zero padding where the whole sentence has real frames; that error
    spreads inwards by each layer's reach, measured in that layer's input resolution (samples per
    frame = product of the upsample rates before it). Resblocks run in parallel (the widest
    counts); within one, the convs are in series: c1 (dilation d) then c2 (dilation 1) per d."""
    from fractions import Fraction
    terms = [("conv_pre k7", Fraction(conv_reach(7), 1))]
    res = 1
    blocks = list(zip(dims.resblock_kernel_sizes, dims.resblock_dilation_sizes))
    for i, (u, k) in enumerate(zip(dims.upsample_rates, dims.upsample_kernel_sizes)):
        terms.append((f"ups.{i} k{k} u{u}", Fraction(conv_transpose_reach(k, u, (k - u) // 2), res)))
        res *= u
        if str(dims.resblock) == "1":
            widest = max(sum(conv_reach(kk, d) + conv_reach(kk) for d in dd) for kk, dd in blocks)
        else:
            widest = max(sum(conv_reach(kk, d) for d in dd) for kk, dd in blocks)
        terms.append((f"resblocks at {res}/frame", Fraction(widest, res)))
    terms.append(("conv_post k7", Fraction(conv_reach(7), res)))
    return sum(t for _, t in terms), terms


def chunk_plan(dims: VoiceDims):
    """(chunk_frames, margin_frames): margin = the receptive field radius rounded up to whole frames;
    chunk = 8 margins rounded up to a multiple of 16 frames, so the margins add at most 25 % work."""
    reach, _ = decoder_reach_frames(dims)
    margin = math.ceil(reach)
    chunk = -(-8 * margin // 16) * 16
    return chunk, margin


# Prefixes present in SBV2 checkpoints that inference never uses.
TRAINING_ONLY_PREFIXES = ("enc_q.", "sdp.post_pre.", "sdp.post_proj.", "sdp.post_convs.", "sdp.post_flows.",
                          "sdp.flows.1.")
