package dev.luna.tts.text.jtalk.label;

import java.util.ArrayList;
import java.util.List;

/**
 * JPCommonLabel_make of OpenJTalk 1.11: one full-context label per phoneme plus the leading and
 * trailing {@code sil}, in the HTS format
 * {@code p1^p2-p3+p4=p5/A:../B:../C:../D:../E:../F:../G:../H:../I:../J:../K:..}.
 *
 * <p>The C counts positions by walking its linked lists from a start node until a target node
 * (or the end of the list). Every list here is append-only, so a node's ordinal is its position
 * and {@link #walk} gives the same number in constant time.
 */
final class LabelFormatter {
    private static final String UNKNOWN = "xx";
    private static final String SILENT = "sil";
    private static final int MAX_S = 19;
    private static final int MAX_M = 49;
    private static final int MAX_L = 99;
    private static final int MAX_LL = 199;

    private final UtteranceBuilder u;

    private LabelFormatter(UtteranceBuilder utterance) {
        this.u = utterance;
    }

    static List<String> format(UtteranceBuilder utterance) {
        return new LabelFormatter(utterance).labels();
    }

    private List<String> labels() {
        if (u.phonemeCount < 1) {
            return List.of();
        }
        int size = u.phonemeCount + 2;
        String[] names = new String[size + 4];
        names[0] = UNKNOWN;
        names[1] = UNKNOWN;
        names[2] = SILENT;
        names[size + 1] = SILENT;
        names[size + 2] = UNKNOWN;
        names[size + 3] = UNKNOWN;
        int k = 3;
        for (PhonemeNode p = u.phonemeHead; p != null; p = p.next) {
            names[k++] = p.name;
        }
        String kField = "/K:" + limit(u.breathCount, 1, MAX_S) + "+"
                + limit(u.accentCount, 1, MAX_M) + "-" + limit(u.moraCount, 1, MAX_LL);

        List<String> out = new ArrayList<>(size);
        StringBuilder sb = new StringBuilder(256);
        // Away from the edges and pauses, fields A..K depend only on the phoneme's mora, so the
        // consonant and vowel of one mora share them.
        MoraNode suffixMora = null;
        String suffix = null;
        PhonemeNode p = u.phonemeHead;
        for (int i = 0; i < size; i++) {
            boolean edge = i == 0 || i == size - 1;
            boolean pause = p.isPause();
            boolean shared = !edge && !pause;
            if (!shared || p.up != suffixMora) {
                sb.setLength(0);
                appendA(sb, p, edge || pause);
                appendB(sb, p, i, size, pause);
                appendC(sb, p, edge || pause);
                appendD(sb, p, i, pause);
                appendE(sb, p, i, size, pause);
                appendF(sb, p, edge || pause);
                appendG(sb, p, i, size, pause);
                appendH(sb, p, i, size, pause);
                appendI(sb, p, edge || pause);
                appendJ(sb, p, i, pause);
                sb.append(kField);
                suffix = sb.toString();
                suffixMora = shared ? p.up : null;
            }
            sb.setLength(0);
            sb.append(names[i]).append('^').append(names[i + 1]).append('-').append(names[i + 2])
                    .append('+').append(names[i + 3]).append('=').append(names[i + 4]).append(suffix);
            out.add(sb.toString());
            if (0 < i && i < size - 2) {
                p = p.next;
            }
        }
        return out;
    }

    // A: position of the mora in its accent phrase relative to the accent nucleus.
    private void appendA(StringBuilder sb, PhonemeNode p, boolean none) {
        if (none) {
            sb.append("/A:xx+xx+xx");
            return;
        }
        int index = indexMoraInAccentPhrase(p.up);
        int count = countMoraInAccentPhrase(p.up);
        int accent = p.up.up.up.accent == 0 ? count : p.up.up.up.accent;
        sb.append("/A:").append(limit(index - accent, -MAX_M, MAX_M))
                .append('+').append(limit(index, 1, MAX_M))
                .append('+').append(limit(count - index + 1, 1, MAX_M));
    }

    // B: the previous word (the last word for the final sil, the word before a pause).
    private void appendB(StringBuilder sb, PhonemeNode p, int i, int size, boolean pause) {
        WordNode w;
        if (pause) {
            w = p.prev.up.up;
        } else if (p.up.up.prev == null) {
            w = null;
        } else if (i == size - 1) {
            w = p.up.up;
        } else {
            w = p.up.up.prev;
        }
        if (w == null) {
            sb.append("/B:xx-xx_xx");
        } else {
            sb.append("/B:").append(w.pos).append('-').append(w.ctype).append('_').append(w.cform);
        }
    }

    private void appendC(StringBuilder sb, PhonemeNode p, boolean none) {
        if (none) {
            sb.append("/C:xx_xx+xx");
        } else {
            WordNode w = p.up.up;
            sb.append("/C:").append(w.pos).append('_').append(w.ctype).append('+').append(w.cform);
        }
    }

    // D: the next word (the first word for the initial sil, the word after a pause).
    private void appendD(StringBuilder sb, PhonemeNode p, int i, boolean pause) {
        WordNode w;
        if (pause) {
            w = p.next.up.up;
        } else if (p.up.up.next == null) {
            w = null;
        } else if (i == 0) {
            w = p.up.up;
        } else {
            w = p.up.up.next;
        }
        if (w == null) {
            sb.append("/D:xx+xx_xx");
        } else {
            sb.append("/D:").append(w.pos).append('+').append(w.ctype).append('_').append(w.cform);
        }
    }

    // E: the previous accent phrase, and whether it is followed by a pause (0) or not (1).
    private void appendE(StringBuilder sb, PhonemeNode p, int i, int size, boolean pause) {
        AccentPhraseNode a;
        if (pause) {
            a = p.prev.up.up.up;
        } else if (i == size - 1) {
            a = p.up.up.up;
        } else {
            a = p.up.up.up.prev;
        }
        if (a == null) {
            sb.append("/E:xx_xx!xx_xx");
        } else {
            sb.append("/E:");
            appendAccentShape(sb, a, '!');
        }
        if (i == 0 || i == size - 1 || pause || a == null) {
            sb.append("-xx");
        } else {
            sb.append('-').append(a.tail.tail.tail.next.isPause() ? 0 : 1);
        }
    }

    // F: the current accent phrase and its position in the breath group.
    private void appendF(StringBuilder sb, PhonemeNode p, boolean none) {
        if (none) {
            sb.append("/F:xx_xx#xx_xx@xx_xx|xx_xx");
            return;
        }
        AccentPhraseNode a = p.up.up.up;
        int accentIndex = indexAccentPhraseInBreathGroup(a);
        int moraIndex = indexMoraInBreathGroup(a.head.head);
        sb.append("/F:");
        appendAccentShape(sb, a, '#');
        sb.append('@').append(limit(accentIndex, 1, MAX_M))
                .append('_').append(limit(countAccentPhraseInBreathGroup(a) - accentIndex + 1, 1, MAX_M))
                .append('|').append(limit(moraIndex, 1, MAX_L))
                .append('_').append(limit(countMoraInBreathGroup(a.head.head) - moraIndex + 1, 1, MAX_L));
    }

    // G: the next accent phrase, and whether a pause precedes it (0) or not (1).
    private void appendG(StringBuilder sb, PhonemeNode p, int i, int size, boolean pause) {
        AccentPhraseNode a;
        if (pause) {
            a = p.next.up.up.up;
        } else if (i == 0) {
            a = p.up.up.up;
        } else {
            a = p.up.up.up.next;
        }
        if (a == null) {
            sb.append("/G:xx_xx%xx_xx");
        } else {
            sb.append("/G:");
            appendAccentShape(sb, a, '%');
        }
        if (i == 0 || i == size - 1 || pause || a == null) {
            sb.append("_xx");
        } else {
            sb.append('_').append(a.head.head.head.prev.isPause() ? 0 : 1);
        }
    }

    // H: the previous breath group.
    private void appendH(StringBuilder sb, PhonemeNode p, int i, int size, boolean pause) {
        BreathGroupNode b;
        if (pause) {
            b = p.prev.up.up.up.up;
        } else if (i == size - 1) {
            b = p.up.up.up.up;
        } else {
            b = p.up.up.up.up.prev;
        }
        appendBreathShape(sb, "/H:", b);
    }

    // I: the current breath group and its position in the utterance.
    private void appendI(StringBuilder sb, PhonemeNode p, boolean none) {
        if (none) {
            sb.append("/I:xx-xx@xx+xx&xx-xx|xx+xx");
            return;
        }
        BreathGroupNode b = p.up.up.up.up;
        int breathIndex = b.ordinal + 1;
        int accentIndex = b.head.ordinal + 1;
        int moraIndex = b.head.head.head.ordinal + 1;
        sb.append("/I:").append(limit(countAccentPhraseInBreathGroup(b.head), 1, MAX_M))
                .append('-').append(limit(countMoraInBreathGroup(b.head.head.head), 1, MAX_L))
                .append('@').append(limit(breathIndex, 1, MAX_S))
                .append('+').append(limit(u.breathCount - breathIndex + 1, 1, MAX_S))
                .append('&').append(limit(accentIndex, 1, MAX_M))
                .append('-').append(limit(u.accentCount - accentIndex + 1, 1, MAX_M))
                .append('|').append(limit(moraIndex, 1, MAX_LL))
                .append('+').append(limit(u.moraCount - moraIndex + 1, 1, MAX_LL));
    }

    // J: the next breath group.
    private void appendJ(StringBuilder sb, PhonemeNode p, int i, boolean pause) {
        BreathGroupNode b;
        if (pause) {
            b = p.next.up.up.up.up;
        } else if (i == 0) {
            b = p.up.up.up.up;
        } else {
            b = p.up.up.up.up.next;
        }
        appendBreathShape(sb, "/J:", b);
    }

    /** {@code moras_accent<sep>question_xx}, shared by E, F and G. */
    private void appendAccentShape(StringBuilder sb, AccentPhraseNode a, char separator) {
        int moras = countMoraInAccentPhrase(a.head.head);
        sb.append(limit(moras, 1, MAX_M)).append('_')
                .append(limit(a.accent == 0 ? moras : a.accent, 1, MAX_M))
                .append(separator).append(a.question ? "1" : "0").append("_xx");
    }

    private void appendBreathShape(StringBuilder sb, String field, BreathGroupNode b) {
        sb.append(field);
        if (b == null) {
            sb.append("xx_xx");
        } else {
            sb.append(limit(countAccentPhraseInBreathGroup(b.head), 1, MAX_M)).append('_')
                    .append(limit(countMoraInBreathGroup(b.head.head.head), 1, MAX_L));
        }
    }

    private int indexMoraInAccentPhrase(MoraNode m) {
        return walk(m.up.up.head.head.ordinal, m.ordinal, u.moraCount);
    }

    private int countMoraInAccentPhrase(MoraNode m) {
        AccentPhraseNode a = m.up.up;
        return walk(a.head.head.ordinal, a.tail.tail.ordinal, u.moraCount);
    }

    private int indexAccentPhraseInBreathGroup(AccentPhraseNode a) {
        return walk(a.up.head.ordinal, a.ordinal, u.accentCount);
    }

    private int countAccentPhraseInBreathGroup(AccentPhraseNode a) {
        return walk(a.up.head.ordinal, a.up.tail.ordinal, u.accentCount);
    }

    private int indexMoraInBreathGroup(MoraNode m) {
        return walk(m.up.up.up.head.head.head.ordinal, m.ordinal, u.moraCount);
    }

    private int countMoraInBreathGroup(MoraNode m) {
        BreathGroupNode b = m.up.up.up;
        return walk(b.head.head.head.ordinal, b.tail.tail.tail.ordinal, u.moraCount);
    }

    /**
     * The C's "count from start until target" loop over a list of {@code total} nodes: the
     * 1-based distance when the target lies ahead, else the number of nodes up to the end.
     */
    private static int walk(int start, int target, int total) {
        return target >= start ? target - start + 1 : total - start;
    }

    private static int limit(int in, int min, int max) {
        if (in <= min) {
            return min;
        }
        return Math.min(in, max);
    }
}
