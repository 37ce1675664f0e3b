package dev.luna.tts.text.userdict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.luna.tts.text.Sbv2TextFrontend;
import dev.luna.tts.text.jtalk.OpenJTalk;
import dev.luna.tts.text.jtalk.dictionary.TestDictionaries;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The global dictionary: CRUD persisted as SBV2's user_dict.json, surviving a restart, applied without one. */
class UserDictStoreTest {

    @TempDir
    Path dir;

    static final UserDictWord RAMEN = UserDictWord.create("担々麺", "タンタンメン", 3, WordType.PROPER_NOUN, 5);
    static final UserDictWord OSHI = UserDictWord.create("推し活", "オシカツ", 0, WordType.COMMON_NOUN, 7);
    static final UserDictWord GUGURU = UserDictWord.create("ググる", "ググル", 2, WordType.VERB, 10);

    @Test
    void crudPersistsAcrossARestart() throws IOException {
        Path home = dir.resolve("nested/user-dict"); // created on open
        UserDictStore store = new UserDictStore(home);
        assertTrue(store.current().isEmpty());
        assertFalse(Files.exists(store.file()), "nothing is written before the first change");

        String a = store.add(RAMEN);
        String b = store.add(OSHI);
        String c = store.add(GUGURU);
        store.update(b, UserDictWord.create("推し活", "オシカツ", 1, WordType.COMMON_NOUN, 3));
        store.delete(a);

        UserDictStore restarted = new UserDictStore(home);
        assertEquals(List.of(b, c), List.copyOf(restarted.current().words().keySet()));
        assertEquals(store.current().words(), restarted.current().words());
        assertEquals(3, restarted.current().words().get(b).priority());
        assertEquals(1, restarted.current().words().get(b).accentType());
        String file = Files.readString(store.file(), StandardCharsets.UTF_8);
        assertEquals(UserDictJson.write(restarted.current().words()), file);
        assertTrue(file.contains("\"cost\": 7362"), file); // SBV2 stores the cost of priority 3
        try (Stream<Path> files = Files.list(home)) {
            assertEquals(List.of(UserDictStore.FILE_NAME), files.map(p -> p.getFileName().toString()).toList());
        }
    }

    @Test
    void reloadPicksUpAnotherWritersFile() {
        UserDictStore first = new UserDictStore(dir);
        UserDictStore second = new UserDictStore(dir);
        String id = first.add(RAMEN);
        assertTrue(second.current().isEmpty());
        second.reload();
        assertEquals(List.of(id), List.copyOf(second.current().words().keySet()));
    }

    @Test
    void unknownIdsAreNotFound() {
        UserDictStore store = new UserDictStore(dir);
        String id = store.add(RAMEN);
        WordNotFoundException e = assertThrows(WordNotFoundException.class,
                () -> store.update("0b4e9a53-6b0c-4ec2-9b4c-0d6cfa0f6e4a", OSHI));
        assertEquals("word_uuid", e.field());
        assertThrows(WordNotFoundException.class, () -> store.delete("not-a-uuid"));
        store.update(id.toUpperCase(), OSHI); // UUIDs are compared as UUIDs
        assertEquals(OSHI, store.current().words().get(id));
    }

    @Test
    void importKeepsOrOverridesAsSbv2() {
        UserDictStore store = new UserDictStore(dir);
        String a = store.add(RAMEN);
        String b = store.add(OSHI);
        String n = "11111111-2222-3333-4444-555555555555";
        Map<String, UserDictWord> imported = new LinkedHashMap<>();
        imported.put(n, GUGURU);
        imported.put(b, RAMEN);

        store.importWords(imported, false); // {**new, **old}: order new then old, old values win
        assertEquals(List.of(n, b, a), List.copyOf(store.current().words().keySet()));
        assertEquals(OSHI, store.current().words().get(b));

        store.importWords(imported, true); // {**old, **new}: order kept, new values win
        assertEquals(List.of(n, b, a), List.copyOf(store.current().words().keySet()));
        assertEquals(RAMEN, store.current().words().get(b));
        assertEquals(store.current().words(), new UserDictStore(dir).current().words());
    }

    @Test
    void snapshotsDoNotChange() {
        UserDictStore store = new UserDictStore(dir);
        UserDictionary before = store.current();
        store.add(RAMEN);
        UserDictionary after = store.current();
        assertSame(UserDictionary.EMPTY, before);
        assertTrue(before.isEmpty());
        assertEquals(1, after.words().size());
        store.add(OSHI);
        assertEquals(1, after.words().size());
        assertThrows(UnsupportedOperationException.class, () -> after.words().clear());
    }

    @Test
    void aBrokenFileIsReportedWithItsPath() throws IOException {
        Files.writeString(dir.resolve(UserDictStore.FILE_NAME), "{\"x\": {}}");
        UserDictException e = assertThrows(UserDictException.class, () -> new UserDictStore(dir));
        assertEquals("word_uuid", e.field());
        assertTrue(e.getMessage().contains(dir.resolve(UserDictStore.FILE_NAME).toString()), e.getMessage());
    }

    @Test
    void aFailedWriteChangesNothing() throws IOException {
        UserDictStore store = new UserDictStore(dir);
        store.add(RAMEN);
        UserDictionary before = store.current();
        String file = Files.readString(store.file());
        // the rename target is a non-empty directory now: the move fails
        Files.delete(store.file());
        Files.createDirectories(store.file().resolve("blocker"));
        assertThrows(java.io.UncheckedIOException.class, () -> store.add(OSHI));
        assertSame(before, store.current());
        Files.delete(store.file().resolve("blocker"));
        Files.delete(store.file());
        Files.writeString(store.file(), file);
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file left behind");
        }
    }

    @Test
    void changesApplyWithoutARestart() {
        UserDictStore store = new UserDictStore(dir);
        Sbv2TextFrontend frontend = new Sbv2TextFrontend(new OpenJTalk(TestDictionaries.naistJdic()), store::current);
        List<String> plain = frontend.g2p("東京に行く。").phones();
        assertEquals(List.of("_", "t", "o", "o", "ky", "o", "o", "n", "i", "i", "k", "u", ".", "_"), plain);

        String id = store.add(UserDictWord.create("東京", "トウケイ", 0, WordType.PROPER_NOUN, 10));
        assertEquals(List.of("_", "t", "o", "u", "k", "e", "i", "n", "i", "i", "k", "u", ".", "_"),
                frontend.g2p("東京に行く。").phones());
        UserWords inFlight = frontend.userWords(List.of()); // a request that started now
        store.delete(id);
        assertEquals(plain, frontend.g2p("東京に行く。").phones());
        assertNotEquals(plain, frontend.g2p("東京に行く。", inFlight).phones(), "a request keeps its snapshot");
    }
}
