'use strict';
// The page speaks through the service's OpenAI endpoint, so it shows what any OpenAI client gets. wav and pcm play
// while they arrive (Web Audio, from the streamed 16-bit samples); other formats play once complete.

const $ = (id) => document.getElementById(id);
const form = $('form'), voiceSel = $('voice'), styleSel = $('style'), formatSel = $('format');
const statusEl = $('status'), errorEl = $('error'), audioEl = $('audio'), download = $('download');
let voices = [];
let objectUrl = null;
let downloadUrl = null;
let audioCtx = null;

const sliders = {
  style_weight: (v) => v.toFixed(1),
  speed: (v) => `${v.toFixed(2)} (length ${(1 / v).toFixed(2)})`,
  sdp_ratio: (v) => v.toFixed(2),
};
for (const [id, show] of Object.entries(sliders)) {
  const input = $(id), out = $(id + '_out');
  const update = () => { out.textContent = show(Number(input.value)); };
  input.addEventListener('input', update);
  update();
}

function showError(text) {
  errorEl.textContent = text;
  errorEl.hidden = false;
}

function clearError() {
  errorEl.textContent = '';
  errorEl.hidden = true;
}

function fillStyles() {
  const v = voices.find((x) => x.id === voiceSel.value);
  styleSel.replaceChildren(...(v ? v.styles : []).map((s) => new Option(s, s)));
}

// Ranges and defaults as the service documents them (they come from the engine's parameter table).
async function loadRanges() {
  const res = await fetch('q/openapi?format=json');
  if (!res.ok) return;
  const doc = await res.json();
  const props = doc.components?.schemas?.OpenAiSpeechRequest?.properties ?? {};
  for (const id of Object.keys(sliders)) {
    const p = props[id];
    if (!p || p.minimum === undefined || p.maximum === undefined) continue;
    const input = $(id);
    input.min = p.minimum;
    input.max = p.maximum;
    if (p.default !== undefined) input.value = p.default;
    input.dispatchEvent(new Event('input'));
  }
}

async function loadVoices() {
  const res = await fetch('v1/audio/voices');
  const body = await res.text();
  if (!res.ok) {
    showError(body);
    return;
  }
  const list = JSON.parse(body);
  voices = list.data;
  voiceSel.replaceChildren(...voices.map((v) => new Option(`${v.id} (${v.sample_rate} Hz)`, v.id)));
  formatSel.replaceChildren(...list.response_formats.map((f) => new Option(f, f)));
  fillStyles();
}

/** Plays 16-bit little-endian mono PCM as it arrives; chunks may split a sample. */
class PcmPlayer {
  constructor(ctx, rate) {
    this.ctx = ctx;
    this.rate = rate;
    this.at = 0;
    this.carry = null;
    this.scheduled = 0;
  }

  push(bytes) {
    if (this.carry) {
      const joined = new Uint8Array(this.carry.length + bytes.length);
      joined.set(this.carry);
      joined.set(bytes, this.carry.length);
      bytes = joined;
      this.carry = null;
    }
    const whole = bytes.length & ~1;
    if (whole < bytes.length) this.carry = bytes.slice(whole);
    if (whole === 0) return;
    const view = new DataView(bytes.buffer, bytes.byteOffset, whole);
    const buf = this.ctx.createBuffer(1, whole / 2, this.rate);
    const ch = buf.getChannelData(0);
    for (let i = 0; i < ch.length; i++) ch[i] = view.getInt16(2 * i, true) / 32768;
    const src = this.ctx.createBufferSource();
    src.buffer = buf;
    src.connect(this.ctx.destination);
    this.at = Math.max(this.at, this.ctx.currentTime + 0.05);
    src.start(this.at);
    this.at += buf.duration;
    this.scheduled++;
  }
}

function wavHeader(rate, dataBytes) {
  const h = new DataView(new ArrayBuffer(44));
  const text = (at, s) => { for (let i = 0; i < 4; i++) h.setUint8(at + i, s.charCodeAt(i)); };
  text(0, 'RIFF'); h.setUint32(4, 36 + dataBytes, true); text(8, 'WAVE'); text(12, 'fmt ');
  h.setUint32(16, 16, true); h.setUint16(20, 1, true); h.setUint16(22, 1, true); h.setUint32(24, rate, true);
  h.setUint32(28, rate * 2, true); h.setUint16(32, 2, true); h.setUint16(34, 16, true); text(36, 'data');
  h.setUint32(40, dataBytes, true);
  return new Uint8Array(h.buffer);
}

async function speak(ev) {
  ev.preventDefault();
  clearError();
  const button = $('speak');
  button.disabled = true;
  const voice = voices.find((v) => v.id === voiceSel.value);
  const format = formatSel.value;
  const raw = format === 'wav' || format === 'pcm';
  // created (or resumed) inside the click, so that the browser lets it play
  if (raw && !audioCtx) audioCtx = new AudioContext();
  if (raw) audioCtx.resume();
  const ctx = raw ? audioCtx : null;
  try {
    statusEl.textContent = 'Synthesizing…';
    const body = {
      model: 'tts-1',
      input: $('text').value,
      voice: styleSel.value ? `${voiceSel.value}:${styleSel.value}` : voiceSel.value,
      response_format: format,
      speed: Number($('speed').value),
      sdp_ratio: Number($('sdp_ratio').value),
      style_weight: Number($('style_weight').value),
    };
    if (voice && raw) body.sample_rate = voice.sample_rate;
    const res = await fetch('v1/audio/speech', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!res.ok) {
      showError(await res.text());
      statusEl.textContent = `HTTP ${res.status}`;
      return;
    }
    const rate = Number(res.headers.get('X-Sample-Rate'));
    const player = raw ? new PcmPlayer(ctx, rate) : null;
    const parts = [];
    let skip = format === 'wav' ? 44 : 0;   // the streamed WAV header (sizes unknown) is rewritten below
    let samples = 0;
    const reader = res.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      let bytes = value;
      if (skip > 0) {
        const n = Math.min(skip, bytes.length);
        skip -= n;
        bytes = bytes.subarray(n);
      }
      if (bytes.length === 0) continue;
      parts.push(bytes);
      if (player) {
        player.push(bytes);
        samples += bytes.length / 2;
        statusEl.textContent = `Playing… ${(samples / rate).toFixed(1)} s received`;
      }
    }
    // how many pieces of audio were queued for playback while the response was still arriving
    audioEl.dataset.streamedChunks = player ? String(player.scheduled) : '0';
    const size = parts.reduce((n, p) => n + p.length, 0);
    const type = res.headers.get('Content-Type') || 'application/octet-stream';
    const playable = raw ? new Blob([wavHeader(rate, size), ...parts], { type: 'audio/wav' })
      : new Blob(parts, { type });
    const file = format === 'pcm' ? new Blob(parts, { type }) : playable;
    for (const u of [objectUrl, downloadUrl]) if (u) URL.revokeObjectURL(u);
    objectUrl = URL.createObjectURL(playable);
    downloadUrl = file === playable ? null : URL.createObjectURL(file);
    audioEl.src = objectUrl;
    if (!raw) await audioEl.play().catch(() => {});
    download.href = downloadUrl ?? objectUrl;
    download.download = `luna-tts.${format}`;
    download.textContent = `Download ${format} (${(file.size / 1024).toFixed(0)} KiB)`;
    download.hidden = false;
    statusEl.textContent = raw ? `Done: ${(size / 2 / rate).toFixed(2)} s at ${rate} Hz` : 'Done';
  } catch (e) {
    showError(String(e));
    statusEl.textContent = '';
  } finally {
    button.disabled = false;
  }
}

voiceSel.addEventListener('change', fillStyles);
form.addEventListener('submit', speak);
Promise.all([loadVoices(), loadRanges()]).catch((e) => showError(String(e)));
