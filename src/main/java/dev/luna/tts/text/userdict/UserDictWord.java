package dev.luna.tts.text.userdict;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One word of the user dictionary: SBV2 2.7's {@code UserDictWord} (VOICEVOX's model), validated as its
 * pydantic validators do. The surface is stored with printable ASCII turned full width (SBV2's
 * {@code convert_to_zenkaku}, which matches OpenJTalk's text2mecab of the input). Beyond SBV2 2.7, the CSV
 * safety checks of current VOICEVOX apply (no line break or NUL anywhere, no comma or double quote in the
 * feature fields): SBV2 would write such a word into a CSV row that mecab-dict-index splits differently.
 *
 * @param surface               表層形, full width
 * @param priority              0–10 (10 = preferred most)
 * @param contextId             left and right context id: one of the {@link WordType} ids
 * @param moraCount             SBV2's mora count of the pronunciation unless given
 * @param accentType            0 … moraCount (0 = flat)
 */
public record UserDictWord(String surface, int priority, int contextId, String partOfSpeech,
                           String partOfSpeechDetail1, String partOfSpeechDetail2, String partOfSpeechDetail3,
                           String inflectionalType, String inflectionalForm, String stem, String yomi,
                           String pronunciation, int accentType, int moraCount, String accentAssociativeRule) {

    private static final Pattern KATAKANA = Pattern.compile("[ァ-ヴー]+");
    private static final String SUTEGANA = "ァィゥェォャュョヮッ";
    /** SBV2 2.7's mora rules (word_model.py), tried in this order as Python's re.findall does. */
    private static final Pattern MORA = Pattern.compile(
            "(?:[イ][ェ]|[ヴ][ャュョ]|[トド][ゥ]|[テデ][ィャュョ]|[デ][ェ]|[クグ][ヮ]"
            + "|[キシチニヒミリギジビピ][ェャュョ]"
            + "|[ツフヴ][ァ]|[ウスツフヴズ][ィ]|[ウツフヴ][ェォ]"
            + "|[ァ-ヴー])");

    public UserDictWord {
        surface = toZenkaku(required("surface", surface));
        checkNoLineBreak("surface", surface);
        if (mecabKey(surface).isEmpty()) {
            // mecab-dict-index drops a row whose surface is empty after its CSV reader skips spaces and tabs
            throw new UserDictException("surface", "surface is empty");
        }
        if (priority < WordType.MIN_PRIORITY || priority > WordType.MAX_PRIORITY) {
            throw new UserDictException("priority", "priority must be between " + WordType.MIN_PRIORITY + " and "
                    + WordType.MAX_PRIORITY + ", got " + priority);
        }
        WordType.ofContextId(contextId, "context_id");
        csvSafe("part_of_speech", partOfSpeech);
        csvSafe("part_of_speech_detail_1", partOfSpeechDetail1);
        csvSafe("part_of_speech_detail_2", partOfSpeechDetail2);
        csvSafe("part_of_speech_detail_3", partOfSpeechDetail3);
        csvSafe("inflectional_type", inflectionalType);
        csvSafe("inflectional_form", inflectionalForm);
        csvSafe("stem", stem);
        csvSafe("yomi", yomi);
        csvSafe("pronunciation", pronunciation);
        checkPronunciation(pronunciation);
        csvSafe("accent_associative_rule", accentAssociativeRule);
        if (moraCount < 0) {
            throw new UserDictException("mora_count", "mora count must not be negative, got " + moraCount);
        }
        if (accentType < 0 || accentType > moraCount) {
            throw new UserDictException("accent_type", "accent type must be between 0 and the mora count "
                    + moraCount + ", got " + accentType);
        }
    }

    /**
     * SBV2's {@code _create_word} (what its {@code /user_dict_word} endpoints call): the part of speech of
     * {@code wordType} (null: PROPER_NOUN), priority (null: 5), yomi = pronunciation, stem, inflection and
     * accent association rule {@code *}, mora count from the pronunciation.
     */
    public static UserDictWord create(String surface, String pronunciation, int accentType, WordType wordType,
            Integer priority) {
        WordType type = wordType == null ? WordType.DEFAULT : wordType;
        int p = priority == null ? WordType.DEFAULT_PRIORITY : priority;
        String pron = required("pronunciation", pronunciation);
        checkPronunciation(pron);
        return new UserDictWord(surface, p, type.contextId(), type.partOfSpeech(), type.partOfSpeechDetail1(),
                type.partOfSpeechDetail2(), type.partOfSpeechDetail3(), "*", "*", "*", pron, pron, accentType,
                moraCount(pron), "*");
    }

    /** The constructor with SBV2's mora count when {@code moraCount} is null (pydantic's default None). */
    public static UserDictWord of(String surface, int priority, int contextId, String partOfSpeech,
            String partOfSpeechDetail1, String partOfSpeechDetail2, String partOfSpeechDetail3,
            String inflectionalType, String inflectionalForm, String stem, String yomi, String pronunciation,
            int accentType, Integer moraCount, String accentAssociativeRule) {
        int mora;
        if (moraCount != null) {
            mora = moraCount;
        } else {
            String pron = required("pronunciation", pronunciation);
            checkPronunciation(pron);
            mora = moraCount(pron);
        }
        return new UserDictWord(surface, priority, contextId, partOfSpeech, partOfSpeechDetail1, partOfSpeechDetail2,
                partOfSpeechDetail3, inflectionalType, inflectionalForm, stem, yomi, pronunciation, accentType, mora,
                accentAssociativeRule);
    }

    /** The word type of the context id. */
    public WordType wordType() {
        return WordType.ofContextId(contextId, "context_id");
    }

    /** The MeCab word cost: SBV2's {@code _priority2cost(context_id, priority)}. */
    public int cost() {
        return wordType().cost(priority);
    }

    /**
     * The MeCab dictionary row SBV2's {@code update_dict} writes for this word:
     * {@code surface,id,id,cost,pos,detail1,detail2,detail3,inflectional_type,inflectional_form,stem,yomi,
     * pronunciation,accent_type/mora_count,accent_associative_rule} (no line end).
     */
    public String toCsvRow() {
        return String.join(",", surface, Integer.toString(contextId), Integer.toString(contextId),
                Integer.toString(cost()), partOfSpeech, partOfSpeechDetail1, partOfSpeechDetail2, partOfSpeechDetail3,
                inflectionalType, inflectionalForm, stem, yomi, pronunciation, accentType + "/" + moraCount,
                accentAssociativeRule);
    }

    /** SBV2's mora count ({@code check_mora_count_and_accent_type}): matches of its mora rules. */
    public static int moraCount(String pronunciation) {
        Matcher m = MORA.matcher(pronunciation);
        int count = 0;
        while (m.find()) {
            count++;
        }
        return count;
    }

    /** SBV2's {@code convert_to_zenkaku}: U+0021–U+007E → U+FF01–U+FF5E (space stays). */
    public static String toZenkaku(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            sb.append(c >= 0x21 && c <= 0x7e ? (char) (c + 0xfee0) : c);
        }
        return sb.toString();
    }

    /** The key mecab-dict-index stores for a surface: its CSV reader skips leading spaces and tabs. */
    static String mecabKey(String surface) {
        int i = 0;
        while (i < surface.length() && (surface.charAt(i) == ' ' || surface.charAt(i) == '\t')) {
            i++;
        }
        return surface.substring(i);
    }

    /** SBV2's {@code check_is_katakana}. */
    static void checkPronunciation(String p) {
        if (!KATAKANA.matcher(p).matches()) {
            throw new UserDictException("pronunciation", "pronunciation must be katakana (ァ–ヴ, ー), got '" + p + "'");
        }
        for (int i = 0; i < p.length(); i++) {
            char c = p.charAt(i);
            if (SUTEGANA.indexOf(c) >= 0 && i < p.length() - 1) {
                char next = p.charAt(i + 1);
                if ((SUTEGANA.indexOf(next) >= 0 && next != 'ッ') || (c == 'ッ' && next == 'ッ')) {
                    throw new UserDictException("pronunciation", "invalid pronunciation '" + p
                            + "': small kana follow each other");
                }
            }
            if (c == 'ヮ' && i != 0 && p.charAt(i - 1) != 'ク' && p.charAt(i - 1) != 'グ') {
                throw new UserDictException("pronunciation", "invalid pronunciation '" + p
                        + "': ヮ only after ク or グ");
            }
        }
    }

    private static String required(String field, String value) {
        if (value == null) {
            throw new UserDictException(field, field + " is required");
        }
        return value;
    }

    private static void checkNoLineBreak(String field, String value) {
        if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0 || value.indexOf('\0') >= 0) {
            throw new UserDictException(field, field + " must not contain a line break or NUL");
        }
    }

    private static void csvSafe(String field, String value) {
        required(field, value);
        checkNoLineBreak(field, value);
        if (value.indexOf(',') >= 0 || value.indexOf('"') >= 0) {
            throw new UserDictException(field, field + " must not contain a comma or double quote");
        }
    }
}
