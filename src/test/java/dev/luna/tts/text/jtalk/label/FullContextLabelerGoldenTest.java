package dev.luna.tts.text.jtalk.label;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.luna.tts.text.jtalk.NjdFeature;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The label stage alone against OpenJTalk 1.11: each golden's final NJD features are turned into
 * labels and compared with the oracle's "[Output label]" lines.
 */
class FullContextLabelerGoldenTest {

    @Test
    void labelsEqualOpenJTalkForEveryGolden() {
        List<List<OpenJTalkGoldens.Case>> files = OpenJTalkGoldens.load();
        assertFalse(files.isEmpty(), "no goldens in " + OpenJTalkGoldens.directory().toAbsolutePath());
        int total = 0;
        int passed = 0;
        List<String> failures = new ArrayList<>();
        for (List<OpenJTalkGoldens.Case> file : files) {
            int filePassed = 0;
            for (OpenJTalkGoldens.Case c : file) {
                String mismatch = compare(c);
                if (mismatch == null) {
                    filePassed++;
                } else if (failures.size() < 20) {
                    failures.add(c.file() + ":" + c.line() + " " + c.text() + "\n" + mismatch);
                }
            }
            System.out.printf("labels %-28s %5d/%d%n", file.get(0).file(), filePassed, file.size());
            total += file.size();
            passed += filePassed;
        }
        System.out.printf("labels total %d/%d identical%n", passed, total);
        failures.forEach(System.out::println);
        assertEquals(total, passed, "label mismatches; first ones:\n" + String.join("\n", failures));
    }

    private static String compare(OpenJTalkGoldens.Case c) {
        List<NjdFeature> features = c.features().stream().map(OpenJTalkGoldens::parseFeature).toList();
        List<String> actual = FullContextLabeler.makeLabels(features);
        if (actual.equals(c.labels())) {
            return null;
        }
        for (int i = 0; i < Math.max(actual.size(), c.labels().size()); i++) {
            String want = i < c.labels().size() ? c.labels().get(i) : "<none>";
            String got = i < actual.size() ? actual.get(i) : "<none>";
            if (!want.equals(got)) {
                return "  label " + i + "\n  want " + want + "\n  got  " + got;
            }
        }
        return "  ?";
    }
}
