package dev.stagefarm.cli.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SseReaderTest {

    static List<SseMessage> read(String text) throws IOException {
        SseReader reader = new SseReader(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
        List<SseMessage> messages = new ArrayList<>();
        SseMessage m;
        while ((m = reader.next()) != null) {
            messages.add(m);
        }
        return messages;
    }

    @Test
    void readsDataWithAndWithoutSpaceAfterTheColon() throws IOException {
        assertThat(read("data:{\"a\":1}\n\ndata: {\"b\":2}\n\n")).extracting(SseMessage::data)
                .containsExactly("{\"a\":1}", "{\"b\":2}");
    }

    @Test
    void joinsMultipleDataLinesWithNewlines() throws IOException {
        assertThat(read("data: one\ndata: two\n\n")).containsExactly(new SseMessage(null, "message", "one\ntwo"));
    }

    @Test
    void keepsIdAndEventFieldsAndSkipsComments() throws IOException {
        assertThat(read(": keep-alive\n\nid: 7\nevent: progress\nretry: 1000\ndata: x\n\n"))
                .containsExactly(new SseMessage("7", "progress", "x"));
    }

    @Test
    void acceptsCarriageReturnLineEnds() throws IOException {
        assertThat(read("data: a\r\n\r\ndata: b\r\n\r\n")).extracting(SseMessage::data).containsExactly("a", "b");
    }

    @Test
    void dropsAnEventCutOffBeforeItsBlankLine() throws IOException {
        assertThat(read("data: whole\n\ndata: {\"cut")).extracting(SseMessage::data).containsExactly("whole");
    }

    @Test
    void ignoresBlocksWithoutData() throws IOException {
        assertThat(read("id: 3\n\ndata: x\n\n")).containsExactly(new SseMessage(null, "message", "x"));
    }
}
