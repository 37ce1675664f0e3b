package dev.luna.tts.text.userdict;

import dev.luna.tts.text.jtalk.lattice.UserLexicon;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * MeCab rows compiled in memory the way mecab-dict-index -u lays them out: entries stable-sorted by surface
 * bytes (std::string order, i.e. unsigned bytes), grouped under one key per distinct surface. Instead of a
 * double array, a common-prefix search narrows a range of the sorted keys one byte at a time (a key equal to
 * the prefix read so far sorts first in its range), which finds the same keys in the same order, shortest
 * first. Immutable.
 */
final class CompiledLexicon implements UserLexicon {

    static final CompiledLexicon EMPTY = new CompiledLexicon(List.of());

    private final byte[][] keys;
    private final int[] firstEntry;
    private final int[] entryCount;
    private final int[] leftIds;
    private final int[] rightIds;
    private final int[] costs;
    private final String[] features;
    private final int maxContextId;

    CompiledLexicon(List<MecabCsv.Row> rows) {
        record Keyed(byte[] key, MecabCsv.Row row) {
        }
        List<Keyed> sorted = new ArrayList<>(rows.size());
        for (MecabCsv.Row row : rows) {
            sorted.add(new Keyed(row.surface().getBytes(StandardCharsets.UTF_8), row));
        }
        sorted.sort(Comparator.comparing(Keyed::key, Arrays::compareUnsigned)); // List.sort is stable
        int n = sorted.size();
        leftIds = new int[n];
        rightIds = new int[n];
        costs = new int[n];
        features = new String[n];
        List<byte[]> keyList = new ArrayList<>();
        List<Integer> firsts = new ArrayList<>();
        int max = -1;
        for (int i = 0; i < n; i++) {
            Keyed k = sorted.get(i);
            if (i == 0 || !Arrays.equals(k.key(), sorted.get(i - 1).key())) {
                keyList.add(k.key());
                firsts.add(i);
            }
            leftIds[i] = k.row().leftId();
            rightIds[i] = k.row().rightId();
            costs[i] = (short) k.row().cost(); // MeCab's Token.wcost is a short
            features[i] = k.row().feature();
            max = Math.max(max, Math.max(leftIds[i], rightIds[i]));
        }
        keys = keyList.toArray(new byte[0][]);
        firstEntry = new int[keys.length];
        entryCount = new int[keys.length];
        for (int k = 0; k < keys.length; k++) {
            firstEntry[k] = firsts.get(k);
            entryCount[k] = (k + 1 < keys.length ? firsts.get(k + 1) : n) - firstEntry[k];
        }
        maxContextId = max;
    }

    int size() {
        return features.length;
    }

    @Override
    public int commonPrefixSearch(byte[] text, int from, int length, int[] first, int[] count, int[] keyLength) {
        int found = 0;
        int lo = 0;
        int hi = keys.length;
        for (int i = 0; lo < hi; i++) {
            if (keys[lo].length == i) { // the key equal to text[from, from + i)
                if (found < first.length) {
                    first[found] = firstEntry[lo];
                    count[found] = entryCount[lo];
                    keyLength[found++] = i;
                }
                lo++;
            }
            if (i == length) {
                break;
            }
            int b = text[from + i] & 0xff;
            int newLo = lowerBound(lo, hi, i, b);
            hi = lowerBound(newLo, hi, i, b + 1);
            lo = newLo;
        }
        return found;
    }

    /** First key in [lo, hi) whose byte at {@code depth} is ≥ {@code b} (all keys there are longer than depth). */
    private int lowerBound(int lo, int hi, int depth, int b) {
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if ((keys[mid][depth] & 0xff) < b) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    @Override
    public int leftId(int entry) {
        return leftIds[entry];
    }

    @Override
    public int rightId(int entry) {
        return rightIds[entry];
    }

    @Override
    public int wordCost(int entry) {
        return costs[entry];
    }

    @Override
    public String feature(int entry) {
        return features[entry];
    }

    @Override
    public int maxContextId() {
        return maxContextId;
    }
}
