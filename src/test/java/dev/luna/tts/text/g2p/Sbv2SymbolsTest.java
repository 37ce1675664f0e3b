package dev.luna.tts.text.g2p;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class Sbv2SymbolsTest {

    @Test
    void tableSizeAndKeyIds() {
        assertEquals(112, Sbv2Symbols.symbols().size());
        String[] names = {"_", "AA", "N", "a", "b", "ch", "e", "i", "k", "n", "o", "q", "w", "zy",
                "!", "?", "…", ",", ".", "'", "-", "SP", "UNK"};
        int[] ids = {0, 1, 5, 8, 19, 22, 26, 40, 57, 62, 65, 73, 97, 102,
                103, 104, 105, 106, 107, 108, 109, 110, 111};
        for (int k = 0; k < names.length; k++) {
            assertEquals(ids[k], Sbv2Symbols.id(names[k]), names[k]);
        }
        assertEquals(-1, Sbv2Symbols.id("ー"));
    }

    @Test
    void moraTableHasSbv2sEntries() {
        // 144 in the minimum list (デェ removed) + 18 additional
        assertEquals(162, MoraTable.size());
        assertEquals(" N", MoraTable.spaced("ン"));
        assertEquals(" q", MoraTable.spaced("ッ"));
        assertEquals(" by o", MoraTable.spaced("ヴョ"));
        assertEquals(null, MoraTable.spaced("デェ"));
    }
}
