package dev.luna.tts.engine;

import dev.luna.tts.engine.model.ModelSet;
import dev.luna.tts.engine.voice.Voice;
import dev.luna.tts.text.EmptyTextException;
import dev.luna.tts.text.G2pException;
import dev.luna.tts.text.G2pResult;
import dev.luna.tts.text.TextFrontend;
import dev.luna.tts.text.accent.GivenPhones;
import dev.luna.tts.text.userdict.UserDictWord;
import dev.luna.tts.text.userdict.UserWords;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.luna.tts.engine.TtsException.invalid;
import static dev.luna.tts.engine.TtsException.notFound;

/**
 * Request → {@link Utterance}: everything that can be wrong with a request is found here, before any audio is made
 * (a streamed response cannot turn into an error once its status line is sent).
 */
public final class UtterancePlanner {

    /**
     * @param maxTextLength     code points accepted in text and assist_text
     * @param splitMaxChars     lines longer than this are cut after sentence punctuation
     * @param maxPieceChars     a normalized piece longer than this is cut (the BERT's position limit)
     * @param maxSilenceSeconds split_interval × line breaks a request may ask for
     */
    public record Limits(int maxTextLength, int splitMaxChars, int maxPieceChars, double maxSilenceSeconds) {
        /** DeBERTa-v2's 512 positions less [CLS] and [SEP]. */
        public static final int BERT_MAX_CHARS = 510;
    }

    private final TextFrontend frontend;
    private final Limits limits;

    public UtterancePlanner(TextFrontend frontend, Limits limits) {
        this.frontend = frontend;
        this.limits = limits;
    }

    public Limits limits() {
        return limits;
    }

    /** Validates, picks voice, speaker and style, and runs the text frontend. The utterance holds a voice lease. */
    public Utterance plan(ModelSet set, SynthesisRequest r) {
        String text = r.text();
        if (text == null || text.isEmpty()) {
            throw invalid("text", "text is required");
        }
        checkLength("text", text);
        SynthesisParams params = r.params() == null ? SynthesisParams.DEFAULTS : r.params();
        if (set.bert() == null || set.voices().isEmpty()) {
            throw new TtsException(TtsException.Kind.UNAVAILABLE, "model", "models are not loaded yet", 1);
        }
        Voice voice = voice(set, r);
        if (!voice.acquire()) {
            throw new TtsException(TtsException.Kind.UNAVAILABLE, "model",
                    "voice " + voice.name() + " was just unloaded; retry", 1);
        }
        boolean handedOver = false;
        try {
            long sid = speaker(voice, r);
            String styleName = r.style() == null ? SynthesisRequest.DEFAULT_STYLE : r.style();
            Integer styleId = voice.config().style2id().get(styleName);
            if (styleId == null) {
                throw notFound("style", "style \"" + styleName + "\" not found in " + voice.name()
                        + "; available: " + voice.config().style2id().keySet());
            }
            float[] style = voice.styles().mix(styleId, params.styleWeight());
            UserWords words = userWords(r.words());
            List<Utterance.Piece> pieces = r.given() != null ? List.of(givenPiece(text, r.given(), words))
                    : pieces(text, r.autoSplit() == null || r.autoSplit(), words);
            if (pieces.isEmpty()) {
                throw new TtsException(TtsException.Kind.EMPTY_TEXT, "text",
                        "text contains nothing readable after normalization");
            }
            long lineBreaks = pieces.stream().filter(p -> p.index() > 0 && p.startsLine()).count();
            if (lineBreaks * params.splitInterval() > limits.maxSilenceSeconds()) {
                throw new TtsException(TtsException.Kind.TOO_LONG, "split_interval", lineBreaks
                        + " line breaks × split_interval " + params.splitInterval() + " s is more silence than the "
                        + limits.maxSilenceSeconds() + " s a request may ask for");
            }
            Utterance u = new Utterance(voice, sid, style, params, assist(r.assistText()), pieces);
            handedOver = true;
            return u;
        } finally {
            if (!handedOver) {
                voice.release();
            }
        }
    }

    private void checkLength(String field, String text) {
        int len = text.codePointCount(0, text.length());
        if (len > limits.maxTextLength()) {
            throw new TtsException(TtsException.Kind.TOO_LONG, field,
                    field + " is " + len + " characters; the limit is " + limits.maxTextLength());
        }
    }

    private String assist(String assist) {
        if (assist == null || assist.isBlank()) {
            return null;
        }
        checkLength("assist_text", assist);
        try {
            String norm = frontend.normalize(assist);
            // the assist text is one BERT input: keep it within the model's positions as SBV2 users would expect
            return TextSplitter.capLength(norm, limits.maxPieceChars()).get(0);
        } catch (EmptyTextException e) {
            return null;
        }
    }

    /** At most this many per-request user dictionary words (each one is compiled for the request). */
    public static final int MAX_REQUEST_WORDS = 100;

    private UserWords userWords(List<UserDictWord> words) {
        if (words != null && words.size() > MAX_REQUEST_WORDS) {
            throw invalid("words", words.size() + " words; a request may carry at most " + MAX_REQUEST_WORDS);
        }
        return frontend.userWords(words == null ? List.of() : words);
    }

    /**
     * SBV2 infer with given_phone/given_tone: the whole text is one piece (its BERT features need the text's own
     * word2ph), whose phones and tones are the given ones.
     */
    private Utterance.Piece givenPiece(String text, SynthesisRequest.Given given, UserWords words) {
        if (given.phones() == null || given.tones() == null) {
            throw invalid("given_phone", "given_phone and given_tone go together");
        }
        String norm;
        try {
            norm = frontend.normalize(text);
        } catch (EmptyTextException e) {
            throw new TtsException(TtsException.Kind.EMPTY_TEXT, "text",
                    "text contains nothing readable after normalization");
        }
        if (norm.length() > limits.maxPieceChars()) {
            throw new TtsException(TtsException.Kind.TOO_LONG, "text", "with given phones the text is one piece: "
                    + norm.length() + " normalized characters, the limit is " + limits.maxPieceChars());
        }
        try {
            G2pResult g2p = GivenPhones.apply(frontend.g2p(norm, words), given.phones(), given.tones());
            return new Utterance.Piece(0, norm, g2p.bertText(), frontend.toModelInput(g2p), true);
        } catch (EmptyTextException e) {
            throw new TtsException(TtsException.Kind.EMPTY_TEXT, "text", "text has nothing the g2p can read");
        } catch (G2pException e) {
            throw invalid("given_phone", e.getMessage());
        }
    }

    private List<Utterance.Piece> pieces(String text, boolean autoSplit, UserWords words) {
        List<Utterance.Piece> pieces = new ArrayList<>();
        for (TextSplitter.Part part : TextSplitter.split(text, autoSplit, limits.splitMaxChars())) {
            String norm;
            try {
                norm = frontend.normalize(part.text());
            } catch (EmptyTextException e) {
                continue;   // a line of symbols only: nothing to say (SBV2 would fail on it)
            }
            boolean startsLine = part.startsLine() || pieces.isEmpty();
            for (String chunk : TextSplitter.capLength(norm, limits.maxPieceChars())) {
                try {
                    G2pResult g2p = frontend.g2p(chunk, words);
                    pieces.add(new Utterance.Piece(pieces.size(), chunk, g2p.bertText(), frontend.toModelInput(g2p),
                            startsLine));
                    startsLine = false;
                } catch (EmptyTextException e) {
                    // normalized to something the g2p still cannot read: nothing to say
                } catch (G2pException e) {
                    throw invalid("text", "text could not be converted to phonemes: " + e.getMessage());
                }
            }
        }
        return pieces;
    }

    private static Voice voice(ModelSet set, SynthesisRequest r) {
        Map<String, Voice> voices = set.voices();
        if (r.model() != null) {
            Voice v = voices.get(r.model());
            if (v == null) {
                throw notFound("model", "model \"" + r.model() + "\" not found; available: " + set.names());
            }
            return v;
        }
        int id = r.modelId() == null ? 0 : r.modelId();
        List<String> names = set.names();
        if (id < 0 || id >= names.size()) {
            throw notFound("model_id", "model_id " + id + " not found; " + names.size() + " model(s) loaded");
        }
        return voices.get(names.get(id));
    }

    private static long speaker(Voice v, SynthesisRequest r) {
        Map<String, Integer> spk = v.config().spk2id();
        if (r.speaker() != null) {
            Integer id = spk.get(r.speaker());
            if (id == null) {
                throw notFound("speaker", "speaker \"" + r.speaker() + "\" not found in " + v.name()
                        + "; available: " + spk.keySet());
            }
            return id;
        }
        if (r.speakerId() == null) {
            return spk.isEmpty() ? 0 : spk.values().stream().mapToInt(Integer::intValue).min().orElse(0);
        }
        int id = r.speakerId();
        if (!spk.containsValue(id)) {
            throw notFound("speaker_id", "speaker_id " + id + " not found in " + v.name() + "; available: "
                    + spk.values());
        }
        return id;
    }
}
