// The official OpenAI SDK against the running service (LUNA_URL): every response_format, streaming (chunked audio
// and server-sent events), the model list, and OpenAI-shaped errors for bad input.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';

const base = process.env.LUNA_URL ?? 'http://localhost:18080';
const client = new OpenAI({ baseURL: `${base}/v1`, apiKey: 'not-checked', maxRetries: 0 });
// no noise and no stochastic durations: the same request gives the same samples
const FIXED = { sdp_ratio: 0, noise: 0, noise_w: 0 };
const TEXT = 'こんにちは。\n今日はいい天気ですね。\n散歩に行きましょう。';

// the engine's float output varies by up to 1e-4 between runs of one request (summation order of batched and
// chunked runs): 16-bit samples are compared within 4 steps
function assertSamples(expected, actual, what) {
  assert.equal(actual.length, expected.length, `${what}: length`);
  let max = 0;
  for (let i = 0; i + 1 < expected.length; i += 2) {
    max = Math.max(max, Math.abs(expected.readInt16LE(i) - actual.readInt16LE(i)));
  }
  assert.ok(max <= 4, `${what}: max |Δ| ${max}`);
}

async function bytes(response) {
  return Buffer.from(await response.arrayBuffer());
}

function wav(buf) {
  assert.equal(buf.toString('latin1', 0, 4), 'RIFF');
  assert.equal(buf.toString('latin1', 8, 12), 'WAVE');
  assert.equal(buf.readUInt16LE(20), 1, 'PCM');
  assert.equal(buf.readUInt16LE(22), 1, 'mono');
  assert.equal(buf.readUInt16LE(34), 16, '16-bit');
  return { rate: buf.readUInt32LE(24), data: buf.subarray(44) };
}

/** The status, param and code the SDK read from an error response. */
async function refusal(request) {
  try {
    const r = await request;
    await r.arrayBuffer();
  } catch (e) {
    assert.ok(e instanceof OpenAI.APIError, `expected an APIError, got ${e}`);
    assert.equal(typeof e.error?.message, 'string');
    assert.ok(e.error.message.length > 0);
    return { status: e.status, param: e.param, code: e.code, type: e.type, message: e.error.message };
  }
  assert.fail('the request was not refused');
}

const voices = await (await fetch(`${base}/v1/audio/voices`)).json();
const tiny = voices.data.find((v) => v.id === 'tiny');

test('lists the models and the shipped voice', async () => {
  const ids = [];
  for await (const m of client.models.list()) ids.push(m.id);
  for (const id of ['tts-1', 'tts-1-hd', 'gpt-4o-mini-tts', 'tiny']) assert.ok(ids.includes(id), `${id} in ${ids}`);
  const m = await client.models.retrieve('tiny');
  assert.equal(m.id, 'tiny');
  assert.equal(m.object, 'model');
  assert.ok(tiny, 'tiny in /v1/audio/voices');
  assert.deepEqual(tiny.styles, ['Neutral', 'Happy']);
  assert.equal(tiny.sample_rate, 44100);
  assert.equal(voices.aliases.alloy, 'tiny');
});

test('wav streams in chunks as it is synthesized and decodes to the same samples as pcm', async () => {
  const response = await client.audio.speech.create({
    model: 'tts-1', voice: 'alloy', input: TEXT, response_format: 'wav', ...FIXED,
  });
  assert.equal(response.headers.get('content-type'), 'audio/wav');
  assert.equal(response.headers.get('transfer-encoding'), 'chunked');
  const chunks = [];
  for await (const c of response.body) chunks.push(Buffer.from(c));
  assert.ok(chunks.length >= 3, `three lines arrive as several chunks, got ${chunks.length}`);
  const w = wav(Buffer.concat(chunks));
  assert.equal(w.rate, 44100);
  assert.ok(w.data.length > 44100, `more than half a second of audio, got ${w.data.length / 2} samples`);

  const pcm = await bytes(await client.audio.speech.create({
    model: 'tts-1', voice: 'tiny:Neutral', input: TEXT, response_format: 'pcm', sample_rate: tiny.sample_rate,
    ...FIXED,
  }));
  assertSamples(w.data, pcm, 'pcm carries the wav\'s samples');
});

test('every response_format answers its audio; aac, which has no encoder, an OpenAI-shaped 400', async () => {
  const magic = {
    mp3: (b) => b.toString('latin1', 0, 3) === 'ID3' || (b[0] === 0xff && (b[1] & 0xe0) === 0xe0),
    opus: (b) => b.toString('latin1', 0, 4) === 'OggS',
    aac: (b) => b[0] === 0xff && (b[1] & 0xf6) === 0xf0,
    flac: (b) => b.toString('latin1', 0, 4) === 'fLaC',
    wav: (b) => b.toString('latin1', 0, 4) === 'RIFF',
    pcm: (b) => b.length % 2 === 0,
  };
  const produced = [];
  for (const format of ['mp3', 'opus', 'aac', 'flac', 'wav', 'pcm']) {
    const request = client.audio.speech.create({ model: 'tts-1', voice: 'alloy', input: 'こんにちは。', response_format: format });
    let audio;
    try {
      audio = await bytes(await request);
    } catch (e) {
      assert.equal(format, 'aac', `${format}: ${e}`);
      assert.ok(e instanceof OpenAI.BadRequestError, `${format}: ${e}`);
      assert.equal(e.param, 'response_format');
      assert.equal(e.code, 'unsupported_value');
      continue;
    }
    assert.ok(audio.length > 1000, `${format}: ${audio.length} bytes`);
    assert.ok(magic[format](audio), `${format} starts like ${format}`);
    produced.push(format);
  }
  assert.deepEqual(produced, ['mp3', 'opus', 'flac', 'wav', 'pcm']);
  // without response_format: mp3, as OpenAI
  const plain = await client.audio.speech.create({ model: 'tts-1', voice: 'alloy', input: 'こんにちは。' });
  assert.equal(plain.headers.get('content-type'), 'audio/mpeg');
  assert.ok(magic.mp3(await bytes(plain)));
});

test('stream_format sse sends speech.audio.delta events whose audio is the wav, then speech.audio.done', async () => {
  const direct = await bytes(await client.audio.speech.create({
    model: 'gpt-4o-mini-tts', voice: 'tiny', input: TEXT, response_format: 'wav', ...FIXED,
  }));
  const response = await client.audio.speech.create({
    model: 'gpt-4o-mini-tts', voice: 'tiny', input: TEXT, response_format: 'wav', stream_format: 'sse', ...FIXED,
  });
  assert.equal(response.headers.get('content-type'), 'text/event-stream');
  const events = (await response.text()).split('\n\n').filter((e) => e.length > 0).map((e) => {
    assert.ok(e.startsWith('data: '), e.slice(0, 40));
    return JSON.parse(e.slice(6));
  });
  const deltas = events.filter((e) => e.type === 'speech.audio.delta');
  assert.ok(deltas.length >= 3, `one delta per piece at least, got ${deltas.length}`);
  const last = events.at(-1);
  assert.equal(last.type, 'speech.audio.done');
  assert.equal(last.usage.input_tokens, [...TEXT].length);
  const audio = Buffer.concat(deltas.map((d) => Buffer.from(d.audio, 'base64')));
  assert.ok(audio.subarray(0, 44).equals(direct.subarray(0, 44)), 'the same wav header');
  assertSamples(direct.subarray(44), audio.subarray(44), 'the events carry the audio stream');
});

test('bad input is refused in OpenAI\'s error shape', async () => {
  const speak = (body) => client.audio.speech.create({ model: 'tts-1', voice: 'tiny', input: 'こんにちは。', ...body });
  const cases = [
    [{ voice: 'no-such-voice' }, 400, 'voice', 'invalid_value'],
    [{ voice: 'tiny:NoSuchStyle' }, 400, 'voice', 'invalid_value'],
    [{ input: '' }, 400, 'input', 'string_too_short'],
    [{ input: 'あ'.repeat(1001) }, 400, 'input', 'string_above_max_length'],
    [{ speed: 4.5 }, 400, 'speed', 'decimal_above_max_value'],
    [{ speed: 0.1 }, 400, 'speed', 'decimal_below_min_value'],
    [{ response_format: 'ogg' }, 400, 'response_format', 'invalid_value'],
    [{ stream_format: 'chunks' }, 400, 'stream_format', 'invalid_value'],
    [{ model: 'no-such-model' }, 404, 'model', 'model_not_found'],
  ];
  for (const [body, status, param, code] of cases) {
    const r = await refusal(speak(body));
    const what = JSON.stringify(body).slice(0, 60);
    assert.equal(r.status, status, what);
    assert.equal(r.param, param, what);
    assert.equal(r.code, code, what);
    assert.equal(r.type, 'invalid_request_error', what);
  }
});
