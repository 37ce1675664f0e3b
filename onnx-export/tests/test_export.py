"""onnx-export tests (run: make -C onnx-export test). No onnxruntime needed: ONNX Runtime parity for
the committed tiny models runs in Java (ExportedModelsTest) against the references checked here."""
import io
import json
import subprocess
import sys
import tempfile
import unittest
from contextlib import redirect_stdout
from pathlib import Path

import numpy as np
import onnx
from onnx import TensorProto
import torch
from onnx import numpy_helper

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from luna_export import bert, checkpoint, gemm_convs, models, onnx_util, voice  # noqa: E402
from luna_export.errors import ExportError  # noqa: E402
from luna_export import sbv2  # noqa: E402
from luna_export.sbv2 import SynthesizerTrnJPExtra, VoiceDims  # noqa: E402
from luna_export.symbols import SYMBOLS  # noqa: E402
from luna_export.tokenizer import reference_ids, tiny_vocab, tokenizer_json  # noqa: E402

ROOT = HERE.parents[1]
REF = ROOT / "src/test/resources/export"


def quiet(fn, *a, **k):
    with redirect_stdout(io.StringIO()):
        return fn(*a, **k)


def initializers(path):
    return {i.name: numpy_helper.to_array(i) for i in onnx.load(str(path)).graph.initializer}


class SafetensorsTest(unittest.TestCase):
    def test_round_trip_without_the_package(self):
        t = {"a": torch.randn(3, 4), "b": torch.arange(5, dtype=torch.int64), "c": torch.randn(2).half()}
        with tempfile.TemporaryDirectory() as d:
            p = Path(d) / "x.safetensors"
            checkpoint.write_safetensors(p, t)
            back = checkpoint.read_safetensors(p)
        self.assertEqual(set(back), set(t))
        for k in t:
            self.assertTrue(torch.equal(back[k], t[k]), k)

    def test_bf16_is_widened(self):
        vals = torch.tensor([1.5, -2.25, 3.0e-3])
        raw = (vals.view(torch.int32) >> 16).to(torch.int16).numpy().astype("<i2").tobytes()
        header = json.dumps({"w": {"dtype": "BF16", "shape": [3], "data_offsets": [0, len(raw)]}}).encode()
        with tempfile.TemporaryDirectory() as d:
            p = Path(d) / "bf.safetensors"
            p.write_bytes(len(header).to_bytes(8, "little") + header + raw)
            w = checkpoint.read_safetensors(p)["w"]
        self.assertTrue(torch.allclose(w, vals, rtol=1e-2))

    def test_truncated_file_is_one_clear_error(self):
        with tempfile.TemporaryDirectory() as d:
            p = Path(d) / "t.safetensors"
            checkpoint.write_safetensors(p, {"a": torch.randn(100)})
            p.write_bytes(p.read_bytes()[:-10])
            with self.assertRaisesRegex(ExportError, "t.safetensors: tensor a lies outside the file"):
                checkpoint.read_safetensors(p)


class WeightNormTest(unittest.TestCase):
    def test_folding_matches_torch_weight_norm(self):
        for mod in (torch.nn.Conv1d(6, 4, 3), torch.nn.ConvTranspose1d(8, 4, 16, 8)):
            wn = torch.nn.utils.weight_norm(mod)
            with torch.no_grad():
                wn.weight_g.mul_(torch.rand_like(wn.weight_g) + 0.5)
            sd = {"m.weight_g": wn.weight_g.detach(), "m.weight_v": wn.weight_v.detach(), "m.bias": wn.bias.detach()}
            folded, n = checkpoint.fold_all_weight_norms(sd)
            self.assertEqual(n, 1)
            wn(torch.randn(1, mod.in_channels, 20))  # recompute .weight from g, v
            self.assertTrue(torch.allclose(folded["m.weight"], wn.weight.detach(), atol=1e-6))
            self.assertEqual(sorted(folded), ["m.bias", "m.weight"])

    def test_parametrizations_names(self):
        g, v = torch.rand(4, 1, 1) + 0.5, torch.randn(4, 3, 5)
        folded, _ = checkpoint.fold_all_weight_norms({"x.parametrizations.weight.original0": g,
                                                      "x.parametrizations.weight.original1": v})
        want = g * v / v.norm(dim=(1, 2), keepdim=True)
        self.assertTrue(torch.allclose(folded["x.weight"], want, atol=1e-6))


def tiny():
    return quiet(models.tiny_voice)


class GraphTest(unittest.TestCase):
    def test_symbols_and_sample_ids(self):
        self.assertEqual(len(SYMBOLS), 112)
        phones, tones, langs = voice.sample_phonemes()
        self.assertEqual(phones[1::2], [0, 57, 65, 5, 62, 40, 22, 40, 97, 8, 107, 0])
        self.assertEqual(tones[1::2], [6, 6, 6, 7, 7, 7, 7, 7, 7, 7, 6, 6])
        self.assertEqual(set(phones[0::2]) | set(tones[0::2]) | set(langs[0::2]), {0})

    def test_zero_noise_is_deterministic_and_noise_is_not(self):
        model, _, sv = tiny()
        ph, to, la = voice.sample_phonemes()
        f = voice.make_inputs(ph, to, la, sv[0], 0, seed=3)
        a, b = voice.run_torch(model, f), voice.run_torch(model, f)
        self.assertTrue(np.array_equal(a, b))
        self.assertEqual(a.shape[:2], (1, 1))
        self.assertEqual(a.shape[2] % 512, 0)
        self.assertEqual(a.shape[2] // 512, 3 * len(ph), "duration bias: ceil(2.6) = 3 frames per token")
        g = dict(f, noise_scale=np.array(0.667, np.float32), noise_scale_w=np.array(0.8, np.float32),
                 sdp_ratio=np.array(0.5, np.float32))
        torch.manual_seed(0)
        c = voice.run_torch(model, g)
        torch.manual_seed(1)
        d = voice.run_torch(model, g)
        self.assertFalse(c.shape == d.shape and np.allclose(c, d))
        self.assertTrue(np.all(np.abs(c) <= 1.0))

    def test_length_scale_stretches(self):
        model, _, sv = tiny()
        ph, to, la = voice.sample_phonemes()
        n1 = voice.run_torch(model, voice.make_inputs(ph, to, la, sv[0], 0, 3)).shape[2]
        n2 = voice.run_torch(model, voice.make_inputs(ph, to, la, sv[0], 0, 3, length_scale=2.0)).shape[2]
        self.assertGreater(n2, 1.5 * n1)


def sbv2_relative_attention(mha, x, attn_mask):
    """The relative terms as SBV2's attentions.MultiHeadAttention computes them: embeddings zero-padded to all
    2T-1 offsets, and pad/reshape skews between relative and absolute positions (O(T^2))."""
    import math
    import torch.nn.functional as F
    q, k, v = mha.conv_q(x), mha.conv_k(x), mha.conv_v(x)
    b, d, t = k.size()
    h, dk, w = mha.n_heads, mha.k_channels, mha.window_size
    q, k, v = (z.reshape(b, h, dk, t).transpose(2, 3) for z in (q, k, v))
    q = q / math.sqrt(dk)

    def embeddings(emb):
        pad, start = max(t - (w + 1), 0), max((w + 1) - t, 0)
        if pad > 0:
            emb = F.pad(emb, [0, 0, pad, pad])
        return emb[:, start:start + 2 * t - 1]

    def rel_to_abs(r):
        r = F.pad(r, [0, 1]).reshape(b, h, 2 * t * t)
        r = F.pad(r, [0, t - 1]).reshape(b, h, t + 1, 2 * t - 1)
        return r[:, :, :t, t - 1:]

    def abs_to_rel(a):
        a = F.pad(a, [0, t - 1]).reshape(b, h, t * t + t * (t - 1))
        return F.pad(a, [t, 0]).reshape(b, h, t, 2 * t)[:, :, :, 1:]

    scores = torch.matmul(q, k.transpose(-2, -1))
    scores = scores + rel_to_abs(torch.matmul(q, embeddings(mha.emb_rel_k).unsqueeze(0).transpose(-2, -1)))
    p = F.softmax(scores.masked_fill(attn_mask == 0, -1e4), dim=-1)
    out = torch.matmul(p, v) + torch.matmul(abs_to_rel(p), embeddings(mha.emb_rel_v).unsqueeze(0))
    return mha.conv_o(out.transpose(2, 3).reshape(b, d, t))


class BandedAttentionTest(unittest.TestCase):
    """The export computes the window-limited relative terms on the band only; it must give SBV2's sums."""

    def test_band_equals_sbv2_skews_at_every_length(self):
        from luna_export.sbv2 import MultiHeadAttention
        torch.manual_seed(7)
        mha = MultiHeadAttention(16, 2).eval()
        for t in (1, 2, 4, 5, 6, 9, 10, 37, 130):
            x = torch.randn(3, 16, t)
            lengths = torch.tensor([t, max(1, t // 2), max(1, t - 3)])
            m = (torch.arange(t).unsqueeze(0) < lengths.unsqueeze(1)).float().unsqueeze(1)
            attn_mask = m.unsqueeze(2) * m.unsqueeze(-1)
            with torch.no_grad():
                got = mha(x, attn_mask, MultiHeadAttention.band_index(t, mha.window_size))
                want = sbv2_relative_attention(mha, x, attn_mask)
            d = float((got - want).abs().max())
            self.assertLessEqual(d, 1e-5, f"T={t}: max |d| {d}")

    def test_band_index(self):
        from luna_export.sbv2 import MultiHeadAttention
        self.assertEqual(MultiHeadAttention.band_index(3, 1).tolist(), [[0, 1, 2], [1, 2, 3], [2, 3, 4]])


def random_items(sv, lengths, seed=0, **kw):
    rng = np.random.default_rng(seed)
    items = []
    for i, t in enumerate(lengths):
        ph = [int(v) for v in rng.integers(1, 112, t)]
        to = [int(v) for v in rng.integers(6, 8, t)]
        items.append(voice.make_inputs(ph, to, [1] * t, sv[i % len(sv)], i % 2, seed=seed + 100 + i, **kw))
    return items


class BatchedGeneratorTest(unittest.TestCase):
    """The engine batches pieces of different lengths into one generator run (issue #10): each item
    must get the audio it gets alone, cut by output_lengths."""

    def test_batched_equals_one_by_one_for_mixed_lengths(self):
        model, _, sv = tiny()
        for kw in ({}, {"length_scale": 1.3, "sdp_ratio": 0.6}):
            items = random_items(sv, (23, 7, 41, 2), **kw)
            out, lengths = voice.run_torch_both(model, voice.batch_inputs(items))
            self.assertEqual(out.shape[:2], (4, 1))
            self.assertEqual(out.shape[2], max(lengths))
            for i, f in enumerate(items):
                alone, alone_len = voice.run_torch_both(model, f)
                self.assertEqual(int(lengths[i]), alone.shape[2], f"item {i}: output_lengths")
                self.assertEqual(alone_len.tolist(), [alone.shape[2]])
                n = int(lengths[i])
                d = float(np.max(np.abs(out[i, :, :n] - alone[0])))
                self.assertLessEqual(d, 1e-4, f"item {i} ({kw}): max |d| {d}")
                self.assertTrue(np.all(out[i, :, n:] == 0.0), f"item {i}: padding must be silent")

    def test_single_item_output_is_unchanged_by_the_masks(self):
        # the committed references were made before the decoder had masks; B=1 must match them to float rounding: the
        # same torch gives them bit for bit on the kind of CPU that wrote them, and within 1e-6 on another (an AMD
        # EPYC's kernels round differently)
        model, _, _ = tiny()
        for case in ("voice_a", "voice_b"):
            feeds = {n: np.load(REF / case / f"{n}.npy") for n in voice.INPUT_NAMES}
            out, lengths = voice.run_torch_both(model, feeds)
            want = np.load(REF / case / "output.npy")
            self.assertEqual(out.shape, want.shape, case)
            self.assertLessEqual(float(np.abs(out - want).max()), 1e-5, case)
            self.assertEqual(lengths.tolist(), [out.shape[2]])

    def test_bert_padded_batch_equals_one_by_one(self):
        bmodel, vocab = quiet(models.tiny_bert)
        singles = [bert.sample_feeds(vocab, t) for t in (bert.SAMPLE_TEXT, bert.SHORT_TEXT, "こんにちは")]
        row0, states = bert.torch_out_both(bmodel, bert.batch_feeds(singles))
        self.assertEqual(states.shape[0], 3)
        self.assertTrue(np.array_equal(row0, states[0]))
        for i, f in enumerate(singles):
            alone, alone_states = bert.torch_out_both(bmodel, f)
            self.assertTrue(np.array_equal(alone, alone_states[0]))
            n = f["input_ids"].shape[1]
            d = float(np.max(np.abs(states[i, :n] - alone)))
            self.assertLessEqual(d, 1e-5, f"row {i}: max |d| {d}")


class ChunkedDecoderTest(unittest.TestCase):
    """model.latent.onnx + model.decoder.onnx (issue #12): decoding a sentence chunk by chunk with the
    derived margins gives the whole graph's audio."""

    def test_margin_is_the_receptive_field_rounded_up(self):
        from fractions import Fraction
        from luna_export.sbv2 import chunk_plan, conv_transpose_reach, decoder_reach_frames
        # HiFi-GAN's upsamplers: k16 u8 p4 reads one frame either side, k8 u2 p3 two, k2 u2 none
        self.assertEqual([conv_transpose_reach(16, 8, 4), conv_transpose_reach(8, 2, 3), conv_transpose_reach(2, 2, 0)],
                         [1, 2, 0])
        full, terms = decoder_reach_frames(VoiceDims())
        self.assertEqual(dict(terms)["conv_pre k7"], 3)
        self.assertEqual(dict(terms)["resblocks at 8/frame"], Fraction(60, 8), "k11 d1,3,5: 5*(1+3+5) + 3*5 samples")
        self.assertEqual(full, Fraction(6871, 512))  # 13.42 frames
        self.assertEqual(chunk_plan(VoiceDims()), (112, 14))
        self.assertEqual(chunk_plan(VoiceDims(**models.TINY_DIMS)), (80, 10))

    def test_chunks_equal_the_whole_sentence(self):
        from luna_export.sbv2 import chunk_plan
        model, _, sv = tiny()
        chunk, margin = chunk_plan(model.dims)
        # 3 frames per token: 5 tokens = 15 frames (under one chunk), 80 = 240 frames (exactly 3 chunks),
        # 61 = 183 frames (2 chunks and a part), 27 = 81 frames (one chunk and one frame)
        for t in (5, 80, 61, 27):
            f = random_items(sv, (t,), seed=t)[0]
            whole, lengths = voice.run_torch_both(model, f)
            with torch.no_grad():
                z, frames = voice.LatentGraph(model)(*[torch.from_numpy(f[n]) for n in voice.INPUT_NAMES])
            self.assertEqual(int(frames[0]) * 512, int(lengths[0]))
            got = voice.torch_chunked(model, z, int(frames[0]), torch.from_numpy(f["sid"]), chunk, margin).numpy()
            self.assertEqual(got.shape, whole.shape)
            d = np.abs(got - whole)[0, 0]
            self.assertLessEqual(float(d.max()), 1e-4, f"{t} tokens: max |d| {d.max()}")
            for b in range(chunk, int(frames[0]), chunk):  # a frame either side of every chunk boundary
                self.assertLessEqual(float(d[(b - 1) * 512:(b + 1) * 512].max()), 1e-4, f"{t} tokens, boundary {b}")
        # a sentence's first chunk decoded from its frame 0 (no left margin): audio_window up to the right margin
        from luna_export.sbv2 import DecoderGraph
        for t, first in ((61, 16), (5, 3), (27, chunk)):
            f = random_items(sv, (t,), seed=t)[0]
            whole = voice.run_torch(model, f)
            with torch.no_grad():
                z, frames = voice.LatentGraph(model)(*[torch.from_numpy(f[n]) for n in voice.INPUT_NAMES])
                n = int(frames[0])
                w = first + margin
                zc, mc = torch.zeros(1, z.size(1), w), torch.zeros(1, 1, w)
                zc[:, :, :min(w, n)] = z[:, :, :min(w, n)]
                mc[:, :, :min(w, n)] = 1.0
                _, window = DecoderGraph(model, margin)(zc, mc, torch.from_numpy(f["sid"]))
            self.assertEqual(window.shape[2], w * 512)
            k = min(first, n) * 512
            d = float(np.abs(window.numpy()[0, 0, :k] - whole[0, 0, :k]).max())
            self.assertLessEqual(d, 1e-4, f"{t} tokens, first chunk of {first} frames from the edge: max |d| {d}")
        # the margins are needed: a third of them leaves audible seams
        f = random_items(sv, (61,), seed=61)[0]
        whole = voice.run_torch(model, f)
        with torch.no_grad():
            z, frames = voice.LatentGraph(model)(*[torch.from_numpy(f[n]) for n in voice.INPUT_NAMES])
        thin = voice.torch_chunked(model, z, int(frames[0]), torch.from_numpy(f["sid"]), chunk, margin // 3).numpy()
        self.assertGreater(float(np.abs(thin - whole).max()), 1e-3)


class FixedLatentTest(unittest.TestCase):
    """model.latent.fixed.onnx: the latent graph with its noise as inputs and F set by noise_z, for sessions of one
    fixed shape (CUDA): an item's frames equal the latent graph's, whatever F and the batch around it."""

    def latents(self, model, items, frames, noise_seed=5):
        batch = voice.batch_inputs(items)
        b, t = batch["x_tst"].shape
        g = np.random.default_rng(noise_seed)
        noise_w = g.standard_normal((b, 2, t)).astype(np.float32)
        noise_z = g.standard_normal((b, model.dims.inter_channels, frames)).astype(np.float32)
        with torch.no_grad():
            z, lengths = sbv2.FixedLatentGraph(model)(*[torch.from_numpy(batch[n]) for n in voice.INPUT_NAMES],
                                                     torch.from_numpy(noise_w), torch.from_numpy(noise_z))
        return z.numpy(), lengths.numpy(), noise_w, noise_z

    def test_equals_the_latent_graph_at_zero_noise_and_cuts_at_f(self):
        model, _, sv = tiny()
        items = random_items(sv, (9, 31, 20), seed=4)
        alone = []
        for f in items:
            with torch.no_grad():
                z, n = voice.LatentGraph(model)(*[torch.from_numpy(f[k]) for k in voice.INPUT_NAMES])
            alone.append((z.numpy()[0], int(n[0])))
        longest = max(n for _, n in alone)
        z, lengths, _, _ = self.latents(model, items, longest + 7)
        self.assertEqual(lengths.tolist(), [n for _, n in alone])
        for i, (za, n) in enumerate(alone):
            self.assertLessEqual(float(np.abs(z[i, :, :n] - za[:, :n]).max()), 1e-5, f"item {i}")
            self.assertEqual(float(np.abs(z[i, :, n:]).max()), 0.0, f"item {i}: frames past its length are zero")
        # F shorter than the longest item: that item says how long it is (its cut frames are not the first F of its
        # whole result: the flow attends over all frames, so the caller runs it again); the others are unchanged
        short = sorted(n for _, n in alone)[1]
        z2, lengths2, _, _ = self.latents(model, items, short)
        self.assertEqual(lengths2.tolist(), lengths.tolist())
        for i, (za, n) in enumerate(alone):
            if n <= short:
                self.assertLessEqual(float(np.abs(z2[i, :, :n] - za[:, :n]).max()), 1e-5, f"item {i}, F={short}")
        self.assertGreater(max(lengths2), short)

    def test_given_noise_is_the_noise_of_the_latent_graph(self):
        # with noise, the same standard normal numbers give the same frames: a frame's noise does not depend on F
        model, _, sv = tiny()
        items = random_items(sv, (17,), seed=8, noise_scale=0.6, noise_scale_w=0.8, sdp_ratio=0.5)
        z, lengths, noise_w, noise_z = self.latents(model, items, 120)
        n = int(lengths[0])
        with torch.no_grad():
            za, ya, _, _ = model.latent(*[torch.from_numpy(items[0][k]) for k in voice.INPUT_NAMES],
                                        noise_w=torch.from_numpy(noise_w), noise_z=torch.from_numpy(noise_z[:, :, :n]))
        self.assertEqual(int(ya[0]), n)
        self.assertLessEqual(float(np.abs(z[0, :, :n] - za.numpy()[0]).max()), 1e-5)
        z_other, _, _, _ = self.latents(model, items, 120, noise_seed=6)
        self.assertGreater(float(np.abs(z_other - z).max()), 1e-2, "other noise, other frames")

    def test_committed_graph(self):
        path = ROOT / "models/voices/tiny" / voice.FIXED_LATENT
        onnx_util.check_contract(path, voice.FIXED_CONTRACT)
        self.assertEqual(onnx_util.metadata(path),
                         {"luna_chunk_frames": "80", "luna_margin_frames": "10", "luna_hop": "512"})
        ops = {n.op_type for n in onnx.load(str(path)).graph.node}
        self.assertNotIn("RandomNormalLike", ops, "the noise comes in")


class CommittedModelsTest(unittest.TestCase):
    """The committed models/ and reference outputs are what `make test-models` produces."""

    @classmethod
    def setUpClass(cls):
        cls.manifest = json.loads((REF / "manifest.json").read_text())
        cls.tmp = tempfile.TemporaryDirectory()
        cls.root = Path(cls.tmp.name)
        cls.stats = quiet(models.make_test_models, cls.root)

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def test_contracts(self):
        onnx_util.check_contract(ROOT / "models/voices/tiny/model.onnx", voice.CONTRACT)
        onnx_util.check_contract(ROOT / "models/bert/tiny/model.onnx", bert.CONTRACT)
        ops = {n.op_type for n in onnx.load(str(ROOT / "models/voices/tiny/model.onnx")).graph.node}
        self.assertIn("RandomNormalLike", ops, "noise must be drawn inside the graph")
        self.assertEqual(onnx.load(str(ROOT / "models/voices/tiny/model.onnx")).opset_import[0].version, 17)
        tiny_dir = ROOT / "models/voices/tiny"
        for suffix in ("", ".cuda"):
            self.assertEqual(onnx_util.describe(tiny_dir / f"model{suffix}.onnx")["output"][2][1], 1, "mono")
            self.assertEqual(onnx_util.describe(tiny_dir / f"model.decoder{suffix}.onnx")["audio"][2][1], 1, "mono")
            onnx_util.check_contract(tiny_dir / f"model.latent{suffix}.onnx", voice.LATENT_CONTRACT)
            onnx_util.check_contract(tiny_dir / f"model.decoder{suffix}.onnx", voice.DECODER_CONTRACT)
            for name in voice.SPLIT_FILES:
                meta = onnx_util.metadata(tiny_dir / name.replace(".onnx", suffix + ".onnx"))
                self.assertEqual(meta, {"luna_chunk_frames": "80", "luna_margin_frames": "10", "luna_hop": "512"})
        latent_ops = {n.op_type for n in onnx.load(str(tiny_dir / "model.latent.onnx")).graph.node}
        decoder_ops = {n.op_type for n in onnx.load(str(tiny_dir / "model.decoder.onnx")).graph.node}
        self.assertIn("RandomNormalLike", latent_ops, "the latent graph draws the noise")
        self.assertNotIn("RandomNormalLike", decoder_ops, "chunks must not draw noise of their own")

    def test_sizes(self):
        # the tiny voice as four graphs (whole, latent, decoder; plain and CUDA form) and the tiny BERT
        total = sum(p.stat().st_size for p in (ROOT / "models").rglob("*") if p.is_file())
        self.assertLess(total, 20_000_000)

    def test_config_and_style_vectors(self):
        cfg = json.loads((ROOT / "models/voices/tiny/config.json").read_text())
        self.assertEqual(cfg["data"]["sampling_rate"], 44100)
        self.assertEqual(cfg["data"]["n_speakers"], 2)
        self.assertEqual(list(cfg["data"]["style2id"]), ["Neutral", "Happy"])
        self.assertTrue(cfg["version"].endswith("JP-Extra"))
        hop = int(np.prod(cfg["model"]["upsample_rates"]))
        self.assertEqual(hop, cfg["data"]["hop_length"])
        sv = np.load(ROOT / "models/voices/tiny/style_vectors.npy")
        self.assertEqual((sv.shape, sv.dtype), ((2, 256), np.float32))

    def test_regeneration_is_identical(self):
        for rel in ("models/voices/tiny/config.json", "models/voices/tiny/style_vectors.npy",
                    "models/bert/tiny/tokenizer.json", "models/bert/tiny/vocab.txt",
                    "src/test/resources/export/tokenizer_cases.json"):
            self.assertEqual((self.root / rel).read_bytes(), (ROOT / rel).read_bytes(), rel)
        for case in ("voice_a", "voice_b", "bert"):
            for f in (REF / case).glob("*.npy"):
                got, want = np.load(self.root / f.relative_to(ROOT)), np.load(f)
                self.assertEqual(got.shape, want.shape, f)
                # same torch: float rounding of the CPU's kernels only (< 1e-6 measured between two CPUs)
                tol = 1e-5 if self.manifest["torch"] == torch.__version__ else 1e-4
                self.assertTrue(np.allclose(got, want, atol=tol, rtol=0), f"{f} differs (torch {torch.__version__})")
        if self.manifest["torch"] == torch.__version__:
            for rel in ("models/voices/tiny/model.onnx", "models/bert/tiny/model.onnx"):
                a, b = initializers(self.root / rel), initializers(ROOT / rel)
                self.assertEqual(sorted(a), sorted(b), rel)
                for k in a:
                    self.assertTrue(np.array_equal(a[k], b[k]), f"{rel}: {k}")

    def test_tokenizer_rules(self):
        vocab = tiny_vocab()
        ids = {t: i for i, t in enumerate(vocab)}
        self.assertEqual(reference_ids(vocab, "こんにちは。"),
                         [1] + [ids[c] for c in "こんにちは。"] + [2])
        self.assertEqual(reference_ids(vocab, "ＡＢＣ"), [1, ids["A"], ids["B"], ids["C"], 2])
        self.assertEqual(reference_ids(vocab, "鬱"), [1, 3, 2])
        self.assertEqual(reference_ids(vocab, "ｶﾞ"), [1, ids["ガ"], 2])
        self.assertGreater(sum(1 for c in vocab if "\u4e00" <= c <= "\u9fff"), 2000)
        tj = tokenizer_json(vocab)
        self.assertEqual(tj["model"]["type"], "WordLevel")
        self.assertEqual(tj["model"]["vocab"]["[UNK]"], 3)


class GemmConvsTest(unittest.TestCase):
    """Structure of the MatMul rewrite; its numbers are checked in Java (ExportedModelsTest), since
    onnxruntime is not installable here."""

    def test_committed_cuda_variant_has_no_convolution_and_the_same_contract(self):
        plain, cuda = ROOT / "models/voices/tiny/model.onnx", ROOT / "models/voices/tiny/model.cuda.onnx"
        self.assertGreater(gemm_convs.count_ops(plain, "Conv", "ConvTranspose"), 100)
        self.assertEqual(gemm_convs.count_ops(cuda, "Conv", "ConvTranspose"), 0)
        onnx_util.check_contract(cuda, voice.CONTRACT)
        self.assertEqual(onnx_util.describe(plain), onnx_util.describe(cuda))
        self.assertFalse((ROOT / "models/bert/tiny/model.cuda.onnx").exists(), "the tiny BERT has no convolution")

    def test_regenerated_variant_is_the_committed_one(self):
        with tempfile.TemporaryDirectory() as d:
            dst = Path(d) / "v.onnx"
            report = gemm_convs.rewrite_file(ROOT / "models/voices/tiny/model.onnx", dst)
            self.assertEqual((report.convs, report.depthwise, report.conv_transposes, report.kept), (124, 12, 6, []))
            a, b = initializers(dst), initializers(ROOT / "models/voices/tiny/model.cuda.onnx")
            self.assertEqual(sorted(a), sorted(b))
            for k in a:
                self.assertTrue(np.array_equal(a[k], b[k]), k)

    def test_fp16_decoder_computes_in_half_behind_the_same_contract(self):
        tiny = ROOT / "models/voices/tiny"
        half = tiny / voice.FP16_DECODER
        onnx_util.check_contract(half, voice.DECODER_CONTRACT)
        self.assertEqual(onnx_util.describe(half), onnx_util.describe(tiny / "model.decoder.onnx"))
        self.assertEqual(onnx_util.metadata(half), onnx_util.metadata(tiny / "model.decoder.onnx"))
        m = onnx.load(str(half))
        self.assertEqual({i.data_type for i in m.graph.initializer}, {TensorProto.FLOAT16})
        casts = [n for n in m.graph.node if n.op_type == "Cast"]
        self.assertEqual(sorted((n.input[0], n.attribute[0].i) for n in casts),
                         [("audio__fp16", TensorProto.FLOAT), ("audio_window__fp16", TensorProto.FLOAT),
                          ("mask", TensorProto.FLOAT16), ("z", TensorProto.FLOAT16)])
        inferred = onnx.shape_inference.infer_shapes(m, strict_mode=True)
        floats = {v.name for v in inferred.graph.value_info if v.type.tensor_type.elem_type == TensorProto.FLOAT}
        self.assertEqual(floats, set(), "every intermediate is float16")
        # the committed file is what the converter makes of the committed decoder
        with tempfile.TemporaryDirectory() as d:
            dst = Path(d) / "h.onnx"
            onnx_util.to_fp16_compute(tiny / "model.decoder.onnx", dst)
            self.assertEqual(dst.read_bytes(), half.read_bytes())
            # the latent graph draws float noise whose type is an attribute: refused, not half converted
            with self.assertRaisesRegex(ExportError, "RandomNormalLike"):
                onnx_util.to_fp16_compute(tiny / "model.latent.onnx", Path(d) / "l.onnx")

    def test_split_variants_have_no_convolution_and_masks_share_their_lengths(self):
        tiny_dir = ROOT / "models/voices/tiny"
        for name in ("model.latent", "model.decoder"):
            self.assertEqual(gemm_convs.count_ops(tiny_dir / f"{name}.cuda.onnx", "Conv", "ConvTranspose"), 0, name)
            self.assertEqual(onnx_util.describe(tiny_dir / f"{name}.onnx"), onnx_util.describe(tiny_dir / f"{name}.cuda.onnx"))
        # the upsampled frame masks (ConvTranspose with a ones kernel, a Constant weight) are rewritten too, and
        # each mask multiplication keeps its activations' length name: one name per decoder resolution
        m = onnx.load(str(tiny_dir / "model.decoder.cuda.onnx"))
        time = {v.name: v.type.tensor_type.shape.dim[2].dim_param
                for v in list(m.graph.value_info) + list(m.graph.input) + list(m.graph.output)
                if len(v.type.tensor_type.shape.dim) == 3}
        masked = [n for n in m.graph.node if n.op_type == "Mul" and all(i in time for i in n.input)]
        self.assertGreater(len(masked), 30)
        for n in masked:
            names = {time[n.input[0]], time[n.input[1]], time.get(n.output[0])}
            self.assertEqual(len(names), 1, f"{n.name}: {names}")
        self.assertEqual(len({time[n.output[0]] for n in masked}), 4, "frames and the three upsampled resolutions")

    def test_unsupported_forms_are_kept_and_named(self):
        class Odd(torch.nn.Module):
            def __init__(self):
                super().__init__()
                self.strided = torch.nn.Conv1d(4, 4, 3, stride=2)
                self.grouped = torch.nn.Conv1d(4, 4, 3, groups=2)
                self.odd_up = torch.nn.ConvTranspose1d(4, 4, 3, 2)
                self.fine = torch.nn.Conv1d(4, 4, 3, padding=1)

            def forward(self, x):
                return self.odd_up(self.grouped(self.strided(self.fine(x))))

        with tempfile.TemporaryDirectory() as d:
            src = Path(d) / "odd.onnx"
            onnx_util.export(Odd().eval(), (torch.randn(1, 4, 20),), src, ["x"], ["y"], {"x": {2: "t"}})
            report = gemm_convs.rewrite_file(src, Path(d) / "odd.cuda.onnx")
            self.assertEqual(report.convs, 1)
            reasons = " | ".join(report.kept)
            for why in ("stride", "group 2", "kernel 3 not a multiple of stride 2"):
                self.assertIn(why, reasons)
            self.assertEqual(gemm_convs.count_ops(Path(d) / "odd.cuda.onnx", "Conv", "ConvTranspose"), 3)

    def test_weights_reached_through_identity_are_rewritten(self):
        m = onnx.load(str(ROOT / "src/test/resources/export/conv_zoo.onnx"))
        conv = next(n for n in m.graph.node if n.op_type == "Conv")
        w = conv.input[1]
        m.graph.node.insert(0, onnx.helper.make_node("Identity", [w], [w + "_shared"]))
        conv.input[1] = w + "_shared"
        report = gemm_convs.rewrite(m)
        self.assertEqual(report.kept, [])
        self.assertEqual(sum(n.op_type == "Identity" and n.output[0] == w + "_shared" for n in m.graph.node), 0)
        onnx.checker.check_model(m)

    def test_rewritten_graph_names_its_lengths(self):
        with tempfile.TemporaryDirectory() as d:
            dst = Path(d) / "z.onnx"
            report = gemm_convs.rewrite_file(ROOT / "src/test/resources/export/conv_zoo.onnx", dst)
            self.assertGreater(report.named_lengths, 0)
            m = onnx.load(str(dst))
        time = {v.name: v.type.tensor_type.shape.dim[2] for v in m.graph.value_info
                if len(v.type.tensor_type.shape.dim) == 3}
        params = {d.dim_param for v in m.graph.value_info for d in v.type.tensor_type.shape.dim if d.dim_param}
        self.assertTrue(params, "no named dimension")
        declared = {d.dim_param for v in list(m.graph.input) + list(m.graph.output)
                    for d in v.type.tensor_type.shape.dim if d.dim_param}
        self.assertEqual(declared, {"batch", "length", "samples"})
        self.assertEqual({p for p in params if not (p.startswith(gemm_convs.LENGTH_PREFIX) or p in declared)},
                         set(), "ONNX's own unk__ names must not reach ONNX Runtime")
        # a "same" convolution (padding 6 = dilation 3 x (kernel 5 - 1)) keeps the input's length name;
        # its taps, im2col and MatMul share it
        for t in ("/dilated/Conv/tap0_slice", "/dilated/Conv/tap4_slice", "/dilated/Conv/im2col_concat",
                  "/dilated/Conv_matmul", "/dilated/Conv_output_0", "/Tanh_output_0", "/pointwise/Conv_output_0",
                  "/depthwise/Conv_output_0"):
            self.assertEqual(time[t].dim_param, "length", t)
        # the padded input is longer: its own name
        self.assertNotIn(time["/dilated/Conv/pad_pad"].dim_param, ("", "length"))
        # kernel 4 without padding shortens by 3: a name of its own, shared by its taps
        even_in = next(n.input[0] for n in m.graph.node if n.name.startswith("/even/Conv/tap0"))
        self.assertNotEqual(time[even_in].dim_param, time["/even/Conv_output_0"].dim_param)
        self.assertEqual(time["/even/Conv/tap0_slice"].dim_param, time["/even/Conv_output_0"].dim_param)

    def test_cli(self):
        with tempfile.TemporaryDirectory() as d:
            r = subprocess.run([sys.executable, "-m", "luna_export", "gemm-convs",
                                str(ROOT / "src/test/resources/export/conv_zoo.onnx"), str(Path(d) / "z.onnx")],
                               cwd=HERE.parent, capture_output=True, text=True)
            self.assertEqual(r.returncode, 0, r.stderr)
            self.assertIn("3 Conv as MatMul, 1 depthwise Conv as Mul/Add, 3 ConvTranspose as MatMul", r.stdout)
            r = subprocess.run([sys.executable, "-m", "luna_export", "gemm-convs", str(Path(d) / "missing.onnx"),
                                str(Path(d) / "o.onnx")], cwd=HERE.parent, capture_output=True, text=True)
            self.assertEqual(r.returncode, 2)
            self.assertIn("missing.onnx: file not found", r.stderr)

    def test_fp16_decoder_cli(self):
        with tempfile.TemporaryDirectory() as d:
            src = Path(d) / "model.decoder.onnx"
            src.write_bytes((ROOT / "models/voices/tiny/model.decoder.onnx").read_bytes())
            r = subprocess.run([sys.executable, "-m", "luna_export", "fp16-decoder", str(src)],
                               cwd=HERE.parent, capture_output=True, text=True)
            self.assertEqual(r.returncode, 0, r.stderr)
            self.assertIn("84 weight tensors as float16", r.stdout)
            self.assertEqual((Path(d) / "model.decoder.fp16.onnx").read_bytes(),
                             (ROOT / "models/voices/tiny/model.decoder.fp16.onnx").read_bytes())
            r = subprocess.run([sys.executable, "-m", "luna_export", "fp16-decoder",
                                str(ROOT / "src/test/resources/export/conv_zoo.onnx"), str(Path(d) / "x.onnx")],
                               cwd=HERE.parent, capture_output=True, text=True)
            self.assertEqual(r.returncode, 2)
            self.assertIn("conv_zoo.onnx: not a luna decoder graph", r.stderr)
            self.assertFalse((Path(d) / "x.onnx").exists())


class VoiceFolderTest(unittest.TestCase):
    """A SBV2-style folder (weight-normed decoder, enc_q and SDP posterior weights) -> export voice."""

    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.d = Path(self.tmp.name)
        self.model, self.cfg, self.sv = tiny()
        extra = {"enc_q.pre.weight": torch.randn(32, 1025, 1), "sdp.post_pre.weight": torch.randn(32, 1, 1),
                 "sdp.flows.1.pre.weight": torch.randn(32, 1, 1), "iteration": torch.tensor(100)}
        self.src = self.d / "src"
        voice.save_sbv2_folder(self.model, self.cfg, self.sv, self.src, extra=extra)

    def tearDown(self):
        self.tmp.cleanup()

    def test_checkpoint_loads_strictly_and_matches(self):
        log = []
        loaded, cfg, sv = voice.load_voice_folder(self.src, log=log.append)
        self.assertIn("skipped 3 training-only tensors (enc_q.pre, sdp.flows, sdp.post_pre)", log[0])
        ph, to, la = voice.sample_phonemes()
        f = voice.make_inputs(ph, to, la, sv[1], 1, seed=9, sdp_ratio=0.5)
        self.assertTrue(np.allclose(voice.run_torch(loaded, f), voice.run_torch(self.model, f), atol=1e-5))

    def test_new_parametrization_names_load_too(self):
        src2 = self.d / "src2"
        voice.save_sbv2_folder(self.model, self.cfg, self.sv, src2, weight_norm_style="parametrizations")
        loaded, _, _ = voice.load_voice_folder(src2, log=lambda s: None)
        for k, v in self.model.state_dict().items():
            self.assertTrue(torch.allclose(loaded.state_dict()[k], v, atol=1e-6), k)

    def test_export_voice_cli(self):
        out = self.d / "models"
        r = subprocess.run([sys.executable, "-m", "luna_export", "export", "voice", str(self.src), "--name", "t",
                            "--out", str(out)], cwd=HERE.parent, capture_output=True, text=True)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("parity", r.stdout)
        self.assertEqual(sorted(p.name for p in (out / "voices/t").iterdir()),
                         ["config.json", "model.cuda.onnx", "model.decoder.cuda.onnx", "model.decoder.fp16.onnx",
                          "model.decoder.onnx", "model.latent.cuda.onnx", "model.latent.fixed.onnx", "model.latent.onnx",
                          "model.onnx", "style_vectors.npy"])
        a = initializers(out / "voices/t/model.onnx")
        b = initializers(ROOT / "models/voices/tiny/model.onnx")
        self.assertEqual(sorted(a), sorted(b))
        for k in a:
            self.assertTrue(np.allclose(a[k], b[k], atol=1e-6), k)

    def assertCliError(self, args, pattern, out):
        r = subprocess.run([sys.executable, "-m", "luna_export", "export", "voice"] + args + ["--out", str(out)],
                           cwd=HERE.parent, capture_output=True, text=True)
        self.assertEqual(r.returncode, 2, r.stdout + r.stderr)
        lines = r.stderr.strip().splitlines()
        self.assertEqual(len(lines), 1, r.stderr)
        self.assertRegex(lines[0], pattern)
        self.assertFalse((out / "voices").exists() and any((out / "voices").iterdir()), "half-written output")

    def test_bad_inputs(self):
        out = self.d / "o"
        self.assertCliError([str(self.d / "nope"), "--name", "x"], r"^error: .*nope: not a folder$", out)
        cfg = json.loads((self.src / "config.json").read_text())
        cfg["version"] = "2.7.0"
        cfg["data"]["use_jp_extra"] = False
        (self.src / "config.json").write_text(json.dumps(cfg))
        self.assertCliError([str(self.src), "--name", "x"], r"config.json: version '2.7.0' is not a JP-Extra model", out)
        cfg["version"] = "2.7.0-JP-Extra"
        cfg["model"]["hidden_channels"] = 48
        (self.src / "config.json").write_text(json.dumps(cfg))
        self.assertCliError([str(self.src), "--name", "x"], r"\.safetensors: .* has shape", out)
        cfg["model"]["hidden_channels"] = 32
        (self.src / "config.json").write_text(json.dumps(cfg))
        np.save(self.src / "style_vectors.npy", np.zeros((2, 128), np.float32))
        self.assertCliError([str(self.src), "--name", "x"], r"style_vectors.npy: shape \(2, 128\)", out)
        np.save(self.src / "style_vectors.npy", self.sv)
        ck = next(self.src.glob("*.safetensors"))
        sd = checkpoint.read_safetensors(ck)
        del sd["dp.proj.bias"]
        checkpoint.write_safetensors(ck, sd)
        self.assertCliError([str(self.src), "--name", "x"], r"1 missing key\(s\), first: dp.proj.bias", out)
        sd["enc_p.ja_bert_proj.weight"] = torch.zeros(1)
        sd["dp.proj.bias"] = torch.zeros(1)
        checkpoint.write_safetensors(ck, sd)
        self.assertCliError([str(self.src), "--name", "x"], r"unexpected key\(s\), first: enc_p.ja_bert_proj.weight", out)
        ck.unlink()
        self.assertCliError([str(self.src), "--name", "x"], r"no .safetensors checkpoint", out)


class _FakeHfOutput:
    def __init__(self, hidden_states):
        self.hidden_states = hidden_states


class _FakeHfModel(torch.nn.Module):
    """Stands in for transformers.DebertaV2Model (same call signature and output field)."""

    def __init__(self, vocab_size):
        super().__init__()
        self.emb = torch.nn.Embedding(vocab_size, 1024)
        self.layers = torch.nn.ModuleList([torch.nn.Linear(1024, 1024) for _ in range(4)])

    def forward(self, input_ids=None, attention_mask=None, output_hidden_states=False):
        h = [self.emb(input_ids) * attention_mask.unsqueeze(-1)]
        for layer in self.layers:
            h.append(torch.tanh(layer(h[-1])))
        return _FakeHfOutput(tuple(h))


class BertExportTest(unittest.TestCase):
    def test_hidden_state_minus_three_fp32_and_fp16(self):
        vocab = tiny_vocab()[:300]
        torch.manual_seed(0)
        fake = _FakeHfModel(len(vocab)).eval()
        with tempfile.TemporaryDirectory() as d:
            out = Path(d)
            res = quiet(bert.export_transformers_bert, fake, vocab, out, "b", ("fp32", "fp16"))
            self.assertEqual(set(res), {"fp32", "fp16"})
            for name in ("b", "b-fp16"):
                onnx_util.check_contract(out / name / "model.onnx", bert.CONTRACT)
                self.assertTrue((out / name / "tokenizer.json").is_file())
            self.assertLess((out / "b-fp16/model.onnx").stat().st_size, 0.6 * (out / "b/model.onnx").stat().st_size)
            feeds = bert.sample_feeds(vocab)
            want = bert.torch_out(bert.HiddenStateWrapper(fake), feeds)
            with torch.no_grad():
                ids = torch.from_numpy(feeds["input_ids"])
                layer = fake(ids, torch.ones_like(ids), True).hidden_states[-3][0].numpy()
            self.assertTrue(np.array_equal(want, layer))

    def test_bad_bert_folders(self):
        with tempfile.TemporaryDirectory() as d:
            src = Path(d)
            with self.assertRaisesRegex(ExportError, "config.json: file not found"):
                bert.export_bert(src, src / "out", "x")
            (src / "config.json").write_text(json.dumps({"model_type": "bert", "hidden_size": 768}))
            (src / "vocab.txt").write_text("[PAD]\n[CLS]\n[SEP]\n[UNK]\n")
            with self.assertRaisesRegex(ExportError, "not a DeBERTa-v2 with 1024 hidden units"):
                bert.export_bert(src, src / "out", "x")
            (src / "config.json").write_text(json.dumps({"model_type": "deberta-v2", "hidden_size": 1024,
                                                         "vocab_size": 22012}))
            with self.assertRaisesRegex(ExportError, "vocab.txt: 4 lines but config.json vocab_size is 22012"):
                bert.export_bert(src, src / "out", "x")
            (src / "vocab.txt").write_text("[CLS]\n[PAD]\n")
            with self.assertRaisesRegex(ExportError, r"vocab.txt: line 1 should be \[PAD\]"):
                bert.export_bert(src, src / "out", "x")
            self.assertFalse((src / "out").exists())


if __name__ == "__main__":
    unittest.main()
