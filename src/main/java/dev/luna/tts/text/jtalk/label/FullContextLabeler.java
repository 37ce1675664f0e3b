package dev.luna.tts.text.jtalk.label;

import dev.luna.tts.text.jtalk.NjdFeature;
import java.util.List;

/**
 * OpenJTalk 1.11's njd2jpcommon + JPCommon_make_label: the final NJD nodes become HTS
 * full-context labels, identical to {@code open_jtalk -ot}'s "[Output label]" lines without
 * their times. Stateless and thread-safe; never throws on well-formed features.
 */
public final class FullContextLabeler {
    private static final String NO_DATA = "*"; // what the C's getters return for NULL

    private FullContextLabeler() {
    }

    /** Labels for one utterance; empty when the nodes carry no phoneme (as the C prints none). */
    public static List<String> makeLabels(List<NjdFeature> features) {
        UtteranceBuilder utterance = new UtteranceBuilder();
        for (NjdFeature f : features) {
            if (f == null) {
                continue;
            }
            utterance.pushWord(orNoData(f.pron()),
                    NjdToJpCommon.posCode(orNoData(f.pos()), orNoData(f.posGroup1()),
                            orNoData(f.posGroup2()), orNoData(f.posGroup3())),
                    NjdToJpCommon.ctypeCode(orNoData(f.ctype())),
                    NjdToJpCommon.cformCode(orNoData(f.cform())),
                    f.acc(), f.chainFlag());
        }
        return LabelFormatter.format(utterance);
    }

    private static String orNoData(String s) {
        return s == null || s.isEmpty() ? NO_DATA : s;
    }
}
