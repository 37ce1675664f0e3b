package dev.luna.tts.text.userdict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.luna.tts.text.G2pResult;
import dev.luna.tts.text.Sbv2TextFrontend;
import dev.luna.tts.text.jtalk.OpenJTalk;
import dev.luna.tts.text.jtalk.dictionary.TestDictionaries;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Per-request words on one shared frontend from several threads while the global dictionary changes: each
 * request sees exactly its own words on top of one global snapshot, never another request's words, and all
 * pieces of a request see the same global snapshot.
 */
class RequestWordsConcurrencyTest {

    static final String TEXT = "月光の下で東京へ。";
    static final List<String> READINGS = List.of("ツキヒカリ", "ルナアイ", "ミカヅキ", "カグヤ");

    @TempDir
    Path dir;

    @Test
    void requestWordsDoNotLeak() throws Exception {
        UserDictStore store = new UserDictStore(dir);
        Sbv2TextFrontend frontend = new Sbv2TextFrontend(new OpenJTalk(TestDictionaries.naistJdic()), store::current);
        UserDictWord tokyo = UserDictWord.create("東京", "トウケイ", 0, WordType.PROPER_NOUN, 10);

        // what each client must get, computed alone: client i < 4 has its own reading of 月光, client 4 none
        int clients = READINGS.size() + 1;
        List<List<UserDictWord>> words = new ArrayList<>();
        List<Set<G2pResult>> allowed = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            List<UserDictWord> mine = i < READINGS.size()
                    ? List.of(UserDictWord.create("月光", READINGS.get(i), 1, WordType.COMMON_NOUN, 10)) : List.of();
            words.add(mine);
            G2pResult plain = frontend.g2p(TEXT, UserWords.of(UserDictionary.EMPTY, mine));
            String id = store.add(tokyo);
            G2pResult withGlobal = frontend.g2p(TEXT, frontend.userWords(mine));
            store.delete(id);
            assertNotEquals(plain, withGlobal);
            allowed.add(Set.of(plain, withGlobal));
        }
        assertEquals(clients, allowed.stream().distinct().count(), "every client's result is different");

        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(clients + 1);
        try {
            Future<Integer> writer = pool.submit(() -> {
                start.await();
                int changes = 0;
                while (!stop.get()) {
                    String id = store.add(tokyo);
                    store.delete(id);
                    changes += 2;
                }
                return changes;
            });
            List<Future<Integer>> readers = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                int client = i;
                readers.add(pool.submit(() -> {
                    start.await();
                    for (int n = 0; n < 300; n++) {
                        UserWords request = frontend.userWords(words.get(client)); // once per request
                        G2pResult first = frontend.g2p(TEXT, request);
                        G2pResult second = frontend.g2p(TEXT, request); // a second piece of the same request
                        assertTrue(allowed.get(client).contains(first), "client " + client + " got " + first.phones());
                        assertEquals(first, second, "one request, one global snapshot");
                    }
                    return client;
                }));
            }
            start.countDown();
            for (Future<Integer> r : readers) {
                r.get(120, TimeUnit.SECONDS);
            }
            stop.set(true);
            assertTrue(writer.get(30, TimeUnit.SECONDS) > 0);
        } finally {
            stop.set(true);
            pool.shutdownNow();
        }
    }
}
