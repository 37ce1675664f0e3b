package dev.luna.tts.text.jtalk;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.luna.tts.text.jtalk.dictionary.TestDictionaries;
import dev.luna.tts.text.jtalk.label.OpenJTalkGoldens;
import dev.luna.tts.text.jtalk.njd.Njd;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The whole front end against OpenJTalk 1.11: {@code runFrontend(text)} against the goldens'
 * features and {@code extractFullcontext(text)} against their labels.
 *
 * <p>The assertion is a floor at the measured pass counts, so a regression fails the build;
 * {@link #MIN_FEATURES} and {@link #MIN_LABELS} are raised as the pipeline improves. The printed
 * report lists the first mismatches.
 */
class OpenJTalkGoldenTest {
    /** Goldens whose features must match (measured on the committed goldens). */
    static final int MIN_FEATURES = 1564;
    /** Goldens whose labels must match (measured on the committed goldens). */
    static final int MIN_LABELS = 1564;

    @Test
    void frontendEqualsOpenJTalkOnGoldens() {
        List<List<OpenJTalkGoldens.Case>> files = OpenJTalkGoldens.load();
        assertFalse(files.isEmpty(), "no goldens in " + OpenJTalkGoldens.directory().toAbsolutePath());
        OpenJTalk jtalk = new OpenJTalk(TestDictionaries.naistJdic());
        int total = 0;
        int featuresOk = 0;
        int labelsOk = 0;
        int withoutOracle = 0;
        List<String> failures = new ArrayList<>();
        for (List<OpenJTalkGoldens.Case> file : files) {
            int fileFeatures = 0;
            int fileLabels = 0;
            for (OpenJTalkGoldens.Case c : file) {
                List<NjdFeature> features = jtalk.runFrontend(c.text());
                List<String> actualFeatures = features.stream().map(Njd::format).toList();
                List<String> labels = jtalk.makeLabels(features);
                // open_jtalk prints no trace for an utterance without phonemes: then only the
                // (empty) labels are known, and our features are not checked
                boolean noOracle = c.features().isEmpty() && c.labels().isEmpty();
                withoutOracle += noOracle ? 1 : 0;
                boolean f = noOracle || actualFeatures.equals(c.features());
                boolean l = labels.equals(c.labels());
                fileFeatures += f ? 1 : 0;
                fileLabels += l ? 1 : 0;
                if ((!f || !l) && failures.size() < 25) {
                    failures.add(c.file() + ":" + c.line() + " " + c.text() + "\n"
                            + (f ? "" : firstDifference("feature", c.features(), actualFeatures))
                            + (l ? "" : firstDifference("label", c.labels(), labels)));
                }
            }
            System.out.printf("e2e %-28s features %5d/%d  labels %5d/%d%n", file.get(0).file(),
                    fileFeatures, file.size(), fileLabels, file.size());
            total += file.size();
            featuresOk += fileFeatures;
            labelsOk += fileLabels;
        }
        System.out.printf("e2e total features %d/%d, labels %d/%d identical"
                + " (%d goldens have no phonemes, so no oracle features: their labels must be empty)%n",
                featuresOk, total, labelsOk, total, withoutOracle);
        failures.forEach(System.out::print);
        String report = String.join("", failures);
        assertTrue(featuresOk >= Math.min(MIN_FEATURES, total), "features regressed:\n" + report);
        assertTrue(labelsOk >= Math.min(MIN_LABELS, total), "labels regressed:\n" + report);
    }

    private static String firstDifference(String what, List<String> want, List<String> got) {
        for (int i = 0; i < Math.max(want.size(), got.size()); i++) {
            String w = i < want.size() ? want.get(i) : "<none>";
            String g = i < got.size() ? got.get(i) : "<none>";
            if (!w.equals(g)) {
                return "  " + what + " " + i + "\n    want " + w + "\n    got  " + g + "\n";
            }
        }
        return "";
    }
}
