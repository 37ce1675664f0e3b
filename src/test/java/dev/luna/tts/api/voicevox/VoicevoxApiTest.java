package dev.luna.tts.api.voicevox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.luna.tts.api.CopiedModelsProfile;
import dev.luna.tts.api.Management;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static dev.luna.tts.api.voicevox.OpenApiSchemas.JSON;
import static dev.luna.tts.api.voicevox.OpenApiSchemas.assertRequest;
import static dev.luna.tts.api.voicevox.OpenApiSchemas.assertResponse;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The VOICEVOX-compatible API on the tiny test voice (voice "tiny", speakers tiny-a/tiny-b, styles Neutral/Happy). */
@QuarkusTest
@TestProfile(CopiedModelsProfile.class)
class VoicevoxApiTest {

    static final String TEXT = "こんにちは、今日はいい天気ですね。";
    static final String TINY_A = StyleIds.speakerUuid("tiny", "tiny-a");
    /** Neutral (SBV2 style id 0) of tiny / tiny-a: the id a client stores. */
    static final int NEUTRAL = StyleIds.packed(TINY_A, 0);

    @BeforeEach
    void awaitReady() throws InterruptedException {
        Management.awaitReady();
    }

    /** Style ids are a pure function of the names (so the same after any restart), AivisSpeech's packing. */
    @Test
    void styleIdsAreStableFunctionsOfTheNames() {
        assertEquals("4ddfc3b0-cbe3-3ee7-a9bd-d4fb13c5e9cf".length(), TINY_A.length());
        assertEquals(PINNED_NEUTRAL, NEUTRAL, "a style id changed: clients that stored it break");
        assertEquals(NEUTRAL + 1, StyleIds.packed(TINY_A, 1), "the low 5 bits are SBV2's style id");
        assertTrue(NEUTRAL > 0);

        String body = given().get("/speakers").then().statusCode(200).extract().asString();
        assertResponse("/speakers", "get", 200, body);
        Map<String, List<Integer>> ids = new LinkedHashMap<>();
        for (JsonNode sp : read(body)) {
            List<Integer> styles = new ArrayList<>();
            sp.path("styles").forEach(s -> styles.add(s.path("id").asInt()));
            ids.put(sp.path("speaker_uuid").asText() + " " + sp.path("name").asText(), styles);
        }
        String tinyB = StyleIds.speakerUuid("tiny", "tiny-b");
        assertEquals(Map.of(TINY_A + " tiny / tiny-a", List.of(NEUTRAL, NEUTRAL + 1),
                tinyB + " tiny / tiny-b", List.of(StyleIds.packed(tinyB, 0), StyleIds.packed(tinyB, 1))), ids);

        String info = given().queryParam("speaker_uuid", TINY_A).get("/speaker_info").then().statusCode(200)
                .extract().asString();
        assertResponse("/speaker_info", "get", 200, info);
        assertEquals(NEUTRAL, read(info).path("style_infos").path(0).path("id").asInt());

        given().queryParam("speaker", NEUTRAL).post("/initialize_speaker").then().statusCode(204);
        String init = given().queryParam("speaker", NEUTRAL).get("/is_initialized_speaker").then().statusCode(200)
                .extract().asString();
        assertEquals("true", init);
        String unknown = given().queryParam("speaker", 7).get("/is_initialized_speaker").then().statusCode(422)
                .extract().asString();
        assertResponse("/is_initialized_speaker", "get", 422, unknown);
        assertEquals(List.of("query", "speaker"), JSON.convertValue(read(unknown).path("detail").path(0).path("loc"),
                List.class));

        String version = given().get("/version").then().statusCode(200).extract().asString();
        assertResponse("/version", "get", 200, version);
        String manifest = given().get("/engine_manifest").then().statusCode(200).extract().asString();
        assertResponse("/engine_manifest", "get", 200, manifest);
        assertEquals(44100, read(manifest).path("default_sampling_rate").asInt());
    }

    /** VOICEVOX-shaped query from audio_query, sent back: the same samples /synthesize makes for the text. */
    @Test
    void audioQueryRoundTripGivesTheSamplesOfSynthesize() {
        ObjectNode q = deterministic(audioQuery(TEXT));
        assertEquals(TEXT, q.path("kana").asText());
        assertEquals(44100, q.path("outputSamplingRate").asInt());
        assertRequest("/synthesis", "post", q);
        OpenApiSchemas.assertSchemasRefuse(q);

        byte[] wav = synthesis(q);
        Wav w = Wav.parse(wav);
        assertEquals(44100, w.rate);
        assertEquals(1, w.channels);
        assertEquals(wav.length - 8, w.riffSize, "complete WAV: exact sizes");

        byte[] streamed = given().contentType(ContentType.JSON).body("{\"text\":\"" + TEXT + "\",\"model\":\"tiny\","
                        + "\"speaker\":\"tiny-a\",\"style\":\"Neutral\",\"sdp_ratio\":0.2,\"noise\":0,\"noise_w\":0,"
                        + "\"length\":1,\"style_weight\":1,\"auto_split\":false}")
                .post("/synthesize").then().statusCode(200).extract().asByteArray();
        byte[] pcm = Arrays.copyOfRange(streamed, 44, streamed.length);
        assertTrue(pcm.length > 1000);
        assertArrayEquals(pcm, w.data, "audio_query → synthesis equals /synthesize at zero noise");

        // pre/post silence (÷ speedScale), volume, stereo, another rate
        ObjectNode q2 = q.deepCopy();
        q2.put("prePhonemeLength", 0.1).put("postPhonemeLength", 0.2).put("volumeScale", 0.5);
        short[] s = Wav.parse(synthesis(q2)).samples();
        short[] plain = w.samples();
        assertEquals(4410 + plain.length + 8820, s.length);
        for (int i = 0; i < 4410; i++) {
            assertEquals(0, s[i]);
            assertEquals(0, s[s.length - 1 - i]);
        }
        for (int i = 0; i < plain.length; i++) {
            assertTrue(Math.abs(s[4410 + i] - plain[i] / 2.0) <= 1.0, "sample " + i + " at half volume");
        }
        Wav stereo = Wav.parse(synthesis(q.deepCopy().put("outputStereo", true)));
        assertEquals(2, stereo.channels);
        assertEquals(2 * w.data.length, stereo.data.length);
        for (int i = 0; i < w.data.length; i += 2) {
            assertEquals(w.data[i], stereo.data[2 * i]);
            assertEquals(w.data[i + 1], stereo.data[2 * i + 1]);
            assertEquals(w.data[i], stereo.data[2 * i + 2]);
            assertEquals(w.data[i + 1], stereo.data[2 * i + 3]);
        }
        Wav r24 = Wav.parse(synthesis(q.deepCopy().put("outputSamplingRate", 24000)));
        assertEquals(24000, r24.rate);
        assertEquals(Math.round(plain.length * 24000.0 / 44100), r24.data.length / 2);

        String bad = given().contentType(ContentType.JSON).queryParam("speaker", NEUTRAL)
                .body(q.deepCopy().put("outputSamplingRate", 12345).toString()).post("/synthesis").then()
                .statusCode(422).extract().asString();
        assertResponse("/synthesis", "post", 422, bad);
        assertEquals(List.of("body", "outputSamplingRate"), loc(bad));
    }

    @Test
    void anEditedAccentIsSpokenAndInvalidEditsNameThePhraseAndMora() {
        ObjectNode q = deterministic(audioQuery(TEXT));
        ArrayNode phrases = (ArrayNode) q.path("accent_phrases");
        assertEquals("コンニチワ,|キョオワ|イイ|テンキデスネ.", texts(phrases));
        assertEquals(1, phrases.path(3).path("accent").asInt());
        byte[] before = Wav.parse(synthesis(q)).data;

        ObjectNode edited = q.deepCopy();
        ((ObjectNode) edited.path("accent_phrases").path(3)).put("accent", 3);
        assertRequest("/synthesis", "post", edited);
        byte[] after = Wav.parse(synthesis(edited)).data;
        assertFalse(Arrays.equals(before, after), "accent 1 → 3 on テンキデスネ changes the tones and the audio");

        String mora = given().contentType(ContentType.JSON).queryParam("speaker", NEUTRAL)
                .body(edited.path("accent_phrases").toString()).post("/mora_data").then().statusCode(200)
                .extract().asString();
        assertResponse("/mora_data", "post", 200, mora);
        assertEquals(3, read(mora).path(3).path("accent").asInt());

        ObjectNode badKana = q.deepCopy();
        ((ObjectNode) badKana.path("accent_phrases").path(3).path("moras").path(2)).put("text", "Q");
        String e1 = given().contentType(ContentType.JSON).queryParam("speaker", NEUTRAL).body(badKana.toString())
                .post("/synthesis").then().statusCode(422).extract().asString();
        assertResponse("/synthesis", "post", 422, e1);
        assertEquals(List.of("body", "accent_phrases", 3, "moras", 2, "text"), loc(e1));
        assertTrue(read(e1).path("detail").path(0).path("msg").asText().startsWith("accent phrase 3, mora 2:"), e1);

        ObjectNode badAccent = q.deepCopy();
        ((ObjectNode) badAccent.path("accent_phrases").path(2)).put("accent", 3);   // イイ: 2 moras
        String e2 = given().contentType(ContentType.JSON).queryParam("speaker", NEUTRAL)
                .body(badAccent.path("accent_phrases").toString()).post("/mora_data").then().statusCode(422)
                .extract().asString();
        assertResponse("/mora_data", "post", 422, e2);
        assertEquals(List.of("body", "accent_phrases", 2, "accent"), loc(e2));

        String notJson = given().contentType(ContentType.JSON).queryParam("speaker", NEUTRAL).body("{\"accent_")
                .post("/synthesis").then().statusCode(422).extract().asString();
        assertEquals(List.of("body"), loc(notJson));
    }

    /**
     * SBV2's given_phone/given_tone on /g2p and /synthesize: an accent edited in a query speaks exactly the tones
     * the edit asks for (テンキデスネ accent 1 → 3: テ low, ンキ high, デスネ low).
     */
    @Test
    void givenTonesOnG2pAndSynthesizeMatchAnEditedQuery() {
        JsonNode g = read(given().contentType(ContentType.JSON).body("{\"text\":\"" + TEXT + "\"}").post("/g2p")
                .then().statusCode(200).extract().asString());
        List<String> phones = JSON.convertValue(g.path("phones"), List.class);
        List<Integer> tones = new ArrayList<>(JSON.convertValue(g.path("tones"), List.class));
        int start = java.util.Collections.indexOfSubList(phones,
                List.of("t", "e", "N", "k", "i", "d", "e", "s", "u", "n", "e", "."));
        assertTrue(start > 0, phones.toString());
        assertEquals(List.of(1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0), tones.subList(start, start + 12));
        List<Integer> edited = new ArrayList<>(tones);
        for (int i = 0; i < 12; i++) {
            edited.set(start + i, i >= 2 && i <= 4 ? 1 : 0);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("text", TEXT);
        body.put("given_phone", phones);
        body.put("given_tone", edited);
        JsonNode g2 = read(given().contentType(ContentType.JSON).body(JSON.valueToTree(body).toString()).post("/g2p")
                .then().statusCode(200).extract().asString());
        assertEquals(edited, JSON.convertValue(g2.path("tones"), List.class));
        assertEquals(g.path("word2ph"), g2.path("word2ph"));

        ObjectNode q = deterministic(audioQuery(TEXT));
        ((ObjectNode) q.path("accent_phrases").path(3)).put("accent", 3);
        byte[] fromQuery = Wav.parse(synthesis(q)).data;
        body.put("model", "tiny");
        body.put("speaker", "tiny-a");
        body.put("sdp_ratio", 0.2);
        body.put("noise", 0);
        body.put("noise_w", 0);
        byte[] streamed = given().contentType(ContentType.JSON).body(JSON.valueToTree(body).toString())
                .post("/synthesize").then().statusCode(200).extract().asByteArray();
        assertArrayEquals(fromQuery, Arrays.copyOfRange(streamed, 44, streamed.length));

        body.put("given_phone", phones.stream().map(p -> p.equals("N") ? "xx" : p).toList());
        given().contentType(ContentType.JSON).body(JSON.valueToTree(body).toString()).post("/synthesize").then()
                .statusCode(400).body("field", org.hamcrest.Matchers.equalTo("given_phone"));
        body.remove("given_tone");
        given().contentType(ContentType.JSON).body(JSON.valueToTree(body).toString()).post("/g2p").then()
                .statusCode(400).body("field", org.hamcrest.Matchers.equalTo("given_tone"));
    }

    @Test
    void multiSynthesisZipsOneWavPerQuery() throws IOException {
        ObjectNode q1 = deterministic(audioQuery(TEXT));
        ObjectNode q2 = deterministic(audioQuery("さようなら"));
        ArrayNode both = JSON.createArrayNode().add(q1).add(q2);
        assertRequest("/multi_synthesis", "post", both);
        byte[] zip = given().contentType(ContentType.JSON).queryParam("speaker", NEUTRAL).body(both.toString())
                .post("/multi_synthesis").then().statusCode(200).contentType("application/zip").extract()
                .asByteArray();
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream z = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e = z.getNextEntry(); e != null; e = z.getNextEntry()) {
                entries.put(e.getName(), z.readAllBytes());
            }
        }
        assertEquals(List.of("001.wav", "002.wav"), List.copyOf(entries.keySet()));
        assertArrayEquals(synthesis(q1), entries.get("001.wav"));
        assertArrayEquals(synthesis(q2), entries.get("002.wav"));
    }

    /** Dictionary writes are admin operations. */
    static io.restassured.specification.RequestSpecification admin() {
        return given().header("X-Api-Key", CopiedModelsProfile.ADMIN_KEY);
    }

    @Test
    void userDictionaryEndpointsChangeTheReading() {
        given().queryParam("surface", "x").queryParam("pronunciation", "ルナ").queryParam("accent_type", 1)
                .post("/user_dict_word").then().statusCode(401);
        String surface = "月読星";
        List<String> plain = moraTexts(surface, null);
        assertFalse(plain.subList(0, 2).equals(List.of("ル", "ナ")), plain.toString());
        String uuidJson = admin().queryParam("surface", surface).queryParam("pronunciation", "ルナ")
                .queryParam("accent_type", 1).post("/user_dict_word").then().statusCode(200).extract().asString();
        assertResponse("/user_dict_word", "post", 200, uuidJson);
        String uuid = read(uuidJson).asText();
        try {
            String dict = given().get("/user_dict").then().statusCode(200).extract().asString();
            assertResponse("/user_dict", "get", 200, dict);
            assertEquals("ルナ", read(dict).path(uuid).path("pronunciation").asText());
            assertEquals(List.of("ル", "ナ"), moraTexts(surface, null).subList(0, 2));

            admin().queryParam("surface", surface).queryParam("pronunciation", "ツキヨミ").queryParam("accent_type", 1)
                    .put("/user_dict_word/" + uuid).then().statusCode(204);
            assertEquals(List.of("ツ", "キ", "ヨ", "ミ"), moraTexts(surface, null).subList(0, 4));

            String bad = admin().queryParam("surface", surface).queryParam("pronunciation", "abc")
                    .queryParam("accent_type", 1).post("/user_dict_word").then().statusCode(422).extract().asString();
            assertResponse("/user_dict_word", "post", 422, bad);
            assertEquals(List.of("query", "pronunciation"), loc(bad));
        } finally {
            admin().delete("/user_dict_word/" + uuid).then().statusCode(204);
        }
        String gone = admin().delete("/user_dict_word/" + uuid).then().statusCode(422).extract().asString();
        assertResponse("/user_dict_word/{word_uuid}", "delete", 422, gone);
        assertEquals(List.of("path", "word_uuid"), loc(gone));
        assertEquals(plain, moraTexts(surface, null), "deleted: the system dictionary's reading again");

        // per-request words: this query only
        String words = "{\"words\":[{\"surface\":\"" + surface + "\",\"pronunciation\":\"ルナ\",\"accent_type\":1}]}";
        assertEquals(List.of("ル", "ナ"), moraTexts(surface, words).subList(0, 2));
        String badWords = given().contentType(ContentType.JSON).queryParam("text", surface)
                .queryParam("speaker", NEUTRAL).body("{\"words\":[{\"surface\":\"x\",\"pronunciation\":\"ルナ\","
                        + "\"accent_type\":5}]}").post("/audio_query").then().statusCode(422).extract().asString();
        assertEquals(List.of("body", "words", 0, "accent_type"), loc(badWords));
    }

    // --- helpers

    private List<String> moraTexts(String text, String body) {
        var req = given().queryParam("text", text).queryParam("speaker", NEUTRAL);
        if (body != null) {
            req = req.contentType(ContentType.JSON).body(body);
        }
        String json = req.post("/accent_phrases").then().statusCode(200).extract().asString();
        assertResponse("/accent_phrases", "post", 200, json);
        List<String> out = new ArrayList<>();
        read(json).forEach(p -> p.path("moras").forEach(m -> out.add(m.path("text").asText())));
        return out;
    }

    private static ObjectNode audioQuery(String text) {
        String body = given().queryParam("text", text).queryParam("speaker", NEUTRAL).post("/audio_query").then()
                .statusCode(200).extract().asString();
        assertResponse("/audio_query", "post", 200, body);
        return (ObjectNode) read(body);
    }

    /** No noise and no silence: the generator is deterministic and the samples comparable. */
    private static ObjectNode deterministic(ObjectNode q) {
        return q.put("noiseScale", 0.0).put("noiseScaleW", 0.0).put("prePhonemeLength", 0.0)
                .put("postPhonemeLength", 0.0);
    }

    private static byte[] synthesis(JsonNode q) {
        Response r = given().contentType(ContentType.JSON).queryParam("speaker", NEUTRAL).body(q.toString())
                .post("/synthesis");
        r.then().statusCode(200).contentType("audio/wav");
        return r.asByteArray();
    }

    private static String texts(JsonNode phrases) {
        List<String> out = new ArrayList<>();
        phrases.forEach(p -> {
            StringBuilder sb = new StringBuilder();
            p.path("moras").forEach(m -> sb.append(m.path("text").asText()));
            out.add(sb.toString());
        });
        return String.join("|", out);
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }

    private static List<Object> loc(String error) {
        List<Object> out = new ArrayList<>();
        read(error).path("detail").path(0).path("loc").forEach(n -> out.add(n.isInt() ? (Object) n.asInt() : n.asText()));
        return out;
    }

    /** A 16-bit PCM WAV with exact sizes, as VOICEVOX's /synthesis answers. */
    record Wav(int rate, int channels, int riffSize, byte[] data) {
        static Wav parse(byte[] wav) {
            ByteBuffer b = ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN);
            assertEquals("RIFF", new String(wav, 0, 4));
            assertEquals("WAVE", new String(wav, 8, 4));
            assertEquals(1, b.getShort(20));
            assertEquals(16, b.getShort(34));
            assertEquals("data", new String(wav, 36, 4));
            assertEquals(wav.length - 44, b.getInt(40));
            return new Wav(b.getInt(24), b.getShort(22), b.getInt(4), Arrays.copyOfRange(wav, 44, wav.length));
        }

        short[] samples() {
            short[] s = new short[data.length / 2];
            ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(s);
            return s;
        }
    }

    /** Computed once from the names; pinned so that a change of the scheme fails here. */
    static final int PINNED_NEUTRAL = 2047923872;
}
