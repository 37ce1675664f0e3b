package dev.luna.tts.api.voicevox;

import dev.luna.tts.api.RequestWords;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.luna.tts.api.voicevox.VoicevoxModels.AccentPhraseJson;
import dev.luna.tts.api.voicevox.VoicevoxModels.AudioQueryJson;
import dev.luna.tts.api.voicevox.VoicevoxModels.SpeakerInfoJson;
import dev.luna.tts.api.voicevox.VoicevoxModels.SpeakerJson;
import dev.luna.tts.api.voicevox.VoicevoxModels.SpeakerStyleJson;
import dev.luna.tts.api.voicevox.VoicevoxModels.SpeakerSupportedFeaturesJson;
import dev.luna.tts.api.voicevox.VoicevoxModels.StyleInfoJson;
import dev.luna.tts.engine.SynthesisRequest;
import dev.luna.tts.engine.TtsException;
import dev.luna.tts.engine.audio.AudioEncoders;
import dev.luna.tts.engine.model.ModelSet;
import dev.luna.tts.engine.voice.Voice;
import dev.luna.tts.service.LunaConfig;
import dev.luna.tts.service.ModelRegistry;
import dev.luna.tts.service.SynthesisService;
import dev.luna.tts.text.EmptyTextException;
import dev.luna.tts.text.G2pException;
import dev.luna.tts.text.TextFrontend;
import dev.luna.tts.text.accent.AccentPhrase;
import dev.luna.tts.text.accent.AccentPhrases;
import dev.luna.tts.text.jtalk.JapaneseFrontend;
import dev.luna.tts.text.userdict.UserDictWord;
import dev.luna.tts.text.userdict.UserWords;
import io.smallrye.common.annotation.Blocking;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static dev.luna.tts.engine.TtsException.invalid;
import static dev.luna.tts.engine.TtsException.notFound;

/**
 * VOICEVOX ENGINE's API for SBV2 voices, the way AivisSpeech Engine implements it (see docs-voicevox.md): style ids
 * from {@link StyleIds}, accent phrases from SBV2's g2p ({@link AccentPhrases}), synthesis with the phrases as
 * SBV2's given phones and tones through the one request path ({@link SynthesisService}).
 */
@Path("/")
public class VoicevoxResource {

    /** Version reported by /version and the manifest. */
    static final String ENGINE_VERSION = "1.0.0";
    /** AivisSpeech answers 0.5 s of silence for a query without moras. */
    private static final double EMPTY_QUERY_SECONDS = 0.5;

    private final SynthesisService synthesis;
    private final ModelRegistry models;
    private final TextFrontend frontend;
    private final JapaneseFrontend openJTalk;
    private final LunaConfig config;
    private final ObjectMapper json;

    public VoicevoxResource(SynthesisService synthesis, ModelRegistry models, TextFrontend frontend,
                            JapaneseFrontend openJTalk, LunaConfig config, ObjectMapper json) {
        this.openJTalk = openJTalk;
        this.synthesis = synthesis;
        this.models = models;
        this.frontend = frontend;
        this.config = config;
        // VOICEVOX clients send fields luna-tts does not know (and AivisSpeech's): accept them
        this.json = json.copy().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    @GET
    @Path("version")
    @Produces(MediaType.APPLICATION_JSON)
    public String version() {
        return "\"" + ENGINE_VERSION + "\"";
    }

    @GET
    @Path("engine_manifest")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> manifest() {
        Map<String, Object> features = new LinkedHashMap<>();
        features.put("adjust_mora_pitch", false);
        features.put("adjust_phoneme_length", false);
        features.put("adjust_speed_scale", true);
        features.put("adjust_pitch_scale", false);
        features.put("adjust_intonation_scale", true);
        features.put("adjust_volume_scale", true);
        features.put("adjust_pause_length", false);
        features.put("interrogative_upspeak", false);
        features.put("synthesis_morphing", false);
        features.put("sing", false);
        features.put("manage_library", false);
        features.put("return_resource_url", false);
        features.put("apply_katakana_english", false);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("manifest_version", "0.13.1");
        m.put("name", "luna-tts");
        m.put("brand_name", "luna-tts");
        m.put("uuid", StyleIds.speakerUuid("engine", "luna-tts"));
        m.put("url", "");
        m.put("icon", "");
        m.put("default_sampling_rate", defaultRate(models.current()));
        m.put("frame_rate", 93.75);
        m.put("terms_of_service", "");
        m.put("update_infos", List.of());
        m.put("dependency_licenses", List.of());
        m.put("supported_features", features);
        return m;
    }

    @GET
    @Path("speakers")
    @Produces(MediaType.APPLICATION_JSON)
    public List<SpeakerJson> speakers() {
        StyleIds.Table t = StyleIds.of(models.current());
        List<SpeakerJson> out = new ArrayList<>();
        for (List<StyleIds.Style> styles : StyleIds.bySpeaker(t).values()) {
            StyleIds.Style first = styles.get(0);
            out.add(new SpeakerJson(speakerName(first), first.speakerUuid(),
                    styles.stream().map(s -> new SpeakerStyleJson(s.style(), s.id(), "talk")).toList(),
                    ENGINE_VERSION, new SpeakerSupportedFeaturesJson("NOTHING")));
        }
        return out;
    }

    @GET
    @Path("speaker_info")
    @Produces(MediaType.APPLICATION_JSON)
    public SpeakerInfoJson speakerInfo(@QueryParam("speaker_uuid") String uuid) {
        if (uuid == null) {
            throw invalid("speaker_uuid", "speaker_uuid is required");
        }
        List<StyleIds.Style> styles = StyleIds.bySpeaker(StyleIds.of(models.current())).get(uuid);
        if (styles == null) {
            throw notFound("speaker_uuid", "no speaker with uuid " + uuid);
        }
        return new SpeakerInfoJson("", "", styles.stream().map(s -> new StyleInfoJson(s.id(), "", List.of())).toList());
    }

    @POST
    @Path("initialize_speaker")
    public Response initialize(@QueryParam("speaker") String speaker) {
        style(speaker);   // voices are loaded and warmed at start-up: nothing to do for a known style
        return Response.noContent().build();
    }

    @GET
    @Path("is_initialized_speaker")
    @Produces(MediaType.APPLICATION_JSON)
    public boolean isInitialized(@QueryParam("speaker") String speaker) {
        style(speaker);
        return true;
    }

    @POST
    @Blocking
    @Path("audio_query")
    @Produces(MediaType.APPLICATION_JSON)
    public AudioQueryJson audioQuery(@QueryParam("text") String text, @QueryParam("speaker") String speaker,
                                     String body) {
        StyleIds.Style st = style(speaker);
        List<AccentPhraseJson> phrases = accentPhrases(text, words(body));
        return new AudioQueryJson(phrases, 1.0, 1.0, 1.0, 0.0, 1.0, 0.1, 0.1, null, 1.0,
                rate(models.current(), st), false, text, null, null);
    }

    @POST
    @Blocking
    @Path("accent_phrases")
    @Produces(MediaType.APPLICATION_JSON)
    public List<AccentPhraseJson> accentPhrases(@QueryParam("text") String text,
                                                @QueryParam("speaker") String speaker,
                                                @QueryParam("is_kana") Boolean isKana, String body) {
        style(speaker);
        if (Boolean.TRUE.equals(isKana)) {
            throw invalid("is_kana", "AquesTalk-style kana input is not supported; send the text");
        }
        return accentPhrases(text, words(body));
    }

    @POST
    @Path("mora_data")
    @Produces(MediaType.APPLICATION_JSON)
    public List<AccentPhraseJson> moraData(@QueryParam("speaker") String speaker, String body) {
        style(speaker);
        List<AccentPhraseJson> phrases = parse(body, new TypeReference<>() {
        });
        if (phrases == null) {
            throw invalid("body", "a JSON array of accent phrases is required");
        }
        List<AccentPhrase> checked = QueryMapping.phrases(phrases);
        QueryMapping.phoneTones(checked);
        // SBV2 predicts durations and pitch inside the generator: the values stay placeholders (as in AivisSpeech)
        return checked.stream().map(AccentPhraseJson::of).toList();
    }

    @POST
    @Blocking
    @Path("synthesis")
    @Produces("audio/wav")
    public Response synthesis(@QueryParam("speaker") String speaker, String body, @Context HttpServerRequest request) {
        AudioQueryJson q = parse(body, new TypeReference<>() {
        });
        return Response.ok(wav(style(speaker), q, request), "audio/wav").build();
    }

    /** As /synthesis; both stop synthesizing when the client disconnects. */
    @POST
    @Blocking
    @Path("cancellable_synthesis")
    @Produces("audio/wav")
    public Response cancellable(@QueryParam("speaker") String speaker, String body,
                                @Context HttpServerRequest request) {
        return synthesis(speaker, body, request);
    }

    /** A zip of {@code 001.wav}, {@code 002.wav}, ... one per query, as VOICEVOX names them. */
    @POST
    @Blocking
    @Path("multi_synthesis")
    @Produces("application/zip")
    public Response multi(@QueryParam("speaker") String speaker, String body, @Context HttpServerRequest request) {
        StyleIds.Style st = style(speaker);
        List<AudioQueryJson> queries = parse(body, new TypeReference<>() {
        });
        if (queries == null || queries.isEmpty()) {
            throw invalid("body", "a non-empty JSON array of AudioQuery is required");
        }
        List<byte[]> wavs = new ArrayList<>();
        for (int i = 0; i < queries.size(); i++) {
            try {
                wavs.add(wav(st, queries.get(i), request));
            } catch (TtsException e) {
                throw new TtsException(e.kind(), e.field() == null ? String.valueOf(i) : "[" + i + "]." + e.field(),
                        "query " + i + ": " + e.getMessage(), e.retryAfterSeconds());
            }
        }
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(zip)) {
            for (int i = 0; i < wavs.size(); i++) {
                z.putNextEntry(new ZipEntry(String.format("%03d.wav", i + 1)));
                z.write(wavs.get(i));
                z.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Response.ok(zip.toByteArray(), "application/zip").build();
    }

    private byte[] wav(StyleIds.Style st, AudioQueryJson q, HttpServerRequest request) {
        gone(request);   // multi_synthesis: no further query once the client has left
        QueryMapping.check(q, config.maxSilenceSeconds());
        ModelSet set = models.current();
        int native_ = rate(set, st);
        int outRate = q.outputSamplingRate();
        if (outRate != native_ && !AudioEncoders.RATES.contains(outRate)) {
            throw invalid("outputSamplingRate", "outputSamplingRate " + outRate + " is neither the voice's "
                    + native_ + " Hz nor one of " + AudioEncoders.RATES);
        }
        var params = QueryMapping.params(q);
        List<AccentPhrase> phrases = QueryMapping.phrases(q.accentPhrases());
        String text = q.kana() != null && !q.kana().isBlank() ? q.kana().strip() : AccentPhrases.reading(phrases);
        float[] audio;
        int rate;
        if (phrases.isEmpty() || text.isEmpty()) {
            rate = native_;
            audio = new float[(int) (rate * EMPTY_QUERY_SECONDS)];
        } else {
            AccentPhrases.PhoneTones pt = QueryMapping.phoneTones(phrases);
            SynthesisRequest r = new SynthesisRequest(text, st.voice(), null, st.speaker(), null, st.style(), null,
                    false, params).withGiven(new SynthesisRequest.Given(pt.phones(), pt.tones()));
            SynthesisService.Accepted a;
            try {
                a = synthesis.accept(r, "voicevox");
            } catch (TtsException e) {
                if ("given_phone".equals(e.field())) {
                    throw invalid("accent_phrases", "the accent phrases cannot be aligned with the text (kana): "
                            + e.getMessage());
                }
                if ("text".equals(e.field())) {
                    // the text of a query is its kana (or its moras)
                    throw new TtsException(e.kind(), "kana", e.getMessage(), e.retryAfterSeconds());
                }
                throw e;
            }
            rate = a.sampleRate();
            audio = collect(a, request);
        }
        audio = QueryAudio.withSilence(audio, rate, q.prePhonemeLength(), q.postPhonemeLength(), q.speedScale());
        return QueryAudio.wav(audio, rate, q.volumeScale(), outRate, q.outputStereo());
    }

    /** The utterance's audio; stops (no further piece is synthesized) once the client has disconnected. */
    private float[] collect(SynthesisService.Accepted a, HttpServerRequest request) {
        long max = (long) (config.maxAudioSeconds() * a.sampleRate());
        List<float[]> parts = new ArrayList<>();
        long total = 0;
        try (Stream<float[]> s = synthesis.stream(a).subscribe().asStream()) {
            Iterator<float[]> it = s.iterator();
            while (it.hasNext()) {
                gone(request);   // closing the stream cancels the rest
                float[] p = it.next();
                total += p.length;
                if (total > max) {
                    throw new TtsException(TtsException.Kind.TOO_LONG, "accent_phrases", "the audio is longer than "
                            + config.maxAudioSeconds() + " s, the most one response may hold");
                }
                parts.add(p);
            }
        }
        float[] out = new float[(int) total];
        int at = 0;
        for (float[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    /** Stops work for a client that has disconnected: nobody is left to answer. */
    private static void gone(HttpServerRequest request) {
        if (request.response().closed()) {
            throw new WebApplicationException(Response.status(499).build());
        }
    }

    private List<AccentPhraseJson> accentPhrases(String text, List<UserDictWord> words) {
        if (text == null) {
            throw invalid("text", "text is required");
        }
        int len = text.codePointCount(0, text.length());
        if (len > config.maxTextLength()) {
            throw new TtsException(TtsException.Kind.TOO_LONG, "text",
                    "text is " + len + " characters; the limit is " + config.maxTextLength());
        }
        String norm;
        try {
            norm = frontend.normalize(text.strip());
        } catch (EmptyTextException e) {
            return List.of();   // VOICEVOX answers an empty query for an empty text
        }
        try {
            UserWords w = frontend.userWords(words);
            return AccentPhrases.of(frontend.g2p(norm, w), openJTalk, w).stream().map(AccentPhraseJson::of).toList();
        } catch (EmptyTextException e) {
            return List.of();
        } catch (G2pException e) {
            throw invalid("text", "text could not be converted to phonemes: " + e.getMessage());
        }
    }

    /** Optional JSON body of audio_query / accent_phrases: {@code {"words": [...]}}, per-request user words. */
    private List<UserDictWord> words(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        WordsBody b = parse(body, new TypeReference<>() {
        });
        return b == null ? null : RequestWords.of(b.words());
    }

    /** The optional body of audio_query and accent_phrases. */
    public record WordsBody(List<RequestWords.WordJson> words) {
    }

    private <T> T parse(String body, TypeReference<T> type) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return json.readValue(body, type);
        } catch (MismatchedInputException e) {
            String path = e.getPath().stream().map(r -> r.getFieldName() != null ? "." + r.getFieldName()
                    : "[" + r.getIndex() + "]").reduce("", String::concat);
            String field = path.startsWith(".") ? path.substring(1) : path.isEmpty() ? "body" : path;
            throw invalid(field, "wrong type for " + field);
        } catch (JsonProcessingException e) {
            throw invalid("body", "the body is not valid JSON (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")");
        }
    }

    private StyleIds.Style style(String speaker) {
        if (speaker == null) {
            throw invalid("speaker", "speaker (a style id from /speakers) is required");
        }
        int id;
        try {
            id = Integer.parseInt(speaker.strip());
        } catch (NumberFormatException e) {
            throw invalid("speaker", "speaker must be an integer style id, got \"" + speaker + "\"");
        }
        StyleIds.Style s = StyleIds.of(models.current()).byId().get(id);
        if (s == null) {
            throw notFound("speaker", "no style with id " + id + "; see /speakers");
        }
        return s;
    }

    private static String speakerName(StyleIds.Style s) {
        return s.voice().equals(s.speaker()) ? s.voice() : s.voice() + " / " + s.speaker();
    }

    private static int rate(ModelSet set, StyleIds.Style st) {
        Voice v = set.voices().get(st.voice());
        return v == null ? 44100 : v.config().samplingRate();
    }

    private static int defaultRate(ModelSet set) {
        return set.voices().values().stream().findFirst().map(v -> v.config().samplingRate()).orElse(44100);
    }
}
