package dev.luna.tts.api.voicevox;

import dev.luna.tts.engine.model.ModelSet;
import dev.luna.tts.engine.voice.Voice;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * VOICEVOX ids for luna-tts voices, a pure function of names (stable across restarts and replicas):
 * <ul>
 * <li>a VOICEVOX speaker ("character") is one SBV2 speaker of one voice; its {@code speaker_uuid} is the name-based
 * UUID (v3) of {@code "luna-tts:" + voice + "/" + speaker};</li>
 * <li>a style id is AivisSpeech Engine's packing: the low 27 bits of MD5(speaker_uuid) shifted left by 5, OR the
 * SBV2 style id (style2id, 0–31), with the sign bit cleared — a positive 32-bit integer.</li>
 * </ul>
 * Should two styles of the loaded voices get the same id (or a style id exceed 31), the later one in (voice, speaker,
 * style) name order takes the next free id; that is the only case where an id depends on which voices are loaded.
 */
public final class StyleIds {

    /** One VOICEVOX style: which voice, SBV2 speaker and style it synthesizes. */
    public record Style(int id, String voice, String speaker, int speakerId, String style, String speakerUuid) {
    }

    /** All styles of a model set in (voice, speaker, style-id) order, and the lookup by id. */
    public record Table(List<Style> styles, Map<Integer, Style> byId) {
    }

    private StyleIds() {
    }

    public static String speakerUuid(String voice, String speaker) {
        return UUID.nameUUIDFromBytes(("luna-tts:" + voice + "/" + speaker).getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    /** AivisSpeech's id for (speaker_uuid, local style id 0–31). */
    public static int packed(String speakerUuid, int localStyleId) {
        byte[] md5;
        try {
            md5 = MessageDigest.getInstance("MD5").digest(speakerUuid.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is part of every JDK", e);
        }
        // the digest as a big-endian integer, its low 27 bits: the last four bytes carry them
        int low = ((md5[12] & 0xff) << 24) | ((md5[13] & 0xff) << 16) | ((md5[14] & 0xff) << 8) | (md5[15] & 0xff);
        int combined = ((low & ((1 << 27) - 1)) << 5) | (localStyleId & 31);
        return combined & 0x7fffffff;
    }

    public static Table of(ModelSet set) {
        record Candidate(String voice, String speaker, int speakerId, String style, int styleId) {
        }
        List<Candidate> all = new ArrayList<>();
        for (Voice v : set.voices().values()) {
            for (Map.Entry<String, Integer> spk : v.config().spk2id().entrySet()) {
                for (Map.Entry<String, Integer> st : v.config().style2id().entrySet()) {
                    all.add(new Candidate(v.name(), spk.getKey(), spk.getValue(), st.getKey(), st.getValue()));
                }
            }
        }
        all.sort(Comparator.comparing(Candidate::voice).thenComparing(Candidate::speaker)
                .thenComparingInt(Candidate::styleId).thenComparing(Candidate::style));
        Map<Integer, Style> byId = new HashMap<>();
        List<Style> styles = new ArrayList<>();
        for (Candidate c : all) {
            String uuid = speakerUuid(c.voice(), c.speaker());
            int id = packed(uuid, c.styleId());
            boolean fits = c.styleId() >= 0 && c.styleId() <= 31;
            while (!fits || byId.containsKey(id)) {
                id = (id + 1) & 0x7fffffff;
                fits = true;
            }
            Style s = new Style(id, c.voice(), c.speaker(), c.speakerId(), c.style(), uuid);
            byId.put(id, s);
            styles.add(s);
        }
        return new Table(List.copyOf(styles), Map.copyOf(byId));
    }

    /** Styles grouped by speaker_uuid, in table order. */
    public static Map<String, List<Style>> bySpeaker(Table t) {
        Map<String, List<Style>> out = new LinkedHashMap<>();
        for (Style s : t.styles()) {
            out.computeIfAbsent(s.speakerUuid(), k -> new ArrayList<>()).add(s);
        }
        return out;
    }
}
