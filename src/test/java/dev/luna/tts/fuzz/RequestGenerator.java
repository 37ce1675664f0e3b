package dev.luna.tts.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Seeded hostile requests over luna-tts' endpoints. Case {@code i} of seed {@code s} depends on
 * nothing else ({@code new Random(s * 1_000_003 + i)}), so any single case can be regenerated.
 */
final class RequestGenerator {

    private static final String[] SYNTH_FIELDS = {"model", "model_id", "speaker", "speaker_name", "speaker_id",
            "style", "style_weight", "sdp_ratio", "noise", "noise_w", "noisew", "length", "assist_text",
            "assist_text_weight", "split_interval", "auto_split", "format", "unknown_field"};
    private static final String[] VOICE_PARAMS = {"model_name", "model_id", "speaker_name", "speaker_id", "sdp_ratio",
            "noise", "noisew", "length", "language", "auto_split", "split_interval", "assist_text",
            "assist_text_weight", "style", "style_weight", "encoding", "reference_audio_path", "unknown"};
    /** JSON values of every type and edge; the bare NaN / Infinity / 01 ones are not JSON at all. */
    private static final String[] JSON_VALUES = {"\"abc\"", "\"\"", "-1", "0", "-0.0", "1", "0.5", "1.5", "3.0001",
            "20", "21", "2147483647", "2147483648", "-2147483649", "9223372036854775808", "1e308", "1e999", "-1e999",
            "1e-400", "true", "false", "null", "[]", "{}", "[1,2]", "{\"a\":1}", "\"NaN\"", "NaN", "Infinity",
            "-Infinity", "01", "0x10", "1.", ".5", "+1", "\"1\"", "\"0.5\"", "\"Neutral\"", "\"Happy\"", "\"tiny\"",
            "\"tiny-a\"", "\"wav\"", "\"pcm\"", "\"mp3\"", "\"\\u0000\"", "\"\\ud800\"", "1" + "0".repeat(1200)};
    private static final String[] QUERY_VALUES = {"", "abc", "-1", "0", "0.5", "1", "1.5", "3", "21", "2147483648",
            "1e999", "nan", "NaN", "inf", "-inf", "Infinity", "1e-400", "0x10", " 1 ", "%20", "true", "false", "yes",
            "maybe", "JP", "EN", "jp", "tiny", "Neutral", "Happy", "tiny-a", "utf-8", "shift_jis", "utf-16",
            "bogus-charset", "ISO-8859-1", "x" .repeat(300), "%", "%G1", "%E3%81", "%ED%A0%80", "%FF%FE", "%00",
            "%C0%AF", "a%2", "%%", "+", "%2B", "%0A", "%0D%0A", "../../etc/passwd"};
    private static final String[] INVALID_JSON = {"", "{", "}", "[", "{\"text\":", "{\"text\":\"あ", "{\"text\":\"あ\"",
            "{\"text\":\"あ\",}", "{'text':'あ'}", "{text:\"あ\"}", "{\"text\":\"あ\"}garbage", "{\"text\":\"あ\"}{}",
            "{\"text\" \"あ\"}", "{\"text\":\"\\x41\"}", "{\"text\":\"\\u12\"}", "{\"text\":\"\\uZZZZ\"}",
            "{\"text\":\"a\nb\"}", "{\"text\":\"a\u0000b\"}", "// c\n{\"text\":\"あ\"}", "{\"text\":\"あ\" /* c */}",
            "null", "true", "123", "\"text\"", "[{\"text\":\"あ\"}]", "{\"text\":\"あ\",\"text\":\"い\"}",
            "\uFEFF{\"text\":\"あ\"}", "{\"text\":\"\\", "{\"a\":" + "[".repeat(5000), "{\"text\":\"あ\",\"x\":"
            + "[".repeat(3000) + "]".repeat(3000) + "}", "{\"text\":\"あ\",\"x\":" + "{\"a\":".repeat(2000) + "1"
            + "}".repeat(2000) + "}", "\u0000\u0000\u0000", "<xml/>", "text=あ"};
    private static final String[] JP = {"こんにちは", "今日は良い天気ですね。", "東京タワーに行きました！", "ありがとうございます",
            "吾輩は猫である。名前はまだ無い。", "1,234円です", "3.14は円周率", "\"引用\"と（括弧）", "はい、いいえ？"};

    /** Hostile texts for the synthesizing endpoints stay short: the tiny voice takes ~40 ms per character on 2 cores. */
    private static final int SYNTH_TEXT = 30;

    private final long seed;
    private final String hostPort;

    RequestGenerator(long seed, String hostPort) {
        this.seed = seed;
        this.hostPort = hostPort;
    }

    FuzzCase generate(int index) {
        Random r = new Random(seed * 1_000_003L + index);
        if (index % 500 == 7) {
            return longPiece(index, r);   // every seed sends these: pieces at BERT's 510-character limit
        }
        // synthesis is what costs time (CPU); /g2p runs the same text layer on long hostile texts cheaply
        int pick = r.nextInt(100);
        if (pick < 20) {
            return synthesize(index, r);
        } else if (pick < 33) {
            return voice(index, r);
        } else if (pick < 55) {
            return g2p(index, r);
        } else if (pick < 60) {
            return modelsInfo(index, r);
        } else if (pick < 65) {
            return otherPaths(index, r);
        }
        return rawFraming(index, r);
    }

    // --- /synthesize ---------------------------------------------------------------------------

    private FuzzCase synthesize(int index, Random r) {
        HostileText text = new HostileText(r);
        String ep = "POST /synthesize";
        int k = r.nextInt(21);
        if ((k == 15 || k == 20) && r.nextInt(3) != 0) {
            k = 4;   // long texts cost seconds of CPU synthesis each: a third of their share
        }
        String query = r.nextInt(8) == 0 ? "?format=" + pick(r, QUERY_VALUES) : "";
        switch (k) {
            case 0, 1, 2, 3 -> {
                String t = r.nextBoolean() ? text.next(SYNTH_TEXT) : text.mostlyJapanese(SYNTH_TEXT);
                return json(index, ep, "json hostile text", "/synthesize" + query, "{\"text\":" + jsonString(t, r)
                        + validParams(r) + "}", r, FuzzCase.Body.WAV_STREAM);
            }
            case 4, 5, 6 -> {
                String body = "{\"text\":" + jsonString(pick(r, JP), r) + validParams(r) + "}";
                boolean pcm = body.contains("\"format\":\"pcm\"");
                return json(index, ep, "json valid", "/synthesize", body, r, pcm ? FuzzCase.Body.PCM : FuzzCase.Body.WAV_STREAM);
            }
            case 7, 8, 9 -> {
                String field = pick(r, SYNTH_FIELDS);
                String body = "{\"text\":" + jsonString(pick(r, JP), r) + ",\"" + field + "\":" + pick(r, JSON_VALUES) + "}";
                return json(index, ep, "json field " + field, "/synthesize" + query, body, r, FuzzCase.Body.ANY);
            }
            case 10 -> {
                return json(index, ep, "json text type", "/synthesize", "{\"text\":" + pick(r, JSON_VALUES) + "}", r,
                        FuzzCase.Body.ANY);
            }
            case 11, 12 -> {
                String bad = pick(r, INVALID_JSON);
                return json(index, ep, invalidJsonKind(bad), "/synthesize" + query, bad, r, FuzzCase.Body.ANY);
            }
            case 13 -> {
                return contentTypes(index, ep, "/synthesize", r);
            }
            case 14 -> {
                return encodings(index, ep, "/synthesize", r);
            }
            case 15 -> {   // at and over luna.max-text-length, long runs without punctuation
                String unit = pick(r, new String[]{"あ", "漢", "ア", "a", "1", "。", "😀", "\u3099"});
                int n = pick(r, new int[]{511, 600, 1001, 5000});
                return json(index, ep, "long text " + n + "×" + escapeKind(unit), "/synthesize",
                        "{\"text\":" + jsonString(unit.repeat(n / unit.codePointCount(0, unit.length())), r) + "}", r,
                        FuzzCase.Body.WAV_STREAM);
            }
            case 16 -> {   // oversized bodies (Quarkus' default limit is 10 MiB)
                int mb = pick(r, new int[]{1, 9, 11, 16});
                return json(index, ep, "oversized body " + mb + " MiB", "/synthesize",
                        "{\"text\":\"" + "あ".repeat(mb * 1024 * 1024 / 3) + "\"}", r, FuzzCase.Body.ANY);
            }
            case 17 -> {
                String q = "?" + ("format=" + pick(r, QUERY_VALUES) + "&").repeat(1 + r.nextInt(3))
                        + (r.nextBoolean() ? "x=" + "y".repeat(r.nextInt(20000)) : brokenPercent(r));
                return json(index, ep, "query string", "/synthesize" + q,
                        "{\"text\":" + jsonString(pick(r, JP), r) + "}", r, FuzzCase.Body.ANY);
            }
            case 20 -> {   // beyond num2words (10^51): read digit by digit, still under BERT's 510 characters
                String n = HostileText.digits(r, 52 + r.nextInt(20));
                return json(index, ep, "number beyond num2words", "/synthesize" + query, "{\"text\":\"合計" + n + "円です\"}",
                        r, FuzzCase.Body.WAV_STREAM);
            }
            case 18 -> {
                StringBuilder b = new StringBuilder("{\"text\":" + jsonString(pick(r, JP), r));
                for (String f : SYNTH_FIELDS) {
                    if (r.nextInt(3) == 0) {
                        b.append(",\"").append(f).append("\":").append(pick(r, JSON_VALUES));
                    }
                }
                return json(index, ep, "json many fields", "/synthesize", b + "}", r, FuzzCase.Body.ANY);
            }
            default -> {
                String assist = r.nextInt(4) == 0 ? text.next() : text.next(SYNTH_TEXT);
                return json(index, ep, "json hostile assist_text", "/synthesize", "{\"text\":"
                        + jsonString(pick(r, JP), r) + ",\"assist_text\":" + jsonString(assist, r)
                        + ",\"assist_text_weight\":0.5}", r, FuzzCase.Body.WAV_STREAM);
            }
        }
    }

    /** One line of 511 or 600 characters without a sentence end, in one of four forms, on /synthesize or /voice. */
    private FuzzCase longPiece(int index, Random r) {
        String unit = pick(r, new String[]{"あ", "ア", "。", "1"});
        int n = index / 500 % 2 == 0 ? 511 : 600;
        String text = unit.equals("1") ? "9" + "1".repeat(n / 2 - 1) : unit.repeat(n);
        String label = "long line " + n + "×" + escapeKind(unit);
        if (r.nextBoolean()) {
            return json(index, "POST /synthesize", label, "/synthesize", "{\"text\":\"" + text + "\"}", r,
                    FuzzCase.Body.WAV_STREAM);
        }
        return new FuzzCase(index, "GET /voice", label, http("GET", "/voice?text=" + percent(text, r), List.of(), null),
                false, false, FuzzCase.Body.WAV_COMPLETE);
    }

    private static String validParams(Random r) {
        StringBuilder b = new StringBuilder();
        if (r.nextBoolean()) {
            b.append(",\"style\":\"").append(r.nextBoolean() ? "Neutral" : "Happy").append('"');
        }
        if (r.nextInt(3) == 0) {
            b.append(",\"speaker_id\":").append(r.nextInt(2));
        }
        if (r.nextInt(3) == 0) {
            b.append(",\"sdp_ratio\":").append(r.nextInt(11) / 10.0);
        }
        if (r.nextInt(3) == 0) {
            b.append(",\"length\":").append(0.1 + r.nextInt(30) / 10.0);
        }
        if (r.nextInt(4) == 0) {
            b.append(",\"noise\":").append(r.nextInt(21) / 10.0).append(",\"noise_w\":").append(r.nextInt(21) / 10.0);
        }
        if (r.nextInt(4) == 0) {
            b.append(",\"style_weight\":").append(r.nextInt(21));
        }
        if (r.nextInt(4) == 0) {
            b.append(",\"auto_split\":").append(r.nextBoolean()).append(",\"split_interval\":").append(r.nextInt(11) / 10.0);
        }
        if (r.nextInt(5) == 0) {
            b.append(",\"format\":\"pcm\"");
        }
        return b.toString();
    }

    // --- /voice --------------------------------------------------------------------------------

    private FuzzCase voice(int index, Random r) {
        boolean post = r.nextInt(3) == 0;
        String method = post ? "POST" : "GET";
        String ep = method + " /voice";
        HostileText text = new HostileText(r);
        StringBuilder q = new StringBuilder();
        String kind;
        FuzzCase.Body body = FuzzCase.Body.ANY;
        switch (r.nextInt(10)) {
            case 0, 1, 2 -> {
                kind = "hostile text";
                q.append("text=").append(percent(r.nextBoolean() ? text.next(SYNTH_TEXT) : text.mostlyJapanese(SYNTH_TEXT), r));
                body = FuzzCase.Body.WAV_COMPLETE;
            }
            case 3, 4 -> {
                kind = "valid";
                q.append("text=").append(percent(pick(r, JP), r));
                if (r.nextBoolean()) {
                    q.append("&style=").append(r.nextBoolean() ? "Neutral" : "Happy");
                }
                if (r.nextBoolean()) {
                    q.append("&speaker_id=").append(r.nextInt(2)).append("&sdp_ratio=0.").append(r.nextInt(10));
                }
                if (r.nextBoolean()) {
                    q.append("&model_name=tiny&language=JP&length=1.").append(r.nextInt(10));
                }
                body = FuzzCase.Body.WAV_COMPLETE;
            }
            case 5, 6 -> {
                String p = pick(r, VOICE_PARAMS);
                kind = "param " + p;
                q.append("text=").append(percent(pick(r, JP), r)).append('&').append(p).append('=')
                        .append(pick(r, QUERY_VALUES));
            }
            case 7 -> {
                kind = "broken percent-encoding";
                q.append("text=").append(percent(pick(r, JP), r)).append(brokenPercent(r));
            }
            case 8 -> {
                kind = "text missing, empty or repeated";
                q.append(pick(r, new String[]{"", "text", "text=", "text=&text=あ", "text=あ&text=", "text=%20",
                        "text=+++", "TEXT=あ", "text[]=あ", "&&&", "=", "text=あ&&&=&", "text=あ#frag"}));
            }
            default -> {
                // past Vert.x's 4,096-byte request line (414); shorter ones would synthesize hundreds of characters
                int n = pick(r, new int[]{4100, 5000, 9000, 20000, 70000});
                kind = "long url " + n;
                q.append("text=").append("%E3%81%82".repeat(n / 9));
            }
        }
        String target = "/voice" + (q.isEmpty() ? "" : "?" + q);
        byte[] bodyBytes = post && r.nextBoolean() ? "{\"text\":\"あ\"}".getBytes(StandardCharsets.UTF_8) : null;
        List<String> headers = new ArrayList<>();
        if (bodyBytes != null) {
            headers.add("Content-Type: application/json");
        }
        return new FuzzCase(index, ep, kind, http(method, target, headers, bodyBytes), false, false, body);
    }

    // --- /g2p ----------------------------------------------------------------------------------

    private FuzzCase g2p(int index, Random r) {
        String ep = "POST /g2p";
        HostileText text = new HostileText(r);
        return switch (r.nextInt(8)) {
            case 0, 1, 2, 3 -> json(index, ep, "json hostile text", "/g2p", "{\"text\":" + jsonString(text.next(), r) + "}",
                    r, FuzzCase.Body.JSON);
            case 4 -> json(index, ep, "json text type", "/g2p", "{\"text\":" + pick(r, JSON_VALUES) + "}", r, FuzzCase.Body.ANY);
            case 5 -> {
                String bad = pick(r, INVALID_JSON);
                yield json(index, ep, invalidJsonKind(bad), "/g2p", bad, r, FuzzCase.Body.ANY);
            }
            case 6 -> contentTypes(index, ep, "/g2p", r);
            default -> encodings(index, ep, "/g2p", r);
        };
    }

    // --- /models/info and other paths ----------------------------------------------------------

    private FuzzCase modelsInfo(int index, Random r) {
        String[] methods = {"GET", "GET", "GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "PATCH"};
        String method = pick(r, methods);
        String target = "/models/info" + pick(r, new String[]{"", "", "?", "?x=1", "?" + brokenPercent(r),
                "/", "/x", ";jsessionid=1", "?" + "a=b&".repeat(2000)});
        List<String> headers = new ArrayList<>();
        if (r.nextBoolean()) {
            headers.add("Accept: " + pick(r, new String[]{"application/json", "application/xml", "text/html",
                    "*/*", "audio/wav", "", "garbage", "application/json;q=abc"}));
        }
        byte[] body = method.equals("POST") || method.equals("PUT") ? "{}".getBytes(StandardCharsets.UTF_8) : null;
        return new FuzzCase(index, method + " /models/info", "methods, accept, query", http(method, target, headers, body),
                method.equals("HEAD"), false, method.equals("GET") && target.equals("/models/info") ? FuzzCase.Body.JSON
                : FuzzCase.Body.ANY);
    }

    private FuzzCase otherPaths(int index, Random r) {
        String[] targets = {"/", "/nope", "/synthesize/x", "//synthesize", "/Synthesize", "/voice/", "/g2p/..",
                "/../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/voice%00", "/%ZZ", "/%", "/q/health",
                "/q/health/ready", "/q/metrics", "/q/dev", "/q/openapi", "/models", "/models/refresh",
                "/" + "a".repeat(3000), "/%E3%81%82", "/synthesize;x=y", "*", "http://example.com/voice?text=a",
                "/voice?text=a&text=" + "%".repeat(10)};
        String[] methods = {"GET", "GET", "HEAD", "DELETE", "PUT", "OPTIONS", "TRACE", "FOO", "get", "PATCH"};
        String method = pick(r, methods);
        String target = pick(r, targets);
        if (target.equals("/models/refresh")) {
            method = "GET";   // a POST would reload every model: not a fuzz target
        }
        if (target.equals("/synthesize/x") || target.equals("//synthesize") || target.equals("/synthesize;x=y")) {
            method = r.nextBoolean() ? "POST" : method;
        }
        byte[] body = method.equals("POST") || method.equals("PUT") ? "{\"text\":\"あ\"}".getBytes(StandardCharsets.UTF_8) : null;
        List<String> headers = body == null ? List.of() : List.of("Content-Type: application/json");
        return new FuzzCase(index, "other paths", "paths and methods", http(method, target, headers, body),
                method.equals("HEAD"), false, FuzzCase.Body.ANY);
    }

    // --- raw framing ---------------------------------------------------------------------------

    private FuzzCase rawFraming(int index, Random r) {
        String ep = "raw framing";
        String body = "{\"text\":\"こんにちは\"}";
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        String pre = "POST /g2p HTTP/1.1\r\nHost: " + hostPort + "\r\nContent-Type: application/json\r\nConnection: close\r\n";
        String chunk = Integer.toHexString(b.length) + "\r\n" + body + "\r\n0\r\n\r\n";
        int k = r.nextInt(34);
        String kind;
        String raw;
        boolean incomplete = false;
        switch (k) {
            case 0 -> { kind = "bad chunk size (not hex)"; raw = pre + "Transfer-Encoding: chunked\r\n\r\nzz\r\n" + body + "\r\n0\r\n\r\n"; }
            case 1 -> { kind = "bad chunk size (negative)"; raw = pre + "Transfer-Encoding: chunked\r\n\r\n-1\r\n" + body + "\r\n0\r\n\r\n"; }
            case 2 -> { kind = "bad chunk size (overflow)"; raw = pre + "Transfer-Encoding: chunked\r\n\r\nFFFFFFFFFFFFFFFFFFFF\r\n" + body + "\r\n0\r\n\r\n"; }
            case 3 -> { kind = "chunk size larger than data"; raw = pre + "Transfer-Encoding: chunked\r\n\r\n" + "2\r\n" + body + "\r\n0\r\n\r\n"; }
            case 4 -> { kind = "chunk without CRLF"; raw = pre + "Transfer-Encoding: chunked\r\n\r\n" + Integer.toHexString(b.length) + "\r\n" + body + "0\r\n\r\n"; }
            case 5 -> { kind = "chunk extension garbage"; raw = pre + "Transfer-Encoding: chunked\r\n\r\n" + Integer.toHexString(b.length) + ";\u0001=\"\r\n" + body + "\r\n0\r\n\r\n"; }
            case 6 -> { kind = "Content-Length and chunked"; raw = pre + "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n" + chunk; }
            case 7 -> { kind = "two Content-Lengths"; raw = pre + "Content-Length: " + b.length + "\r\nContent-Length: 3\r\n\r\n" + body; }
            case 8 -> { kind = "negative Content-Length"; raw = pre + "Content-Length: -5\r\n\r\n" + body; }
            case 9 -> { kind = "Content-Length not a number"; raw = pre + "Content-Length: " + pick(r, new String[]{"abc", "1e3", "0x10", "", " ", "12 34", "+12"}) + "\r\n\r\n" + body; }
            case 10 -> { kind = "Content-Length huge"; raw = pre + "Content-Length: " + pick(r, new String[]{"99999999999999999999", "9223372036854775807", "4294967296", "2147483648"}) + "\r\n\r\n" + body; }
            case 11 -> { kind = "Content-Length shorter than body"; raw = pre + "Content-Length: 4\r\n\r\n" + body; }
            case 12 -> { kind = "unknown Transfer-Encoding"; raw = pre + "Transfer-Encoding: " + pick(r, new String[]{"gzip", "chunked, gzip", "xchunked", "identity", "chunked;q=1", "chunked\u0000", "Chunked"}) + "\r\n\r\n" + chunk; }
            case 13 -> { kind = "header without colon"; raw = pre + "NoColonHere\r\nContent-Length: " + b.length + "\r\n\r\n" + body; }
            case 14 -> { kind = "space before colon"; raw = pre + "Content-Length : " + b.length + "\r\n\r\n" + body; }
            case 15 -> { kind = "obs-fold header"; raw = pre + "X-A: 1\r\n  continued\r\nContent-Length: " + b.length + "\r\n\r\n" + body; }
            case 16 -> { kind = "NUL / control in header"; raw = pre + "X-A: a\u0000b\u0001\r\nContent-Length: " + b.length + "\r\n\r\n" + body; }
            case 17 -> { kind = "oversized header"; raw = pre + "X-Big: " + "x".repeat(pick(r, new int[]{8000, 9000, 20000, 200000})) + "\r\nContent-Length: " + b.length + "\r\n\r\n" + body; }
            case 18 -> { kind = "too many headers"; raw = pre + "X-H: y\r\n".repeat(pick(r, new int[]{500, 2000, 10000})) + "Content-Length: " + b.length + "\r\n\r\n" + body; }
            case 19 -> { kind = "bad request line"; raw = pick(r, new String[]{"GET\r\n\r\n", "GET /\r\n\r\n", "GET / HTTP/1.1 x\r\nHost: a\r\n\r\n",
                    "GET  /models/info  HTTP/1.1\r\nHost: a\r\n\r\n", "GET /models/info HTTP/1.1\r\n\r\n", "GET /models/info HTTP/9.9\r\nHost: a\r\n\r\n",
                    "GET /models/info HTTP/2.0\r\nHost: a\r\n\r\n", "GET /models/info HTTP/0.9\r\n\r\n", "GET /models/info HTTP/1.1\nHost: a\n\n",
                    "\r\n\r\nGET /models/info HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n", "GET /models/info FOO/1.1\r\nHost: a\r\n\r\n",
                    "G\u00c9T /models/info HTTP/1.1\r\nHost: a\r\n\r\n", "GET /models/info HTTP/1.1\rHost: a\r\r"}); }
            case 20 -> { kind = "control bytes in path"; raw = "GET /voice?text=\u0001\u007f" + pick(r, new String[]{" ", "\t", "\u0000", "\u00e3\u0081\u0082", "<>\"{}|\\^`"}) + "a HTTP/1.1\r\nHost: " + hostPort + "\r\nConnection: close\r\n\r\n"; }
            case 21 -> { kind = "raw UTF-8 in path"; raw = null; }
            case 22 -> { kind = "binary garbage"; raw = null; }
            case 23 -> { kind = "truncated body (incomplete)"; raw = pre + "Content-Length: " + (b.length + 50) + "\r\n\r\n" + body; incomplete = true; }
            case 24 -> { kind = "chunked without last chunk (incomplete)"; raw = pre + "Transfer-Encoding: chunked\r\n\r\n" + Integer.toHexString(b.length) + "\r\n" + body + "\r\n"; incomplete = true; }
            case 25 -> { kind = "headers never end (incomplete)"; raw = pre + "X-A: 1\r\n"; incomplete = true; }
            case 26 -> { kind = "pipelined requests"; raw = "GET /models/info HTTP/1.1\r\nHost: " + hostPort + "\r\n\r\n" + pre + "Content-Length: " + b.length + "\r\n\r\n" + body; }
            case 27 -> { kind = "Expect: 100-continue"; raw = pre + "Expect: 100-continue\r\nContent-Length: " + b.length + "\r\n\r\n" + body; }
            case 28 -> { kind = "Expect: unknown"; raw = pre + "Expect: " + pick(r, new String[]{"teapot", "100-continue, x", ""}) + "\r\nContent-Length: " + b.length + "\r\n\r\n" + body; }
            case 29 -> { kind = "Host header games"; raw = "GET /models/info HTTP/1.1\r\n" + pick(r, new String[]{"Host: a\r\nHost: b\r\n", "Host: \r\n", "Host: [::1\r\n", "Host: a b\r\n", "Host: 127.0.0.1:99999\r\n", "Host: \u00e3\u0081\u0082\r\n"}) + "Connection: close\r\n\r\n"; }
            case 30 -> { kind = "bad Content-Encoding"; raw = pre + "Content-Encoding: " + pick(r, new String[]{"gzip", "deflate", "br", "zz"}) + "\r\nContent-Length: " + b.length + "\r\n\r\n" + body; }
            case 31 -> { kind = "LF-only line endings"; raw = pre.replace("\r\n", "\n") + "Content-Length: " + b.length + "\n\n" + body; }
            case 32 -> { kind = "chunked trailers"; raw = pre + "Transfer-Encoding: chunked\r\n\r\n" + Integer.toHexString(b.length) + "\r\n" + body + "\r\n0\r\nX-T: " + "t".repeat(r.nextInt(20000)) + "\r\nbad trailer\r\n\r\n"; }
            default -> { kind = "many tiny chunks"; raw = null; }
        }
        byte[] bytes;
        if (k == 21) {
            bytes = concat(("GET /voice?text=").getBytes(StandardCharsets.US_ASCII), pick(r, JP).getBytes(StandardCharsets.UTF_8),
                    (" HTTP/1.1\r\nHost: " + hostPort + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        } else if (k == 22) {
            bytes = new byte[1 + r.nextInt(2000)];
            r.nextBytes(bytes);
            if (r.nextBoolean()) {
                bytes[0] = 0x16;   // a TLS handshake record to the plain port
                bytes[1 % bytes.length] = 0x03;
            }
        } else if (k == 33) {
            StringBuilder sb = new StringBuilder(pre + "Transfer-Encoding: chunked\r\n\r\n");
            body.codePoints().forEach(c -> {
                String s = new String(Character.toChars(c));
                sb.append(Integer.toHexString(s.getBytes(StandardCharsets.UTF_8).length)).append("\r\n").append(s).append("\r\n");
            });
            bytes = (sb + "0\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        } else {
            bytes = latin1OrUtf8(raw);
        }
        // without an empty line the header block never ends: the server rightly waits for the rest
        String ascii = new String(bytes, StandardCharsets.ISO_8859_1);
        incomplete |= !ascii.contains("\r\n\r\n") && !ascii.contains("\n\n");
        return new FuzzCase(index, ep, kind, bytes, false, incomplete, FuzzCase.Body.ANY);
    }

    /** Raw request text: chars below 256 are single bytes (so \u00e3\u0081\u0082 is raw UTF-8), others UTF-8. */
    private static byte[] latin1OrUtf8(String s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 256) {
                out.write(c);
            } else {
                byte[] u = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                out.write(u, 0, u.length);
            }
        }
        return out.toByteArray();
    }

    // --- bodies, encodings, content types ------------------------------------------------------

    private FuzzCase contentTypes(int index, String ep, String path, Random r) {
        String ct = pick(r, new String[]{null, "text/plain", "application/x-www-form-urlencoded", "multipart/form-data",
                "multipart/form-data; boundary=x", "application/json; charset=bogus", "application/json; charset=latin1",
                "application/json; charset=utf-16", "application/json; charset=\"", "application/json;;;", "application/xml",
                "application/json, text/plain", "*/*", "", "application/JSON", "application/json; charset=utf-32",
                "application/vnd.api+json", "\u00e3\u0081\u0082/json"});
        List<String> headers = new ArrayList<>();
        if (ct != null) {
            headers.add("Content-Type: " + ct);
        }
        byte[] body = ("{\"text\":\"" + pick(r, JP).replace("\"", "\\\"") + "\"}").getBytes(StandardCharsets.UTF_8);
        return new FuzzCase(index, ep, "content type " + (ct == null ? "(none)" : escapeKind(ct)),
                http("POST", path, headers, body), false, false, FuzzCase.Body.ANY);
    }

    private FuzzCase encodings(int index, String ep, String path, Random r) {
        String json = "{\"text\":\"" + pick(r, JP).replace("\"", "\\\"") + "\"}";
        String kind;
        byte[] body;
        switch (r.nextInt(8)) {
            case 0 -> { kind = "UTF-16LE body with BOM"; body = concat(new byte[]{(byte) 0xFF, (byte) 0xFE}, json.getBytes(StandardCharsets.UTF_16LE)); }
            case 1 -> { kind = "UTF-16BE body"; body = json.getBytes(StandardCharsets.UTF_16BE); }
            case 2 -> { kind = "UTF-32 body"; body = json.getBytes(Charset.forName("UTF-32")); }
            case 3 -> { kind = "Shift_JIS body"; body = json.getBytes(Charset.forName("Shift_JIS")); }
            case 4 -> { kind = "Latin-1 bytes"; body = "{\"text\":\"caf\u00e9 \u00ff\"}".getBytes(StandardCharsets.ISO_8859_1); }
            case 5 -> { kind = "overlong UTF-8"; body = concat("{\"text\":\"".getBytes(StandardCharsets.US_ASCII), new byte[]{(byte) 0xC0, (byte) 0xAF, (byte) 0xE0, (byte) 0x80, (byte) 0xAF}, "\"}".getBytes(StandardCharsets.US_ASCII)); }
            case 6 -> { kind = "UTF-8 cut mid-character"; body = concat("{\"text\":\"".getBytes(StandardCharsets.US_ASCII), new byte[]{(byte) 0xE3, (byte) 0x81}, "\"}".getBytes(StandardCharsets.US_ASCII)); }
            default -> { kind = "surrogates as raw bytes (WTF-8)"; body = concat("{\"text\":\"あ".getBytes(StandardCharsets.UTF_8), new byte[]{(byte) 0xED, (byte) 0xA0, (byte) 0x80, (byte) 0xED, (byte) 0xBF, (byte) 0xBF}, "い\"}".getBytes(StandardCharsets.UTF_8)); }
        }
        return new FuzzCase(index, ep, kind, http("POST", path, List.of("Content-Type: application/json"), body),
                false, false, FuzzCase.Body.ANY);
    }

    private FuzzCase json(int index, String ep, String kind, String target, String json, Random r, FuzzCase.Body expect) {
        byte[] body = r.nextInt(6) == 0 ? wtf8(json) : json.getBytes(StandardCharsets.UTF_8);
        return new FuzzCase(index, ep, kind, http("POST", target, List.of("Content-Type: application/json"), body),
                false, false, expect);
    }

    private byte[] http(String method, String target, List<String> headers, byte[] body) {
        StringBuilder sb = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\nHost: ")
                .append(hostPort).append("\r\nConnection: close\r\n");
        headers.forEach(h -> sb.append(h).append("\r\n"));
        if (body != null) {
            sb.append("Content-Length: ").append(body.length).append("\r\n");
        }
        sb.append("\r\n");
        byte[] head = latin1OrUtf8(sb.toString());
        return body == null ? head : concat(head, body);
    }

    /** A JSON string literal: \\u escapes (lone surrogates stay escapes) or raw characters. */
    static String jsonString(String s, Random r) {
        boolean ascii = r.nextBoolean();
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20 || (ascii && c > 0x7e) || Character.isSurrogate(c) && !ascii && !pairedAt(s, i)) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.append('"').toString();
    }

    private static boolean pairedAt(String s, int i) {
        char c = s.charAt(i);
        return Character.isHighSurrogate(c) ? i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))
                : i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }

    /** UTF-8, but lone surrogates as their 3-byte forms (invalid UTF-8, as WTF-8 / CESU-8 writers send). */
    static byte[] wtf8(String s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length() * 3);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isSurrogate(c) && !pairedAt(s, i)) {
                out.write(0xE0 | c >> 12);
                out.write(0x80 | c >> 6 & 0x3F);
                out.write(0x80 | c & 0x3F);
            } else if (Character.isHighSurrogate(c)) {
                byte[] u = s.substring(i, i + 2).getBytes(StandardCharsets.UTF_8);
                out.write(u, 0, u.length);
                i++;
            } else {
                byte[] u = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                out.write(u, 0, u.length);
            }
        }
        return out.toByteArray();
    }

    /** Percent-encoded query value: UTF-8 or WTF-8 bytes, spaces as + or %20, now and then raw. */
    private static String percent(String s, Random r) {
        byte[] bytes = r.nextInt(4) == 0 ? wtf8(s) : s.getBytes(StandardCharsets.UTF_8);
        boolean plus = r.nextBoolean();
        StringBuilder sb = new StringBuilder();
        for (byte b : bytes) {
            int c = b & 0xFF;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "-._~".indexOf(c) >= 0) {
                sb.append((char) c);
            } else if (c == ' ' && plus) {
                sb.append('+');
            } else {
                sb.append('%').append(String.format("%02X", c));
            }
        }
        return sb.toString();
    }

    private static String brokenPercent(Random r) {
        return pick(r, new String[]{"%", "%G1", "%E3%81", "%ED%A0%80", "%FF%FE", "%00", "%C0%AF", "a%2", "%%",
                "%u3042", "%E3%81%82%", "&%=%", "&=&", "%F0%9F%98", "%F4%90%80%80"});
    }

    private static String invalidJsonKind(String body) {
        String k = escapeKind(body.length() > 40 ? body.substring(0, 40) + "…" : body);
        return "invalid json " + k;
    }

    private static String escapeKind(String s) {
        StringBuilder sb = new StringBuilder();
        s.codePoints().forEach(c -> sb.append(c >= 0x20 && c < 0x7f ? String.valueOf((char) c) : String.format("U+%04X", c)));
        return sb.toString();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.write(p, 0, p.length);
        }
        return out.toByteArray();
    }

    private static String pick(Random r, String[] a) {
        return a[r.nextInt(a.length)];
    }

    private static int pick(Random r, int[] a) {
        return a[r.nextInt(a.length)];
    }
}
