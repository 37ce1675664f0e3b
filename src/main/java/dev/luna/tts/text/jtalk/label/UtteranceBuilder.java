package dev.luna.tts.text.jtalk.label;

/**
 * JPCommonLabel_push_word of OpenJTalk 1.11: reads each word's pronunciation into phonemes and
 * morae and groups the words into accent phrases and breath groups. The linked structure is the
 * C's, so every odd case (a chained word after a pause, {@code ー} at the start of a word, an
 * unreadable pronunciation) ends up where the C puts it. One instance per utterance; not shared.
 */
final class UtteranceBuilder {
    private static final String SHORT_PAUSE = "、";
    private static final String QUESTION = "？";
    private static final char LONG_VOWEL = 'ー';
    private static final char UNVOICE = '’';

    PhonemeNode phonemeHead;
    PhonemeNode phonemeTail;
    MoraNode moraHead;
    MoraNode moraTail;
    WordNode wordHead;
    WordNode wordTail;
    AccentPhraseNode accentHead;
    AccentPhraseNode accentTail;
    BreathGroupNode breathHead;
    BreathGroupNode breathTail;
    int phonemeCount;
    int moraCount;
    int accentCount;
    int breathCount;
    private boolean shortPauseFlag;

    void pushWord(String pron, String pos, String ctype, String cform, int acc, int chainFlag) {
        if (pron.equals(SHORT_PAUSE)) {
            shortPauseFlag = true;
            return;
        }
        if (pron.equals(QUESTION)) {
            if (phonemeTail != null) {
                PhonemeNode last = phonemeTail.isPause() ? phonemeTail.prev : phonemeTail;
                last.up.up.up.question = true;
            }
            shortPauseFlag = true;
            return;
        }

        boolean firstMoraOfWord = true; // the C's is_first_word: no word made for this pron yet
        int at = 0;
        while (at < pron.length()) {
            char c = pron.charAt(at);
            if (c == LONG_VOWEL) {
                // ー repeats the previous phoneme as a mora of the previous mora's word;
                // after a pause (or at the very start) the C warns and drops it.
                if (phonemeTail != null && !shortPauseFlag) {
                    MoraNode mora = appendMora(moraTail.up);
                    appendPhoneme(phonemeTail.name, mora);
                    mora.head = phonemeTail;
                    mora.tail = phonemeTail;
                    wordTail.tail = mora;
                }
                at++;
            } else if (c == UNVOICE) {
                if (phonemeTail != null && !firstMoraOfWord) {
                    phonemeTail.name = unvoiced(phonemeTail.name);
                }
                at++;
            } else {
                MoraTable.Entry entry = MoraTable.match(pron, at);
                if (entry == null) {
                    break; // "wrong mora list": the rest of this pronunciation is ignored
                }
                insertPause();
                MoraNode mora;
                if (firstMoraOfWord) {
                    mora = appendMora(null);
                    WordNode word = new WordNode(pos, ctype, cform, mora, wordTail);
                    if (wordTail == null) {
                        wordHead = word;
                    } else {
                        wordTail.next = word;
                    }
                    wordTail = word;
                    mora.up = word;
                    firstMoraOfWord = false;
                } else {
                    mora = appendMora(moraTail.up);
                    wordTail.tail = mora;
                }
                appendPhoneme(entry.first(), mora);
                mora.head = phonemeTail;
                mora.tail = phonemeTail;
                if (entry.second() != null) {
                    insertPause();
                    appendPhoneme(entry.second(), mora);
                    mora.tail = phonemeTail;
                }
                at += entry.kana().length();
            }
        }

        if (firstMoraOfWord || phonemeTail == null || phonemeTail.isPause()) {
            return;
        }
        if (wordHead == wordTail) {
            BreathGroupNode breath = appendBreathGroup();
            AccentPhraseNode accent = appendAccentPhrase(acc, breath);
            breath.head = accent;
            breath.tail = accent;
        } else if (chainFlag == 1) {
            wordTail.up = accentTail;
            accentTail.tail = wordTail;
        } else if (!wordTail.prev.tail.tail.next.isPause()) {
            AccentPhraseNode accent = appendAccentPhrase(acc, breathTail);
            breathTail.tail = accent;
        } else {
            BreathGroupNode breath = appendBreathGroup();
            AccentPhraseNode accent = appendAccentPhrase(acc, breath);
            breath.head = accent;
            breath.tail = accent;
        }
    }

    /** JPCommonLabel_insert_pause: a pending pause becomes a phoneme before the next mora. */
    private void insertPause() {
        if (!shortPauseFlag) {
            return;
        }
        if (phonemeTail != null) {
            if (phonemeTail.isPause()) {
                return; // "short pause should not be chained": the flag stays set
            }
            appendPhoneme(PhonemeNode.PAUSE, null);
        }
        shortPauseFlag = false;
    }

    private void appendPhoneme(String name, MoraNode mora) {
        PhonemeNode p = new PhonemeNode(name, phonemeTail, mora);
        if (phonemeTail == null) {
            phonemeHead = p;
        } else {
            phonemeTail.next = p;
        }
        phonemeTail = p;
        phonemeCount++;
    }

    private MoraNode appendMora(WordNode word) {
        MoraNode m = new MoraNode(moraCount++, moraTail);
        m.up = word;
        if (moraTail == null) {
            moraHead = m;
        } else {
            moraTail.next = m;
        }
        moraTail = m;
        return m;
    }

    private AccentPhraseNode appendAccentPhrase(int acc, BreathGroupNode breath) {
        AccentPhraseNode a = new AccentPhraseNode(accentCount++, acc, wordTail, accentTail, breath);
        if (accentTail == null) {
            accentHead = a;
        } else {
            accentTail.next = a;
        }
        accentTail = a;
        wordTail.up = a;
        return a;
    }

    private BreathGroupNode appendBreathGroup() {
        BreathGroupNode b = new BreathGroupNode(breathCount++, breathTail);
        if (breathTail == null) {
            breathHead = b;
        } else {
            breathTail.next = b;
        }
        breathTail = b;
        return b;
    }

    /** jpcommon_unvoice_list: vowels become upper case; anything else stays (the C warns). */
    private static String unvoiced(String phoneme) {
        return switch (phoneme) {
            case "a" -> "A";
            case "i" -> "I";
            case "u" -> "U";
            case "e" -> "E";
            case "o" -> "O";
            default -> phoneme;
        };
    }
}
