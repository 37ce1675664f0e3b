package dev.luna.tts.text.g2p;

import dev.luna.tts.text.jtalk.JapaneseFrontend;
import dev.luna.tts.text.jtalk.NjdFeature;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Test double of OpenJTalk: replays what Debian's {@code open_jtalk -ot} printed (NJD features
 * and full-context labels) for the texts in {@code src/test/oracle/sbv2/texts.txt}
 * (regenerate with {@code src/test/oracle/sbv2/make-fixtures.sh}). Unknown texts fail loudly.
 */
public final class FixtureJapaneseFrontend implements JapaneseFrontend {

    private record Entry(List<NjdFeature> features, List<String> labels) {
    }

    private final Map<String, Entry> byText = new LinkedHashMap<>();
    private final Map<List<NjdFeature>, List<String>> labelsByFeatures = new HashMap<>();

    public FixtureJapaneseFrontend() {
        try (InputStream in = FixtureJapaneseFrontend.class.getResourceAsStream("/sbv2/frontend-fixtures.txt")) {
            if (in == null) {
                throw new IllegalStateException("missing /sbv2/frontend-fixtures.txt");
            }
            parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void parse(String content) {
        String text = null;
        List<NjdFeature> features = null;
        List<String> labels = null;
        for (String line : content.split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            String[] kv = line.split("\t", 2);
            switch (kv[0]) {
                case "T" -> {
                    store(text, features, labels);
                    text = kv[1];
                    features = new ArrayList<>();
                    labels = new ArrayList<>();
                }
                case "F" -> features.add(feature(kv[1]));
                case "L" -> labels.add(kv[1]);
                case "X" -> features = null;
                default -> throw new IllegalStateException("bad fixture line: " + line);
            }
        }
        store(text, features, labels);
    }

    private void store(String text, List<NjdFeature> features, List<String> labels) {
        if (text == null || features == null) {
            return;
        }
        Entry e = new Entry(List.copyOf(features), List.copyOf(labels));
        byText.put(text, e);
        labelsByFeatures.put(e.features(), e.labels());
    }

    private static NjdFeature feature(String csv) {
        String[] f = csv.split(",", -1);
        if (f.length != 13) {
            throw new IllegalStateException("expected 13 fields: " + csv);
        }
        String[] accMora = f[10].split("/");
        return new NjdFeature(f[0], f[1], f[2], f[3], f[4], f[5], f[6], f[7], f[8], f[9],
                Integer.parseInt(accMora[0]), Integer.parseInt(accMora[1]), f[11], Integer.parseInt(f[12]));
    }

    public Set<String> texts() {
        return byText.keySet();
    }

    @Override
    public List<NjdFeature> runFrontend(String text) {
        Entry e = byText.get(text);
        if (e == null) {
            throw new IllegalStateException("no open_jtalk fixture for: " + text);
        }
        return e.features();
    }

    @Override
    public List<String> makeLabels(List<NjdFeature> features) {
        List<String> labels = labelsByFeatures.get(features);
        if (labels == null) {
            throw new IllegalStateException("no open_jtalk fixture for these features: " + features);
        }
        return labels;
    }
}
