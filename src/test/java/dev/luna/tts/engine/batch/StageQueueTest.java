package dev.luna.tts.engine.batch;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The batch rule: oldest utterance first, compatible company only, within size, ratio and padding budgets. */
class StageQueueTest {

    static final class TestItem extends StageQueue.Item {
        final String key;
        final int length;
        final boolean batchable;
        final AtomicBoolean cancelled = new AtomicBoolean();

        TestItem(long utterance, int piece, String key, int length, boolean batchable) {
            super(utterance, piece);
            this.key = key;
            this.length = length;
            this.batchable = batchable;
        }

        @Override
        Object key() {
            return key;
        }

        @Override
        int length() {
            return length;
        }

        @Override
        boolean cancelled() {
            return cancelled.get();
        }

        @Override
        boolean batchable() {
            return batchable;
        }

        @Override
        public String toString() {
            return utterance + "/" + piece;
        }
    }

    static BatchOptions options(int maxSize, int maxPadded, double ratio) {
        return new BatchOptions(maxSize, Duration.ZERO, maxPadded, ratio, 1, 2);
    }

    static List<String> take(StageQueue<TestItem> q) throws InterruptedException {
        List<TestItem> dropped = new ArrayList<>();
        List<TestItem> batch = q.take(dropped);
        return batch.stream().map(Object::toString).toList();
    }

    @Test
    void oldestUtteranceFirstWhateverTheArrivalOrder() throws Exception {
        StageQueue<TestItem> q = new StageQueue<>(options(1, 10_000, 10));
        q.add(new TestItem(7, 0, "v", 10, true));
        q.add(new TestItem(3, 1, "v", 10, true));
        q.add(new TestItem(3, 0, "v", 10, true));
        q.add(new TestItem(5, 0, "v", 10, true));
        assertEquals(List.of("3/0"), take(q));
        assertEquals(List.of("3/1"), take(q));
        assertEquals(List.of("5/0"), take(q));
        assertEquals(List.of("7/0"), take(q));
    }

    @Test
    void batchTakesCompatibleCompanyInAgeOrder() throws Exception {
        StageQueue<TestItem> q = new StageQueue<>(options(3, 10_000, 2.0));
        q.add(new TestItem(1, 0, "a", 20, true));
        q.add(new TestItem(2, 0, "b", 20, true));   // other voice or parameters: never in a's batch
        q.add(new TestItem(3, 0, "a", 50, true));   // too long next to 20 (ratio 2.5 > 2)
        q.add(new TestItem(4, 0, "a", 30, true));
        q.add(new TestItem(5, 0, "a", 25, true));
        q.add(new TestItem(6, 0, "a", 22, true));   // batch already full
        assertEquals(List.of("1/0", "4/0", "5/0"), take(q));
        assertEquals(List.of("2/0"), take(q));
        assertEquals(List.of("3/0"), take(q), "50 and 22: ratio 2.27 > 2");
        assertEquals(List.of("6/0"), take(q));
    }

    @Test
    void paddedBudgetBoundsTheBatch() throws Exception {
        StageQueue<TestItem> q = new StageQueue<>(options(16, 100, 10));
        for (int u = 1; u <= 5; u++) {
            q.add(new TestItem(u, 0, "a", 30, true));
        }
        assertEquals(3, take(q).size(), "3 × 30 ≤ 100 < 4 × 30");
        StageQueue<TestItem> lone = new StageQueue<>(options(16, 10, 10));
        lone.add(new TestItem(1, 0, "a", 300, true));
        assertEquals(List.of("1/0"), take(lone), "an item longer than the budget still runs, alone");
    }

    @Test
    void unbatchableItemsRunAlone() throws Exception {
        StageQueue<TestItem> q = new StageQueue<>(options(8, 10_000, 10));
        q.add(new TestItem(1, 0, "sbv2-made", 10, false));
        q.add(new TestItem(2, 0, "sbv2-made", 10, false));
        assertEquals(List.of("1/0"), take(q));
        assertEquals(List.of("2/0"), take(q));
    }

    @Test
    void cancelledItemsAreDroppedNotRun() throws Exception {
        StageQueue<TestItem> q = new StageQueue<>(options(8, 10_000, 10));
        TestItem gone = new TestItem(1, 0, "a", 10, true);
        q.add(gone);
        q.add(new TestItem(2, 0, "a", 10, true));
        gone.cancelled.set(true);
        List<TestItem> dropped = new ArrayList<>();
        assertEquals(List.of(), q.take(dropped));
        assertEquals(List.of(gone), dropped);
        assertEquals(List.of("2/0"), take(q));
    }

    @Test
    void busyStageWaitsForCompanyIdleStageDoesNot() throws Exception {
        StageQueue<TestItem> q = new StageQueue<>(new BatchOptions(8, Duration.ofMillis(300), 10_000, 10, 1, 2));
        q.add(new TestItem(1, 0, "a", 10, true));
        long t0 = System.nanoTime();
        assertEquals(1, take(q).size());
        assertTrue(System.nanoTime() - t0 < 200_000_000L, "an idle stage runs a lone item at once");
        // the stage just ran one item: now two arrive, then a third 50 ms later while the first two wait
        q.add(new TestItem(2, 0, "a", 10, true));
        q.add(new TestItem(3, 0, "a", 10, true));
        assertEquals(2, take(q).size(), "last batch (1) was not larger: no wait");
        q.add(new TestItem(4, 0, "a", 10, true));
        Thread late = new Thread(() -> {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                return;
            }
            q.add(new TestItem(5, 0, "a", 10, true));
        });
        late.start();
        assertEquals(List.of("4/0", "5/0"), take(q), "after a batch of 2, a lone item waits for company");
        late.join();
    }

    @Test
    void closedQueueDrainsThenEnds() throws Exception {
        StageQueue<TestItem> q = new StageQueue<>(options(8, 10_000, 10));
        q.add(new TestItem(1, 0, "a", 10, true));
        q.close();
        assertEquals(List.of("1/0"), take(q));
        assertEquals(List.of(), take(q));
    }
}
