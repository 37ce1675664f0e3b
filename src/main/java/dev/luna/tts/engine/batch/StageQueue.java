package dev.luna.tts.engine.batch;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One stage's waiting items, oldest utterance first, and the batch rule: a batch starts with the oldest item and
 * takes the next-oldest compatible ones (same key, lengths within the ratio, padded size within the budget). When
 * the stage was busy (its last batch was larger than what is waiting now) the oldest item waits up to maxWait for
 * company; an idle stage runs at once, so a lone request pays no wait.
 */
final class StageQueue<T extends StageQueue.Item> {

    /** A waiting item. Order: utterance sequence, then piece index, then arrival. */
    abstract static class Item {
        private static final AtomicLong ARRIVALS = new AtomicLong();
        final long utterance;
        final int piece;
        final long arrival = ARRIVALS.incrementAndGet();
        long enqueuedNanos;

        Item(long utterance, int piece) {
            this.utterance = utterance;
            this.piece = piece;
        }

        /** Items batch together only when their keys are equal. */
        abstract Object key();

        /** Phones or tokens: padding cost. */
        abstract int length();

        /** The work was abandoned (client gone): dropped instead of run. */
        abstract boolean cancelled();

        /** Whether its key allows more than one item per run. */
        abstract boolean batchable();

        /** The most items a run of its key takes (beside the options' maxSize). */
        int maxBatch() {
            return Integer.MAX_VALUE;
        }
    }

    private static final Comparator<Item> ORDER = Comparator.<Item>comparingLong(i -> i.utterance)
            .thenComparingInt(i -> i.piece).thenComparingLong(i -> i.arrival);

    private final BatchOptions options;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final TreeSet<T> items = new TreeSet<>(ORDER);
    private int lastBatch;
    private boolean open = true;

    StageQueue(BatchOptions options) {
        this.options = options;
    }

    void add(T item) {
        lock.lock();
        try {
            if (!open) {
                throw new IllegalStateException("scheduler is closed");
            }
            item.enqueuedNanos = System.nanoTime();
            items.add(item);
            changed.signal();
        } finally {
            lock.unlock();
        }
    }

    /** Adds items at once: a worker waking up sees all of them (a batch is not cut by the order of arrival). */
    void addAll(List<T> batch) {
        lock.lock();
        try {
            if (!open) {
                throw new IllegalStateException("scheduler is closed");
            }
            long now = System.nanoTime();
            for (T item : batch) {
                item.enqueuedNanos = now;
                items.add(item);
            }
            changed.signal();
        } finally {
            lock.unlock();
        }
    }

    int size() {
        lock.lock();
        try {
            return items.size();
        } finally {
            lock.unlock();
        }
    }

    /**
     * The next batch, or an empty list once closed and drained. Cancelled items met on the way are removed and
     * added to {@code dropped}.
     */
    List<T> take(List<T> dropped) throws InterruptedException {
        lock.lock();
        try {
            while (true) {
                items.removeIf(i -> {
                    if (i.cancelled()) {
                        dropped.add(i);
                        return true;
                    }
                    return false;
                });
                if (!dropped.isEmpty()) {
                    return List.of();   // let the caller complete them outside the lock
                }
                if (items.isEmpty()) {
                    if (!open) {
                        return List.of();
                    }
                    changed.await();
                    continue;
                }
                T head = items.first();
                List<T> batch = select(head);
                long now = System.nanoTime();
                long deadline = head.enqueuedNanos + options.maxWait().toNanos();
                boolean full = batch.size() >= Math.min(options.maxSize(), head.maxBatch()) || !head.batchable();
                if (full || now >= deadline || lastBatch <= batch.size() || !open) {
                    batch.forEach(items::remove);
                    lastBatch = batch.size();
                    return batch;
                }
                changed.awaitNanos(deadline - now);
            }
        } finally {
            lock.unlock();
        }
    }

    private List<T> select(T head) {
        List<T> batch = new ArrayList<>();
        batch.add(head);
        if (!head.batchable()) {
            return batch;
        }
        int min = head.length();
        int max = head.length();
        int most = Math.min(options.maxSize(), head.maxBatch());
        Iterator<T> it = items.iterator();
        it.next();
        while (it.hasNext() && batch.size() < most) {
            T c = it.next();
            if (!c.key().equals(head.key()) || c.cancelled()) {
                continue;
            }
            int lo = Math.min(min, c.length());
            int hi = Math.max(max, c.length());
            if (hi > lo * options.maxLengthRatio() || (long) hi * (batch.size() + 1) > options.maxPaddedLength()) {
                continue;
            }
            batch.add(c);
            min = lo;
            max = hi;
        }
        return batch;
    }

    /** Stops accepting items; workers drain what is there and then see an empty batch. */
    void close() {
        lock.lock();
        try {
            open = false;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
