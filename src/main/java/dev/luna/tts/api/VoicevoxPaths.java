package dev.luna.tts.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The VOICEVOX-compatible paths, and FastAPI's error location ({@code loc}) for a field of one of them. */
public final class VoicevoxPaths {

    private static final Set<String> PATHS = Set.of("/version", "/engine_manifest", "/speakers", "/speaker_info",
            "/audio_query", "/accent_phrases", "/mora_data", "/synthesis", "/cancellable_synthesis",
            "/multi_synthesis", "/initialize_speaker", "/is_initialized_speaker", "/user_dict", "/user_dict_word",
            "/import_user_dict");
    private static final Set<String> QUERY = Set.of("text", "speaker", "speaker_uuid", "core_version", "is_kana",
            "surface", "pronunciation", "accent_type", "word_type", "priority", "override", "resource_format",
            "skip_reinit", "enable_katakana_english", "enable_interrogative_upspeak");
    private static final Pattern PART = Pattern.compile("([^.\\[\\]]+)|\\[(\\d+)]");

    private VoicevoxPaths() {
    }

    public static boolean matches(String path) {
        return PATHS.contains(path) || path.startsWith("/user_dict_word/");
    }

    /**
     * {@code accent_phrases[0].moras[2].text} → {@code ["body","accent_phrases",0,"moras",2,"text"]}; a query
     * parameter → {@code ["query",name]}; {@code word_uuid} → {@code ["path","word_uuid"]}.
     */
    public static List<Object> loc(String field) {
        List<Object> loc = new ArrayList<>();
        if (field == null || field.equals("body")) {
            loc.add("body");
            return loc;
        }
        if (QUERY.contains(field)) {
            return List.of("query", field);
        }
        if (field.equals("word_uuid")) {
            return List.of("path", field);
        }
        loc.add("body");
        Matcher m = PART.matcher(field);
        while (m.find()) {
            loc.add(m.group(1) != null ? m.group(1) : (Object) Integer.valueOf(m.group(2)));
        }
        return loc;
    }
}
