package dev.luna.tts.engine;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TextSplitterTest {

    @Test
    void splitsOnNewlinesLikeAutoSplit() {
        assertEquals(List.of(new TextSplitter.Part("一行目", true), new TextSplitter.Part("二行目", true)),
                TextSplitter.split("一行目\n\n  \r\n二行目\n", true, 60));
        assertEquals(List.of(new TextSplitter.Part("一行目\n二行目", true)), TextSplitter.split("一行目\n二行目", false, 60));
    }

    @Test
    void cutsLongLinesAfterSentencePunctuation() {
        String line = "あいうえおかきくけこ。さしすせそたちつてと！？なにぬねの";
        List<TextSplitter.Part> parts = TextSplitter.split(line, true, 20);
        assertEquals(List.of(new TextSplitter.Part("あいうえおかきくけこ。", true),
                new TextSplitter.Part("さしすせそたちつてと！？", false),
                new TextSplitter.Part("なにぬねの", false)), parts);
        assertEquals(line, String.join("", parts.stream().map(TextSplitter.Part::text).toList()));
    }

    @Test
    void shortLinesStayWhole() {
        assertEquals(1, TextSplitter.split("短い。文。", true, 20).size());
    }
}
