package dev.luna.tts.text.userdict;

import java.util.List;

/**
 * The word types of SBV2 2.7's (and VOICEVOX's) user dictionary with their rows of
 * {@code part_of_speech_data}: the naist-jdic part of speech written into the feature, the context id used
 * as both left and right id (naist-jdic's left-id.def line for that part of speech), the eleven costs that
 * priorities 10 … 0 map to, and the accent association rules an imported word of that type may carry.
 */
public enum WordType {
    PROPER_NOUN("名詞", "固有名詞", "一般", "*", 1348,
            new int[] {-988, 3488, 4768, 6048, 7328, 8609, 8734, 8859, 8984, 9110, 14176},
            List.of("*", "C1", "C2", "C3", "C4", "C5")),
    COMMON_NOUN("名詞", "一般", "*", "*", 1345,
            new int[] {-4445, 49, 1473, 2897, 4321, 5746, 6554, 7362, 8170, 8979, 15001},
            List.of("*", "C1", "C2", "C3", "C4", "C5")),
    VERB("動詞", "自立", "*", "*", 642,
            new int[] {3100, 6160, 6360, 6561, 6761, 6962, 7414, 7866, 8318, 8771, 13433},
            List.of("*")),
    ADJECTIVE("形容詞", "自立", "*", "*", 20,
            new int[] {1527, 3266, 3561, 3857, 4153, 4449, 5149, 5849, 6549, 7250, 10001},
            List.of("*")),
    SUFFIX("名詞", "接尾", "一般", "*", 1358,
            new int[] {4399, 5373, 6041, 6710, 7378, 8047, 9440, 10834, 12228, 13622, 15847},
            List.of("*", "C1", "C2", "C3", "C4", "C5"));

    public static final int MIN_PRIORITY = 0;
    public static final int MAX_PRIORITY = 10;
    /** SBV2's {@code _create_word} defaults. */
    public static final WordType DEFAULT = PROPER_NOUN;
    public static final int DEFAULT_PRIORITY = 5;

    private final String partOfSpeech;
    private final String detail1;
    private final String detail2;
    private final String detail3;
    private final int contextId;
    private final int[] costCandidates;
    private final List<String> accentAssociativeRules;

    WordType(String partOfSpeech, String detail1, String detail2, String detail3, int contextId,
            int[] costCandidates, List<String> accentAssociativeRules) {
        this.partOfSpeech = partOfSpeech;
        this.detail1 = detail1;
        this.detail2 = detail2;
        this.detail3 = detail3;
        this.contextId = contextId;
        this.costCandidates = costCandidates;
        this.accentAssociativeRules = accentAssociativeRules;
    }

    public String partOfSpeech() {
        return partOfSpeech;
    }

    public String partOfSpeechDetail1() {
        return detail1;
    }

    public String partOfSpeechDetail2() {
        return detail2;
    }

    public String partOfSpeechDetail3() {
        return detail3;
    }

    public int contextId() {
        return contextId;
    }

    public List<String> accentAssociativeRules() {
        return accentAssociativeRules;
    }

    /** SBV2's {@code _priority2cost}: {@code cost_candidates[MAX_PRIORITY - priority]}. */
    public int cost(int priority) {
        if (priority < MIN_PRIORITY || priority > MAX_PRIORITY) {
            throw new UserDictException("priority", "priority must be between " + MIN_PRIORITY + " and "
                    + MAX_PRIORITY + ", got " + priority);
        }
        return costCandidates[MAX_PRIORITY - priority];
    }

    /**
     * SBV2's {@code _cost2priority}: the priority whose cost candidate is nearest to {@code cost}
     * ({@code np.argmin} takes the first of equally near candidates, i.e. the higher priority).
     */
    public int priority(int cost) {
        int best = 0;
        long bestDistance = Long.MAX_VALUE;
        for (int i = 0; i < costCandidates.length; i++) {
            long distance = Math.abs((long) costCandidates[i] - cost);
            if (distance < bestDistance) {
                best = i;
                bestDistance = distance;
            }
        }
        return MAX_PRIORITY - best;
    }

    /** The word type of a context id ({@code _search_cost_candidates}); throws naming {@code field} when none. */
    public static WordType ofContextId(int contextId, String field) {
        for (WordType type : values()) {
            if (type.contextId == contextId) {
                return type;
            }
        }
        throw new UserDictException(field, "context id " + contextId + " is not one of the user dictionary's word types"
                + " (1348 PROPER_NOUN, 1345 COMMON_NOUN, 642 VERB, 20 ADJECTIVE, 1358 SUFFIX)");
    }

    /** Parses SBV2's {@code WordTypes} name (PROPER_NOUN, …); null means {@link #DEFAULT}. */
    public static WordType parse(String name) {
        if (name == null) {
            return DEFAULT;
        }
        for (WordType type : values()) {
            if (type.name().equals(name)) {
                return type;
            }
        }
        throw new UserDictException("word_type", "unknown word type '" + name
                + "' (PROPER_NOUN, COMMON_NOUN, VERB, ADJECTIVE or SUFFIX)");
    }
}
